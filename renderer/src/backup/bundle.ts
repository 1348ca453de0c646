/**
 * What a backup holds, and how it goes back into a database.
 *
 * The bundle is plain JSON: every live document of every collection (the
 * replicated ones, and this device's drafts), every attachment's bytes in
 * base64, and this device's own state (local documents: who the device is,
 * its reference counter). backup-crypto.ts compresses and encrypts it.
 *
 * A restore goes into an EMPTY database only: mixing two communes, or the
 * same commune at two dates, would give documents no one can untangle, and
 * removing what is there would replicate as deletions to the sync server.
 * Everything is checked before the first write; if a write fails anyway,
 * what was written is removed again, so a refused restore leaves the
 * database as empty as it found it.
 */
import { version as appVersion } from '../../../package.json';
import { REPLICATED_COLLECTIONS, type DocumentsByCollection, type ReplicatedCollection } from '../../../domain/model';
import { COLLECTION_SCHEMAS, migrateToCurrent } from '../../../domain/schemas';
import type { GuichetDatabase } from '../db/database';
import type { BlobDoc, DraftDoc } from '../db/local-schemas';
import { sha256Hex } from '../db/blobs';
import { readDevice, type DeviceState } from '../session/device';

export const BUNDLE_FORMAT = 'guichet-backup-bundle';
export const BUNDLE_VERSION = 1;

/** Every collection a backup carries, in the order they are restored (the settings last but one, then the device). */
export const BACKUP_COLLECTIONS = [
  'categories',
  'replytemplates',
  'procedures',
  'citizens',
  'requests',
  'events',
  'assistedsessions',
  'settings',
  'drafts',
] as const;
/** Collections added after the first backups were written: a backup without them holds none (accompagnement numérique). */
const LATER_COLLECTIONS: ReadonlySet<string> = new Set(['procedures', 'assistedsessions']);
export type BackupCollection = (typeof BACKUP_COLLECTIONS)[number];

export type BundleDocuments = { [K in ReplicatedCollection]: DocumentsByCollection[K][] } & { drafts: DraftDoc[] };

export interface BundleBlob {
  doc: BlobDoc;
  /** the attachment's bytes, base64; null when this device never had them (not downloaded yet) */
  data: string | null;
}

export interface ReferenceCounterState {
  year: number;
  seq: number;
}

export interface BundleLocal {
  device: DeviceState | null;
  /** local documents `reference-counter-<prefix>` by prefix */
  referenceCounters: Record<string, ReferenceCounterState>;
}

export type BackupCounts = { [K in BackupCollection]: number } & {
  /** attachment documents */
  blobs: number;
  /** attachments whose bytes are in the bundle */
  attachments: number;
  attachmentBytes: number;
};

export interface BackupBundle {
  format: typeof BUNDLE_FORMAT;
  version: number;
  createdAt: string;
  appVersion: string;
  communeId: string;
  /** schema version of each collection when exported: older ones are migrated on restore */
  schemaVersions: Record<BackupCollection, number>;
  collections: BundleDocuments;
  blobs: BundleBlob[];
  local: BundleLocal;
  counts: BackupCounts;
}

export type RestoreErrorCode =
  /** the database already holds documents: a backup never mixes with them */
  | 'not-empty'
  /** the bundle decrypted but is not what Guichet writes (or lost something on the way) */
  | 'invalid-bundle'
  /** written by a newer Guichet, with schemas this one does not know */
  | 'unsupported-version'
  /** a write failed (disk full, quota): what was written was removed again */
  | 'write-failed';

/** Why a restore was refused; `code` maps to the i18n key `backup.errors.<code>`. */
export class RestoreError extends Error {
  constructor(
    readonly code: RestoreErrorCode,
    detail = '',
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'RestoreError';
  }
}

