import type {
  BackupListing,
  BackupPayload,
  BackupResult,
  ChooseFolderResult,
  GuichetApi,
  KeychainStatus,
  PrintResult,
  ReadBackupResult,
  SaveResult,
  SetSyncServerResult,
  StoreSecretResult,
  UpdateState,
} from '../../../electron/common/api';
import { allowedExternalUrl } from '../../../electron/common/external-urls';
import { checkSyncServerUrl } from '../../../electron/common/sync-server';
import { version as packageVersion } from '../../../package.json';
import { backupFileName } from './backup-crypto';

/**
 * The GuichetApi in a plain browser (npm run web, the mayor's tablet, the
 * Playwright tests): downloads instead of save dialogs, no backup folder, no
 * keychain. Every difference is a status the UI can show, never a silent
 * no-op. DOM access goes through `env` so the tests can run it in Node.
 */

export interface WebEnv {
  document: Pick<Document, 'createElement' | 'body'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  open(url: string, target: string, features: string): unknown;
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
  setTimeout(fn: () => void, ms: number): unknown;
  platform: 'web';
}

const TOKEN_KEY = 'guichet.deviceToken';
const PASSPHRASE_KEY = 'guichet.backupPassphrase';
const PDF_TYPE = 'application/pdf';

export function defaultWebEnv(): WebEnv {
  let storage: WebEnv['storage'] = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null; // storage disabled (private mode, policy)
  }
  return {
    document,
    storage,
    open: (url, target, features) => window.open(url, target, features),
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    platform: 'web',
  };
}

function safeDownloadName(name: string, extension: string): string {
  const base = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(extension ? new RegExp(`\\${extension}$`, 'i') : /$^/, '')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  return `${base || 'document'}${extension}`;
}

function isPdf(bytes: Uint8Array): boolean {
  return bytes instanceof Uint8Array && bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}

