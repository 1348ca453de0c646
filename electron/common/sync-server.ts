/**
 * The sync server's address, as both builds accept it: https, or plain http
 * on this computer only (development, tests). No Electron import: the
 * renderer uses it to validate the Réglages field, the main process to build
 * the Content-Security-Policy and the update feed.
 */
export type SyncServerCheck =
  | { ok: true; url: string; origin: string }
  | { ok: false; reason: 'invalid-url' | 'not-https' | 'credentials-in-url' };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function checkSyncServerUrl(input: unknown): SyncServerCheck {
  if (typeof input !== 'string' || input.length === 0 || input.length > 2048) return { ok: false, reason: 'invalid-url' };
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'invalid-url' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials-in-url' };
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol === 'http:' && !loopback) return { ok: false, reason: 'not-https' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'not-https' };
  if (url.search !== '' || url.hash !== '') return { ok: false, reason: 'invalid-url' };
  // Keep a base path (a server behind /guichet/), without the trailing slash.
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.origin}${path}`, origin: url.origin };
}

/** Where the server publishes the desktop app's updates (electron-builder's latest.yml and installers). */
export function updatesFeedUrl(syncServerUrl: string): string {
  return `${syncServerUrl.replace(/\/+$/, '')}/updates/`;
}
