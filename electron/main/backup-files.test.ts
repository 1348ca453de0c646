import nodePath from 'node:path';
import { mkdtemp, readdir, writeFile, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import {
  BACKUPS_KEPT,
  backupDate,
  backupFileName,
  isBackupFileName,
  listBackupFiles,
  readBackupFile,
  rotateBackups,
  writeBackupFile,
} from './backup-files';
import { createBackupService } from './backups';
import type { ShellConfig, ShellConfigStore } from './shell-config';

const folder = () => mkdtemp(nodePath.join(tmpdir(), 'guichet-usb-'));
const clock = (start = Date.UTC(2025, 2, 12, 9, 30)) => {
  let t = start;
  return () => new Date((t += 24 * 3600 * 1000));
};

describe('backup file names', () => {
  it('sorts by date and reads the date back', () => {
    const name = backupFileName(new Date('2025-03-12T09:30:00.123Z'));
    expect(name).toBe('guichet-sauvegarde-2025-03-12T09-30-00-123Z.guichet-backup');
    expect(isBackupFileName(name)).toBe(true);
    expect(backupDate(name)?.toISOString()).toBe('2025-03-12T09:30:00.123Z');
  });
  it('recognises nothing else', () => {
    for (const name of [
      'notes.txt',
      '../guichet-sauvegarde-2025-03-12T09-30-00-123Z.guichet-backup',
      'guichet-sauvegarde-2025-03-12T09-30-00-123Z.guichet-backup/x',
      'a/guichet-sauvegarde-2025-03-12T09-30-00-123Z.guichet-backup',
      '',
    ]) {
      expect(isBackupFileName(name)).toBe(false);
    }
  });
});

describe('writing and rotating backups', () => {
  it(`keeps the last ${BACKUPS_KEPT} and never touches the other files of the key`, async () => {
    const dir = await folder();
    await writeFile(nodePath.join(dir, 'Photos du village.zip'), 'not ours');
    await writeFile(nodePath.join(dir, 'guichet-sauvegarde-notes.txt'), 'not ours either');
    const now = clock();
    const names: string[] = [];
    for (let i = 0; i < 14; i++) names.push((await writeBackupFile(dir, new Uint8Array([i, 1, 2]), { now })).name);
    const left = (await readdir(dir)).sort();
    expect(left).toContain('Photos du village.zip');
    expect(left).toContain('guichet-sauvegarde-notes.txt');
    const backups = left.filter(isBackupFileName);
    expect(backups).toEqual(names.slice(-BACKUPS_KEPT).sort());
    const listed = await listBackupFiles(dir);
    expect(listed.map((b) => b.name)).toEqual(names.slice(-BACKUPS_KEPT).reverse()); // newest first
    expect(listed[0]).toMatchObject({ size: 3 });
  });

  it('reports what it removed', async () => {
    const dir = await folder();
    const now = clock();
    for (let i = 0; i < 3; i++) await writeBackupFile(dir, new Uint8Array([i]), { now, keep: 2 });
    const last = await writeBackupFile(dir, new Uint8Array([9]), { now, keep: 2 });
    expect(last.removed).toHaveLength(1);
  });

  it('gives two backups in the same millisecond two names', async () => {
    const dir = await folder();
    const now = () => new Date('2025-03-12T09:30:00.000Z');
    const a = await writeBackupFile(dir, new Uint8Array([1]), { now });
    const b = await writeBackupFile(dir, new Uint8Array([2]), { now });
    expect(a.name).not.toBe(b.name);
    expect(await readBackupFile(dir, a.name)).toEqual(new Uint8Array([1]));
  });

  it('writes atomically: a failed write leaves no partial backup', async () => {
    const dir = await folder();
    const real = await import('node:fs');
    const fs = {
      ...real.promises,
      rename: vi.fn(async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }),
    };
    await expect(writeBackupFile(dir, new Uint8Array(1000), { fs: fs as never })).rejects.toThrow('ENOSPC');
    expect(await readdir(dir)).toEqual([]);
  });

  it('cleans the leftovers of an interrupted write, but not a write in progress', async () => {
    const dir = await folder();
    const old = '.guichet-sauvegarde-2025-03-01T00-00-00-000Z.guichet-backup.0123456789ab.tmp';
    const fresh = '.guichet-sauvegarde-2025-03-02T00-00-00-000Z.guichet-backup.ba9876543210.tmp';
    await writeFile(nodePath.join(dir, old), 'partial');
    await writeFile(nodePath.join(dir, fresh), 'partial');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    await utimes(nodePath.join(dir, old), twoHoursAgo, twoHoursAgo);
    await rotateBackups(dir);
    expect(await readdir(dir)).toEqual([fresh]);
  });

  it('reads only its own files, by name, never a path', async () => {
    const dir = await folder();
    await writeFile(nodePath.join(dir, 'secret.txt'), 'x');
    expect(await readBackupFile(dir, 'secret.txt')).toBeNull();
    expect(await readBackupFile(dir, '../secret.txt')).toBeNull();
    expect(await readBackupFile(dir, 'guichet-sauvegarde-2025-03-12T09-30-00-123Z.guichet-backup')).toBeNull();
  });
});

