import nodePath from 'node:path';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { openShellConfig, parseShellConfig } from './shell-config';
import { mainWindowOptions, openMainWindow } from './window';

describe('shell settings', () => {
  it('persists and reads back', async () => {
    const file = nodePath.join(await mkdtemp(nodePath.join(tmpdir(), 'guichet-cfg-')), 'guichet-shell.json');
    const store = await openShellConfig(file);
    expect(store.get()).toEqual({ syncServerUrl: null, backupFolder: null, language: 'fr' });
    await store.update({ syncServerUrl: 'https://sync.cc-val.fr/', language: 'en', backupFolder: '/media/cle' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      syncServerUrl: 'https://sync.cc-val.fr',
      backupFolder: '/media/cle',
      language: 'en',
    });
    expect((await openShellConfig(file)).get().language).toBe('en');
  });

  it('drops what does not check out: an http server, a relative folder, a language it does not know', async () => {
    expect(parseShellConfig({ syncServerUrl: 'http://evil.example', backupFolder: 'relative/dir', language: 'de' })).toEqual({
      syncServerUrl: null,
      backupFolder: null,
      language: 'fr',
    });
    const file = nodePath.join(await mkdtemp(nodePath.join(tmpdir(), 'guichet-cfg-')), 'guichet-shell.json');
    await writeFile(file, '{broken');
    expect((await openShellConfig(file)).get().syncServerUrl).toBeNull();
  });
});

describe('the app window', () => {
  const state = { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: true };

  it('uses the secure webPreferences and the restored place', () => {
    const options = mainWindowOptions({ preload: '/app/dist/electron/preload.cjs', state, devTools: false });
    expect(options).toMatchObject({ x: 10, y: 20, width: 1200, height: 800, show: false, title: 'Guichet' });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      nodeIntegration: false,
      devTools: false,
    });
  });

  it('loads the app from app://guichet/, never file://, and shows it when painted', () => {
    const calls: string[] = [];
    let ready: () => void = () => {};
    const win = {
      once: (_e: 'ready-to-show', l: () => void) => (ready = l),
      maximize: () => calls.push('maximize'),
      show: () => calls.push('show'),
      loadURL: async (url: string) => {
        calls.push(url);
      },
    };
    openMainWindow(() => win, { preload: '/p.cjs', state, devTools: false });
    expect(calls).toEqual(['app://guichet/index.html']);
    ready();
    expect(calls).toEqual(['app://guichet/index.html', 'maximize', 'show']);
  });
});
