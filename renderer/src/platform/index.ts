import type { GuichetApi } from '../../../electron/common/api';
import { createWebApi } from './web-api';

export type * from '../../../electron/common/api';
export { isAllowedExternalUrl, allowedExternalUrl } from '../../../electron/common/external-urls';
export { checkSyncServerUrl } from '../../../electron/common/sync-server';

/**
 * The platform the renderer runs on: the desktop app's `window.guichet` (the
 * preload) when present, else the browser implementation. Use it everywhere
 * instead of `window.guichet`, e.g.:
 *
 *   const result = await getPlatform().savePdf(bytes, 'Accusé de réception 2025-0042');
 *   if (result.status === 'saved') toast(t('documents.savedTo', { path: result.path }));
 */
let current: GuichetApi | null = null;

export function getPlatform(): GuichetApi {
  if (current) return current;
  const desktop = typeof window !== 'undefined' ? window.guichet : undefined;
  current = desktop ?? createWebApi();
  return current;
}

/** True in the desktop app (a backup folder, the native print dialog, the keychain). */
export function isDesktop(): boolean {
  return typeof window !== 'undefined' && window.guichet !== undefined;
}

/** Tests only: run the app against another implementation (a fake, or a fresh web API). */
export function setPlatformForTests(api: GuichetApi | null): void {
  current = api;
}
