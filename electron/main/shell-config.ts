import nodePath from 'node:path';
import { promises as nodeFs } from 'node:fs';
import type { Language } from '../common/api';
import { checkSyncServerUrl } from '../common/sync-server';
import { atomicWriteFile } from './atomic-write';

/**
 * What the main process itself must remember between runs, in
 * <userData>/guichet-shell.json: the sync server (for the CSP and the update
 * feed, known before the page loads), the backup folder, the menu language.
 * The renderer's settings live in its database; it tells the shell these
 * three through the API. The file is read defensively: a value that does not
 * check out is dropped, never trusted.
 */
export interface ShellConfig {
  syncServerUrl: string | null;
  backupFolder: string | null;
  language: Language;
}

export const DEFAULT_SHELL_CONFIG: ShellConfig = { syncServerUrl: null, backupFolder: null, language: 'fr' };

export function parseShellConfig(raw: unknown): ShellConfig {
  const config: ShellConfig = { ...DEFAULT_SHELL_CONFIG };
  if (typeof raw !== 'object' || raw === null) return config;
  const value = raw as Record<string, unknown>;
  if (typeof value.syncServerUrl === 'string') {
    const check = checkSyncServerUrl(value.syncServerUrl);
    if (check.ok) config.syncServerUrl = check.url;
  }
  if (typeof value.backupFolder === 'string' && nodePath.isAbsolute(value.backupFolder)) config.backupFolder = value.backupFolder;
  if (value.language === 'fr' || value.language === 'en') config.language = value.language;
  return config;
}

export interface ShellConfigStore {
  get(): ShellConfig;
  update(patch: Partial<ShellConfig>): Promise<ShellConfig>;
}

export async function openShellConfig(
  file: string,
  fs: Pick<typeof nodeFs, 'readFile' | 'mkdir' | 'open' | 'rename' | 'rm'> = nodeFs,
): Promise<ShellConfigStore> {
  let current: ShellConfig;
  try {
    current = parseShellConfig(JSON.parse(await fs.readFile(file, 'utf8')));
  } catch {
    current = { ...DEFAULT_SHELL_CONFIG };
  }
  let writing = Promise.resolve();
  return {
    get: () => ({ ...current }),
    async update(patch) {
      current = parseShellConfig({ ...current, ...patch });
      const snapshot = JSON.stringify(current, null, 2);
      writing = writing
        .catch(() => undefined)
        .then(async () => {
          await fs.mkdir(nodePath.dirname(file), { recursive: true });
          await atomicWriteFile(file, new TextEncoder().encode(snapshot), { fs });
        });
      await writing;
      return { ...current };
    },
  };
}
