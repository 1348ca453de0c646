/** The /updates/ folder electron-updater's generic provider reads. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStorage, startServer, type TestServer, type TestStorage } from './harness';

describe('updates folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-updates-'));
  // A secret beside the folder, and a sibling whose name starts like the folder's.
  const outside = mkdtempSync(join(tmpdir(), 'guichet-outside-'));
  const sibling = `${dir}-sibling`;
  let storage: TestStorage;
  let server: TestServer;
  const installer = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));

  beforeAll(async () => {
    writeFileSync(join(dir, 'latest.yml'), 'version: 1.2.0\npath: Guichet-Setup-1.2.0.exe\n');
    writeFileSync(join(dir, 'Guichet-Setup-1.2.0.exe'), installer);
    writeFileSync(join(dir, '.env'), 'SECRET=1');
    writeFileSync(join(outside, 'secret.txt'), 'SECRET=2');
    mkdirSync(sibling);
    writeFileSync(join(sibling, 'beside.yml'), 'SECRET=3');
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'passwd.yml'));
    symlinkSync('/etc/passwd', join(dir, 'etc-passwd'));
    symlinkSync(join(sibling, 'beside.yml'), join(dir, 'sibling.yml'));
    symlinkSync(outside, join(dir, 'outside-dir'));
    symlinkSync('.env', join(dir, 'env.yml'));
    // The release tooling's way to publish: latest.yml names the current manifest.
    symlinkSync('Guichet-Setup-1.2.0.exe', join(dir, 'Guichet-Setup-latest.exe'));
    storage = await openTestStorage('pglite');
    server = await startServer(storage, { updatesDir: dir });
  });

  afterAll(async () => {
    await server?.close();
    await storage?.close();
    for (const path of [dir, outside, sibling]) rmSync(path, { recursive: true, force: true });
  });

  it('serves the manifest and the installer, and byte ranges of it', async () => {
    const manifest = await fetch(`${server.url}/updates/latest.yml`);
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('content-type')).toContain('yaml');
    expect(await manifest.text()).toContain('version: 1.2.0');
    const whole = await fetch(`${server.url}/updates/Guichet-Setup-1.2.0.exe`);
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(installer);
    const part = await fetch(`${server.url}/updates/Guichet-Setup-1.2.0.exe`, { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(installer.subarray(10, 20));
  });

  it('serves nothing outside the folder, no dot-files, nothing missing', async () => {
    expect((await fetch(`${server.url}/updates/.env`)).status).toBe(404);
    expect((await fetch(`${server.url}/updates/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/updates/missing.yml`)).status).toBe(404);
  });

  it('follows no link out of the folder, and serves a link that stays inside', async () => {
    for (const name of ['passwd.yml', 'etc-passwd', 'sibling.yml', 'outside-dir', 'env.yml']) {
      const answer = await fetch(`${server.url}/updates/${name}`);
      expect(answer.status, name).toBe(404);
      expect(await answer.text(), name).not.toContain('SECRET');
    }
    const inside = await fetch(`${server.url}/updates/Guichet-Setup-latest.exe`, { headers: { range: 'bytes=0-9' } });
    expect(inside.status).toBe(206);
    expect(Buffer.from(await inside.arrayBuffer())).toEqual(installer.subarray(0, 10));
  });
});
