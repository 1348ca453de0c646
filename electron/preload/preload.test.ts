import { beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, UPDATE_STATE_EVENT } from '../common/channels';

// The preload runs against Electron's renderer modules, mocked at the boundary.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (..._args: unknown[]) => 'answer'),
  on: vi.fn(),
  removeListener: vi.fn(),
  send: vi.fn(),
  sendSync: vi.fn(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: electron.invoke,
    on: electron.on,
    removeListener: electron.removeListener,
    send: electron.send,
    sendSync: electron.sendSync,
  },
}));

let api: Record<string, unknown>;
beforeAll(async () => {
  await import('./index');
  api = electron.exposed.get('guichet') as Record<string, unknown>;
});

describe('the preload (quality.md, security 2)', () => {
  it('exposes one object, window.guichet, and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['guichet']);
  });

  it('exposes exactly the named operations: no ipcRenderer, no generic invoke or send', () => {
    expect(Object.keys(api).sort()).toEqual([...Object.keys(INVOKE_CHANNELS), 'onUpdateState'].sort());
    for (const [name, value] of Object.entries(api)) {
      expect(typeof value, name).toBe('function');
      expect(value).not.toBe(electron.invoke);
      expect(value).not.toBe(electron.send);
    }
    for (const forbidden of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'on', 'once', 'require', 'process']) {
      expect(api).not.toHaveProperty(forbidden);
    }
  });

  it('maps each operation to its own fixed channel', async () => {
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);
    const calls: Array<[string, unknown[], unknown[]]> = [
      ['printPdf', [pdf, 'Récépissé'], [pdf, 'Récépissé']],
      ['savePdf', [pdf, 'Accusé.pdf'], [pdf, 'Accusé.pdf']],
      ['saveFile', [pdf, 'chiffres.csv'], [pdf, 'chiffres.csv']],
      ['runBackup', [{ bytes: pdf, smuggled: () => 1 }], [{ bytes: pdf }]],
      ['readBackup', ['x.guichet-backup'], ['x.guichet-backup']],
      ['storeDeviceToken', ['tok'], ['tok']],
      ['setLanguage', ['en'], ['en']],
      ['setSyncServer', [null], [null]],
      ['openExternal', ['https://www.service-public.fr/'], ['https://www.service-public.fr/']],
      ['getAppInfo', [], []],
    ];
    for (const [method, args, sent] of calls) {
      electron.invoke.mockClear();
      await (api[method] as (...a: unknown[]) => Promise<unknown>)(...args);
      expect(electron.invoke).toHaveBeenCalledWith(INVOKE_CHANNELS[method as keyof typeof INVOKE_CHANNELS], ...sent);
    }
    for (const method of Object.keys(INVOKE_CHANNELS) as Array<keyof typeof INVOKE_CHANNELS>) {
      electron.invoke.mockClear();
      await (api[method] as (...a: unknown[]) => Promise<unknown>)();
      expect(electron.invoke.mock.calls[0]?.[0], method).toBe(INVOKE_CHANNELS[method]);
    }
  });

  it('hands the update state to the callback without the IPC event, and unsubscribes', () => {
    const callback = vi.fn();
    const unsubscribe = (api.onUpdateState as (cb: (s: unknown) => void) => () => void)(callback);
    const [channel, listener] = electron.on.mock.calls.at(-1)!;
    expect(channel).toBe(UPDATE_STATE_EVENT);
    const event = { sender: { secret: 'ipcRenderer' }, ports: [] };
    (listener as (...a: unknown[]) => void)(event, { status: 'up-to-date', lastCheck: '2025-01-01T00:00:00.000Z' });
    expect(callback).toHaveBeenCalledWith({ status: 'up-to-date', lastCheck: '2025-01-01T00:00:00.000Z' });
    expect(callback.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    expect(electron.removeListener).toHaveBeenCalledWith(UPDATE_STATE_EVENT, listener);
  });
});
