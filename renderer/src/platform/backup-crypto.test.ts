import { describe, expect, it } from 'vitest';
import {
  BackupError,
  backupFileName,
  decryptBackup,
  decryptBackupJson,
  encryptBackup,
  encryptBackupJson,
  readBackupHeader,
} from './backup-crypto';

const FAST = { iterations: 10_000 }; // the format's floor: fast tests, same code path
const PASS = 'Mairie de Saint-Éloi 1789';
const bundle = {
  version: 1,
  requests: [{ id: 'r1', subject: 'Demande d’acte de naissance — Müller', citizenName: 'Élodie Lefèvre' }],
  attachments: [{ sha256: 'ab'.repeat(32), data: btoa('%PDF-1.7 scanned') }],
};

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    expect(error).toBeInstanceOf(BackupError);
    return (error as BackupError).code;
  }
}

describe('backup encryption', () => {
  it('round-trips a bundle, accents and all', async () => {
    const file = await encryptBackupJson(bundle, PASS, { ...FAST, appVersion: '0.1.0', createdAt: new Date('2025-03-12T09:30:00Z') });
    const { header, bundle: back } = await decryptBackupJson(file, PASS);
    expect(back).toEqual(bundle);
    expect(header).toMatchObject({ app: 'guichet', appVersion: '0.1.0', createdAt: '2025-03-12T09:30:00.000Z', compression: 'gzip' });
    expect(header.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 10_000 });
  });

  it('keeps no personal data in clear', async () => {
    const file = await encryptBackupJson(bundle, PASS, { ...FAST, compress: false });
    const text = new TextDecoder('latin1').decode(file);
    // Values of five letters or more: a shorter one ('r1', an id) turns up by chance in random bytes now and then.
    for (const secret of ['Lefèvre', 'naissance', 'Müller', 'scanned']) expect(text).not.toContain(secret);
    expect(JSON.stringify(readBackupHeader(file))).not.toMatch(/Lef|naissance/);
  });

  it('uses a fresh salt and IV each time', async () => {
    const a = readBackupHeader(await encryptBackupJson(bundle, PASS, FAST));
    const b = readBackupHeader(await encryptBackupJson(bundle, PASS, FAST));
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.cipher.iv).not.toBe(b.cipher.iv);
  });

  it('tells a wrong passphrase apart from a damaged file', async () => {
    const file = await encryptBackupJson(bundle, PASS, FAST);
    expect(await code(decryptBackup(file, 'mauvaise phrase de passe'))).toBe('wrong-passphrase');
    const damaged = file.slice();
    damaged[damaged.length - 40]! ^= 0xff;
    expect(await code(decryptBackup(damaged, PASS))).toBe('corrupt');
    const truncated = file.slice(0, file.length - 10);
    expect(await code(decryptBackup(truncated, PASS))).toBe('corrupt');
  });

  it('refuses an altered header (it is authenticated)', async () => {
    const file = await encryptBackupJson(bundle, PASS, { ...FAST, createdAt: new Date('2025-03-12T09:30:00Z') });
    const text = new TextDecoder('latin1').decode(file);
    const at = text.indexOf('2025-03-12');
    const altered = file.slice();
    altered[at + 3] = '4'.charCodeAt(0); // 2024
    expect(await code(decryptBackup(altered, PASS))).toBe('corrupt');
  });

  it('refuses what is not a backup, and a newer format', async () => {
    expect(await code(decryptBackup(new TextEncoder().encode('%PDF-1.7 not a backup at all, long enough to be read'), PASS))).toBe(
      'not-a-backup',
    );
    expect(await code(decryptBackup(new Uint8Array(3), PASS))).toBe('not-a-backup');
    const file = await encryptBackupJson(bundle, PASS, FAST);
    const newer = file.slice();
    newer[8] = 2;
    expect(await code(decryptBackup(newer, PASS))).toBe('unsupported-version');
  });

  it('refuses a crafted header that would hang the app', async () => {
    const file = await encryptBackupJson(bundle, PASS, FAST);
    const text = new TextDecoder('latin1').decode(file);
    const at = text.indexOf('"iterations":10000');
    const crafted = file.slice();
    crafted.set(new TextEncoder().encode('"iterations":99999'), at); // same length, still below the cap
    expect(await code(decryptBackup(crafted, PASS))).not.toBe('no error');
    const huge = file.slice();
    huge.set(new TextEncoder().encode('"iterations":1e+99'), at);
    expect(await code(decryptBackup(huge, PASS))).toBe('corrupt');
  });

  it('asks for a passphrase of 8 characters at least', async () => {
    expect(await code(encryptBackup(new Uint8Array([1]), 'court', FAST))).toBe('weak-passphrase');
  });

  it('explains each failure in French', () => {
    expect(new BackupError('wrong-passphrase').message).toBe("La phrase de passe n'est pas la bonne pour cette sauvegarde.");
    expect(new BackupError('corrupt').message).toMatch(/endommagée/);
  });

  it('names files like the desktop app does', () => {
    expect(backupFileName(new Date('2025-03-12T09:30:00.123Z'))).toBe('guichet-sauvegarde-2025-03-12T09-30-00-123Z.guichet-backup');
  });
});
