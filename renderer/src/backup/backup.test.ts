import { afterEach, describe, expect, it } from 'vitest';
import type { BackupResult, GuichetApi } from '../../../electron/common/api';
import type { GuichetDatabase } from '../db/database';
import { readAttachment, storeAttachment } from '../db/blobs';
import type { Actor } from '../db/journal';
import { openTestDatabase } from '../db/testing';
import { BackupError } from '../platform/backup-crypto';
import { createWebApi, type WebEnv } from '../platform/web-api';
import { readDevice } from '../session/device';
import { loadDemoCommune } from '../setup/seed';
import { BACKUP_COLLECTIONS, exportBundle, isDatabaseEmpty, RestoreError, restoreBundle } from './bundle';
import { dailyBackupIfDue, daysSince, inspectBackup, newestBackupAt, readBackupState, restoreBackupFile, runBackupNow } from './run';

const PASS = 'Registre du courrier 1905';
const FAST = 10_000; // the format's floor: fast tests, same code path

const open: GuichetDatabase[] = [];
async function database(): Promise<GuichetDatabase> {
  const db = await openTestDatabase();
  open.push(db);
  return db;
}
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** The web API with its backup write replaced by a capture (the desktop would write to the USB key). */
function fakePlatform(): { api: GuichetApi; written: Uint8Array[] } {
  const written: Uint8Array[] = [];
  const env = { storage: null, platform: 'web' } as unknown as WebEnv;
  const api: GuichetApi = {
    ...createWebApi(env),
    async runBackup({ bytes }): Promise<BackupResult> {
      written.push(bytes);
      return { status: 'written', name: `b${written.length}.guichet-backup`, folder: '/media/usb', size: bytes.length, removed: [] };
    },
  };
  return { api, written };
}

/** A commune with every kind of document: the demo commune, two attachments (one shared), a draft. */
async function populated(): Promise<{ db: GuichetDatabase; actor: Actor; files: Uint8Array[] }> {
  const db = await database();
  const device = await loadDemoCommune(db);
  const actor: Actor = {
    actorId: device.currentUserId,
    actorName: 'Sylvie Martin',
    deviceId: device.deviceId,
    communeId: device.communeId,
  };
  const files = [new TextEncoder().encode('%PDF-1.7 plan cadastral — parcelle AB 12'), randomBytes(70_000)];
  const request = (await db.requests.find().exec())[0]!;
  const refs = [
    await storeAttachment(db, { name: 'plan.pdf', type: 'application/pdf', bytes: files[0]!.slice().buffer }, actor.actorId),
    await storeAttachment(db, { name: 'photo.jpg', type: 'image/jpeg', bytes: files[1]!.slice().buffer }, actor.actorId),
  ];
  await request.incrementalPatch({ attachments: refs });
  await db.drafts.insert({ id: 'intake', form: 'intake', json: '{"subject":"Haie qui déborde"}', savedAt: new Date().toISOString() });
  await db.upsertLocal('reference-counter-A', { year: 2026, seq: 57 });
  return { db, actor, files };
}

/** getRandomValues fills at most 65,536 bytes at a time. */
function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 65_536) crypto.getRandomValues(out.subarray(i, Math.min(length, i + 65_536)));
  return out;
}

type Snapshot = Record<string, unknown[]>;
async function snapshot(db: GuichetDatabase): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const name of [...BACKUP_COLLECTIONS, 'blobs'] as const) {
    const docs = await db.collections[name].find().exec();
    out[name] = docs
      .map((doc) => {
        const json = doc.toJSON() as Record<string, unknown>;
        return Object.fromEntries(Object.entries(json).filter(([key]) => !key.startsWith('_')));
      })
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return out;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof BackupError || error instanceof RestoreError) return error.code;
    throw error;
  }
}

/** RxDB's open-source build allows 16 open collections: one database of 10 at a time, so the source closes before the target opens. */
async function closeAll(): Promise<void> {
  while (open.length) await open.pop()!.close();
}

