import nodePath from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../common/channels';

/**
 * The wiring of index.ts against a mocked Electron: the modules are tested one
 * by one elsewhere; this checks that the app really uses them (a window
 * created without the secure options, or a handler registered by hand, fails
 * here).
 */
const h = vi.hoisted(() => {
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const app = Object.assign(new Emitter(), {
    isPackaged: true,
    userData: '',
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => (name === 'userData' ? app.userData : `/home/secretaire/${name}`),
    getVersion: () => '0.1.0',
    setAppUserModelId: vi.fn(),
  });
  const windows: any[] = [];
  class BrowserWindow extends Emitter {
    static getFocusedWindow = () => null;
    static fromWebContents = (wc: unknown) => windows.find((w) => w.webContents === wc) ?? null;
    options: any;
    webContents: any;
    url = '';
    constructor(options: any) {
      super();
      this.options = options;
      this.webContents = Object.assign(new Emitter(), {
        send: vi.fn(),
        isDestroyed: () => false,
        mainFrame: { url: 'app://guichet/index.html', parent: null },
      });
      windows.push(this);
    }
    loadURL = vi.fn(async (url: string) => {
      this.url = url;
    });
    isDestroyed = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1280, height: 800 });
    isMaximized = () => false;
    isMinimized = () => false;
    maximize = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
  }
  const sessionOf = () => ({
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setDisplayMediaRequestHandler: vi.fn(),
    setSpellCheckerLanguages: vi.fn(),
    setSpellCheckerDictionaryDownloadURL: vi.fn(),
    on: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  });
  const defaultSession = sessionOf();
  const printSession = sessionOf();
  return {
    app,
    windows,
    BrowserWindow,
    defaultSession,
    printSession,
    handles: new Map<string, (...a: any[]) => unknown>(),
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) },
    shell: { openExternal: vi.fn(async () => undefined) },
    updater: Object.assign(new Emitter(), { setFeedURL: vi.fn(), checkForUpdates: vi.fn(async () => null), isUpdateSupported: () => true }),
  };
});

vi.mock('electron', () => ({
  app: h.app,
  BrowserWindow: h.BrowserWindow,
  Menu: h.menu,
  protocol: h.protocol,
  ipcMain: { handle: (channel: string, listener: (...a: any[]) => unknown) => h.handles.set(channel, listener) },
  dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox: vi.fn() },
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'basic_text',
    encryptString: vi.fn(),
    decryptString: vi.fn(),
  },
  screen: {
    getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  },
  session: { defaultSession: h.defaultSession, fromPartition: (name: string) => (name === 'guichet-print' ? h.printSession : null) },
  shell: h.shell,
}));
vi.mock('electron-updater', () => ({ autoUpdater: h.updater }));

beforeAll(async () => {
  h.app.userData = await mkdtemp(nodePath.join(tmpdir(), 'guichet-userdata-'));
  await import('./index');
  await vi.waitFor(() => expect(h.windows.length).toBeGreaterThan(0));
});

describe('the main process, wired', () => {
  it('registers app:// as privileged and turns the sandbox on for every renderer, before ready', () => {
    expect(h.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(h.app.enableSandbox).toHaveBeenCalled();
    expect(h.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('opens one window, with the secure options, loading the app from app://guichet/', () => {
    expect(h.windows).toHaveLength(1);
    const [win] = h.windows;
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(win.options.webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(win.url).toBe('app://guichet/index.html');
  });

  it('serves the app through protocol.handle with the CSP', async () => {
    expect(h.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = h.protocol.handle.mock.calls[0]![1] as (r: Request) => Promise<Response>;
    const response = await handler(new Request('app://guichet/no-such-file.js'));
    expect(response.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
  });

  it('hardens every web contents created, and both sessions', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    h.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    for (const s of [h.defaultSession, h.printSession]) {
      expect(s.setPermissionRequestHandler).toHaveBeenCalled();
      expect(s.setPermissionCheckHandler).toHaveBeenCalled();
    }
    expect(h.defaultSession.webRequest.onBeforeRequest).toHaveBeenCalled();
  });

  it('handles every channel of the API, checking the sender', async () => {
    expect([...h.handles.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    const [win] = h.windows;
    const info = await h.handles.get('guichet:getAppInfo')!({ sender: win.webContents, senderFrame: win.webContents.mainFrame });
    expect(info).toMatchObject({ name: 'Guichet', version: '0.1.0', shell: 'electron' });
    const stranger = { mainFrame: { url: 'app://guichet/index.html', parent: null } };
    await expect(h.handles.get('guichet:readDeviceToken')!({ sender: stranger, senderFrame: stranger.mainFrame })).rejects.toThrow(
      'refused',
    );
  });

  it('keeps the token in memory only where the keychain is basic_text', async () => {
    const [win] = h.windows;
    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    expect(await h.handles.get('guichet:storeDeviceToken')!(event, 'secret-token')).toEqual({
      storage: 'session-only',
      keychain: 'basic-text',
    });
    expect(await h.handles.get('guichet:keychainStatus')!(event)).toBe('basic-text');
  });

  it('opens allow-listed https addresses only', async () => {
    const [win] = h.windows;
    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    expect(await h.handles.get('guichet:openExternal')!(event, 'https://evil.example/')).toEqual({ status: 'refused' });
    expect(h.shell.openExternal).not.toHaveBeenCalled();
    expect(await h.handles.get('guichet:openExternal')!(event, 'https://www.service-public.fr/')).toEqual({ status: 'opened' });
    expect(h.shell.openExternal).toHaveBeenCalledWith('https://www.service-public.fr/');
  });

  it('points the updater at the sync server once it is set, and asks for a reload when the CSP must change', async () => {
    const [win] = h.windows;
    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    expect(await h.handles.get('guichet:setSyncServer')!(event, 'http://evil.example')).toEqual({ status: 'refused', reason: 'not-https' });
    expect(await h.handles.get('guichet:setSyncServer')!(event, 'https://sync.cc-val.fr/')).toEqual({
      status: 'ok',
      url: 'https://sync.cc-val.fr',
      reloadRequired: true,
    });
    expect(h.updater.setFeedURL).toHaveBeenLastCalledWith({ provider: 'generic', url: 'https://sync.cc-val.fr/updates/' });
    expect(h.defaultSession.setSpellCheckerDictionaryDownloadURL).toHaveBeenLastCalledWith('https://sync.cc-val.fr/dictionaries/');
    expect(await h.handles.get('guichet:setSyncServer')!(event, 'https://sync.cc-val.fr')).toMatchObject({ reloadRequired: false });
  });

  it('never lets the spell checker fetch dictionaries from a third party', () => {
    expect(h.defaultSession.setSpellCheckerDictionaryDownloadURL.mock.calls[0]).toEqual(['http://127.0.0.1:9/']);
    expect(h.defaultSession.setSpellCheckerLanguages).toHaveBeenCalledWith(['fr']);
  });

  it('builds the menu in the app language', async () => {
    const [win] = h.windows;
    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    await h.handles.get('guichet:setLanguage')!(event, 'en');
    expect(h.menu.setApplicationMenu.mock.calls.at(-1)![0][0].label).toBe('&File');
  });

  it('focuses the running window when a second instance starts', () => {
    const [win] = h.windows;
    h.app.emit('second-instance');
    expect(win.focus).toHaveBeenCalled();
  });
});