const REFERENCE_COUNTER_PREFIX = 'reference-counter-';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A document as stored, without RxDB's own fields (_rev, _meta, _attachments, _deleted). */
function plain<T>(json: unknown): T {
  const copy = { ...(json as Record<string, unknown>) };
  for (const key of Object.keys(copy)) if (key.startsWith('_')) delete copy[key];
  return copy as T;
}

function collectionOf(db: GuichetDatabase, name: BackupCollection) {
  return db.collections[name] as unknown as {
    find(): { exec(): Promise<Array<{ toJSON(): unknown }>> };
    count(): { exec(): Promise<number> };
    bulkInsert(docs: unknown[]): Promise<{ error: unknown[] }>;
    findByIds(ids: string[]): { exec(): Promise<Map<string, { remove(): Promise<unknown> }>> };
    schema: { version: number };
  };
}

async function readReferenceCounters(db: GuichetDatabase, prefixes: string[]): Promise<Record<string, ReferenceCounterState>> {
  const out: Record<string, ReferenceCounterState> = {};
  for (const prefix of prefixes) {
    const doc = await db.getLocal<ReferenceCounterState>(`${REFERENCE_COUNTER_PREFIX}${prefix}`);
    if (doc) out[prefix] = doc.toJSON().data as ReferenceCounterState;
  }
  return out;
}

/** Counts of a bundle, as shown to the secretary (and journaled: numbers only). */
export function countBundle(collections: BundleDocuments, blobs: BundleBlob[]): BackupCounts {
  const counts = Object.fromEntries(BACKUP_COLLECTIONS.map((name) => [name, collections[name].length])) as {
    [K in BackupCollection]: number;
  };
  const withData = blobs.filter((blob) => blob.data !== null);
  return {
    ...counts,
    blobs: blobs.length,
    attachments: withData.length,
    attachmentBytes: withData.reduce((sum, blob) => sum + blob.doc.size, 0),
  };
}

/** Exports the whole database: every live document, every attachment, this device's state. */
export async function exportBundle(db: GuichetDatabase, now: Date = new Date()): Promise<BackupBundle> {
  const collections = {} as Record<BackupCollection, unknown[]>;
  const schemaVersions = {} as Record<BackupCollection, number>;
  for (const name of BACKUP_COLLECTIONS) {
    const collection = collectionOf(db, name);
    collections[name] = (await collection.find().exec()).map((doc) => plain(doc.toJSON()));
    schemaVersions[name] = collection.schema.version;
  }
  const blobs: BundleBlob[] = [];
  for (const doc of await db.blobs.find().exec()) {
    const attachment = doc.getAttachment('content');
    const data = attachment ? toBase64(new Uint8Array(await (await attachment.getData()).arrayBuffer())) : null;
    blobs.push({ doc: plain<BlobDoc>(doc.toJSON()), data });
  }
  const device = await readDevice(db);
  const documents = collections as unknown as BundleDocuments;
  const settings = documents.settings[0];
  const prefixes = [...new Set([device?.devicePrefix, 'A'].filter((prefix): prefix is string => Boolean(prefix)))];
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: now.toISOString(),
    appVersion,
    communeId: settings?.communeId ?? device?.communeId ?? '',
    schemaVersions,
    collections: documents,
    blobs,
    local: { device, referenceCounters: await readReferenceCounters(db, prefixes) },
    counts: countBundle(documents, blobs),
  };
}

