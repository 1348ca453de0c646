import nodePath from 'node:path';
import { randomBytes } from 'node:crypto';
import { promises as nodeFs } from 'node:fs';

/**
 * Writes a file so that a reader (or the next start after a crash, or a USB
 * key pulled out) sees either the old content or the whole new one, never
 * half of it: write a temporary file in the same folder, flush it to the
 * disk, then rename it over the target (atomic on the same volume).
 */
export async function atomicWriteFile(
  target: string,
  data: Uint8Array,
  options: { fs?: Pick<typeof nodeFs, 'open' | 'rename' | 'rm'>; mode?: number } = {},
): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const temp = nodePath.join(nodePath.dirname(target), `.${nodePath.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', options.mode ?? 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The temporary files atomicWriteFile leaves behind if the process dies between open and rename. */
export function isAtomicTempName(name: string): boolean {
  return /^\..+\.[0-9a-f]{12}\.tmp$/.test(name);
}
