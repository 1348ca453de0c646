import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { UpdateState } from '../common/api';
import {
  CHECK_INTERVAL_MS,
  configureUpdater,
  createUpdateService,
  feedUrlFor,
  FIRST_CHECK_DELAY_MS,
  manifestHasSha512,
  type UpdaterLike,
} from './updater';

const SHA512 = 'b'.repeat(86) + '==';

/** An updater double with electron-updater's defaults. */
function fakeUpdater() {
  const emitter = new EventEmitter();
  const updater = Object.assign(emitter, {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowDowngrade: false,
    allowPrerelease: false,
    forceDevUpdateConfig: false,
    disableWebInstaller: false,
    disableDifferentialDownload: false,
    isUpdateSupported: vi.fn((_info: unknown) => true) as UpdaterLike['isUpdateSupported'],
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
  });
  return updater as typeof updater & UpdaterLike;
}

describe('update feed (quality.md, security 4)', () => {
  it("is the sync server's /updates/, over https", () => {
    expect(feedUrlFor('https://sync.cc-val.fr')).toBe('https://sync.cc-val.fr/updates/');
    expect(feedUrlFor('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787/updates/'); // tests on this computer only
    expect(feedUrlFor('http://sync.cc-val.fr')).toBeNull();
    expect(feedUrlFor('https://user:pw@sync.cc-val.fr')).toBeNull();
    expect(feedUrlFor(null)).toBeNull();
  });

  it('configures the generic provider, background download, install on quit, no downgrade, no dev config', () => {
    const updater = fakeUpdater();
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = false;
    updater.allowDowngrade = true;
    updater.forceDevUpdateConfig = true;
    configureUpdater(updater, 'https://sync.cc-val.fr/updates/');
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://sync.cc-val.fr/updates/' });
    expect(updater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: true,
      allowDowngrade: false,
      allowPrerelease: false,
      forceDevUpdateConfig: false,
      disableWebInstaller: true,
    });
  });

  it("refuses a manifest that does not give a sha512 for every file, and keeps electron-updater's own check", async () => {
    const updater = fakeUpdater();
    const original = vi.fn(() => false);
    updater.isUpdateSupported = original;
    const refused = vi.fn();
    configureUpdater(updater, 'https://sync.cc-val.fr/updates/', refused);
    const good = {
      version: '0.2.0',
      files: [{ url: 'Guichet-0.2.0.exe', sha512: SHA512, size: 1 }],
      path: '',
      sha512: SHA512,
      releaseDate: '',
    };
    expect(await updater.isUpdateSupported(good as never)).toBe(false); // electron-updater's own answer is kept
    original.mockReturnValue(true);
    expect(await updater.isUpdateSupported(good as never)).toBe(true);
    const noSha = { ...good, files: [{ url: 'Guichet-0.2.0.exe', size: 1 }] };
    expect(await updater.isUpdateSupported(noSha as never)).toBe(false);
    expect(refused).toHaveBeenCalledTimes(1);
    const sha256Only = { ...good, files: [{ url: 'Guichet-0.2.0.exe', sha2: 'a'.repeat(64), size: 1 }] };
    expect(await updater.isUpdateSupported(sha256Only as never)).toBe(false);
    // Reconfiguring does not stack the checks.
    configureUpdater(updater, 'https://sync.cc-val.fr/updates/', refused);
    expect(await updater.isUpdateSupported(good as never)).toBe(true);
    expect(original).toHaveBeenCalledTimes(3);
  });

  it('knows a sha512 when it sees one', () => {
    expect(manifestHasSha512({ files: [{ sha512: SHA512 }] } as never)).toBe(true);
    expect(manifestHasSha512({ files: [{ sha512: 'f'.repeat(128) }] } as never)).toBe(true);
    expect(manifestHasSha512({ files: [{ sha512: '' }] } as never)).toBe(false);
    expect(manifestHasSha512({ files: [] } as never)).toBe(false);
    expect(manifestHasSha512(null)).toBe(false);
  });
});

