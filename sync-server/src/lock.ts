/**
 * Who holds a PGlite data directory. PGlite is one connection inside one
 * process: a second process opening the same files would corrupt them. The
 * server holds `server.lock` (its pid) while it runs; admin commands take the
 * same lock to work directly, or, when the server holds it, go through the
 * server's loopback admin route using `admin.json` (its address and a secret
 * readable by the owner only).
 */
import { chmodSync, closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class LockHeldError extends Error {
  constructor(readonly pid: number) {
    super(`the data directory is in use by process ${pid}`);
    this.name = 'LockHeldError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the directory's lock or throws LockHeldError; a lock left by a dead process is taken over. */
export function acquireLock(dataDir: string): () => void {
  const path = join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = readPid(path);
      if (pid !== null && pid !== process.pid && isAlive(pid)) throw new LockHeldError(pid);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock ${path}`);
}

export interface AdminEndpoint {
  url: string;
  token: string;
  pid: number;
}

export function writeAdminEndpoint(dataDir: string, endpoint: AdminEndpoint): () => void {
  const path = join(dataDir, 'admin.json');
  writeFileSync(path, JSON.stringify(endpoint), { mode: 0o600 });
  // The mode above applies only to a new file: one left by a crash keeps its own.
  chmodSync(path, 0o600);
  return () => rmSync(path, { force: true });
}

export function readAdminEndpoint(dataDir: string): AdminEndpoint | null {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, 'admin.json'), 'utf8')) as Partial<AdminEndpoint>;
    if (typeof value.url !== 'string' || typeof value.token !== 'string' || typeof value.pid !== 'number') return null;
    return { url: value.url, token: value.token, pid: value.pid };
  } catch {
    return null;
  }
}
