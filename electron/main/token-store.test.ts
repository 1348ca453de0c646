import nodePath from 'node:path';
import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { createSecretStore, keychainStatus, type SafeStorageLike } from './token-store';

const TOKEN = 'gt_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

/** A keychain double: "encrypts" with a key the test does not write anywhere. */
function fakeSafeStorage(backend: string, available = true): SafeStorageLike & { encryptString: ReturnType<typeof vi.fn> } {
  const key = 0x5a;
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: vi.fn((s: string) => Buffer.concat([Buffer.from('v10'), Buffer.from(s, 'utf8').map((b) => b ^ key)])),
    decryptString: (b: Buffer) => {
      if (b.subarray(0, 3).toString() !== 'v10') throw new Error('bad');
      return Buffer.from(b.subarray(3).map((x) => x ^ key)).toString('utf8');
    },
  };
}

async function everyFileUnder(dir: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(await readFile(nodePath.join(entry.parentPath, entry.name)));
  }
  return out;
}

function containsPlain(buffer: Buffer, secret: string): boolean {
  return (
    buffer.includes(Buffer.from(secret, 'utf8')) ||
    buffer.includes(Buffer.from(secret, 'utf16le')) ||
    buffer.includes(Buffer.from(Buffer.from(secret).toString('base64'))) ||
    buffer.includes(Buffer.from(Buffer.from(secret).toString('hex')))
  );
}

describe('keychain status', () => {
  it('reads the Linux backend', () => {
    expect(keychainStatus(fakeSafeStorage('gnome_libsecret'), 'linux')).toBe('os-keychain');
    expect(keychainStatus(fakeSafeStorage('kwallet6'), 'linux')).toBe('os-keychain');
    expect(keychainStatus(fakeSafeStorage('basic_text'), 'linux')).toBe('basic-text');
    expect(keychainStatus(fakeSafeStorage('unknown'), 'linux')).toBe('unavailable');
    expect(keychainStatus(fakeSafeStorage('gnome_libsecret', false), 'linux')).toBe('unavailable');
  });
  it('trusts DPAPI and the macOS Keychain when encryption is available', () => {
    expect(keychainStatus(fakeSafeStorage('unknown'), 'win32')).toBe('os-keychain');
    expect(keychainStatus(fakeSafeStorage('unknown', false), 'win32')).toBe('unavailable');
    expect(keychainStatus(fakeSafeStorage('unknown'), 'darwin')).toBe('os-keychain');
  });
});

describe('device token (quality.md, security 10)', () => {
  it('stores it encrypted with the keychain, never in plain text, and reads it back', async () => {
    const userData = await mkdtemp(nodePath.join(tmpdir(), 'guichet-secrets-'));
    const store = createSecretStore({
      safeStorage: fakeSafeStorage('gnome_libsecret'),
      platform: 'linux',
      dir: nodePath.join(userData, 'secrets'),
    });
    expect(await store.store('device-token', TOKEN)).toEqual({ storage: 'os-keychain', keychain: 'os-keychain' });
    const files = await everyFileUnder(userData);
    expect(files.length).toBe(1);
    for (const file of files) expect(containsPlain(file, TOKEN)).toBe(false);
    // A fresh store (the next start) reads it from disk.
    const next = createSecretStore({
      safeStorage: fakeSafeStorage('gnome_libsecret'),
      platform: 'linux',
      dir: nodePath.join(userData, 'secrets'),
    });
    expect(await next.read('device-token')).toBe(TOKEN);
    await next.clear('device-token');
    expect(await next.read('device-token')).toBeNull();
    expect(await everyFileUnder(userData)).toEqual([]);
  });

  it.each([
    ['basic_text', 'linux', 'basic-text'],
    ['unknown', 'linux', 'unavailable'],
  ] as const)('with the %s backend, writes nothing and keeps the token for this session only', async (backend, platform, keychain) => {
    const userData = await mkdtemp(nodePath.join(tmpdir(), 'guichet-secrets-'));
    const safeStorage = fakeSafeStorage(backend);
    const store = createSecretStore({ safeStorage, platform, dir: nodePath.join(userData, 'secrets') });
    expect(await store.store('device-token', TOKEN)).toEqual({ storage: 'session-only', keychain });
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(await everyFileUnder(userData)).toEqual([]);
    expect(await store.read('device-token')).toBe(TOKEN); // until the app quits
    const nextRun = createSecretStore({ safeStorage, platform, dir: nodePath.join(userData, 'secrets') });
    expect(await nextRun.read('device-token')).toBeNull();
    expect(store.status()).toBe(keychain);
  });

  it('on Windows without DPAPI, refuses too', async () => {
    const userData = await mkdtemp(nodePath.join(tmpdir(), 'guichet-secrets-'));
    const store = createSecretStore({ safeStorage: fakeSafeStorage('unknown', false), platform: 'win32', dir: userData });
    expect((await store.store('device-token', TOKEN)).storage).toBe('session-only');
    expect(await everyFileUnder(userData)).toEqual([]);
  });

  it('refuses an "encryption" that leaves the token readable', async () => {
    const userData = await mkdtemp(nodePath.join(tmpdir(), 'guichet-secrets-'));
    const identity: SafeStorageLike = {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s) => Buffer.concat([Buffer.from('v11'), Buffer.from(s)]),
      decryptString: (b) => b.subarray(3).toString(),
    };
    const store = createSecretStore({ safeStorage: identity, platform: 'linux', dir: userData });
    expect((await store.store('device-token', TOKEN)).storage).toBe('session-only');
    expect(await everyFileUnder(userData)).toEqual([]);
  });

  it('removes an older copy when the keychain has gone away, and does not read it', async () => {
    const userData = await mkdtemp(nodePath.join(tmpdir(), 'guichet-secrets-'));
    const dir = nodePath.join(userData, 'secrets');
    await createSecretStore({ safeStorage: fakeSafeStorage('kwallet5'), platform: 'linux', dir }).store('device-token', TOKEN);
    const degraded = createSecretStore({ safeStorage: fakeSafeStorage('basic_text'), platform: 'linux', dir });
    expect(await degraded.read('device-token')).toBeNull();
    await degraded.store('device-token', 'new-token');
    expect(await everyFileUnder(userData)).toEqual([]);
  });

  it('answers null for a file another keychain encrypted', async () => {
    const dir = await mkdtemp(nodePath.join(tmpdir(), 'guichet-secrets-'));
    await mkdir(dir, { recursive: true });
    await writeFile(nodePath.join(dir, 'device-token.bin'), Buffer.from('garbage'));
    const store = createSecretStore({ safeStorage: fakeSafeStorage('gnome_libsecret'), platform: 'linux', dir });
    expect(await store.read('device-token')).toBeNull();
  });

  it('keeps the token and the backup passphrase apart, and knows no other secret', async () => {
    const dir = await mkdtemp(nodePath.join(tmpdir(), 'guichet-secrets-'));
    const store = createSecretStore({ safeStorage: fakeSafeStorage('gnome_libsecret'), platform: 'linux', dir });
    await store.store('device-token', TOKEN);
    await store.store('backup-passphrase', 'une phrase de passe assez longue');
    expect(await store.read('device-token')).toBe(TOKEN);
    expect(await store.read('backup-passphrase')).toBe('une phrase de passe assez longue');
    await expect(store.store('../../evil' as never, 'x')).rejects.toThrow();
  });
});