describe('backup and restore', () => {
  it('gives back every document of every collection and every attachment, with the device state', async () => {
    const { db, actor, files } = await populated();
    const { api, written } = fakePlatform();
    const before = await snapshot(db);

    const outcome = await runBackupNow(db, api, actor, { passphrase: PASS, iterations: FAST });
    expect(outcome.ok).toBe(true);
    expect(written).toHaveLength(1);
    if (!outcome.ok) return;
    // The backup is journaled once written (so in the next backup), with counts only.
    const exported = await db.events.find({ selector: { type: 'exported' } }).exec();
    expect(exported).toHaveLength(1);
    expect(JSON.parse(exported[0]!.text)).toEqual({ backup: outcome.counts });
    expect(exported[0]!.requestId).toBe('');
    expect(exported[0]!.citizenId).toBe('');
    expect((await readBackupState(db)).lastBackupName).toBe('b1.guichet-backup');

    const device = await readDevice(db);
    const refs = (await db.requests.find().exec()).flatMap((r) => r.attachments);
    expect(before.requests!.length).toBeGreaterThan(10);
    expect(outcome.counts).toEqual({
      requests: before.requests!.length,
      citizens: before.citizens!.length,
      events: before.events!.length,
      categories: before.categories!.length,
      replytemplates: before.replytemplates!.length,
      procedures: before.procedures!.length,
      assistedsessions: before.assistedsessions!.length,
      settings: 1,
      drafts: 1,
      blobs: 2,
      attachments: 2,
      attachmentBytes: files[0]!.length + files[1]!.length,
    });
    await closeAll();

    const target = await database();
    const restored = await restoreBackupFile(target, written[0]!, PASS);
    expect(restored.counts).toEqual(outcome.counts);
    expect(await snapshot(target)).toEqual(before);
    for (const [i, bytes] of files.entries()) {
      const blob = await readAttachment(target, refs[i]!.sha256);
      expect(blob).not.toBeNull();
      expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(bytes);
      expect(blob!.type).toBe(refs[i]!.mimeType);
    }
    expect(await readDevice(target)).toEqual(device);
    expect(restored.device).toEqual(device);
    expect((await target.getLocal('reference-counter-A'))?.toJSON().data).toEqual({ year: 2026, seq: 57 });
  });

  it('restores a backup written before the accompagnement numérique, which has no procedures nor sessions', async () => {
    const { db } = await populated();
    const bundle = JSON.parse(JSON.stringify(await exportBundle(db))) as Record<string, Record<string, unknown>>;
    for (const part of ['collections', 'schemaVersions', 'counts'] as const) {
      delete bundle[part]!['procedures'];
      delete bundle[part]!['assistedsessions'];
    }
    await closeAll();
    const target = await database();
    const restored = await restoreBundle(target, bundle);
    expect(restored.counts).toMatchObject({ procedures: 0, assistedsessions: 0, requests: 120 });
  });

  it('refuses a wrong passphrase and a damaged file, and leaves the target empty', async () => {
    const { db, actor } = await populated();
    const { api, written } = fakePlatform();
    await runBackupNow(db, api, actor, { passphrase: PASS, iterations: FAST });
    const requests = await db.requests.count().exec();
    await closeAll();
    const file = written[0]!;
    const target = await database();

    expect(await refusal(restoreBackupFile(target, file, 'pas la bonne phrase'))).toBe('wrong-passphrase');
    const damaged = file.slice();
    damaged[Math.floor(damaged.length / 2)]! ^= 0x5a;
    expect(await refusal(restoreBackupFile(target, damaged, PASS))).toBe('corrupt');
    expect(await refusal(restoreBackupFile(target, file.slice(0, 200), PASS))).toBe('corrupt');
    expect(await refusal(restoreBackupFile(target, new TextEncoder().encode('bonjour, ceci est une lettre de la mairie'), PASS))).toBe(
      'not-a-backup',
    );
    expect(await isDatabaseEmpty(target)).toBe(true);

    // And the good file still restores afterwards.
    await restoreBackupFile(target, file, PASS);
    expect(await target.requests.count().exec()).toBe(requests);
  });

  it('refuses to restore into a database that already holds a commune', async () => {
    const { db, actor } = await populated();
    const { api, written } = fakePlatform();
    await runBackupNow(db, api, actor, { passphrase: PASS, iterations: FAST });
    await closeAll();
    const other = await database();
    await loadDemoCommune(other);
    const before = await snapshot(other);
    expect(await refusal(restoreBackupFile(other, written[0]!, PASS))).toBe('not-empty');
    expect(await snapshot(other)).toEqual(before);
  });

  it('refuses a bundle that lost documents or mixes communes, before writing anything', async () => {
    const { db } = await populated();
    const bundle = await exportBundle(db);
    await closeAll();
    const target = await database();
    const truncated = { ...bundle, collections: { ...bundle.collections, requests: bundle.collections.requests.slice(1) } };
    expect(await refusal(restoreBundle(target, truncated))).toBe('invalid-bundle');
    const foreign = {
      ...bundle,
      collections: {
        ...bundle.collections,
        citizens: bundle.collections.citizens.map((c, i) => (i === 0 ? { ...c, communeId: 'autre-commune' } : c)),
      },
    };
    expect(await refusal(restoreBundle(target, foreign))).toBe('invalid-bundle');
    const badBytes = { ...bundle, blobs: bundle.blobs.map((b, i) => (i === 0 ? { ...b, data: btoa('autre contenu') } : b)) };
    expect(await refusal(restoreBundle(target, badBytes))).toBe('invalid-bundle');
    expect(await refusal(restoreBundle(target, { ...bundle, version: 99 }))).toBe('unsupported-version');
    expect(await isDatabaseEmpty(target)).toBe(true);
  });

  it('takes back what it wrote when a write fails halfway', async () => {
    const { db } = await populated();
    const bundle = await exportBundle(db);
    await closeAll();
    // An event that passes the bundle's checks but not the schema: events go in after requests and citizens.
    const events = bundle.collections.events.map((e, i) => (i === 0 ? { ...e, type: 'not-a-type' as never } : e));
    const target = await database();
    expect(await refusal(restoreBundle(target, { ...bundle, collections: { ...bundle.collections, events } }))).toBe('write-failed');
    expect(await isDatabaseEmpty(target)).toBe(true);
  });

  it('records why a backup failed, and inspects a file without writing', async () => {
    const { db, actor } = await populated();
    const { api } = fakePlatform();
    const unplugged: GuichetApi = { ...api, runBackup: async () => ({ status: 'folder-unavailable', folder: 'E:\\' }) };
    const now = new Date('2026-03-10T08:00:00Z');
    expect(await runBackupNow(db, unplugged, actor, { passphrase: PASS, iterations: FAST, now })).toMatchObject({
      ok: false,
      failure: 'folder-unavailable',
    });
    expect(await readBackupState(db)).toMatchObject({
      lastFailure: 'folder-unavailable',
      lastFailureAt: now.toISOString(),
      lastBackupAt: null,
    });
    expect(await runBackupNow(db, api, actor, { iterations: FAST })).toMatchObject({ ok: false, failure: 'no-passphrase' });
    expect(await db.events.count({ selector: { type: 'exported' } }).exec()).toBe(0);

    const written: Uint8Array[] = [];
    const capture: GuichetApi = {
      ...api,
      runBackup: async ({ bytes }) => {
        written.push(bytes);
        return { status: 'downloaded', name: 'x.guichet-backup', size: bytes.length };
      },
    };
    await runBackupNow(db, capture, actor, { passphrase: PASS, iterations: FAST });
    expect((await readBackupState(db)).lastFailure).toBeNull();
    const inspected = await inspectBackup(written[0]!, PASS);
    expect(inspected.counts.requests).toBe(await db.requests.count().exec());
  });

  it('tells the age of the newest backup', () => {
    const state = { lastBackupAt: '2026-03-01T10:00:00Z', lastBackupName: null, lastFailureAt: null, lastFailure: null };
    expect(newestBackupAt(state, '2026-03-05T10:00:00Z')).toBe('2026-03-05T10:00:00Z');
    expect(newestBackupAt({ ...state, lastBackupAt: null }, null)).toBeNull();
    expect(daysSince('2026-03-05T10:00:00Z', new Date('2026-03-08T09:00:00Z'))).toBe(2);
  });
});

