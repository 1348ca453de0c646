/**
 * The mayor's acts on a dossier, written to the store: the request's answer
 * carries the approval, and every act appends its journal line with the
 * mayor's name (the actor). The rules are domain/council.ts's.
 */
import {
  approvalState,
  lastReturnedAt,
  planAnnotation,
  planApproval,
  planSendBack,
  releaseRefusal,
  seenEvent,
  shouldRecordSeen,
  type ApprovalState,
  type CouncilError,
  type CouncilEvent,
} from '../../../domain/council';
import type { AppUser, CategoryDoc, EventDoc, RequestDoc, RequestStatus } from '../../../domain/model';
import { isFinalAnswer } from '../../../domain/answers';
import type { GuichetDatabase } from '../db/database';
import { journal, patchJournaled, type Actor } from '../db/journal';
import { toPlain } from '../db/plain';

export type CouncilResult = { ok: true } | { ok: false; error: CouncilError | 'errors.unknownRequest' };

async function requestEvents(db: GuichetDatabase, requestId: string): Promise<EventDoc[]> {
  const docs = await db.events.find({ selector: { requestId }, sort: [{ at: 'asc' }] }).exec();
  return docs.map((doc) => toPlain(doc));
}

async function categoryOf(db: GuichetDatabase, categoryId: string): Promise<CategoryDoc | null> {
  const doc = await db.categories.findOne(categoryId).exec();
  return doc ? toPlain(doc) : null;
}

/** Where the request's answer stands with the mayor, read from the store (the request, its category, its journal). */
export async function readApprovalState(db: GuichetDatabase, request: RequestDoc): Promise<ApprovalState> {
  const category = await categoryOf(db, request.categoryId);
  if (!category?.needsMayorApproval && !request.flags.needsMayor) return 'not_needed';
  return approvalState(request, category, lastReturnedAt(await requestEvents(db, request.id)));
}

/** Why the request may not move to `to` yet (the answer waits for the mayor), or null. */
export async function releaseRefusalFor(db: GuichetDatabase, request: RequestDoc, to: RequestStatus): Promise<CouncilError | null> {
  if (to !== 'answered' && to !== 'closed') return null;
  return releaseRefusal(await readApprovalState(db, request), { to }, isFinalAnswer(request.answer));
}

async function apply(
  db: GuichetDatabase,
  requestId: string,
  actor: Actor,
  plan: (request: RequestDoc) => { ok: true; changes: Partial<RequestDoc>; event: CouncilEvent } | { ok: false; error: CouncilError },
  now: Date,
): Promise<CouncilResult> {
  const doc = await db.requests.findOne(requestId).exec();
  if (!doc) return { ok: false, error: 'errors.unknownRequest' };
  const request = toPlain(doc);
  const planned = plan(request);
  if (!planned.ok) return planned;
  const event = {
    type: planned.event.type,
    requestId,
    citizenId: request.citizenId,
    text: planned.event.text,
    fields: planned.event.fields,
  };
  if (Object.keys(planned.changes).length > 0) await patchJournaled(db, doc, planned.changes, actor, event, now);
  else await journal(db, actor, event, now);
  return { ok: true };
}

export function approveAnswer(
  db: GuichetDatabase,
  requestId: string,
  user: AppUser,
  actor: Actor,
  comment = '',
  now: Date = new Date(),
): Promise<CouncilResult> {
  return apply(db, requestId, actor, (request) => planApproval(request, user, now.toISOString(), comment), now);
}

export function sendBack(
  db: GuichetDatabase,
  requestId: string,
  user: AppUser,
  actor: Actor,
  comment: string,
  now: Date = new Date(),
): Promise<CouncilResult> {
  return apply(db, requestId, actor, (request) => planSendBack(request, user, comment), now);
}

export function annotate(
  db: GuichetDatabase,
  requestId: string,
  user: AppUser,
  actor: Actor,
  text: string,
  now: Date = new Date(),
): Promise<CouncilResult> {
  return apply(db, requestId, actor, () => planAnnotation(user, text), now);
}

/** Writes "vu par le maire" when a mayor or deputy opens the dossier, once a day per person. */
export async function recordSeen(
  db: GuichetDatabase,
  request: RequestDoc,
  user: AppUser,
  actor: Actor,
  today: string,
  now: Date = new Date(),
): Promise<boolean> {
  if (!shouldRecordSeen(user, await requestEvents(db, request.id), today)) return false;
  const event = seenEvent();
  await journal(
    db,
    actor,
    { type: event.type, requestId: request.id, citizenId: request.citizenId, text: event.text, fields: event.fields },
    now,
  );
  return true;
}
