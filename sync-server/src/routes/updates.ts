import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors';

const TYPES: Record<string, string> = {
  yml: 'text/yaml; charset=utf-8',
  yaml: 'text/yaml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Flat names only (latest.yml, Guichet-Setup-1.2.0.exe, *.blockmap): no paths, no dot-files. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

function parseRange(header: string | undefined, size: number): { start: number; end: number } | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start <= end && start < size ? { start, end } : null;
}

/**
 * GET /updates/:file — the folder electron-updater's "generic" provider reads
 * (latest.yml, installers, blockmaps). Single byte ranges are served (the
 * updater's differential download asks for them; it falls back to a full
 * download when a server does not). Public, like any update server: the
 * files are the published app.
 */
export function registerUpdates(app: FastifyInstance, directory: string): void {
  const root = resolve(directory);
  app.get<{ Params: { file: string } }>('/updates/:file', async (request, reply) => {
    const name = request.params.file;
    const path = join(root, name);
    if (!NAME.test(name) || !path.startsWith(root + sep)) throw new ApiError('not_found', 'No such file.');
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new ApiError('not_found', 'No such file.');
    const type = TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
    void reply.header('content-type', type).header('accept-ranges', 'bytes').header('cache-control', 'no-cache');
    const range = parseRange(request.headers.range, info.size);
    if (!range) return reply.header('content-length', String(info.size)).send(createReadStream(path));
    return reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${info.size}`)
      .header('content-length', String(range.end - range.start + 1))
      .send(createReadStream(path, { start: range.start, end: range.end }));
  });
}
