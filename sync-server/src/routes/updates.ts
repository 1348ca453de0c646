import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
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
 * The file a name stands for, opened, or null. Links are followed, since the
 * release tooling may publish by linking (Guichet-Setup-latest.exe → the
 * versioned installer; the folder itself may be a link to the current
 * release), but only to a flat file of the folder itself: what they reach is
 * checked by its real path against the folder's real path, which a name alone
 * cannot tell (a link once served /etc/passwd). The real path is opened with
 * O_NOFOLLOW, so that a link swapped in after the check is not followed.
 */
async function openServed(root: string, name: string): Promise<{ file: FileHandle; size: number } | null> {
  if (!NAME.test(name)) return null;
  const [realRoot, real] = await Promise.all([realpath(root), realpath(join(root, name))]).catch(() => [null, null]);
  if (!realRoot || !real || dirname(real) !== realRoot || !NAME.test(basename(real))) return null;
  const file = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null);
  const info = await file?.stat();
  if (!file || !info?.isFile()) {
    await file?.close();
    return null;
  }
  return { file, size: info.size };
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
    const served = await openServed(root, name);
    if (!served) throw new ApiError('not_found', 'No such file.');
    const { file, size } = served;
    // The type of the name asked for: a link latest.yml → release-1.2.0.yml is still YAML.
    const type = TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream';
    void reply.header('content-type', type).header('accept-ranges', 'bytes').header('cache-control', 'no-cache');
    const range = parseRange(request.headers.range, size);
    if (!range) return reply.header('content-length', String(size)).send(file.createReadStream());
    return reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
      .header('content-length', String(range.end - range.start + 1))
      .send(file.createReadStream({ start: range.start, end: range.end }));
  });
}
