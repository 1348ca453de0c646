import { NO_ID, type EventDoc, type EventType } from '../../../domain/model';
import { newId } from '../../../domain/ids';
import type { RxCollection, RxDocument } from 'rxdb';
import type { GuichetDatabase } from './database';
import { toPlain } from './plain';

/** Who does something now: recorded in every event. */
export interface Actor {
  actorId: string;
  actorName: string;
  deviceId: string;
  communeId: string;
}

export interface EventInput {
  type: EventType;
  requestId?: string;
  citizenId?: string;
  fromStatus?: EventDoc['fromStatus'];
  toStatus?: EventDoc['toStatus'];
  text?: string;
  fields?: string[];
}

export function buildEvent(actor: Actor, input: EventInput, at: Date = new Date()): EventDoc {
  const iso = at.toISOString();
  return {
    id: newId(),
    communeId: actor.communeId,
    requestId: input.requestId ?? NO_ID,
    citizenId: input.citizenId ?? NO_ID,
    type: input.type,
    at: iso,
    actorId: actor.actorId,
    actorName: actor.actorName,
    fromStatus: input.fromStatus ?? null,
    toStatus: input.toStatus ?? null,
    text: input.text ?? '',
    fields: input.fields ?? [],
    deviceId: actor.deviceId,
    updatedAt: iso,
  };
}

/**
 * The write path of every change the journal records: the change, then its line, by one call, so that a
 * feature cannot change a document and forget to say so. (RxDB has no transaction across collections; the
 * change goes first, so that a line never describes what did not happen.) `journal` alone is for the acts
 * that change no document: a note, an export, a document issued, a view.
 */
export async function insertJournaled<Doc>(
  db: GuichetDatabase,
  collection: RxCollection<Doc>,
  doc: Doc,
  actor: Actor,
  input: EventInput,
  at: Date = new Date(),
): Promise<Doc> {
  await collection.insert(doc);
  await journal(db, actor, input, at);
  return doc;
}

/** Changes a document (its `updatedAt` stamped with `at`) and journals it; `modify` sees the current state. */
export async function modifyJournaled<Doc extends { updatedAt: string }>(
  db: GuichetDatabase,
  doc: RxDocument<Doc>,
  modify: (current: Doc) => Doc,
  actor: Actor,
  input: EventInput,
  at: Date = new Date(),
): Promise<Doc> {
  const updated = await doc.incrementalModify((current) => ({ ...modify(current as Doc), updatedAt: at.toISOString() }));
  await journal(db, actor, input, at);
  return toPlain(updated);
}

/** …the same for a patch of some fields. */
export function patchJournaled<Doc extends { updatedAt: string }>(
  db: GuichetDatabase,
  doc: RxDocument<Doc>,
  patch: Partial<Doc>,
  actor: Actor,
  input: EventInput,
  at: Date = new Date(),
): Promise<Doc> {
  return modifyJournaled(db, doc, (current) => ({ ...current, ...patch }), actor, input, at);
}

/** Appends one line to the journal. Events are never changed afterwards. */
export async function journal(db: GuichetDatabase, actor: Actor, input: EventInput, at: Date = new Date()): Promise<EventDoc> {
  const event = { ...buildEvent(actor, input, at), communeId: await journalTenant(db, actor, input) };
  await db.events.insert(event);
  return event;
}

/**
 * A request's journal belongs to the request's commune. An intercommunality's
 * device handling a request a commune forwarded to it writes into that
 * commune's journal (the sync server shares it on the request), not its own.
 */
async function journalTenant(db: GuichetDatabase, actor: Actor, input: EventInput): Promise<string> {
  if (!input.requestId) return actor.communeId;
  const request = await db.requests.findOne(input.requestId).exec();
  return request?.communeId ?? actor.communeId;
}
