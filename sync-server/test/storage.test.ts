/**
 * The storage under the protocol: migrations, commit order under concurrent
 * writers, the upgrade of stored documents, and a clean shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids';
import type { RequestDoc } from '../../domain/model';
import { requestSchema } from '../../domain/schemas';
import { migrate, MIGRATIONS } from '../src/storage/migrations';
import { addCommune, created, enroll, makeDoc, openTestStorage, startServer, STORAGE_KINDS, type TestStorage } from './harness';

describe.each(STORAGE_KINDS)('storage on %s', (kind) => {
  let storage: TestStorage;

  beforeAll(async () => {
    storage = await openTestStorage(kind);
  });

  afterAll(async () => {
    await storage?.close();
  });

  it('records each migration once, and applying them again changes nothing', async () => {
    const rows = await storage.db.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((row) => Number(row['version']))).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(await migrate(storage.db)).toEqual([]);
  });

  it('rolls back a migration interrupted halfway, and completes it on the next start', async () => {
    const broken = { version: 900, name: 'test step', sql: 'CREATE TABLE test_step (a integer); SELECT 1 / 0;' };
    await expect(migrate(storage.db, [...MIGRATIONS, broken])).rejects.toThrow();
    expect(
      await storage.db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'test_step' AND table_schema = current_schema()"),
    ).toEqual([]);
    const fixed = { ...broken, sql: 'CREATE TABLE test_step (a integer);' };
    expect(await migrate(storage.db, [...MIGRATIONS, fixed])).toEqual([900]);
    expect((await storage.db.query('SELECT version FROM schema_migrations WHERE version = 900')).length).toBe(1);
  });

  it('hands out every row to a reader pulling while many devices push at once, in strictly increasing order', async () => {
    const server = await startServer(storage, { enrollRate: { capacity: 100, refillPerMinute: 100 } });
    try {
      const commune = await addCommune(storage, 'Concurrent');
      const devices = await Promise.all(Array.from({ length: 6 }, () => enroll(server, storage, commune.id)));
      const reader = devices[0];
      if (!reader) throw new Error('no reader');
      const written: string[] = [];
      let writing = true;
      const writers = devices.map(async (device) => {
        for (let i = 0; i < 15; i += 1) {
          const docs = [makeDoc('events', commune.id), makeDoc('events', commune.id)];
          const answer = await device.api.push('events', created(...docs));
          expect(answer.status).toBe(200);
          written.push(...docs.map((doc) => doc.id));
        }
      });
      const seen: string[] = [];
      const seqs: number[] = [];
      let checkpoint: { seq: number } | null = null;
      const pullOnce = async (): Promise<void> => {
        const answer = await reader.api.pull('events', checkpoint, 7);
        seen.push(...answer.body.documents.map((doc) => String(doc['id'])));
        checkpoint = answer.body.checkpoint;
        if (checkpoint) seqs.push(checkpoint.seq);
      };
      const reading = (async () => {
        while (writing) await pullOnce();
      })();
      await Promise.all(writers);
      writing = false;
      await reading;
      for (let rounds = 0; rounds < 100 && seen.length < written.length; rounds += 1) await pullOnce();
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...written].sort());
      expect(seqs.every((seq, index) => index === 0 || seq >= (seqs[index - 1] ?? 0))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('brings documents stored under an older schema version to the current one at start, with new sequence numbers', async () => {
    const commune = await addCommune(storage, 'Upgrade');
    const { citizenId: _c, flags: _f, onBehalf: _o, searchText: _s, _deleted: _d, ...rest } = makeDoc('requests', commune.id);
    const v0 = { ...rest, citizenId: null, citizenName: 'Jean Dupont', needsMayor: true };
    await storage.db.query(
      `INSERT INTO documents (collection, commune_id, id, seq, data, deleted, shared_with, schema_version, updated_at)
       VALUES ('requests', $1, $2, nextval('document_seq'), $3::jsonb, false, NULL, 0, now())`,
      [commune.id, v0.id, JSON.stringify(v0)],
    );
    const [before] = await storage.db.query('SELECT seq FROM documents WHERE id = $1', [v0.id]);
    await storage.db.query("DELETE FROM collection_versions WHERE collection = 'requests'");
    const server = await startServer(storage);
    try {
      const [after] = await storage.db.query('SELECT seq, schema_version, data FROM documents WHERE id = $1', [v0.id]);
      expect(Number(after?.['schema_version'])).toBe(requestSchema.version);
      expect(Number(after?.['seq'])).toBeGreaterThan(Number(before?.['seq']));
      const data = after?.['data'] as RequestDoc;
      expect(data).toMatchObject({ citizenId: '', flags: { needsMayor: true, sensitive: false } });
      expect(data.searchText).toContain('dupont');
    } finally {
      await server.close();
    }
  });

  it('finishes a push in flight when the server closes: answered, committed', async () => {
    const server = await startServer(storage, { enrollRate: { capacity: 100, refillPerMinute: 100 } });
    const commune = await addCommune(storage, 'Shutdown');
    const device = await enroll(server, storage, commune.id);
    const docs = Array.from({ length: 300 }, () => makeDoc('events', commune.id));
    const pushing = device.api.push('events', created(...docs));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await server.close();
    const answer = await pushing.catch((error: unknown) => error);
    const [row] = await storage.db.query("SELECT count(*) AS n FROM documents WHERE commune_id = $1 AND collection = 'events'", [
      commune.id,
    ]);
    const stored = Number(row?.['n']);
    // Either the push got in before closing (then it completed whole) or it was refused whole: never half.
    if (answer instanceof Error || (answer as { status: number }).status !== 200) expect(stored).toBe(0);
    else expect(stored).toBe(docs.length);
    expect([0, docs.length]).toContain(stored);
  });

  it('keeps per-commune document ids apart: the same id in two communes is two documents', async () => {
    const [x, y] = [await addCommune(storage, 'X'), await addCommune(storage, 'Y')];
    const id = newId();
    const rows = await storage.db.query(
      `INSERT INTO documents (collection, commune_id, id, seq, data, deleted, shared_with, schema_version, updated_at)
       VALUES ('events', $1, $3, nextval('document_seq'), '{}'::jsonb, false, NULL, 1, now()),
              ('events', $2, $3, nextval('document_seq'), '{}'::jsonb, false, NULL, 1, now()) RETURNING seq`,
      [x.id, y.id, id],
    );
    expect(rows).toHaveLength(2);
  });
});
