import nodePath from 'node:path';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  contentSecurityPolicy,
  createAppProtocolHandler,
  isAppUrl,
  resolveAppPath,
} from './protocol';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('the app:// scheme', () => {
  it('is a standard, secure scheme that does not bypass the CSP', () => {
    expect(APP_ORIGIN).toBe('app://guichet'); // IndexedDB belongs to this origin: never change it
    expect(APP_ENTRY_URL).toBe('app://guichet/index.html');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('allowServiceWorkers');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('corsEnabled');
  });

  it('recognises its own addresses only', () => {
    expect(isAppUrl('app://guichet/index.html')).toBe(true);
    expect(isAppUrl('app://guichet/index.html#/demandes/abc')).toBe(true);
    expect(isAppUrl('app://guichet.evil/index.html')).toBe(false);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('app://user@guichet/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('https://guichet/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('path traversal', () => {
  const root = '/opt/guichet/dist/renderer';
  it('serves files under the root', () => {
    expect(resolveAppPath(root, 'app://guichet/index.html')).toBe(`${root}/index.html`);
    expect(resolveAppPath(root, 'app://guichet/')).toBe(`${root}/index.html`);
    expect(resolveAppPath(root, 'app://guichet/assets/index-abc.js?v=1#x')).toBe(`${root}/assets/index-abc.js`);
    expect(resolveAppPath(root, 'app://guichet/assets/Accus%C3%A9.png')).toBe(`${root}/assets/Accusé.png`);
  });

  it.each(['app://guichet/../../../etc/passwd', 'app://guichet/%2e%2e/%2e%2e/etc/passwd', 'app://guichet/assets/../../x.js'])(
    'keeps %s inside the root (the URL parser clamps dot segments, as Chromium does)',
    (url) => {
      const file = resolveAppPath(root, url);
      expect(file === null || file.startsWith(`${root}/`)).toBe(true);
      expect(file).not.toBe('/etc/passwd');
    },
  );

  it.each([
    'app://guichet/assets/..%2f..%2f..%2fetc/passwd',
    'app://guichet/..%2F..%2Fetc%2Fpasswd',
    'app://guichet/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://guichet/..%5c..%5cwindows%5cwin.ini',
    'app://guichet/assets%5c..%5c..%5csecret',
    'app://guichet/index.html%00.png',
    'app://guichet/C:%5cWindows%5cwin.ini',
    'app://guichet/%E0%A4%A', // malformed escape
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('holds with Windows path rules too', () => {
    const winRoot = 'C:\\Program Files\\Guichet\\resources\\app.asar\\dist\\renderer';
    expect(resolveAppPath(winRoot, 'app://guichet/assets/a.js', nodePath.win32)).toBe(`${winRoot}\\assets\\a.js`);
    for (const url of [
      'app://guichet/..%5c..%5csecret',
      'app://guichet/D:%5csecret',
      'app://guichet/%2e%2e%5csecret',
      'app://guichet/..%2f..%2fsecret',
    ]) {
      expect(resolveAppPath(winRoot, url, nodePath.win32)).toBeNull();
    }
  });
});

describe('responses', () => {
  async function setup() {
    const root = await mkdtemp(nodePath.join(tmpdir(), 'guichet-protocol-'));
    await mkdir(nodePath.join(root, 'assets'));
    await writeFile(nodePath.join(root, 'index.html'), '<!doctype html><title>Guichet</title>');
    await writeFile(nodePath.join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(nodePath.join(root, '..', 'secret.txt'), 'secret').catch(() => undefined);
    let origin: string | null = null;
    const handler = createAppProtocolHandler({ root, syncServerOrigin: () => origin });
    return { handler, setOrigin: (o: string | null) => (origin = o) };
  }

  it('serves the app with a strict Content-Security-Policy and hardening headers', async () => {
    const { handler } = await setup();
    const response = await handler(new Request('app://guichet/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>Guichet</title>');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    const csp = response.headers.get('Content-Security-Policy');
    expect(csp).toBeTruthy();
    expect(csp).toBe(contentSecurityPolicy(null));
  });

  it('puts the CSP on errors too, and serves nothing outside the root', async () => {
    const { handler } = await setup();
    for (const url of ['app://guichet/missing.js', 'app://guichet/..%2fsecret.txt', 'app://guichet/%2e%2e/secret.txt']) {
      const response = await handler(new Request(url));
      expect(response.status).toBe(404);
      expect(response.headers.get('Content-Security-Policy')).toBeTruthy();
    }
    const post = await handler(new Request('app://guichet/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });

  it('lets the page reach the configured sync server, read at each response', async () => {
    const { handler, setOrigin } = await setup();
    setOrigin('https://sync.cc-val.fr');
    const csp = (await handler(new Request('app://guichet/index.html'))).headers.get('Content-Security-Policy')!;
    expect(directives(csp).get('connect-src')).toEqual(["'self'", 'https://sync.cc-val.fr']);
  });
});

describe('the Content-Security-Policy (quality.md, security 1)', () => {
  const csp = directives(contentSecurityPolicy('https://sync.cc-val.fr'));

  it('allows scripts and styles from the app only: no inline, no eval, no remote', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
  });

  it('forbids plugins, frames, <base>, form posts and being framed', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('never contains a wildcard, unsafe-*, a plain scheme source or a nonce-less loosening', () => {
    const all = [...csp.values()].flat();
    for (const value of all) {
      expect(value).not.toMatch(/unsafe|\*|^https?:$|^ws:$|^wss:$|^file:|^filesystem:/);
    }
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://sync.cc-val.fr']);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('talks to the app only when no sync server is configured', () => {
    expect(directives(contentSecurityPolicy(null)).get('connect-src')).toEqual(["'self'"]);
  });
});
