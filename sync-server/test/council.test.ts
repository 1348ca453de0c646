/**
 * The mayor's tablet: the server serves the browser build at /app/, and an
 * enrollment code can carry the mayor's role, which the device gets back.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../domain/protocol';
import { runAdmin, type DeviceView, type EnrollCodeView } from '../src/admin';
import { adminCommand, parseArgs } from '../src/cli-args';
import { addCommune, enrollmentCode, openTestStorage, startServer, STORAGE_KINDS, type TestServer, type TestStorage } from './harness';

describe('the browser build at /app/', () => {
  const parent = mkdtempSync(join(tmpdir(), 'guichet-app-'));
  const dir = join(parent, 'renderer');
  let storage: TestStorage;
  let server: TestServer;

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><title>Guichet</title><script type="module" src="./assets/index-abc.js"></script>',
    );
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log("guichet")');
    writeFileSync(join(dir, 'assets', 'index-abc.css'), 'body{}');
    writeFileSync(join(dir, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
    writeFileSync(join(dir, '.env'), 'SECRET=1');
    writeFileSync(join(parent, 'secret.txt'), 'outside');
    symlinkSync(join(parent, 'secret.txt'), join(dir, 'link.txt'));
    storage = await openTestStorage('pglite');
    server = await startServer(storage, { appDir: dir });
  });

  afterAll(async () => {
    await server?.close();
    await storage?.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it('serves the page and its assets with their content types', async () => {
    const page = await fetch(`${server.url}/app/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(await page.text()).toContain('<title>Guichet</title>');
    expect((await fetch(`${server.url}/app/index.html`)).status).toBe(200);

    const script = await fetch(`${server.url}/app/assets/index-abc.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(await script.text()).toBe('console.log("guichet")');
    expect((await fetch(`${server.url}/app/assets/index-abc.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${server.url}/app/assets/font.woff2`)).headers.get('content-type')).toBe('font/woff2');
  });

  it('sends /app to /app/, so that the page’s relative asset paths resolve', async () => {
    const response = await fetch(`${server.url}/app`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/app/');
  });

  it('serves nothing outside the folder: no traversal, encoded or not, no dot-files, no links out', async () => {
    for (const path of [
      '/app/../package.json',
      '/app/%2e%2e/secret.txt',
      '/app/..%2Fsecret.txt',
      '/app/assets/..%2F..%2Fsecret.txt',
      '/app/%2Fetc%2Fpasswd',
      '/app/..%5Csecret.txt',
      '/app/.env',
      '/app/link.txt',
      '/app/assets/',
      '/app/missing.js',
      '/app/index.html%00.js',
    ]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('outside');
    }
  });

  it('is not served when no folder is configured', async () => {
    const bare = await startServer(storage);
    try {
      expect((await fetch(`${bare.url}/app/`)).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});

for (const kind of STORAGE_KINDS) {
  describe(`an enrollment code with the mayor's role (${kind})`, () => {
    let storage: TestStorage;
    let server: TestServer;

    beforeAll(async () => {
      storage = await openTestStorage(kind);
      server = await startServer(storage);
    });
    afterAll(async () => {
      await server?.close();
      await storage?.close();
    });

    async function enrollWith(code: string): Promise<EnrollResponse> {
      const response = await fetch(`${server.url}/api/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, deviceName: 'Tablette du maire' }),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as EnrollResponse;
    }

    it('gives the device the role, stored with it and returned at enrollment', async () => {
      const commune = await addCommune(storage, 'Saint-Aubin-sur-Meuse');
      const issued = (await runAdmin(storage, {
        command: 'enroll-code',
        tenantId: commune.id,
        ttlDays: 7,
        role: 'mayor',
      })) as EnrollCodeView;
      expect(issued.role).toBe('mayor');
      const enrolled = await enrollWith(issued.code);
      expect(enrolled.role).toBe('mayor');
      const devices = (await runAdmin(storage, { command: 'devices-list' })) as DeviceView[];
      expect(devices.find((device) => device.id === enrolled.deviceId)).toMatchObject({ name: 'Tablette du maire', role: 'mayor' });
    });

    it('leaves an ordinary code’s answer as it was: no role field', async () => {
      const commune = await addCommune(storage, 'Avocourt');
      const enrolled = await enrollWith(await enrollmentCode(storage, commune.id));
      expect('role' in enrolled).toBe(false);
    });
  });
}

describe('enroll-code --role on the command line', () => {
  it('reads the role, and refuses an unknown one', () => {
    expect(adminCommand(parseArgs(['enroll-code', '--commune', 'C1', '--role', 'mayor']))).toEqual({
      command: 'enroll-code',
      tenantId: 'C1',
      ttlDays: 7,
      role: 'mayor',
    });
    expect(adminCommand(parseArgs(['enroll-code', '--commune', 'C1']))).toEqual({ command: 'enroll-code', tenantId: 'C1', ttlDays: 7 });
    expect(() => adminCommand(parseArgs(['enroll-code', '--commune', 'C1', '--role', 'king']))).toThrow(/role/);
  });
});
