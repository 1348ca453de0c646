import nodePath from 'node:path';
import { readFile as nodeReadFile } from 'node:fs/promises';

/**
 * The app is served from `app://guichet/`, a privileged custom scheme, never
 * from file://: the page gets a real origin of its own (IndexedDB, a strict
 * CSP, same-origin checks), and only the files of dist/renderer can be
 * reached through it.
 *
 * The origin is forever: IndexedDB (the whole local database) belongs to it.
 * Renaming the scheme or the host would make every installed app start empty.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'guichet';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** For protocol.registerSchemesAsPrivileged, before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true, // a real origin: IndexedDB, relative URLs, same-origin policy
    secure: true, // a secure context: WebCrypto, no mixed-content exceptions needed
    supportFetchAPI: true,
    stream: true,
    codeCache: true,
    // Deliberately not: bypassCSP, corsEnabled, allowServiceWorkers.
  },
} as const;

/** True for an address of the app itself (the only place windows may show). */
export function isAppUrl(input: string): boolean {
  try {
    const url = new URL(input);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/**
 * The Content-Security-Policy of every response of the app: scripts and
 * styles from the app only (no inline, no eval), no plugins, no frames, no
 * <base>, no form posts; the network only to the app and the configured sync
 * server's origin.
 */
export function contentSecurityPolicy(syncServerOrigin: string | null): string {
  const connect = ["'self'"];
  if (syncServerOrigin) connect.push(syncServerOrigin);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "media-src 'self' blob:",
    "worker-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "child-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

type PathModule = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'sep' | 'extname'>;

/**
 * The file of `root` an app URL names, or null when the URL is not the app's
 * or would leave `root` (../, encoded %2e%2e or %2f, backslashes, NUL, a drive
 * letter). `pathModule` is injectable so that Windows rules are tested on Linux.
 */
export function resolveAppPath(root: string, requestUrl: string, pathModule: PathModule = nodePath): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed escape
  }
  if (decoded.includes('\0') || decoded.includes('\\') || /(^|\/)\.\.(\/|$)/.test(decoded) || /^\/?[a-zA-Z]:/.test(decoded)) {
    return null;
  }
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const base = pathModule.resolve(root);
  const target = pathModule.resolve(base, relative);
  const rel = pathModule.relative(base, target);
  if (rel === '' || rel.startsWith('..') || pathModule.isAbsolute(rel)) return null;
  return target;
}

export interface AppProtocolOptions {
  /** dist/renderer */
  root: string;
  /** Read at each response: the sync server may be configured while the app runs. */
  syncServerOrigin: () => string | null;
  readFile?: (file: string) => Promise<Uint8Array>;
  pathModule?: PathModule;
}

/** The handler for protocol.handle('app', …). */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? ((file: string) => nodeReadFile(file));
  const pathModule = options.pathModule ?? nodePath;
  return async (request) => {
    const headers = securityHeaders(options.syncServerOrigin());
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Méthode non permise', { status: 405, headers });
    }
    const file = resolveAppPath(options.root, request.url, pathModule);
    if (file === null) return new Response('Introuvable', { status: 404, headers });
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      return new Response('Introuvable', { status: 404, headers });
    }
    headers.set('Content-Type', CONTENT_TYPES[pathModule.extname(file).toLowerCase()] ?? 'application/octet-stream');
    // readFile's Buffer sits on an ordinary ArrayBuffer (never a SharedArrayBuffer), which is what a Response body takes.
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
  };
}

export function securityHeaders(syncServerOrigin: string | null): Headers {
  return new Headers({
    'Content-Security-Policy': contentSecurityPolicy(syncServerOrigin),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
}