export function createWebApi(env: WebEnv = defaultWebEnv()): GuichetApi {
  const download = (bytes: Uint8Array, fileName: string, type: string) => {
    const url = env.createObjectURL(new Blob([bytes as BlobPart], { type }));
    const a = env.document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.rel = 'noopener';
    a.style.display = 'none';
    env.document.body.appendChild(a);
    a.click();
    a.remove();
    // Long enough for the browser to start the download.
    env.setTimeout(() => env.revokeObjectURL(url), 60_000);
  };

  /** Where the browser's storage refuses: kept for this page only. */
  const memory = new Map<string, string>();
  const readSecret = (key: string): string | null => {
    try {
      return env.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };
  const storeSecret = (key: string, value: string): StoreSecretResult => {
    try {
      if (env.storage) {
        env.storage.setItem(key, value);
        return { storage: 'browser-storage', keychain: 'unavailable' };
      }
    } catch {
      // quota or disabled storage: keep it for this page only
    }
    memory.set(key, value);
    return { storage: 'session-only', keychain: 'unavailable' };
  };
  const clearSecret = (key: string) => {
    memory.delete(key);
    try {
      env.storage?.removeItem(key);
    } catch {
      // nothing to clear
    }
  };

  const pickFile = (): Promise<ReadBackupResult> =>
    new Promise((resolve) => {
      const input = env.document.createElement('input');
      input.type = 'file';
      input.accept = '.guichet-backup';
      input.style.display = 'none';
      let settled = false;
      const done = (result: ReadBackupResult) => {
        if (settled) return;
        settled = true;
        input.remove();
        resolve(result);
      };
      input.addEventListener('cancel', () => done({ status: 'cancelled' }));
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        if (!file) return done({ status: 'cancelled' });
        file.arrayBuffer().then(
          (buffer) => done({ status: 'ok', name: file.name, bytes: new Uint8Array(buffer) }),
          (error: unknown) => done({ status: 'failed', message: error instanceof Error ? error.message : 'read failed' }),
        );
      });
      env.document.body.appendChild(input);
      input.click();
    });

  const api: GuichetApi = {
    async printPdf(bytes, title): Promise<PrintResult> {
      if (!isPdf(bytes)) return { status: 'failed', message: 'not-a-pdf' };
      const fileName = safeDownloadName(title, '.pdf');
      const url = env.createObjectURL(new Blob([bytes as BlobPart], { type: PDF_TYPE }));
      // A hidden same-origin frame showing the PDF, then the browser's print dialog.
      // Where the browser cannot show PDFs in a page (no viewer), download instead.
      return new Promise<PrintResult>((resolve) => {
        const frame = env.document.createElement('iframe');
        frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
        frame.title = fileName;
        let finished = false;
        const fallback = () => {
          if (finished) return;
          finished = true;
          frame.remove();
          env.revokeObjectURL(url);
          download(bytes, fileName, PDF_TYPE);
          resolve({ status: 'downloaded', fileName });
        };
        frame.addEventListener('load', () => {
          try {
            const win = frame.contentWindow;
            if (!win || typeof win.print !== 'function') return fallback();
            win.focus();
            win.print();
            finished = true;
            resolve({ status: 'browser-dialog' });
            env.setTimeout(() => {
              frame.remove();
              env.revokeObjectURL(url);
            }, 60_000);
          } catch {
            fallback();
          }
        });
        frame.addEventListener('error', fallback);
        env.setTimeout(fallback, 10_000);
        frame.src = url;
        env.document.body.appendChild(frame);
      });
    },

    async savePdf(bytes, suggestedName): Promise<SaveResult> {
      if (!isPdf(bytes)) return { status: 'failed', message: 'not-a-pdf' };
      const fileName = safeDownloadName(suggestedName, '.pdf');
      download(bytes, fileName, PDF_TYPE);
      return { status: 'downloaded', fileName };
    },

    async saveFile(bytes, suggestedName): Promise<SaveResult> {
      if (!(bytes instanceof Uint8Array)) return { status: 'failed', message: 'not-bytes' };
      const extension = /\.[a-z0-9]{1,8}$/i.exec(suggestedName)?.[0].toLowerCase() ?? '';
      const fileName = safeDownloadName(suggestedName, extension);
      download(bytes, fileName, 'application/octet-stream');
      return { status: 'downloaded', fileName };
    },

    async chooseBackupFolder(): Promise<ChooseFolderResult> {
      return { status: 'unsupported' };
    },

    async runBackup(payload: BackupPayload): Promise<BackupResult> {
      if (!(payload?.bytes instanceof Uint8Array) || payload.bytes.length === 0) return { status: 'failed', message: 'empty' };
      const name = backupFileName(new Date());
      download(payload.bytes, name, 'application/octet-stream');
      return { status: 'downloaded', name, size: payload.bytes.length };
    },

    async listBackups(): Promise<BackupListing> {
      return { supported: false, folder: null, folderAvailable: false, backups: [] };
    },

    async readBackup(): Promise<ReadBackupResult> {
      return { status: 'not-found' };
    },

    openBackupFile: pickFile,

    async storeDeviceToken(token) {
      return storeSecret(TOKEN_KEY, token);
    },
    async readDeviceToken() {
      return memory.get(TOKEN_KEY) ?? readSecret(TOKEN_KEY);
    },
    async clearDeviceToken() {
      clearSecret(TOKEN_KEY);
    },
    async storeBackupPassphrase(passphrase) {
      return storeSecret(PASSPHRASE_KEY, passphrase);
    },
    async readBackupPassphrase() {
      return memory.get(PASSPHRASE_KEY) ?? readSecret(PASSPHRASE_KEY);
    },
    async clearBackupPassphrase() {
      clearSecret(PASSPHRASE_KEY);
    },
    async keychainStatus(): Promise<KeychainStatus> {
      return 'unavailable';
    },

    async getAppInfo() {
      return { name: 'Guichet', version: packageVersion, shell: 'browser', platform: env.platform };
    },
    async setLanguage() {
      // No menu in the browser.
    },
    async setSyncServer(url): Promise<SetSyncServerResult> {
      if (url === null) return { status: 'ok', url: null, reloadRequired: false };
      const check = checkSyncServerUrl(url);
      return check.ok ? { status: 'ok', url: check.url, reloadRequired: false } : { status: 'refused', reason: check.reason };
    },
    async getUpdateState(): Promise<UpdateState> {
      return { status: 'disabled', reason: 'browser' };
    },
    onUpdateState() {
      return () => {};
    },
    async openExternal(url) {
      const allowed = allowedExternalUrl(url);
      if (!allowed) return { status: 'refused' };
      env.open(allowed, '_blank', 'noopener,noreferrer');
      return { status: 'opened' };
    },
  };
  return api;
}
