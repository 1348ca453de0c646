/**
 * The one API the renderer has to the machine: what the preload exposes as
 * `window.guichet` in the desktop app, and what `renderer/src/platform/web-api.ts`
 * implements in a plain browser. Types only: nothing here runs, so both sides
 * (and the renderer engineer) can import it freely.
 *
 * Rules every method keeps:
 * - each one is a named operation with plain, structured-clonable arguments
 *   and results (no callbacks but `onUpdateState`, no Node objects);
 * - an expected outcome (the user cancelled, the USB key is not plugged in,
 *   the browser cannot do it) is a `status`, never an exception; a rejected
 *   promise means a bug or a refused call (wrong argument, untrusted sender).
 */

export type Language = 'fr' | 'en';

/** Where the device token and the backup passphrase can be kept on this machine. */
export type KeychainStatus =
  /** Windows DPAPI, macOS Keychain, GNOME libsecret or KWallet: secrets are encrypted at rest. */
  | 'os-keychain'
  /** Linux with no keyring running: Electron would "encrypt" with a fixed key, so Guichet refuses to write. */
  | 'basic-text'
  /** No encryption at all (the browser build, or a desktop without any keyring). */
  | 'unavailable';

/** Where a secret actually went when it was stored. */
export type SecretStorage =
  /** Encrypted with the OS keychain, on disk in the profile: survives a restart. */
  | 'os-keychain'
  /** The OS offers no real keychain: kept in memory until the app quits, never written. */
  | 'session-only'
  /** Browser build: in the browser profile (localStorage), as the browser's best effort. */
  | 'browser-storage';

export interface StoreSecretResult {
  storage: SecretStorage;
  keychain: KeychainStatus;
}

export interface AppInfo {
  name: 'Guichet';
  version: string;
  /** 'electron' for the desktop app, 'browser' for the web build. */
  shell: 'electron' | 'browser';
  platform: 'win32' | 'linux' | 'darwin' | 'web' | 'other';
  /** Present in the desktop app only. */
  electron?: string;
  chrome?: string;
}

export type PrintResult =
  /** The system dialog was confirmed and the job sent to the printer. */
  | { status: 'printed' }
  /** The user closed the print dialog without printing. */
  | { status: 'cancelled' }
  /** Browser build: the browser's own print dialog was opened (its outcome is not known). */
  | { status: 'browser-dialog' }
  /** Browser build, where the PDF cannot be printed from the page: it was downloaded instead. */
  | { status: 'downloaded'; fileName: string }
  | { status: 'failed'; message: string };

export type SaveResult =
  | { status: 'saved'; path: string }
  | { status: 'downloaded'; fileName: string }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

export type ChooseFolderResult =
  | { status: 'chosen'; folder: string }
  | { status: 'cancelled' }
  /** Browser build: there is no folder to choose; backups are downloaded. */
  | { status: 'unsupported' };

/** What the renderer hands over for one backup: the file, already encrypted (backup-crypto.ts). */
export interface BackupPayload {
  bytes: Uint8Array;
}

export type BackupResult =
  | { status: 'written'; name: string; folder: string; size: number; removed: string[] }
  | { status: 'downloaded'; name: string; size: number }
  /** No folder chosen yet (Réglages › Sauvegardes). */
  | { status: 'no-folder' }
  /** The chosen folder is not there: typically the USB key is not plugged in. */
  | { status: 'folder-unavailable'; folder: string }
  | { status: 'failed'; message: string };

export interface BackupEntry {
  /** File name only, e.g. guichet-sauvegarde-2025-03-12T09-30-00-000Z.guichet-backup */
  name: string;
  size: number;
  /** ISO 8601, from the name (UTC): when the backup was written. */
  createdAt: string;
}

export interface BackupListing {
  /** false in the browser build: backups are downloads there, not files Guichet can see. */
  supported: boolean;
  folder: string | null;
  folderAvailable: boolean;
  /** Newest first. */
  backups: BackupEntry[];
}

