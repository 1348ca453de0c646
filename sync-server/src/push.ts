/**
 * A push: compare-and-set of each document on what the device assumed the
 * server held, in one transaction, writers serialised (storage/documents.ts).
 */
import type { ReplicatedCollection } from '../../domain/model';
import type { WireDocument } from '../../domain/protocol';
import { canonicalJson, sameContent, SERVER_STAMPED_FIELDS, type DocState, type JsonObject } from './canonical';
import { ApiError } from './errors';
import type { Storage, SqlExecutor } from './storage';
import {
  documentKey,
  loadDocuments,
  lockWriters,
  notify,
  restampJournal,
  writeDocuments,
  type DocumentWrite,
  type StoredDocument,
} from './storage/documents';
import { epciOfCommunes } from './storage/tenants';
import { serverStampedFields, writeRefusal } from '../../domain/write-rules';
import { checkSharedEventWrite, eventRequestId, requestSharedWith, writerKind, type Principal, type PushScope } from './tenancy';
import { currentVersion } from './validation';
import { encodeChange } from './hub';

/** One pushed document, validated and at the current schema version. */
export interface PushItem {
  index: number;
  id: string;
  communeId: string;
  scope: Exclude<PushScope, 'forbidden'>;
  next: DocState;
  assumed: DocState | null;
}

export interface PushOutcome {
  /** the server's state of every document that conflicted, or that the device holds with another stamp */
  conflicts: WireDocument<JsonObject>[];
  written: number;
}

type Decision = 'noop' | 'write' | 'conflict';

/**
 * - the server already holds exactly this content: nothing to do (a push
 *   re-sent after its answer was lost, or the same edit made twice);
 * - the document is new to the server, or the server holds what the device
 *   assumed: write;
 * - otherwise someone else wrote in between: conflict, the device merges.
 */
export function decide(
  current: DocState | undefined,
  item: Pick<PushItem, 'next' | 'assumed'>,
  stamped: readonly string[] = SERVER_STAMPED_FIELDS,
): Decision {
  if (!current) return 'write';
  if (sameContent(current, item.next, stamped)) return 'noop';
  if (item.assumed && sameContent(current, item.assumed, stamped)) return 'write';
  return 'conflict';
}

function sameStamp(current: StoredDocument, item: PushItem): boolean {
  return canonicalJson(current.data) === canonicalJson(item.next.data);
}

export function toWire(doc: StoredDocument): WireDocument<JsonObject> {
  return { ...doc.data, _deleted: doc.deleted };
}

interface PushContext {
  tx: SqlExecutor;
  principal: Principal;
  collection: ReplicatedCollection;
  stamp: string;
  working: Map<string, StoredDocument>;
  parents: Map<string, StoredDocument>;
  epcis: Map<string, string>;
}

export async function applyPush(
  storage: Storage,
  principal: Principal,
  collection: ReplicatedCollection,
  items: readonly PushItem[],
  now: Date = new Date(),
): Promise<PushOutcome> {
  return storage.db.transaction(async (tx) => {
    await lockWriters(tx);
    const context = await loadContext(tx, principal, collection, items, now);
    const conflicts: WireDocument<JsonObject>[] = [];
    const writes = new Map<string, DocumentWrite>();
    const sharingChanges = new Map<string, { communeId: string; id: string; sharedWith: string | null }>();
    for (const item of items) {
      const key = documentKey(item);
      const current = context.working.get(key);
      checkVisible(context, item, current);
      const decision = decide(current, item, serverStampedFields(collection));
      if (decision === 'noop') {
        // Nothing to write. If only the server's stamp differs (a retry after a lost answer), hand back the
        // stamped copy: the device's conflict handler adopts it (updatedAt is derived, nothing is journaled),
        // else the device would keep its own stamp for ever if the stamped copy reached it before this retry.
        if (current && !sameStamp(current, item)) conflicts.push(toWire(current));
        continue;
      }
      if (decision === 'conflict' && current) {
        conflicts.push(toWire(current));
        continue;
      }
      checkEditable(context, item, current);
      const write = toWrite(context, item, current);
      writes.set(key, write);
      context.working.set(key, { ...write, seq: 0 });
      if (collection === 'requests' && (current?.sharedWith ?? null) !== write.sharedWith) {
        sharingChanges.set(key, { communeId: item.communeId, id: item.id, sharedWith: write.sharedWith });
      }
    }
    await writeDocuments(tx, [...writes.values()]);
    for (const change of sharingChanges.values()) await restampJournal(tx, change.communeId, change.id, change.sharedWith);
    await announce(tx, storage.channel, collection, [...writes.values()], [...sharingChanges.values()]);
    return { conflicts, written: writes.size };
  });
}

