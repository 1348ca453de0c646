import nodePath from 'node:path';
import { promises as nodeFs } from 'node:fs';
import type { KeychainStatus, StoreSecretResult } from '../common/api';
import { atomicWriteFile } from './atomic-write';

/**
 * Secrets of this device (the sync token, the backup passphrase) in the OS
 * keychain through Electron's safeStorage (quality.md, security 10):
 * - encrypted with the keychain's key, written to <userData>/secrets/<name>.bin;
 * - never in plain text: where safeStorage would only obfuscate (Linux with no
 *   keyring: the "basic_text" backend, a key hard-coded in Chromium) or cannot
 *   encrypt at all, nothing is written and the secret is kept in memory until
 *   the app quits; keychainStatus() says so, and Réglages tells the secretary.
 */

export type SecretName = 'device-token' | 'backup-passphrase';
const SECRET_NAMES: ReadonlySet<string> = new Set<SecretName>(['device-token', 'backup-passphrase']);

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only (Electron's safeStorage has it on every platform but answers meaningfully on Linux). */
  getSelectedStorageBackend?(): string;
}

export function keychainStatus(safeStorage: SafeStorageLike, platform: NodeJS.Platform): KeychainStatus {
  let available = false;
  try {
    available = safeStorage.isEncryptionAvailable();
  } catch {
    available = false;
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text') return 'basic-text';
    if (backend === 'unknown' || !available) return 'unavailable';
    return 'os-keychain'; // gnome_libsecret, kwallet, kwallet5, kwallet6
  }
  return available ? 'os-keychain' : 'unavailable';
}

export interface SecretStoreOptions {
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  /** <userData>/secrets */
  dir: string;
  fs?: Pick<typeof nodeFs, 'readFile' | 'rm' | 'mkdir' | 'writeFile' | 'rename' | 'open'>;
}

export interface SecretStore {
  status(): KeychainStatus;
  store(name: SecretName, value: string): Promise<StoreSecretResult>;
  read(name: SecretName): Promise<string | null>;
  clear(name: SecretName): Promise<void>;
}

export function createSecretStore(options: SecretStoreOptions): SecretStore {
  const fs = options.fs ?? nodeFs;
  const memory = new Map<SecretName, string>();
  const fileOf = (name: SecretName) => {
    if (!SECRET_NAMES.has(name)) throw new Error(`unknown secret ${String(name)}`);
    return nodePath.join(options.dir, `${name}.bin`);
  };
  const status = () => keychainStatus(options.safeStorage, options.platform);

  return {
    status,
    async store(name, value) {
      const file = fileOf(name);
      const keychain = status();
      if (keychain !== 'os-keychain') {
        // Refuse to write: remove any older copy so a stale secret cannot linger.
        memory.set(name, value);
        await fs.rm(file, { force: true });
        return { storage: 'session-only', keychain };
      }
      const encrypted = options.safeStorage.encryptString(value);
      if (encrypted.includes(Buffer.from(value, 'utf8')) && value.length > 0) {
        // An "encryption" that leaves the value readable is plain text: refuse it.
        memory.set(name, value);
        return { storage: 'session-only', keychain: 'basic-text' };
      }
      await fs.mkdir(options.dir, { recursive: true, mode: 0o700 });
      await atomicWriteFile(file, encrypted, { fs, mode: 0o600 });
      memory.delete(name);
      return { storage: 'os-keychain', keychain };
    },
    async read(name) {
      const file = fileOf(name);
      if (memory.has(name)) return memory.get(name) ?? null;
      if (status() !== 'os-keychain') return null;
      let encrypted: Buffer;
      try {
        encrypted = await fs.readFile(file);
      } catch {
        return null;
      }
      try {
        return options.safeStorage.decryptString(encrypted);
      } catch {
        // Another user's or another machine's keychain: the secret is lost, not readable.
        return null;
      }
    },
    async clear(name) {
      memory.delete(name);
      await fs.rm(fileOf(name), { force: true });
    },
  };
}
