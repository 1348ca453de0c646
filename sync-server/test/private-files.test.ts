/**
 * The data folder is private to the server's user (quality.md, security 13),
 * whatever the umask: PGlite's files hold every commune's personal data.
 */
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../src/storage';
import { addCommune } from './harness';

/** Every path under root (root included) whose mode grants the group or others anything. */
function shared(root: string): string[] {
  const found: string[] = [];
  const visit = (path: string): void => {
    const info = lstatSync(path);
    if (info.isSymbolicLink()) return;
    if ((info.mode & 0o077) !== 0) found.push(`${path} ${(info.mode & 0o777).toString(8)}`);
    if (info.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
  return found;
}

function count(root: string): number {
  const info = lstatSync(root);
  return 1 + (info.isDirectory() ? readdirSync(root).reduce((sum, name) => sum + count(join(root, name)), 0) : 0);
}

describe('PGlite data folder', () => {
  const parent = mkdtempSync(join(tmpdir(), 'guichet-private-'));

  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('grants nothing to the group or others, even under umask 000, while open and after close', async () => {
    const dataDir = join(parent, 'sync-server', 'pgdata');
    const previous = process.umask(0o000);
    try {
      const storage = await openStorage({ dataDir });
      try {
        expect(shared(join(parent, 'sync-server'))).toEqual([]);
        await addCommune(storage, 'Privée');
        await storage.db.exec('CHECKPOINT');
      } finally {
        await storage.close();
      }
      expect(count(dataDir)).toBeGreaterThan(100);
      expect(shared(join(parent, 'sync-server'))).toEqual([]);
      expect(lstatSync(dataDir).mode & 0o777).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });
});