describe('the daily backup', () => {
  it('runs when a folder and a passphrase are set and the newest backup is a day old, and retries an hour after a failure', async () => {
    const { db, actor } = await populated();
    const { api, written } = fakePlatform();
    let listed: string | null = null;
    let folder: string | null = null;
    let passphrase: string | null = null;
    let plugged = true;
    const platform: GuichetApi = {
      ...api,
      listBackups: async () => ({
        supported: true,
        folder,
        folderAvailable: plugged,
        backups: listed ? [{ name: 'x.guichet-backup', size: 10, createdAt: listed }] : [],
      }),
      readBackupPassphrase: async () => passphrase,
      runBackup: async (payload) => (plugged ? api.runBackup(payload) : { status: 'folder-unavailable', folder: folder ?? '' }),
    };
    const at = (iso: string) => new Date(iso);
    expect(await dailyBackupIfDue(db, platform, actor, at('2026-03-10T08:00:00Z'))).toEqual({ ran: false, reason: 'not-set-up' });
    folder = '/media/usb';
    expect(await dailyBackupIfDue(db, platform, actor, at('2026-03-10T08:00:00Z'))).toEqual({ ran: false, reason: 'not-set-up' });
    passphrase = PASS;
    listed = '2026-03-09T20:00:00Z';
    expect(await dailyBackupIfDue(db, platform, actor, at('2026-03-10T08:00:00Z'))).toEqual({ ran: false, reason: 'not-due' });

    plugged = false;
    expect(await dailyBackupIfDue(db, platform, actor, at('2026-03-10T21:00:00Z'))).toMatchObject({
      ran: true,
      ok: false,
      failure: 'folder-unavailable',
    });
    expect(await dailyBackupIfDue(db, platform, actor, at('2026-03-10T21:30:00Z'))).toEqual({ ran: false, reason: 'not-due' });
    plugged = true;
    expect(await dailyBackupIfDue(db, platform, actor, at('2026-03-10T22:05:00Z'))).toMatchObject({ ran: true, ok: true });
    expect(written).toHaveLength(1);
    expect(await readBackupState(db)).toMatchObject({ lastBackupAt: '2026-03-10T22:05:00.000Z', lastFailure: null });
    // The key is out again the next morning: what this device remembers counts, no second backup the same day.
    listed = null;
    expect(await dailyBackupIfDue(db, platform, actor, at('2026-03-11T08:00:00Z'))).toEqual({ ran: false, reason: 'not-due' });
  });
});

describe('the passphrase rule as the secretary reads it', () => {
  it('says the same minimum as backup-crypto enforces', async () => {
    const { MIN_PASSPHRASE_LENGTH } = await import('../platform/backup-crypto');
    const { backupStrings } = await import('./strings');
    const passphrase = (language: 'fr' | 'en') =>
      (backupStrings[language].backup as { passphrase: { tooShort: string } }).passphrase.tooShort;
    expect(passphrase('fr')).toContain(` ${MIN_PASSPHRASE_LENGTH} `);
    expect(passphrase('en')).toContain(` ${MIN_PASSPHRASE_LENGTH} `);
  });
});
