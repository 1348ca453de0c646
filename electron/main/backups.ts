import nodePath from 'node:path';
import { promises as nodeFs } from 'node:fs';
import type { OpenDialogOptions } from 'electron';
import type { BackupListing, BackupPayload, BackupResult, ChooseFolderResult, ReadBackupResult } from '../common/api';
import { BACKUP_EXTENSION, MAX_BACKUP_BYTES, isUsableFolder, listBackupFiles, readBackupFile, writeBackupFile } from './backup-files';
import type { ShellConfigStore } from './shell-config';

/** The backup operations of the API: the chosen folder (remembered), the dialogs, the files. */
export interface BackupServiceOptions {
  config: ShellConfigStore;
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  fs?: Pick<typeof nodeFs, 'readdir' | 'stat' | 'readFile' | 'rm' | 'open' | 'rename'>;
  keep?: number;
  now?: () => Date;
}

const message = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : 'error');

export function createBackupService(options: BackupServiceOptions) {
  const fs = options.fs ?? nodeFs;
  const en = () => options.config.get().language === 'en';
  const fileOptions = { fs, keep: options.keep, now: options.now };

  return {
    async chooseFolder(): Promise<ChooseFolderResult> {
      const current = options.config.get().backupFolder;
      const choice = await options.showOpenDialog({
        title: en() ? 'Folder for the backups (a USB key, for instance)' : 'Dossier des sauvegardes (une clé USB, par exemple)',
        ...(current ? { defaultPath: current } : {}),
        properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
      });
      const folder = choice.filePaths[0];
      if (choice.canceled || !folder || !nodePath.isAbsolute(folder)) return { status: 'cancelled' };
      await options.config.update({ backupFolder: folder });
      return { status: 'chosen', folder };
    },

    async run(payload: BackupPayload): Promise<BackupResult> {
      const folder = options.config.get().backupFolder;
      if (!folder) return { status: 'no-folder' };
      if (!(await isUsableFolder(folder, fs))) return { status: 'folder-unavailable', folder };
      try {
        const written = await writeBackupFile(folder, payload.bytes, fileOptions);
        return { status: 'written', name: written.name, folder, size: written.size, removed: written.removed };
      } catch (error) {
        return { status: 'failed', message: message(error) };
      }
    },

    async list(): Promise<BackupListing> {
      const folder = options.config.get().backupFolder;
      if (!folder) return { supported: true, folder: null, folderAvailable: false, backups: [] };
      if (!(await isUsableFolder(folder, fs))) return { supported: true, folder, folderAvailable: false, backups: [] };
      try {
        return { supported: true, folder, folderAvailable: true, backups: await listBackupFiles(folder, fileOptions) };
      } catch {
        return { supported: true, folder, folderAvailable: false, backups: [] };
      }
    },

    async read(name: string): Promise<ReadBackupResult> {
      const folder = options.config.get().backupFolder;
      if (!folder) return { status: 'not-found' };
      const bytes = await readBackupFile(folder, name, fileOptions);
      return bytes ? { status: 'ok', name, bytes } : { status: 'not-found' };
    },

    /** Restore on a new machine: the file can be anywhere; only the file the user picked is read. */
    async openFile(): Promise<ReadBackupResult> {
      const choice = await options.showOpenDialog({
        title: en() ? 'Open a Guichet backup' : 'Ouvrir une sauvegarde de Guichet',
        properties: ['openFile', 'dontAddToRecent'],
        filters: [
          { name: en() ? 'Guichet backup' : 'Sauvegarde Guichet', extensions: [BACKUP_EXTENSION.slice(1)] },
          { name: en() ? 'All files' : 'Tous les fichiers', extensions: ['*'] },
        ],
      });
      const file = choice.filePaths[0];
      if (choice.canceled || !file) return { status: 'cancelled' };
      try {
        const info = await fs.stat(file);
        if (!info.isFile() || info.size > MAX_BACKUP_BYTES) return { status: 'failed', message: 'not-a-backup-file' };
        return { status: 'ok', name: nodePath.basename(file), bytes: new Uint8Array(await fs.readFile(file)) };
      } catch (error) {
        return { status: 'failed', message: message(error) };
      }
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