export type ReadBackupResult =
  | { status: 'ok'; name: string; bytes: Uint8Array }
  | { status: 'not-found' }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

export type UpdateState =
  | { status: 'disabled'; reason: 'browser' | 'not-packaged' | 'no-server' }
  | { status: 'idle'; lastCheck: string | null }
  | { status: 'checking'; lastCheck: string | null }
  | { status: 'up-to-date'; lastCheck: string }
  | { status: 'downloading'; version: string; percent: number; lastCheck: string }
  /** Downloaded and verified (sha512): installed when the app quits, never before. */
  | { status: 'ready'; version: string; lastCheck: string }
  | { status: 'error'; message: string; lastCheck: string | null };

export type SetSyncServerResult =
  /**
   * The desktop app's Content-Security-Policy lets the page talk to the sync
   * server's origin only; it is fixed when the page loads. When the origin
   * changed, `reloadRequired` is true: reload the page (location.reload())
   * before connecting to the new server.
   */
  | { status: 'ok'; url: string | null; reloadRequired: boolean }
  | { status: 'refused'; reason: 'invalid-url' | 'not-https' | 'credentials-in-url' };

export type OpenExternalResult = { status: 'opened' } | { status: 'refused' };

export interface GuichetApi {
  // Documents
  /** Prints a PDF through the system print dialog. `title` names the print job. */
  printPdf(bytes: Uint8Array, title: string): Promise<PrintResult>;
  /** Asks where to save (native dialog, in Documents by default) and writes the PDF there. */
  savePdf(bytes: Uint8Array, suggestedName: string): Promise<SaveResult>;
  /** Any other file to keep (an attachment, a CSV export): native save dialog; in the browser, a download. */
  saveFile(bytes: Uint8Array, suggestedName: string): Promise<SaveResult>;

  // Backups: the renderer builds and encrypts the file; the shell keeps it on disk.
  chooseBackupFolder(): Promise<ChooseFolderResult>;
  /** Writes the encrypted backup into the chosen folder, keeping the last 10. */
  runBackup(payload: BackupPayload): Promise<BackupResult>;
  listBackups(): Promise<BackupListing>;
  /** Reads one backup of the chosen folder, by the name listBackups gave. */
  readBackup(name: string): Promise<ReadBackupResult>;
  /** Lets the user pick a backup file anywhere (restore on a new machine). */
  openBackupFile(): Promise<ReadBackupResult>;

  // Secrets
  storeDeviceToken(token: string): Promise<StoreSecretResult>;
  readDeviceToken(): Promise<string | null>;
  clearDeviceToken(): Promise<void>;
  /** The backup passphrase, kept like the token so that the daily backup needs no typing. */
  storeBackupPassphrase(passphrase: string): Promise<StoreSecretResult>;
  readBackupPassphrase(): Promise<string | null>;
  clearBackupPassphrase(): Promise<void>;
  keychainStatus(): Promise<KeychainStatus>;

  // The shell
  getAppInfo(): Promise<AppInfo>;
  /** The menu follows the app's language. */
  setLanguage(language: Language): Promise<void>;
  /** Tells the shell the sync server (base URL, e.g. https://sync.cc-exemple.fr), or null for none. */
  setSyncServer(url: string | null): Promise<SetSyncServerResult>;
  getUpdateState(): Promise<UpdateState>;
  /** Calls back on every change of the update state; returns the unsubscribe function. */
  onUpdateState(callback: (state: UpdateState) => void): () => void;
  /** Opens an allow-listed https address (service-public.fr, official procedure sites) in the browser. */
  openExternal(url: string): Promise<OpenExternalResult>;
}

/** The methods that are one request and one answer (all but the subscription). */
export type GuichetInvokeMethod = Exclude<keyof GuichetApi, 'onUpdateState'>;
