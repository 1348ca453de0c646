// The real electron-updater (the version the app ships), fed by a local
// server, with the policy of updater.ts applied: it must install nothing
// whose bytes do not match the manifest's sha512 (quality.md, security 4).
// Only the transport is swapped: Electron's net module becomes Node's http;
// the download, the checksum and the cache are electron-updater's own code.
import { createHash } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import type { AddressInfo } from 'node:net';
import type { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUpdateService, type UpdaterLike } from './updater';

// Should anything require('electron') for real, make it fail fast instead of downloading a binary.
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= nodePath.join(tmpdir(), 'no-electron-here');

const require = createRequire(import.meta.url);
const { DebUpdater } = require('electron-updater') as typeof import('electron-updater');
const { ElectronHttpExecutor } = require('electron-updater/out/electronHttpExecutor.js') as {
  ElectronHttpExecutor: new (login?: unknown) => object;
};

/** electron-updater's executor with Node's http in place of electron.net. */
class NodeTransport extends (ElectronHttpExecutor as unknown as new () => { createRequest(o: any, cb: any): any }) {
  override createRequest(options: any, callback: (response: any) => void) {
    return request({ ...options, protocol: 'http:' }, callback);
  }
}

const PACKAGE = Buffer.from('!<arch>\ndebian-binary   pretend this is Guichet 0.2.0\n'.repeat(200));
const TAMPERED = Buffer.concat([PACKAGE.subarray(0, 100), Buffer.from('EVIL'), PACKAGE.subarray(104)]);
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');

let server: Server;
let base: string;
let manifest = '';
let served = PACKAGE;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/updates/latest-linux.yml')) {
      res.writeHead(200, { 'Content-Type': 'text/yaml' }).end(manifest);
    } else if (req.url?.startsWith('/updates/guichet_0.2.0_amd64.deb')) {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': served.length }).end(served);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function yaml(fileSha512: string | null, sha2?: string): string {
  const sha = (fileSha512 === null ? '' : `    sha512: ${fileSha512}\n`) + (sha2 ? `    sha2: ${sha2}\n` : '');
  return `version: 0.2.0\nfiles:\n  - url: guichet_0.2.0_amd64.deb\n${sha}    size: ${PACKAGE.length}\npath: guichet_0.2.0_amd64.deb\n${fileSha512 ? `sha512: ${fileSha512}\n` : ''}releaseDate: '2025-03-12T09:30:00.000Z'\n`;
}

async function realUpdater(withPolicy = true) {
  const dir = await mkdtemp(nodePath.join(tmpdir(), 'guichet-updater-'));
  const configPath = nodePath.join(dir, 'app-update.yml');
  await writeFile(configPath, 'provider: generic\nurl: https://sync.example.fr/updates/\nupdaterCacheDirName: guichet-updater\n');
  const app = {
    version: '0.1.0',
    name: 'Guichet',
    isPackaged: true,
    appUpdateConfigPath: configPath,
    userDataPath: dir,
    baseCachePath: dir,
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  };
  const updater = new DebUpdater(null, app);
  (updater as unknown as { httpExecutor: unknown }).httpExecutor = new NodeTransport();
  updater.logger = null;
  const events: string[] = [];
  for (const e of ['update-available', 'update-not-available', 'update-downloaded', 'error'])
    (updater as unknown as EventEmitter).on(e, () => events.push(e));
  const service = createUpdateService({
    updater: updater as unknown as UpdaterLike,
    isPackaged: true,
    syncServerUrl: () => base,
    onState: () => {},
    setTimeout: () => 0,
    setInterval: () => 0,
  });
  if (withPolicy) service.start();
  return { updater, service, events, cache: nodePath.join(dir, 'guichet-updater') };
}

async function cachedPackages(cache: string): Promise<string[]> {
  try {
    return (await readdir(cache, { recursive: true })).filter((f) => String(f).endsWith('.deb'));
  } catch {
    return [];
  }
}

describe("electron-updater with Guichet's policy", () => {
  it('downloads an update whose sha512 matches (the harness works)', async () => {
    manifest = yaml(sha512(PACKAGE));
    served = PACKAGE;
    const { updater, service, events, cache } = await realUpdater();
    const result = await updater.checkForUpdates();
    await result?.downloadPromise;
    expect(events).toContain('update-downloaded');
    expect(service.state()).toMatchObject({ status: 'ready', version: '0.2.0' });
    expect(await cachedPackages(cache)).toHaveLength(1);
  });

  it("refuses a download whose bytes do not match the manifest's sha512, and keeps nothing", async () => {
    manifest = yaml(sha512(PACKAGE));
    served = TAMPERED;
    const { updater, service, events, cache } = await realUpdater();
    const result = await updater.checkForUpdates();
    await expect(result?.downloadPromise).rejects.toThrow(/sha512 checksum mismatch/);
    expect(events).not.toContain('update-downloaded');
    expect(service.state()).toMatchObject({ status: 'error' });
    expect(await cachedPackages(cache)).toEqual([]);
  });

  it('refuses a manifest that gives only a sha256, which electron-updater alone would accept', async () => {
    manifest = yaml(null, createHash('sha256').update(PACKAGE).digest('hex'));
    served = PACKAGE;
    const bare = await realUpdater(false);
    bare.updater.setFeedURL({ provider: 'generic', url: `${base}/updates/` });
    await (await bare.updater.checkForUpdates())?.downloadPromise;
    expect(bare.events).toContain('update-downloaded'); // why the policy exists
    const { updater, service, events } = await realUpdater();
    const result = await updater.checkForUpdates();
    expect(result?.downloadPromise ?? null).toBeNull();
    expect(events).not.toContain('update-downloaded');
    expect(service.state()).toMatchObject({ status: 'error', message: expect.stringContaining('sha512') });
  });

  it('refuses a manifest that gives no checksum at all', async () => {
    manifest = yaml(null);
    served = PACKAGE;
    const { updater, service, events } = await realUpdater();
    const result = await updater.checkForUpdates();
    expect(result?.downloadPromise ?? null).toBeNull();
    expect(events).not.toContain('update-downloaded');
    expect(service.state()).toMatchObject({ status: 'error', message: expect.stringContaining('sha512') });
  });
});
