import { describe, expect, it, vi } from 'vitest';
import type { GuichetInvokeMethod } from '../common/api';
import { INVOKE_CHANNELS } from '../common/channels';
import { isTrustedSender, registerIpc, VALIDATORS, type MainHandlers } from './ipc';

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]);

/** A window's web contents with its main frame showing the app, and a subframe. */
function appContents(url = 'app://guichet/index.html') {
  const mainFrame = { url, parent: null, processId: 4, routingId: 1 };
  const sender = { id: 1, mainFrame };
  const subframe = { url, parent: mainFrame, processId: 4, routingId: 7 };
  return { sender, mainFrame, subframe };
}

function setup(known = true) {
  const handles = new Map<string, (event: any, ...args: any[]) => Promise<unknown>>();
  const ipcMain = { handle: vi.fn((channel: string, listener: any) => handles.set(channel, listener)) };
  const handlers = Object.fromEntries(
    (Object.keys(INVOKE_CHANNELS) as GuichetInvokeMethod[]).map((m) => [m, vi.fn(async () => `ran ${m}`)]),
  ) as unknown as MainHandlers & Record<string, ReturnType<typeof vi.fn>>;
  const { sender, mainFrame, subframe } = appContents();
  const refused = vi.fn();
  registerIpc({ ipcMain, handlers, isKnownWebContents: (s) => known && s === sender, onRefused: refused });
  const call = (channel: string, event: any, ...args: unknown[]) => handles.get(channel)!(event, ...args);
  return { handles, handlers, sender, mainFrame, subframe, call, refused };
}

