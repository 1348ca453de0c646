/**
 * The server's files are private to its user (quality.md, security 13): the
 * data folder holds every commune's personal data, the admin secret and the
 * lock. Modes are set explicitly, never left to the umask, because PGlite's
 * file system layer (Emscripten NODEFS) creates its files 0666 and its
 * folders 0777, minus whatever umask the process happens to run under.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** No bit for the group or for others. */
const GROUP_AND_OTHER = 0o077;
/** What is kept of a mode: the owner's bits (and setuid, setgid, sticky). */
const OWNER_ONLY = 0o7700;

/** Creates the folder (and missing parents) 0700, and makes it 0700 if it already existed. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

/**
 * Takes every group and other permission off the folder and all it holds.
 * Symbolic links are neither followed nor changed: chmod on a link would
 * change its target, which may be anywhere.
 */
export async function privatizeTree(path: string): Promise<void> {
  const info = await lstat(path);
  if (info.isSymbolicLink()) return;
  if ((info.mode & GROUP_AND_OTHER) !== 0) await chmod(path, info.mode & OWNER_ONLY);
  if (!info.isDirectory()) return;
  for (const name of await readdir(path)) await privatizeTree(join(path, name));
}
