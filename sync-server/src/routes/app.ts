import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError } from '../errors';

export const APP_PATH = '/app/';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Each path segment: a plain name (letters, digits, . _ -), never starting with a dot: no `..`, no dot-files, no backslash, no drive letter. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,200}$/;

function notFound(): ApiError {
  return new ApiError('not_found', 'No such file.');
}

/** The file a path of /app/ names, inside the folder, symbolic links resolved; null for anything else. */
async function fileOf(root: string, wanted: string): Promise<string | null> {
  const segments = wanted === '' ? ['index.html'] : wanted.split('/');
  if (segments.length > 8 || !segments.every((segment) => SEGMENT.test(segment))) return null;
  const real = await realpath(join(root, ...segments)).catch(() => null);
  if (!real || !real.startsWith(root + sep)) return null;
  const info = await stat(real).catch(() => null);
  return info?.isFile() ? real : null;
}

/**
 * GET /app/… — the browser build of Guichet (dist/renderer), for the mayor's
 * tablet: it opens `https://<server>/app/`, enrolls as a device of the
 * commune, and talks to the API of the same origin. Static files only, with
 * their content types; hashed assets are cached for good, the page itself
 * is revalidated so an update shows at the next visit. The page carries its
 * own Content-Security-Policy (index.html); the headers add what a meta tag
 * cannot say (no framing) and no sniffing.
 */
export async function registerApp(app: FastifyInstance, directory: string): Promise<void> {
  const root = await realpath(resolve(directory));
  app.get('/app', async (_request, reply) => reply.redirect(APP_PATH, 301));
  app.get<{ Params: { '*': string } }>(`${APP_PATH}*`, async (request, reply) => {
    // the raw path, not Fastify's decoded parameter: an encoded %2F or %2E%2E is refused, never reinterpreted
    const raw = (request.raw.url ?? '').split('?')[0]!.slice(APP_PATH.length);
    if (/%|\\|\0/.test(raw)) throw notFound();
    const file = await fileOf(root, raw);
    if (!file) throw notFound();
    return send(reply, file, raw.startsWith('assets/'));
  });
}

async function send(reply: FastifyReply, file: string, hashed: boolean): Promise<FastifyReply> {
  const info = await stat(file);
  return reply
    .header('content-type', TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream')
    .header('content-length', String(info.size))
    .header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "frame-ancestors 'none'")
    .header('referrer-policy', 'no-referrer')
    .send(createReadStream(file));
}
