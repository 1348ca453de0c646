/**
 * Making a backup, reading one back, and what this device remembers of them.
 *
 * The renderer builds and encrypts the file (bundle.ts, backup-crypto.ts);
 * the platform writes it (desktop: the chosen folder, the last 10 kept;
 * browser: a download). The outcome of the last attempt is kept in a local
 * document, so Réglages and Aujourd'hui can say when the last backup was made
 * and why the last one failed, even when the USB key is not plugged in.
 */
import { version as appVersion } from '../../../package.json';
import type { BackupResult, GuichetApi } from '../../../electron/common/api';
import type { GuichetDatabase } from '../db/database';
import { journal, type Actor } from '../db/journal';
import { BackupError, decryptBackupJson, encryptBackupJson, type BackupErrorCode } from '../platform/backup-crypto';
import { BUNDLE_VERSION, checkBundle, exportBundle, RestoreError, restoreBundle, type BackupCounts, type RestoreErrorCode } from './bundle';
import type { DeviceState } from '../session/device';

export const BACKUP_STATE_DOC = 'backup-state';
/** A backup is due when the newest is older than this. */
export const DAILY_MS = 24 * 60 * 60 * 1000;
/** Aujourd'hui points out a backup older than this. */
export const STALE_MS = 2 * DAILY_MS;

export type BackupFailureCode = 'no-folder' | 'folder-unavailable' | 'no-passphrase' | 'failed';

export interface BackupState {
  lastBackupAt: string | null;
  lastBackupName: string | null;
  lastFailureAt: string | null;
  lastFailure: BackupFailureCode | null;
}

export const EMPTY_BACKUP_STATE: BackupState = { lastBackupAt: null, lastBackupName: null, lastFailureAt: null, lastFailure: null };

export async function readBackupState(db: GuichetDatabase): Promise<BackupState> {
  const doc = await db.getLocal<BackupState>(BACKUP_STATE_DOC);
  return doc ? { ...EMPTY_BACKUP_STATE, ...(doc.toJSON().data as BackupState) } : EMPTY_BACKUP_STATE;
}

async function patchBackupState(db: GuichetDatabase, patch: Partial<BackupState>): Promise<void> {
  await db.upsertLocal<BackupState>(BACKUP_STATE_DOC, { ...(await readBackupState(db)), ...patch });
}

/** i18n key of every way a restore or a check can be refused. */
export type RefusalCode = BackupErrorCode | RestoreErrorCode | 'unreadable';

export function refusalKey(code: RefusalCode): string {
  return `backup.errors.${code}`;
}

export function refusalOf(error: unknown): RefusalCode {
  if (error instanceof BackupError || error instanceof RestoreError) return error.code;
  return 'unreadable';
}

export type BackupRunOutcome =
  | { ok: true; result: Extract<BackupResult, { status: 'written' | 'downloaded' }>; counts: BackupCounts }
  | { ok: false; failure: BackupFailureCode; detail: string };

let running: Promise<BackupRunOutcome> | null = null;

/**
 * Exports, encrypts and hands the file to the platform. One at a time: a
 * second call while one runs gets the same outcome. Journals an `exported`
 * event with the counts only (never personal data) once the file is written.
 */
