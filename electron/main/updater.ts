import type { UpdateInfo } from 'electron-updater';
import type { UpdateState } from '../common/api';
import { checkSyncServerUrl, updatesFeedUrl } from '../common/sync-server';

/**
 * Updates from the sync server's /updates/ folder (electron-builder's generic
 * provider: latest.yml, latest-linux.yml and the installers), quality.md
 * security 4:
 * - https only (plain http on this computer only, for tests);
 * - electron-updater checks each download against the sha512 of the manifest
 *   and refuses a mismatch; `isUpdateSupported` below also refuses a manifest
 *   that gives no sha512 for a file (electron-updater would otherwise accept a
 *   sha256, or fail later), and nothing here turns a check off;
 * - checked at start (a little after, not to slow the first screen) and daily,
 *   downloaded in the background, installed when the app quits: never a
 *   dialog, never a restart in the secretary's face.
 */

/** The part of electron-updater's AppUpdater this module sets and reads. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  forceDevUpdateConfig: boolean;
  disableWebInstaller: boolean;
  disableDifferentialDownload: boolean;
  isUpdateSupported: (info: UpdateInfo) => boolean | Promise<boolean>;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string | null }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/** Refuses an update whose manifest does not give a sha512 for every file. */
export function manifestHasSha512(info: UpdateInfo | null | undefined): boolean {
  const files = info?.files;
  if (!Array.isArray(files) || files.length === 0) return false;
  return files.every((file) => typeof file?.sha512 === 'string' && /^[A-Za-z0-9+/=]{80,}$/.test(file.sha512));
}

/** The feed URL for a sync server, or null when there is none or it is not acceptable. */
export function feedUrlFor(syncServerUrl: string | null): string | null {
  if (!syncServerUrl) return null;
  const check = checkSyncServerUrl(syncServerUrl);
  return check.ok ? updatesFeedUrl(check.url) : null;
}

const ORIGINAL_CHECK = Symbol('electron-updater own isUpdateSupported');
type Check = UpdaterLike['isUpdateSupported'] & { [ORIGINAL_CHECK]?: UpdaterLike['isUpdateSupported'] };

/**
 * Applies the policy to an updater. Called again whenever the sync server
 * changes. `onRefused` hears of a manifest refused for want of sha512.
 */
export function configureUpdater(updater: UpdaterLike, feedUrl: string, onRefused: (info: UpdateInfo) => void = () => {}): void {
  updater.autoDownload = true; // in the background
  updater.autoInstallOnAppQuit = true; // never interrupts: installs when the secretary quits
  updater.allowDowngrade = false; // an older (vulnerable) version is never "an update"
  updater.allowPrerelease = false;
  updater.forceDevUpdateConfig = false;
  updater.disableWebInstaller = true;
  updater.disableDifferentialDownload = false; // blockmap downloads are also checked against the full sha512
  // Keep electron-updater's own check (minimum OS version) after ours.
  const previous = updater.isUpdateSupported as Check;
  const original = previous[ORIGINAL_CHECK] ?? previous;
  const check: Check = async (info) => {
    if (!manifestHasSha512(info)) {
      onRefused(info);
      return false;
    }
    return typeof original === 'function' ? original.call(updater, info) : true;
  };
  check[ORIGINAL_CHECK] = original;
  updater.isUpdateSupported = check;
  updater.setFeedURL({ provider: 'generic', url: feedUrl });
}

const OFFLINE_ERROR =
  /net::ERR_(INTERNET_DISCONNECTED|NETWORK_CHANGED|NAME_NOT_RESOLVED|CONNECTION_(REFUSED|RESET|TIMED_OUT|CLOSED)|ADDRESS_UNREACHABLE|TIMED_OUT|PROXY_CONNECTION_FAILED)|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET|ENETUNREACH/;

export const FIRST_CHECK_DELAY_MS = 30_000;
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

export interface UpdateServiceOptions {
  updater: UpdaterLike;
  isPackaged: boolean;
  syncServerUrl: () => string | null;
  onState: (state: UpdateState) => void;
  now?: () => Date;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface UpdateService {
  state(): UpdateState;
  /** Starts the schedule (first check after a short delay, then daily). */
  start(): void;
  /** The sync server changed: re-point the feed. */
  reconfigure(): void;
  /** Checks now (also what the schedule calls). */
  check(): Promise<void>;
  stop(): void;
}

export function createUpdateService(options: UpdateServiceOptions): UpdateService {
  const { updater } = options;
  const now = options.now ?? (() => new Date());
  const setT = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
  const setI = options.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const clearT = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  let timers: unknown[] = [];
  let lastCheck: string | null = null;
  let feed: string | null = null;
  let current: UpdateState = disabledState();
  let refusedVersion: string | null = null;

  function disabledState(): UpdateState {
    if (!options.isPackaged) return { status: 'disabled', reason: 'not-packaged' };
    return { status: 'disabled', reason: 'no-server' };
  }
  const set = (state: UpdateState) => {
    current = state;
    options.onState(state);
  };

  updater.on('checking-for-update', () => {
    if (current.status !== 'ready') set({ status: 'checking', lastCheck });
  });
  updater.on('update-not-available', () => {
    lastCheck = now().toISOString();
    if (refusedVersion !== null) {
      set({ status: 'error', message: `update ${refusedVersion} refused: its manifest gives no sha512`, lastCheck });
      refusedVersion = null;
    } else {
      set({ status: 'up-to-date', lastCheck });
    }
  });
  updater.on('update-available', (info: UpdateInfo) => {
    lastCheck = now().toISOString();
    set({ status: 'downloading', version: String(info?.version ?? ''), percent: 0, lastCheck });
  });
  updater.on('download-progress', (progress: { percent?: number }) => {
    if (current.status === 'downloading') {
      const percent = Math.max(0, Math.min(100, Math.round(Number(progress?.percent ?? 0))));
      set({ ...current, percent });
    }
  });
  updater.on('update-downloaded', (info: UpdateInfo) => {
    lastCheck = lastCheck ?? now().toISOString();
    set({ status: 'ready', version: String(info?.version ?? ''), lastCheck });
  });
  updater.on('error', (error: unknown) => {
    if (current.status === 'ready') return;
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    // Offline is the normal state of an offline-first app, not an error to show.
    if (OFFLINE_ERROR.test(message)) set({ status: 'idle', lastCheck });
    else set({ status: 'error', message: message.slice(0, 300), lastCheck });
  });

  const apply = () => {
    feed = options.isPackaged ? feedUrlFor(options.syncServerUrl()) : null;
    if (feed) {
      configureUpdater(updater, feed, (info) => {
        refusedVersion = String(info?.version ?? '?');
      });
      if (current.status === 'disabled') set({ status: 'idle', lastCheck });
    } else {
      set(disabledState());
    }
  };

  const service: UpdateService = {
    state: () => current,
    start() {
      apply();
      timers.push(setT(() => void service.check(), FIRST_CHECK_DELAY_MS));
      timers.push(setI(() => void service.check(), CHECK_INTERVAL_MS));
    },
    reconfigure() {
      const before = feed;
      apply();
      if (feed && feed !== before) void service.check();
    },
    async check() {
      if (!feed || current.status === 'ready') return;
      try {
        await updater.checkForUpdates();
      } catch {
        // reported through the 'error' event
      }
    },
    stop() {
      for (const t of timers) clearT(t);
      timers = [];
    },
  };
  return service;
}
