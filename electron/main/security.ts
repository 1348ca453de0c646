import type { Session, WebContents, WebPreferences } from 'electron';
import { allowedExternalUrl } from '../common/external-urls';
import { isAppUrl } from './protocol';

/**
 * The security policy of every window, in one place (quality.md, security 1).
 * Each function takes what it acts on as an argument, so the tests check the
 * policy itself against fakes, not a mock of the whole of Electron.
 */

/** webPreferences of the app window. Nothing here may be loosened: security.test.ts pins each value. */
export function secureWebPreferences(preload: string, options: { devTools: boolean }): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    plugins: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    enableWebSQL: false,
    safeDialogs: true,
    spellcheck: true,
    devTools: options.devTools,
  };
}

/**
 * webPreferences of the hidden window that prints a PDF: no preload (no API at
 * all), an in-memory session of its own (it cannot see the app's IndexedDB),
 * and the PDF viewer, which is a plugin.
 */
export function printWebPreferences(): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    plugins: true,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    enableWebSQL: false,
    spellcheck: false,
    devTools: false,
    partition: PRINT_PARTITION,
  };
}

/** Not persisted ("persist:" prefix absent): nothing of a printed document stays in the profile. */
export const PRINT_PARTITION = 'guichet-print';

export type OpenExternal = (url: string) => Promise<unknown> | unknown;

type NavigationEvent = { preventDefault(): void };
type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Navigation policy of every web contents (app.on('web-contents-created')):
 * - a page may navigate only within the app (app://guichet/);
 * - an allow-listed https link (service-public.fr…) opens in the system
 *   browser instead; anything else is dropped;
 * - window.open and target=_blank never create a window;
 * - <webview> is never attached.
 */
export function hardenWebContents(contents: HardenableContents, openExternal: OpenExternal): void {
  const refuseNavigation = (event: NavigationEvent, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    const external = allowedExternalUrl(url);
    if (external) void openExternal(external);
  };
  contents.on('will-navigate', refuseNavigation as never);
  contents.on('will-redirect', ((event: NavigationEvent, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  }) as never);
  contents.on('will-frame-navigate', ((details: NavigationEvent & { url: string; isMainFrame: boolean }) => {
    // Frames are forbidden by the CSP (frame-src 'none'); refuse any that slips through.
    if (!details.isMainFrame && !isAppUrl(details.url)) details.preventDefault();
  }) as never);
  contents.on('will-attach-webview', ((event: NavigationEvent) => event.preventDefault()) as never);
  contents.setWindowOpenHandler(({ url }) => {
    const external = allowedExternalUrl(url);
    if (external) void openExternal(external);
    return { action: 'deny' };
  });
}

/**
 * Permissions the app may be granted. Only writing to the clipboard (copy a
 * reference or a tracking code), and only for the app itself: no camera,
 * microphone, geolocation, notifications, USB, HID, serial, MIDI, screen
 * capture, fullscreen request from the page…
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && typeof requestingUrl === 'string' && isAppUrl(requestingUrl);
}

type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setDisplayMediaRequestHandler' | 'on'
>;

/** Session policy: permissions denied (but the clipboard write above), no downloads behind the app's back. */
export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const url = (details as { requestingUrl?: string } | undefined)?.requestingUrl ?? webContents?.getURL();
    callback(isPermissionAllowed(permission, url));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin ? `${requestingOrigin}/` : undefined),
  );
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  // Files leave the app only through the save dialog (savePdf, backups).
  session.on('will-download', ((event: NavigationEvent) => event.preventDefault()) as never);
}

type RequestFilterSession = { webRequest: Pick<Session['webRequest'], 'onBeforeRequest'> };

/**
 * Network policy, under the CSP: the app's session may reach the app itself
 * and the sync server, nothing else on http(s) or ws(s). (The updater uses a
 * session of its own; the print window's session loads a local file only.)
 */
export function isAllowedRequest(url: string, syncServerOrigin: string | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) return true; // app:, data:, blob:, devtools:
  return syncServerOrigin !== null && parsed.origin === syncServerOrigin;
}

export function restrictNetwork(session: RequestFilterSession, syncServerOrigin: () => string | null): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, syncServerOrigin()) });
  });
}