/** True when the database holds nothing: no document in any collection, no device state. */
export async function isDatabaseEmpty(db: GuichetDatabase): Promise<boolean> {
  for (const name of [...BACKUP_COLLECTIONS, 'blobs'] as const) {
    const count = await (name === 'blobs' ? db.blobs.count().exec() : collectionOf(db, name).count().exec());
    if (count > 0) return false;
  }
  return (await readDevice(db)) === null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const HEX64 = /^[0-9a-f]{64}$/;

interface CheckedBundle {
  collections: BundleDocuments;
  blobs: Array<{ doc: BlobDoc; bytes: Uint8Array | null }>;
  local: BundleLocal;
  counts: BackupCounts;
}

/**
 * Checks a decrypted bundle through and through, and brings its documents to
 * the current schemas, before anything is written. Throws RestoreError.
 */
export async function checkBundle(value: unknown): Promise<CheckedBundle> {
  if (!isRecord(value) || value.format !== BUNDLE_FORMAT || typeof value.version !== 'number')
    throw new RestoreError('invalid-bundle', 'format');
  if (value.version > BUNDLE_VERSION) throw new RestoreError('unsupported-version', `bundle ${value.version}`);
  const { collections, schemaVersions, blobs, local, counts, communeId } = value;
  if (!isRecord(collections) || !isRecord(schemaVersions) || !Array.isArray(blobs) || !isRecord(local) || !isRecord(counts)) {
    throw new RestoreError('invalid-bundle', 'shape');
  }
  if (typeof communeId !== 'string' || communeId === '') throw new RestoreError('invalid-bundle', 'communeId');

  const out = {} as Record<BackupCollection, unknown[]>;
  for (const name of BACKUP_COLLECTIONS) {
    const absent =
      LATER_COLLECTIONS.has(name) && collections[name] === undefined && schemaVersions[name] === undefined && counts[name] === undefined;
    const docs = absent ? [] : collections[name];
    const version = absent ? 0 : schemaVersions[name];
    const count = absent ? 0 : counts[name];
    if (!Array.isArray(docs) || typeof version !== 'number' || count !== docs.length) throw new RestoreError('invalid-bundle', name);
    if (!docs.every((doc) => isRecord(doc) && typeof doc.id === 'string' && doc.id !== ''))
      throw new RestoreError('invalid-bundle', `${name} id`);
    if (new Set(docs.map((doc) => (doc as { id: string }).id)).size !== docs.length)
      throw new RestoreError('invalid-bundle', `${name} duplicate id`);
    if (name === 'drafts') {
      if (version !== 0) throw new RestoreError(version > 0 ? 'unsupported-version' : 'invalid-bundle', name);
      out[name] = docs;
      continue;
    }
    const current = COLLECTION_SCHEMAS[name].schema.version;
    if (version > current) throw new RestoreError('unsupported-version', `${name} ${version}`);
    // One commune per backup, and it is the backup's: never a document of another.
    if (!docs.every((doc) => (doc as { communeId?: unknown }).communeId === communeId))
      throw new RestoreError('invalid-bundle', `${name} communeId`);
    try {
      out[name] = version === current ? docs : docs.map((doc) => migrateToCurrent(name, doc as object, version));
    } catch (error) {
      throw new RestoreError('invalid-bundle', `${name} migration: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (out.settings.length !== 1) throw new RestoreError('invalid-bundle', 'settings');

  const checkedBlobs: CheckedBundle['blobs'] = [];
  for (const blob of blobs) {
    if (!isRecord(blob) || !isRecord(blob.doc) || typeof blob.doc.id !== 'string' || !HEX64.test(blob.doc.id))
      throw new RestoreError('invalid-bundle', 'blob');
    const doc = blob.doc as unknown as BlobDoc;
    let bytes: Uint8Array | null = null;
    if (blob.data !== null) {
      if (typeof blob.data !== 'string') throw new RestoreError('invalid-bundle', 'blob data');
      try {
        bytes = fromBase64(blob.data);
      } catch {
        throw new RestoreError('invalid-bundle', 'blob base64');
      }
      // Content-addressed: the bytes must be the ones the documents point at.
      if (bytes.length !== doc.size || (await sha256Hex(bytes.slice().buffer)) !== doc.id)
        throw new RestoreError('invalid-bundle', `blob ${doc.id}`);
    }
    checkedBlobs.push({ doc, bytes });
  }
  if (counts.blobs !== checkedBlobs.length || counts.attachments !== checkedBlobs.filter((blob) => blob.bytes).length) {
    throw new RestoreError('invalid-bundle', 'blob counts');
  }

  const device = local.device;
  if (
    device !== null &&
    !(
      isRecord(device) &&
      typeof device.deviceId === 'string' &&
      typeof device.devicePrefix === 'string' &&
      typeof device.currentUserId === 'string'
    )
  ) {
    throw new RestoreError('invalid-bundle', 'device');
  }
  if (device !== null && device.communeId !== communeId) throw new RestoreError('invalid-bundle', 'device communeId');
  const referenceCounters = isRecord(local.referenceCounters) ? (local.referenceCounters as Record<string, ReferenceCounterState>) : {};

  const documents = out as unknown as BundleDocuments;
  return {
    collections: documents,
    blobs: checkedBlobs,
    local: { device: (device as DeviceState | null) ?? null, referenceCounters },
    counts: countBundle(
      documents,
      checkedBlobs.map((blob) => ({ doc: blob.doc, data: blob.bytes ? '' : null })),
    ),
  };
}

/** What was written, to take it back when a later write fails. */
interface Written {
  ids: Map<BackupCollection | 'blobs', string[]>;
  localIds: string[];
}

async function undo(db: GuichetDatabase, written: Written): Promise<void> {
  for (const [name, ids] of written.ids) {
    if (ids.length === 0) continue;
    const found = await (name === 'blobs' ? db.blobs.findByIds(ids).exec() : collectionOf(db, name).findByIds(ids).exec());
    for (const doc of found.values()) await doc.remove().catch(() => undefined);
  }
  for (const id of written.localIds) await (await db.getLocal(id))?.remove().catch(() => undefined);
}

/**
 * Restores a backup into an empty database: every document and attachment,
 * then this device's state (last, so that a half-done restore never looks
 * like a set-up device). Returns what was restored. Throws RestoreError;
 * on any failure, what was written is removed again.
 */
export async function restoreBundle(db: GuichetDatabase, bundle: unknown): Promise<{ counts: BackupCounts; device: DeviceState | null }> {
  const checked = await checkBundle(bundle);
  if (!(await isDatabaseEmpty(db))) throw new RestoreError('not-empty');
  const written: Written = { ids: new Map(), localIds: [] };
  try {
    for (const { doc, bytes } of checked.blobs) {
      const inserted = await db.blobs.insert(doc);
      written.ids.set('blobs', [...(written.ids.get('blobs') ?? []), doc.id]);
      if (bytes)
        await inserted.putAttachment({ id: 'content', data: new Blob([bytes as BlobPart], { type: doc.mimeType }), type: doc.mimeType });
    }
    for (const name of BACKUP_COLLECTIONS) {
      const docs = checked.collections[name];
      if (docs.length === 0) continue;
      const result = await collectionOf(db, name).bulkInsert(docs);
      const failed = new Set(result.error.map((error) => (error as { documentId?: string }).documentId));
      written.ids.set(
        name,
        docs.map((doc) => doc.id).filter((id) => !failed.has(id)),
      );
      if (result.error.length > 0) throw new RestoreError('write-failed', `${name}: ${result.error.length} refused`);
    }
    for (const [prefix, counter] of Object.entries(checked.local.referenceCounters)) {
      const id = `${REFERENCE_COUNTER_PREFIX}${prefix}`;
      await db.upsertLocal<ReferenceCounterState>(id, counter);
      written.localIds.push(id);
    }
    if (checked.local.device) {
      written.localIds.push('device');
      await db.upsertLocal<DeviceState>('device', checked.local.device);
    }
  } catch (error) {
    await undo(db, written);
    if (error instanceof RestoreError) throw error;
    throw new RestoreError('write-failed', error instanceof Error ? error.message : String(error));
  }
  return { counts: checked.counts, device: checked.local.device };
}

/** Checked for TypeScript: every replicated collection is in the backup. */
const _everyCollection: ReadonlyArray<BackupCollection> = REPLICATED_COLLECTIONS;
void _everyCollection;