describe('the backup service', () => {
  function memoryConfig(initial: Partial<ShellConfig> = {}): ShellConfigStore {
    let config: ShellConfig = { syncServerUrl: null, backupFolder: null, language: 'fr', ...initial };
    return { get: () => ({ ...config }), update: async (p) => (config = { ...config, ...p }) };
  }

  it('says when no folder is chosen, and when the key is not plugged in', async () => {
    const none = createBackupService({ config: memoryConfig(), showOpenDialog: vi.fn() });
    expect(await none.run({ bytes: new Uint8Array([1]) })).toEqual({ status: 'no-folder' });
    const unplugged = createBackupService({ config: memoryConfig({ backupFolder: '/media/secretaire/CLE-USB' }), showOpenDialog: vi.fn() });
    expect(await unplugged.run({ bytes: new Uint8Array([1]) })).toEqual({
      status: 'folder-unavailable',
      folder: '/media/secretaire/CLE-USB',
    });
    expect(await unplugged.list()).toEqual({ supported: true, folder: '/media/secretaire/CLE-USB', folderAvailable: false, backups: [] });
  });

  it('remembers the chosen folder, writes, lists and reads back', async () => {
    const dir = await folder();
    const config = memoryConfig();
    const service = createBackupService({ config, showOpenDialog: async () => ({ canceled: false, filePaths: [dir] }), now: clock() });
    expect(await service.chooseFolder()).toEqual({ status: 'chosen', folder: dir });
    expect(config.get().backupFolder).toBe(dir);
    const written = await service.run({ bytes: new Uint8Array([7, 7, 7]) });
    expect(written).toMatchObject({ status: 'written', folder: dir, size: 3, removed: [] });
    const listing = await service.list();
    expect(listing.backups).toHaveLength(1);
    const read = await service.read(listing.backups[0]!.name);
    expect(read).toEqual({ status: 'ok', name: listing.backups[0]!.name, bytes: new Uint8Array([7, 7, 7]) });
  });

  it('keeps the folder when the dialog is cancelled', async () => {
    const config = memoryConfig({ backupFolder: '/media/cle' });
    const service = createBackupService({ config, showOpenDialog: async () => ({ canceled: true, filePaths: [] }) });
    expect(await service.chooseFolder()).toEqual({ status: 'cancelled' });
    expect(config.get().backupFolder).toBe('/media/cle');
  });

  it('opens a backup file anywhere for a restore on a new machine', async () => {
    const dir = await folder();
    const file = nodePath.join(dir, 'sauvegarde-de-la-mairie.guichet-backup');
    await writeFile(file, Buffer.from([1, 2, 3]));
    const service = createBackupService({ config: memoryConfig(), showOpenDialog: async () => ({ canceled: false, filePaths: [file] }) });
    expect(await service.openFile()).toEqual({
      status: 'ok',
      name: 'sauvegarde-de-la-mairie.guichet-backup',
      bytes: new Uint8Array([1, 2, 3]),
    });
  });
});
