import { describe, expect, it, vi } from 'vitest';
import { createWebApi, type WebEnv } from './web-api';
import { getPlatform, isDesktop, setPlatformForTests } from './index';

const PDF = new Uint8Array(new TextEncoder().encode('%PDF-1.7\n%%EOF'));

/** Just enough DOM for the browser implementation, recorded. */
function env(storage: Map<string, string> | null = new Map()) {
  const clicked: Array<{ href: string; download: string }> = [];
  const opened: Array<[string, string, string]> = [];
  const element = (tag: string) => {
    const el: any = { tag, style: {}, listeners: {} as Record<string, () => void>, remove: vi.fn() };
    el.addEventListener = (event: string, listener: () => void) => (el.listeners[event] = listener);
    el.click = () => clicked.push({ href: el.href, download: el.download });
    return el;
  };
  const e: WebEnv = {
    document: { createElement: element as never, body: { appendChild: vi.fn() } as never },
    storage: storage && {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    },
    open: (url, target, features) => opened.push([url, target, features]),
    createObjectURL: () => 'blob:http://127.0.0.1/1234',
    revokeObjectURL: vi.fn(),
    setTimeout: () => 0,
    platform: 'web',
  };
  return { e, clicked, opened };
}

describe('the browser implementation of the API', () => {
  it('downloads a PDF instead of a save dialog, with a safe name', async () => {
    const { e, clicked } = env();
    const api = createWebApi(e);
    expect(await api.savePdf(PDF, 'Accusé: 2025/0042')).toEqual({ status: 'downloaded', fileName: 'Accusé 2025 0042.pdf' });
    expect(clicked).toEqual([{ href: 'blob:http://127.0.0.1/1234', download: 'Accusé 2025 0042.pdf' }]);
    expect(await api.savePdf(new Uint8Array([1, 2, 3]), 'x')).toEqual({ status: 'failed', message: 'not-a-pdf' });
  });

  it('downloads any other file with its extension and a safe name', async () => {
    const { e, clicked } = env();
    const api = createWebApi(e);
    expect(await api.saveFile(new Uint8Array([0xef, 0xbb, 0xbf]), 'Chiffres: janvier.CSV')).toEqual({
      status: 'downloaded',
      fileName: 'Chiffres janvier.csv',
    });
    expect(clicked).toEqual([{ href: 'blob:http://127.0.0.1/1234', download: 'Chiffres janvier.csv' }]);
  });

  it('has no backup folder: it says so, and downloads the encrypted file', async () => {
    const { e, clicked } = env();
    const api = createWebApi(e);
    expect(await api.chooseBackupFolder()).toEqual({ status: 'unsupported' });
    expect(await api.listBackups()).toEqual({ supported: false, folder: null, folderAvailable: false, backups: [] });
    const result = await api.runBackup({ bytes: new Uint8Array([1, 2, 3]) });
    expect(result).toMatchObject({ status: 'downloaded', size: 3 });
    expect(clicked[0]!.download).toMatch(/^guichet-sauvegarde-.*\.guichet-backup$/);
  });

  it('keeps the token in the browser profile and says there is no keychain', async () => {
    const storage = new Map<string, string>();
    const api = createWebApi(env(storage).e);
    expect(await api.keychainStatus()).toBe('unavailable');
    expect(await api.storeDeviceToken('tok')).toEqual({ storage: 'browser-storage', keychain: 'unavailable' });
    expect(await api.readDeviceToken()).toBe('tok');
    await api.clearDeviceToken();
    expect(await api.readDeviceToken()).toBeNull();
    expect(storage.size).toBe(0);
  });

  it('keeps the token for the page only where storage is off', async () => {
    const api = createWebApi(env(null).e);
    expect(await api.storeDeviceToken('tok')).toEqual({ storage: 'session-only', keychain: 'unavailable' });
    expect(await api.readDeviceToken()).toBe('tok');
  });

  it('opens allow-listed https addresses only, with noopener', async () => {
    const { e, opened } = env();
    const api = createWebApi(e);
    expect(await api.openExternal('https://service-public.fr.evil.com/')).toEqual({ status: 'refused' });
    expect(await api.openExternal('javascript:alert(1)')).toEqual({ status: 'refused' });
    expect(opened).toEqual([]);
    expect(await api.openExternal('https://www.service-public.fr/particuliers')).toEqual({ status: 'opened' });
    expect(opened).toEqual([['https://www.service-public.fr/particuliers', '_blank', 'noopener,noreferrer']]);
  });

  it('reports updates as not applicable and checks the sync server address', async () => {
    const api = createWebApi(env().e);
    expect(await api.getUpdateState()).toEqual({ status: 'disabled', reason: 'browser' });
    expect(typeof api.onUpdateState(() => {})).toBe('function');
    expect(await api.setSyncServer('http://sync.cc-val.fr')).toEqual({ status: 'refused', reason: 'not-https' });
    expect(await api.setSyncServer('https://sync.cc-val.fr/')).toEqual({
      status: 'ok',
      url: 'https://sync.cc-val.fr',
      reloadRequired: false,
    });
    expect(await api.getAppInfo()).toMatchObject({ name: 'Guichet', shell: 'browser', platform: 'web' });
  });

  it('implements every operation of the desktop API', async () => {
    const { INVOKE_CHANNELS } = await import('../../../electron/common/channels');
    const api = createWebApi(env().e);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(INVOKE_CHANNELS), 'onUpdateState'].sort());
  });
});

describe('getPlatform', () => {
  it('uses window.guichet in the desktop app, the browser implementation elsewhere', () => {
    const desktop = { marker: 'preload' } as never;
    vi.stubGlobal('window', { guichet: desktop });
    setPlatformForTests(null);
    expect(getPlatform()).toBe(desktop);
    expect(isDesktop()).toBe(true);
    vi.unstubAllGlobals();
    setPlatformForTests(null);
  });
});
