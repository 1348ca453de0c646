/**
 * How two versions of a document become one (quality.md, reliability 4): RxDB's conflict handler of each
 * collection, given to the collections when the database opens, and the journal line of the values a merge
 * let go of. The rules are domain/merge.ts's; the stamps, db/rxdb/'s.
 */
import type { RxCollection, RxConflictHandler, RxConflictHandlerInput, WithDeleted } from 'rxdb';
import { deepEqual, mergeCitizenVersions, mergeDocuments, mergeRequest, mergeSettings, type MergeResult } from '../../../domain/merge';
import { NO_ID, type DocumentsByCollection, type EventDoc, type ReplicatedCollection } from '../../../domain/model';
import { localStamp } from './rxdb/local-stamps';
import { isStaleCopy } from './rxdb/master-stamps';

/** Who the conflict journal lines are written by: this device, on behalf of nobody in particular. */
export interface ConflictActor {
  deviceId: string;
  actorId?: string;
  actorName?: string;
}

type Merger<Doc> = (base: Doc | null, local: Doc, remote: Doc) => MergeResult<Doc>;

const MERGERS: { [Name in ReplicatedCollection]: Merger<DocumentsByCollection[Name]> } = {
  requests: mergeRequest,
  citizens: mergeCitizenVersions,
  // Events are written once and never change: a conflict there is two writes of one line; same rule. The server
  // names the device that pushed a line (deviceId, domain/write-rules.ts): its value, like its stamp, is the server's.
  events: (base, local, remote) => mergeDocuments(base, local, remote, { derived: ['updatedAt', 'deviceId'] }),
  categories: (base, local, remote) => mergeDocuments(base, local, remote, { derived: ['updatedAt'] }),
  replytemplates: (base, local, remote) => mergeDocuments(base, local, remote, { derived: ['updatedAt'] }),
  settings: mergeSettings,
  procedures: (base, local, remote) => mergeDocuments(base, local, remote, { derived: ['updatedAt'] }),
  assistedsessions: (base, local, remote) => mergeDocuments(base, local, remote, { derived: ['updatedAt'] }),
};

function withoutDeleted<Doc>(doc: WithDeleted<Doc>): Doc {
  const { _deleted: _ignored, ...rest } = doc as WithDeleted<Doc> & Record<string, unknown>;
  return rest as Doc;
}

/** The three-way merge of a conflict, deletions aside: a deletion on the server wins, a local one yields to the server's changes. */
function mergeConflict<Name extends ReplicatedCollection>(
  collection: Name,
  input: RxConflictHandlerInput<DocumentsByCollection[Name]>,
): { doc: WithDeleted<DocumentsByCollection[Name]>; result: MergeResult<DocumentsByCollection[Name]> | null } {
  const { realMasterState: remote, newDocumentState: local, assumedMasterState: assumed } = input;
  // A stale copy of an older server state is nobody's change: the server's state stands (master-stamps.ts).
  if (isStaleCopy(collection, local)) return { doc: remote, result: null };
  if (remote._deleted || local._deleted) return { doc: remote, result: null };
  const merge = MERGERS[collection] as Merger<DocumentsByCollection[Name]>;
  const base = assumed && !assumed._deleted ? withoutDeleted(assumed) : null;
  const result = merge(base, withoutDeleted(local), withoutDeleted(remote));
  return { doc: stampMerge({ ...result.merged, _deleted: false }, remote), result };
}

/**
 * The merge is the server's state exactly when it kept nothing of the device's: the server's stamp then, so
 * that both hold the same document. Otherwise it is a change of this device, to be pushed, and stamped as one
 * (local-stamps.ts): with the server's stamp it would pass for a copy of the server's state.
 */
function stampMerge<Doc>(merged: WithDeleted<Doc>, remote: WithDeleted<Doc>): WithDeleted<Doc> {
  const remoteStamp = (remote as { updatedAt?: unknown }).updatedAt;
  if (deepEqual({ ...merged, updatedAt: remoteStamp }, remote)) return remote;
  return { ...merged, updatedAt: localStamp(remoteStamp) };
}

/**
 * RxDB conflict handlers, one per collection, for `addCollections` (each
 * collection's `conflictHandler`). isEqual compares whole documents,
 * updatedAt included, so that the server's stamp reaches the device.
 */
export const conflictHandlers: { [Name in ReplicatedCollection]: RxConflictHandler<DocumentsByCollection[Name]> } = {
  requests: conflictHandler('requests'),
  citizens: conflictHandler('citizens'),
  events: conflictHandler('events'),
  categories: conflictHandler('categories'),
  replytemplates: conflictHandler('replytemplates'),
  settings: conflictHandler('settings'),
  procedures: conflictHandler('procedures'),
  assistedsessions: conflictHandler('assistedsessions'),
};

function conflictHandler<Name extends ReplicatedCollection>(collection: Name): RxConflictHandler<DocumentsByCollection[Name]> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    resolve: async (input) => mergeConflict(collection, input).doc,
  };
}

/** A stable id for the journal line of one conflict, so that resolving it twice journals it once. */
async function conflictEventId(parts: readonly string[]): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\u0000')));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Journals the values a merge let go of, in the history of the request or resident concerned. */
export async function journalConflict<Name extends ReplicatedCollection>(
  events: RxCollection<EventDoc>,
  collection: Name,
  input: RxConflictHandlerInput<DocumentsByCollection[Name]>,
  actor: ConflictActor,
): Promise<void> {
  const { result } = mergeConflict(collection, input);
  if (!result?.conflictEvent) return;
  const remote = input.realMasterState as unknown as Record<string, unknown>;
  const docId = String(remote['id']);
  const requestId = collection === 'requests' ? docId : NO_ID;
  const citizenId = collection === 'citizens' ? docId : collection === 'requests' ? String(remote['citizenId'] ?? NO_ID) : NO_ID;
  const at = new Date().toISOString();
  const event: EventDoc = {
    id: await conflictEventId([collection, docId, String(remote['updatedAt']), result.conflictEvent.text]),
    communeId: String(remote['communeId']),
    requestId,
    citizenId,
    type: 'conflict',
    at,
    actorId: actor.actorId ?? actor.deviceId,
    actorName: actor.actorName ?? 'Synchronisation',
    fromStatus: null,
    toStatus: null,
    text: result.conflictEvent.text,
    fields: result.conflictEvent.fields,
    deviceId: actor.deviceId,
    updatedAt: at,
  };
  await events.insert(event).catch((error: unknown) => {
    // Already journaled (the same conflict resolved again): nothing to add.
    if ((error as { code?: string }).code !== 'CONFLICT') throw error;
  });
}