async function loadContext(
  tx: SqlExecutor,
  principal: Principal,
  collection: ReplicatedCollection,
  items: readonly PushItem[],
  now: Date,
): Promise<PushContext> {
  const working = await loadDocuments(tx, collection, items);
  const parentKeys = collection === 'events' ? items.flatMap((item) => parentKey(item)) : [];
  const parents = await loadDocuments(tx, 'requests', parentKeys);
  const communes = [...new Set(items.map((item) => item.communeId))];
  const epcis = collection === 'requests' ? await epciOfCommunes(tx, communes) : new Map<string, string>();
  return { tx, principal, collection, stamp: now.toISOString(), working, parents, epcis };
}

function parentKey(item: PushItem): { communeId: string; id: string }[] {
  const requestId = eventRequestId(item.next.data);
  return requestId ? [{ communeId: item.communeId, id: requestId }] : [];
}

function parentOf(context: PushContext, item: PushItem): StoredDocument | undefined {
  const [key] = parentKey(item);
  return key ? context.parents.get(documentKey(key)) : undefined;
}

/** An intercommunality's write must concern something shared with it, before any conflict reveals state. */
function checkVisible(context: PushContext, item: PushItem, current: StoredDocument | undefined): void {
  if (item.scope !== 'shared') return;
  const reason =
    context.collection === 'requests'
      ? current?.sharedWith === context.principal.tenantId
        ? null
        : 'this request is not shared with your intercommunality'
      : checkSharedEventWrite(context.principal, current, parentOf(context, item));
  if (reason) throw new ApiError('forbidden', reason, { index: item.index, id: item.id });
}

/**
 * …and every writer changes only what domain/write-rules.ts lets its kind change, judged against what the
 * write is about to replace: the journal append-only, an intercommunality's and a mayor's tablet's fields.
 */
function checkEditable(context: PushContext, item: PushItem, current: StoredDocument | undefined): void {
  const reason = writeRefusal({
    kind: writerKind(context.principal, item.scope),
    collection: context.collection,
    stored: current ? { data: current.data, deleted: current.deleted } : null,
    next: item.next,
  });
  if (reason) throw new ApiError('forbidden', reason, { index: item.index, id: item.id });
}

/**
 * The stamp of a write: the commit's time, and always later than the version it replaces, even if the
 * server's clock stepped back (a restart, an NTP correction). Devices rely on a document's stamps growing to
 * tell an older server version from a newer one (renderer/src/db/rxdb/master-stamps.ts).
 */
export function stampAfter(stamp: string, previous: StoredDocument | undefined): string {
  const before = previous?.data['updatedAt'];
  if (typeof before !== 'string' || Number.isNaN(Date.parse(before)) || Date.parse(before) < Date.parse(stamp)) return stamp;
  return new Date(Date.parse(before) + 1).toISOString();
}

/**
 * A journal line names the device that pushed it, as the server knows it: a device cannot write under another's
 * name. The line keeps the first pusher's name for ever (the journal is append-only).
 */
function pushedBy(context: PushContext, current: StoredDocument | undefined): JsonObject {
  if (context.collection !== 'events') return {};
  return { deviceId: typeof current?.data['deviceId'] === 'string' ? current.data['deviceId'] : context.principal.deviceId };
}

function toWrite(context: PushContext, item: PushItem, current: StoredDocument | undefined): DocumentWrite {
  const stamp = stampAfter(context.stamp, current);
  const data: JsonObject = { ...item.next.data, ...pushedBy(context, current), updatedAt: stamp };
  return {
    collection: context.collection,
    communeId: item.communeId,
    id: item.id,
    data,
    deleted: item.next.deleted,
    sharedWith: sharedWithOf(context, item, data),
    schemaVersion: currentVersion(context.collection),
    updatedAt: stamp,
  };
}

function sharedWithOf(context: PushContext, item: PushItem, data: JsonObject): string | null {
  if (context.collection === 'requests') return requestSharedWith(data, context.epcis.get(item.communeId));
  if (context.collection === 'events') return parentOf(context, item)?.sharedWith ?? null;
  return null;
}

/** Tells every server process (LISTEN/NOTIFY, delivered at commit) which streams have news. */
async function announce(
  tx: SqlExecutor,
  channel: string,
  collection: ReplicatedCollection,
  writes: readonly DocumentWrite[],
  sharingChanges: readonly { communeId: string; sharedWith: string | null }[],
): Promise<void> {
  if (writes.length > 0) {
    const tenants = writes.flatMap((write) => (write.sharedWith ? [write.communeId, write.sharedWith] : [write.communeId]));
    await notify(tx, channel, encodeChange(collection, tenants));
  }
  if (sharingChanges.length > 0) {
    const tenants = sharingChanges.flatMap((change) => (change.sharedWith ? [change.communeId, change.sharedWith] : [change.communeId]));
    await notify(tx, channel, encodeChange('events', tenants));
  }
}
