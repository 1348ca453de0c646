import { NO_ID, type EventDoc, type EventType } from '../../../domain/model';
import { newId } from '../../../domain/ids';
import type { GuichetDatabase } from './database';

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
