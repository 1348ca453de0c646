import { describe, expect, it, vi } from 'vitest';
import {
  ALLOWED_PERMISSIONS,
  hardenSession,
  hardenWebContents,
  isAllowedRequest,
  isPermissionAllowed,
  printWebPreferences,
  restrictNetwork,
  secureWebPreferences,
} from './security';

/** A web contents that records its listeners, so the tests can fire the events. */
function fakeContents() {
  const listeners = new Map<string, (...args: any[]) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  return {
    on: vi.fn((event: string, listener: (...args: any[]) => void) => listeners.set(event, listener)),
    setWindowOpenHandler: vi.fn((handler: typeof openHandler) => {
      openHandler = handler;
    }),
    fire(event: string, ...args: any[]) {
      const listener = listeners.get(event);
      if (!listener) throw new Error(`no listener for ${event}`);
      listener(...args);
    },
    open(url: string) {
      return openHandler!({ url });
    },
    listeners,
  };
}
const navigation = () => ({ preventDefault: vi.fn() });

describe('window options (quality.md, security 1)', () => {
  it('turns on isolation, the sandbox and web security, and every Node door off', () => {
    const prefs = secureWebPreferences('/app/preload.cjs', { devTools: false });
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      allowRunningInsecureContent: false,
      webviewTag: false,
      plugins: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('partition');
  });

  it('gives the print window no preload, a throwaway session, and the same sandbox', () => {
    const prefs = printWebPreferences();
    expect(prefs.preload).toBeUndefined();
    expect(prefs.partition).toBe('guichet-print'); // not "persist:": nothing stays on disk
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: false,
    });
    expect(prefs.plugins).toBe(true); // the PDF viewer, and only in this window
  });
});

describe('navigation and window.open', () => {
  it('lets the app navigate within itself', () => {
    const contents = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(contents as never, openExternal);
    const event = navigation();
    contents.fire('will-navigate', event, 'app://guichet/index.html#/demandes');
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it.each([
    'https://evil.example/',
    'http://www.service-public.fr/',
    'file:///etc/passwd',
    'app://other/index.html',
    'javascript:alert(1)',
    'data:text/html,hello',
  ])('refuses to navigate to %s and opens nothing', (url) => {
    const contents = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(contents as never, openExternal);
    const event = navigation();
    contents.fire('will-navigate', event, url);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('sends an allow-listed link to the system browser instead of navigating', () => {
    const contents = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(contents as never, openExternal);
    const event = navigation();
    contents.fire('will-navigate', event, 'https://www.service-public.fr/particuliers/vosdroits/F1427');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://www.service-public.fr/particuliers/vosdroits/F1427');
  });

  it('refuses redirects out of the app, foreign subframes and webviews', () => {
    const contents = fakeContents();
    hardenWebContents(contents as never, vi.fn());
    const redirect = navigation();
    contents.fire('will-redirect', redirect, 'https://evil.example/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const frame = { ...navigation(), url: 'https://evil.example/', isMainFrame: false };
    contents.fire('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalled();
    const webview = navigation();
    contents.fire('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('never opens a window: allow-listed links go to the system browser, the rest nowhere', () => {
    const contents = fakeContents();
    const openExternal = vi.fn();
    hardenWebContents(contents as never, openExternal);
    expect(contents.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(contents.open('app://guichet/index.html')).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
    expect(contents.open('https://moncompte.ants.gouv.fr/')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://moncompte.ants.gouv.fr/');
  });
});

describe('permissions', () => {
  function fakeSession() {
    const s = {
      request: null as any,
      check: null as any,
      device: null as any,
      display: null as any,
      downloads: null as any,
      setPermissionRequestHandler: (h: any) => (s.request = h),
      setPermissionCheckHandler: (h: any) => (s.check = h),
      setDevicePermissionHandler: (h: any) => (s.device = h),
      setDisplayMediaRequestHandler: (h: any) => (s.display = h),
      on: (event: string, h: any) => {
        if (event === 'will-download') s.downloads = h;
      },
    };
    return s;
  }

  it.each([
    'media',
    'geolocation',
    'notifications',
    'midi',
    'midiSysex',
    'pointerLock',
    'fullscreen',
    'openExternal',
    'hid',
    'serial',
    'usb',
    'display-capture',
    'clipboard-read',
    'idle-detection',
    'window-management',
    'unknown',
  ])('denies %s', (permission) => {
    const session = fakeSession();
    hardenSession(session as never);
    const callback = vi.fn();
    session.request({ getURL: () => 'app://guichet/index.html' }, permission, callback, { requestingUrl: 'app://guichet/index.html' });
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.check(null, permission, 'app://guichet')).toBe(false);
  });

  it('allows only writing to the clipboard, and only for the app', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['clipboard-sanitized-write']);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://guichet/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined)).toBe(false);
  });

  it('denies devices and screen capture, and cancels downloads', () => {
    const session = fakeSession();
    hardenSession(session as never);
    expect(session.device()).toBe(false);
    const display = vi.fn();
    session.display({}, display);
    expect(display).toHaveBeenCalledWith({});
    const download = navigation();
    session.downloads(download);
    expect(download.preventDefault).toHaveBeenCalled();
  });
});

describe('network', () => {
  it('lets the app reach itself and the sync server only', () => {
    const origin = 'https://sync.cc-val.fr';
    expect(isAllowedRequest('app://guichet/assets/index.js', origin)).toBe(true);
    expect(isAllowedRequest('blob:app://guichet/123', origin)).toBe(true);
    expect(isAllowedRequest('https://sync.cc-val.fr/api/v1/requests/pull', origin)).toBe(true);
    expect(isAllowedRequest('https://evil.example/', origin)).toBe(false);
    expect(isAllowedRequest('https://sync.cc-val.fr.evil.example/', origin)).toBe(false);
    expect(isAllowedRequest('http://sync.cc-val.fr/', origin)).toBe(false);
    expect(isAllowedRequest('wss://sync.cc-val.fr/', origin)).toBe(false);
    expect(isAllowedRequest('https://sync.cc-val.fr/', null)).toBe(false);
  });

  it('cancels the others through webRequest', () => {
    let filter: any;
    restrictNetwork({ webRequest: { onBeforeRequest: (f: any) => (filter = f) } } as never, () => 'https://sync.cc-val.fr');
    const callback = vi.fn();
    filter({ url: 'https://tracker.example/pixel.gif' }, callback);
    expect(callback).toHaveBeenLastCalledWith({ cancel: true });
    filter({ url: 'https://sync.cc-val.fr/health' }, callback);
    expect(callback).toHaveBeenLastCalledWith({ cancel: false });
  });
});