describe('IPC sender checks (quality.md, security 1)', () => {
  it('registers one handler per operation of the API, on its own channel, and nothing else', () => {
    const { handles } = setup();
    expect([...handles.keys()].sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
    for (const [method, channel] of Object.entries(INVOKE_CHANNELS)) expect(channel).toBe(`guichet:${method}`);
  });

  it('answers the main frame of a known app window', async () => {
    const { call, sender, mainFrame, handlers } = setup();
    await expect(call('guichet:getAppInfo', { sender, senderFrame: mainFrame })).resolves.toBe('ran getAppInfo');
    expect(handlers.getAppInfo).toHaveBeenCalledWith({ sender });
  });

  it('refuses a subframe, even of the app', async () => {
    const { call, sender, subframe, handlers, refused } = setup();
    await expect(call('guichet:readDeviceToken', { sender, senderFrame: subframe })).rejects.toThrow('refused');
    expect(handlers.readDeviceToken).not.toHaveBeenCalled();
    expect(refused).toHaveBeenCalledWith('guichet:readDeviceToken', 'sender');
  });

  it.each([
    'https://evil.example/',
    'file:///tmp/x.html',
    'app://other/index.html',
    'app://guichet.evil/index.html',
    'about:blank',
    'data:text/html,x',
  ])('refuses a main frame showing %s', async (url) => {
    const { sender, mainFrame } = appContents(url);
    const handles = new Map<string, any>();
    const handlers = { readDeviceToken: vi.fn() } as any;
    for (const m of Object.keys(INVOKE_CHANNELS)) handlers[m] ??= vi.fn();
    registerIpc({ ipcMain: { handle: (c, l) => handles.set(c, l) }, handlers, isKnownWebContents: (s) => s === sender });
    await expect(handles.get('guichet:readDeviceToken')({ sender, senderFrame: mainFrame })).rejects.toThrow('refused');
    expect(handlers.readDeviceToken).not.toHaveBeenCalled();
  });

  it('refuses a web contents Guichet did not open (the print window, a devtools page…)', async () => {
    const { call, sender, mainFrame, handlers } = setup(false);
    await expect(call('guichet:readDeviceToken', { sender, senderFrame: mainFrame })).rejects.toThrow('refused');
    expect(handlers.readDeviceToken).not.toHaveBeenCalled();
  });

  it('refuses a frame that is gone (navigated or destroyed)', async () => {
    const { call, sender, handlers } = setup();
    await expect(call('guichet:readDeviceToken', { sender, senderFrame: null })).rejects.toThrow('refused');
    expect(handlers.readDeviceToken).not.toHaveBeenCalled();
  });

  it("refuses a top-level frame that is not the window's main frame", () => {
    const { sender } = appContents();
    const other = { url: 'app://guichet/index.html', parent: null, processId: 9, routingId: 3 };
    expect(isTrustedSender({ sender, senderFrame: other }, () => true)).toBe(false);
    expect(isTrustedSender({ sender: {}, senderFrame: other }, () => true)).toBe(false);
  });

  it('checks the sender of every channel, not just some', async () => {
    const { call, sender, subframe, handlers } = setup();
    for (const channel of Object.values(INVOKE_CHANNELS)) {
      await expect(call(channel, { sender, senderFrame: subframe })).rejects.toThrow('refused');
    }
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });
});

describe('IPC argument checks', () => {
  const cases: Array<[GuichetInvokeMethod, unknown[]]> = [
    ['printPdf', ['not bytes', 'titre']],
    ['printPdf', [PDF]],
    ['printPdf', [PDF, 42]],
    ['printPdf', [new Uint8Array(0), 'vide']],
    ['savePdf', [PDF, { toString: () => 'x' }]],
    ['savePdf', [[0x25, 0x50], 'array, not bytes']],
    ['saveFile', ['texte', 'x.csv']],
    ['saveFile', [new Uint8Array([1])]],
    ['runBackup', [null]],
    ['runBackup', [{ bytes: 'AAAA' }]],
    ['runBackup', [{ bytes: new Uint8Array([1]) }, 'extra']],
    ['readBackup', ['../../etc/passwd']],
    ['readBackup', ['C:\\Windows\\win.ini']],
    ['readBackup', ['notes.txt']],
    ['storeDeviceToken', ['']],
    ['storeDeviceToken', [42]],
    ['storeDeviceToken', ['a'.repeat(5000)]],
    ['storeDeviceToken', ['token\nwith newline']],
    ['storeBackupPassphrase', [{}]],
    ['setLanguage', ['de']],
    ['setSyncServer', [42]],
    ['setSyncServer', ['x'.repeat(3000)]],
    ['openExternal', [42]],
    ['openExternal', []],
    ['getAppInfo', ['unexpected']],
    ['listBackups', [1]],
  ];

  it.each(cases)('%s refuses %j', async (method, args) => {
    const { call, sender, mainFrame, handlers, refused } = setup();
    await expect(call(INVOKE_CHANNELS[method], { sender, senderFrame: mainFrame }, ...args)).rejects.toThrow('refused');
    expect(handlers[method]).not.toHaveBeenCalled();
    expect(refused).toHaveBeenCalledWith(INVOKE_CHANNELS[method], 'arguments');
  });

  it('passes well-formed arguments through', async () => {
    const { call, sender, mainFrame, handlers } = setup();
    const event = { sender, senderFrame: mainFrame };
    await call('guichet:printPdf', event, PDF, 'Accusé de réception');
    expect(handlers.printPdf).toHaveBeenCalledWith({ sender }, PDF, 'Accusé de réception');
    await call('guichet:runBackup', event, { bytes: PDF, extra: 'dropped' });
    expect(handlers.runBackup).toHaveBeenCalledWith({ sender }, { bytes: PDF });
    await call('guichet:readBackup', event, 'guichet-sauvegarde-2025-03-12T09-30-00-000Z.guichet-backup');
    await call('guichet:setSyncServer', event, null);
    expect(handlers.setSyncServer).toHaveBeenCalledWith({ sender }, null);
    await call('guichet:setLanguage', event, 'en');
    expect(handlers.setLanguage).toHaveBeenCalledWith({ sender }, 'en');
  });

  it('has a validator for every operation', () => {
    expect(Object.keys(VALIDATORS).sort()).toEqual(Object.keys(INVOKE_CHANNELS).sort());
  });
});