export function runBackupNow(
  db: GuichetDatabase,
  platform: GuichetApi,
  actor: Actor,
  options: { passphrase?: string; now?: Date; iterations?: number } = {},
): Promise<BackupRunOutcome> {
  if (running) return running;
  running = (async (): Promise<BackupRunOutcome> => {
    const now = options.now ?? new Date();
    const fail = async (failure: BackupFailureCode, detail = ''): Promise<BackupRunOutcome> => {
      await patchBackupState(db, { lastFailureAt: now.toISOString(), lastFailure: failure }).catch(() => undefined);
      return { ok: false, failure, detail };
    };
    try {
      const passphrase = options.passphrase ?? (await platform.readBackupPassphrase());
      if (!passphrase) return await fail('no-passphrase');
      const bundle = await exportBundle(db, now);
      const bytes = await encryptBackupJson(bundle, passphrase, {
        appVersion,
        bundleVersion: BUNDLE_VERSION,
        createdAt: now,
        ...(options.iterations ? { iterations: options.iterations } : {}),
      });
      const result = await platform.runBackup({ bytes });
      if (result.status === 'written' || result.status === 'downloaded') {
        await patchBackupState(db, {
          lastBackupAt: now.toISOString(),
          lastBackupName: result.name,
          lastFailureAt: null,
          lastFailure: null,
        });
        await journal(db, actor, { type: 'exported', text: JSON.stringify({ backup: bundle.counts }) }, now);
        return { ok: true, result, counts: bundle.counts };
      }
      if (result.status === 'no-folder') return await fail('no-folder');
      if (result.status === 'folder-unavailable') return await fail('folder-unavailable', result.folder);
      return await fail('failed', result.message);
    } catch (error) {
      return fail(
        error instanceof BackupError && error.code === 'weak-passphrase' ? 'no-passphrase' : 'failed',
        error instanceof Error ? error.message : String(error),
      );
    }
  })().finally(() => {
    running = null;
  });
  return running;
}

/** Decrypts and checks a backup file without writing anything: what it holds. Throws BackupError or RestoreError. */
export async function inspectBackup(bytes: Uint8Array, passphrase: string): Promise<{ createdAt: string; counts: BackupCounts }> {
  const { header, bundle } = await decryptBackupJson(bytes, passphrase);
  const checked = await checkBundle(bundle);
  return { createdAt: header.createdAt, counts: checked.counts };
}

/** Decrypts a backup file and restores it into this (empty) database. Throws BackupError or RestoreError. */
export async function restoreBackupFile(
  db: GuichetDatabase,
  bytes: Uint8Array,
  passphrase: string,
): Promise<{ createdAt: string; counts: BackupCounts; device: DeviceState | null }> {
  const { header, bundle } = await decryptBackupJson(bytes, passphrase);
  const restored = await restoreBundle(db, bundle);
  return { createdAt: header.createdAt, ...restored };
}

/** The newest of what the folder lists and what this device remembers writing (the USB key may be out). */
export function newestBackupAt(state: BackupState, listed: string | null): string | null {
  const dates = [state.lastBackupAt, listed].filter((value): value is string => Boolean(value));
  if (dates.length === 0) return null;
  return dates.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
}

/** Whole days since `iso`, for "il y a N jours". */
export function daysSince(iso: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / DAILY_MS));
}

/** After a failed automatic backup (USB key out), the next try waits this long. */
export const RETRY_MS = 60 * 60 * 1000;

export type DailyOutcome = { ran: false; reason: 'not-set-up' | 'not-due' } | ({ ran: true } & BackupRunOutcome);

/**
 * The daily backup: made when a folder and a passphrase are set and the
 * newest backup (in the folder, or remembered by this device when the key is
 * out) is older than 24 hours; after a failure, tried again an hour later.
 */
export async function dailyBackupIfDue(
  db: GuichetDatabase,
  platform: GuichetApi,
  actor: Actor,
  now: Date = new Date(),
): Promise<DailyOutcome> {
  const listing = await platform.listBackups();
  if (!listing.supported || !listing.folder) return { ran: false, reason: 'not-set-up' };
  const passphrase = await platform.readBackupPassphrase();
  if (!passphrase) return { ran: false, reason: 'not-set-up' };
  const state = await readBackupState(db);
  const newest = newestBackupAt(state, listing.backups[0]?.createdAt ?? null);
  if (newest && now.getTime() - Date.parse(newest) < DAILY_MS) return { ran: false, reason: 'not-due' };
  if (state.lastFailureAt && now.getTime() - Date.parse(state.lastFailureAt) < RETRY_MS) return { ran: false, reason: 'not-due' };
  return { ran: true, ...(await runBackupNow(db, platform, actor, { passphrase, now })) };
}