describe('the update service', () => {
  function service(options: { packaged?: boolean; server?: string | null } = {}) {
    const updater = fakeUpdater();
    const states: UpdateState[] = [];
    const timeouts: Array<[() => void, number]> = [];
    const intervals: Array<[() => void, number]> = [];
    let server = options.server === undefined ? 'https://sync.cc-val.fr' : options.server;
    const s = createUpdateService({
      updater,
      isPackaged: options.packaged ?? true,
      syncServerUrl: () => server,
      onState: (state) => states.push(state),
      now: () => new Date('2025-03-12T09:30:00.000Z'),
      setTimeout: (fn, ms) => timeouts.push([fn, ms]),
      setInterval: (fn, ms) => intervals.push([fn, ms]),
      clearTimer: () => {},
    });
    return { s, updater, states, timeouts, intervals, setServer: (u: string | null) => (server = u) };
  }

  it('checks shortly after start and then daily, never at once', () => {
    const { s, updater, timeouts, intervals } = service();
    s.start();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(timeouts.map(([, ms]) => ms)).toEqual([FIRST_CHECK_DELAY_MS]);
    expect(intervals.map(([, ms]) => ms)).toEqual([CHECK_INTERVAL_MS]);
    expect(CHECK_INTERVAL_MS).toBe(24 * 3600 * 1000);
    timeouts[0]![0]();
    intervals[0]![0]();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('follows electron-updater\'s events, and stays "ready" once downloaded (installed at quit)', () => {
    const { s, updater, states } = service();
    s.start();
    updater.emit('checking-for-update');
    updater.emit('update-available', { version: '0.2.0' });
    updater.emit('download-progress', { percent: 41.6 });
    updater.emit('update-downloaded', { version: '0.2.0' });
    updater.emit('error', new Error('late network error'));
    expect(states.map((x) => x.status)).toEqual(['idle', 'checking', 'downloading', 'downloading', 'ready']);
    expect(states[3]).toMatchObject({ percent: 42 });
    expect(s.state()).toEqual({ status: 'ready', version: '0.2.0', lastCheck: '2025-03-12T09:30:00.000Z' });
  });

  it('treats being offline as idle, not as an error, but reports real failures', () => {
    const { s, updater } = service();
    s.start();
    updater.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
    expect(s.state()).toEqual({ status: 'idle', lastCheck: null });
    updater.emit('error', new Error('sha512 checksum mismatch, expected x, got y'));
    expect(s.state()).toMatchObject({ status: 'error', message: 'sha512 checksum mismatch, expected x, got y' });
  });

  it('reports a refused manifest as an error, not as "up to date"', async () => {
    const { s, updater } = service();
    s.start();
    await updater.isUpdateSupported({ version: '0.2.0', files: [{ url: 'x.exe', size: 1 }] } as never);
    updater.emit('update-not-available', {});
    expect(s.state()).toMatchObject({ status: 'error', message: expect.stringContaining('sha512') });
  });

  it('stays off in development and without a sync server', () => {
    const dev = service({ packaged: false });
    dev.s.start();
    expect(dev.s.state()).toEqual({ status: 'disabled', reason: 'not-packaged' });
    expect(dev.updater.setFeedURL).not.toHaveBeenCalled();
    const none = service({ server: null });
    none.s.start();
    expect(none.s.state()).toEqual({ status: 'disabled', reason: 'no-server' });
    none.timeouts[0]![0]();
    expect(none.updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('re-points the feed when the sync server changes, and checks', () => {
    const { s, updater, setServer } = service({ server: null });
    s.start();
    setServer('https://sync.cc-val.fr');
    s.reconfigure();
    expect(updater.setFeedURL).toHaveBeenLastCalledWith({ provider: 'generic', url: 'https://sync.cc-val.fr/updates/' });
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
  });
});
