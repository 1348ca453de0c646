/** The /updates/ folder electron-updater's generic provider reads. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStorage, startServer, type TestServer, type TestStorage } from './harness';

describe('updates folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-updates-'));
  let storage: TestStorage;
  let server: TestServer;
  const installer = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));

  beforeAll(async () => {
    writeFileSync(join(dir, 'latest.yml'), 'version: 1.2.0\npath: Guichet-Setup-1.2.0.exe\n');
    writeFileSync(join(dir, 'Guichet-Setup-1.2.0.exe'), installer);
    writeFileSync(join(dir, '.env'), 'SECRET=1');
    storage = await openTestStorage('pglite');
    server = await startServer(storage, { updatesDir: dir });
  });

  afterAll(async () => {
    await server?.close();
    await storage?.close();
    rmSync(dir, { recursive: true, force: true });
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
});
