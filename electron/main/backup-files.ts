import nodePath from 'node:path';
import { promises as nodeFs } from 'node:fs';
import type { BackupEntry } from '../common/api';
import { atomicWriteFile, isAtomicTempName } from './atomic-write';

/**
 * Backup files in the folder the secretary chose (often a USB key). The
 * renderer builds and encrypts the file; this module only writes, lists,
 * reads and rotates it. It never touches a file it did not name: the folder
 * may hold anything else the commune keeps on that key.
 */

export const BACKUP_EXTENSION = '.guichet-backup';
export const BACKUPS_KEPT = 10;
/** A backup is one encrypted file; more than this is a bug, not a commune. */
export const MAX_BACKUP_BYTES = 4 * 1024 * 1024 * 1024 - 1;

const NAME_PATTERN = /^guichet-sauvegarde-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.guichet-backup$/;
const STALE_TEMP_MS = 60 * 60 * 1000;
const TEMP_PATTERN = /^\.guichet-sauvegarde-.*\.tmp$/;

/** guichet-sauvegarde-2025-03-12T09-30-00-000Z.guichet-backup: UTC, so that names sort by date. */
export function backupFileName(date: Date): string {
  const iso = date.toISOString(); // 2025-03-12T09:30:00.000Z
  return `guichet-sauvegarde-${iso.replace(/:/g, '-').replace('.', '-')}${BACKUP_EXTENSION}`;
}

export function isBackupFileName(name: unknown): name is string {
  return typeof name === 'string' && NAME_PATTERN.test(name);
}

export function backupDate(name: string): Date | null {
  const m = NAME_PATTERN.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

type Fs = Pick<typeof nodeFs, 'readdir' | 'stat' | 'readFile' | 'rm' | 'open' | 'rename'>;

export interface BackupFolderOptions {
  fs?: Fs;
  keep?: number;
  now?: () => Date;
}

export async function isUsableFolder(folder: string, fs: Pick<typeof nodeFs, 'stat'> = nodeFs): Promise<boolean> {
  try {
    return (await fs.stat(folder)).isDirectory();
  } catch {
    return false;
  }
}

export async function listBackupFiles(folder: string, options: BackupFolderOptions = {}): Promise<BackupEntry[]> {
  const fs = options.fs ?? nodeFs;
  const names = (await fs.readdir(folder)).filter(isBackupFileName).sort().reverse();
  const entries: BackupEntry[] = [];
  for (const name of names) {
    try {
      const info = await fs.stat(nodePath.join(folder, name));
      if (!info.isFile()) continue;
      entries.push({ name, size: info.size, createdAt: backupDate(name)!.toISOString() });
    } catch {
      // removed meanwhile
    }
  }
  return entries;
}

export interface WrittenBackup {
  name: string;
  path: string;
  size: number;
  removed: string[];
}

export async function writeBackupFile(folder: string, bytes: Uint8Array, options: BackupFolderOptions = {}): Promise<WrittenBackup> {
  const fs = options.fs ?? nodeFs;
  const now = options.now ?? (() => new Date());
  let date = now();
  let name = backupFileName(date);
  // Two backups in the same millisecond: move the later one on.
  while (await exists(fs, nodePath.join(folder, name))) {
    date = new Date(date.getTime() + 1);
    name = backupFileName(date);
  }
  const target = nodePath.join(folder, name);
  await atomicWriteFile(target, bytes, { fs, mode: 0o600 });
  const removed = await rotateBackups(folder, { ...options, fs });
  return { name, path: target, size: bytes.byteLength, removed };
}

/** Keeps the newest `keep` backups; removes older ones and leftovers of interrupted writes. */
export async function rotateBackups(folder: string, options: BackupFolderOptions = {}): Promise<string[]> {
  const fs = options.fs ?? nodeFs;
  const keep = Math.max(1, options.keep ?? BACKUPS_KEPT);
  const all = await fs.readdir(folder);
  const removed: string[] = [];
  const now = (options.now ?? (() => new Date()))().getTime();
  for (const temp of all.filter((n) => TEMP_PATTERN.test(n) && isAtomicTempName(n))) {
    // Only leftovers of a write that died: a write in progress is younger than this.
    try {
      const info = await fs.stat(nodePath.join(folder, temp));
      if (now - info.mtimeMs > STALE_TEMP_MS) await fs.rm(nodePath.join(folder, temp), { force: true });
    } catch {
      // gone already
    }
  }
  const backups = all.filter(isBackupFileName).sort().reverse();
  for (const old of backups.slice(keep)) {
    await fs.rm(nodePath.join(folder, old), { force: true });
    removed.push(old);
  }
  return removed;
}

export async function readBackupFile(folder: string, name: string, options: BackupFolderOptions = {}): Promise<Uint8Array | null> {
  if (!isBackupFileName(name)) return null; // never a path, never another file of the folder
  const fs = options.fs ?? nodeFs;
  try {
    return new Uint8Array(await fs.readFile(nodePath.join(folder, name)));
  } catch {
    return null;
  }
}

async function exists(fs: Pick<typeof nodeFs, 'stat'>, file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}
