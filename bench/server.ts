/**
 * One static server for the benchmarks: the built app under /app/ and the
 * harness under /bench/, on one origin, so that both open the same IndexedDB.
 * 127.0.0.1 on a port the system picks.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** `mounts` maps a path prefix ("/app/") to a directory holding an index.html; port 0: any free one. */
export async function serveStatic(mounts: Record<string, string>, port = 0): Promise<StaticServer> {
  const roots = Object.entries(mounts).map(([prefix, directory]) => ({ prefix, root: resolve(directory) }));
  for (const { root } of roots) await stat(join(root, 'index.html'));
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      const mount = roots.find(({ prefix }) => path.startsWith(prefix));
      if (!mount) {
        response.writeHead(404).end();
        return;
      }
      let file = resolve(mount.root, `.${sep}${path.slice(mount.prefix.length)}`);
      if (file !== mount.root && !file.startsWith(mount.root + sep)) {
        response.writeHead(403).end();
        return;
      }
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
