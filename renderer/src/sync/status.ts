/**
 * What the top bar says about synchronisation, from the replication's
 * status: a sentence key (sync.status.*) with its values, and a tone. Kept
 * apart from React so the rules can be tested.
 */
import type { SyncStatus } from './replication';

export type SyncView =
  /** this device is not enrolled with any server */
  | { kind: 'off' }
  /** enrolled, but the token could not be read back (a computer without keychain, after a restart) */
  | { kind: 'no-token' }
  | { kind: 'running'; status: SyncStatus };

export type Tone = 'ok' | 'busy' | 'warn' | 'error' | 'muted';

export interface StatusMessage {
  /** the short line of the top bar */
  key: string;
  /** what to do, for errors and offline (sync.action.*), or null */
  actionKey: string | null;
  values: Record<string, string | number>;
  tone: Tone;
}

const TOKEN_ERRORS = new Set(['unauthorized', 'invalid_token', 'token_expired', 'token_revoked']);

/** hh:mm in the interface's time zone. */
export function clockTime(iso: string, locale = 'fr-FR'): string {
  return new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

export function describeSync(view: SyncView, locale = 'fr-FR'): StatusMessage {
  if (view.kind === 'off') return { key: 'sync.status.off', actionKey: null, values: {}, tone: 'muted' };
  if (view.kind === 'no-token') return { key: 'sync.status.noToken', actionKey: 'sync.action.enrollAgain', values: {}, tone: 'error' };
  const { status } = view;
  const time = status.lastSyncAt ? clockTime(status.lastSyncAt, locale) : '';
  switch (status.state) {
    case 'idle':
      return { key: 'sync.status.upToDate', actionKey: null, values: { time }, tone: 'ok' };
    case 'sending':
      return { key: 'sync.status.sending', actionKey: null, values: { count: status.pending }, tone: 'busy' };
    case 'syncing':
    case 'connecting':
      return { key: `sync.status.${status.state}`, actionKey: null, values: {}, tone: 'busy' };
    case 'offline':
      return offlineMessage(time, status.pending);
    case 'error':
      return errorMessage(status.error?.code ?? 'internal');
  }
}

/** Offline, with the number of changes waiting to leave when there are some (i18next plural on `count`). */
function offlineMessage(time: string, pending: number): StatusMessage {
  const base = time ? 'sync.status.offlineSince' : 'sync.status.offline';
  const key = pending > 0 ? `${base}Pending` : base;
  return { key, actionKey: 'sync.action.offline', values: pending > 0 ? { time, count: pending } : { time }, tone: 'warn' };
}

function errorMessage(code: string): StatusMessage {
  const base = { values: {}, tone: 'error' as const };
  if (TOKEN_ERRORS.has(code)) {
    const key =
      code === 'token_expired'
        ? 'sync.status.tokenExpired'
        : code === 'token_revoked'
          ? 'sync.status.tokenRevoked'
          : 'sync.status.tokenRefused';
    return { ...base, key, actionKey: 'sync.action.enrollAgain' };
  }
  if (code === 'upgrade_required') return { ...base, key: 'sync.status.upgradeRequired', actionKey: 'sync.action.update' };
  if (code === 'schema_too_new') return { ...base, key: 'sync.status.serverTooOld', actionKey: 'sync.action.callEpci' };
  if (code === 'rate_limited') return { ...base, key: 'sync.status.rateLimited', actionKey: 'sync.action.wait', tone: 'warn' };
  if (code === 'forbidden' || code === 'invalid_document' || code === 'payload_too_large')
    return { ...base, key: 'sync.status.refused', actionKey: 'sync.action.callEpci' };
  return { ...base, key: 'sync.status.serverError', actionKey: 'sync.action.wait', tone: 'warn' };
}
