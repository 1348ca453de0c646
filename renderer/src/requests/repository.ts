import type { AttachmentRef, CategoryDoc, CitizenDoc, RequestDoc, RequestStatus, SettingsDoc, Transfer } from '../../../domain/model';

import { newId } from '../../../domain/ids';
import { requestDueAt } from '../../../domain/calendar';
import { newTrackingCode, nextReference, parseReference } from '../../../domain/references';
import { planTransition } from '../../../domain/statuses';
import { requestSearchText } from '../../../domain/search';
import type { GuichetDatabase } from '../db/database';
import { insertJournaled, journal, modifyJournaled, patchJournaled, type Actor } from '../db/journal';
import { citizenDisplayName } from '../../../domain/citizens';
import { releaseRefusalFor } from '../approval';
import { toPlain } from '../db/plain';

export type NewRequest = Omit<
  RequestDoc,
  | 'id'
  | 'communeId'
  | 'reference'
  | 'trackingCode'
  | 'dueAt'
  | 'searchText'
  | 'createdAt'
  | 'createdBy'
  | 'updatedAt'
  | 'status'
  | 'statusReason'
  | 'transfer'
  | 'answer'
>;

interface ReferenceCounter {
  year: number;
  seq: number;
}

/**
 * The next reference for this device and year. Three sources agree in the
 * ordinary case and cover each other's gaps: the counter kept on this device
 * (references sort as text, so past 9999 the highest stored one is no longer
 * the last), the highest reference in the store (after a restore or on a
 * reinstalled device), and a last check that the reference is free.
 */
/** The allocations in progress, per database: one at a time, so that two saves at once never share a number. */
const allocating = new WeakMap<GuichetDatabase, Promise<unknown>>();

export function allocateReference(db: GuichetDatabase, prefix: string, year: number): Promise<string> {
  const previous = allocating.get(db) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => takeReference(db, prefix, year));
  allocating.set(db, next);
  return next;
}

async function takeReference(db: GuichetDatabase, prefix: string, year: number): Promise<string> {
  const counterId = `reference-counter-${prefix}`;
  const counter = (await db.getLocal<ReferenceCounter>(counterId))?.toJSON().data as ReferenceCounter | undefined;
  const start = `${year}-${prefix}-`;
  const last = await db.requests
    .findOne({ selector: { reference: { $gte: start, $lt: `${start}\uffff` } }, sort: [{ reference: 'desc' }] })
    .exec();
  let seq = Math.max(counter?.year === year ? counter.seq : 0, last ? (parseReference(last.reference)?.seq ?? 0) : 0);
  let reference = nextReference(year, prefix, seq);
  // A reference already taken (typed by hand, imported, or past 9999 where text order misleads): the next one.
  while (await db.requests.findOne({ selector: { reference } }).exec()) {
    seq += 1;
    reference = nextReference(year, prefix, seq);
  }
  await db.upsertLocal<ReferenceCounter>(counterId, { year, seq: seq + 1 });
  return reference;
}

export function searchTextOf(
  request: Pick<RequestDoc, 'reference' | 'trackingCode' | 'subject' | 'location' | 'channelFacts'>,
  citizen?: CitizenDoc | null,
): string {
  return requestSearchText({
    reference: request.reference,
    trackingCode: request.trackingCode,
    subject: request.subject,
    citizenName: citizen ? citizenDisplayName(citizen) : '',
    extra: [request.location?.address ?? '', request.channelFacts.sender ?? ''],
  });
}

/**
 * Records a new request and its first journal line. Resolves once IndexedDB
 * has committed both: only then does the UI say "saved".
 */
export async function createRequest(
  db: GuichetDatabase,
  input: NewRequest,
  context: {
    actor: Actor;
    devicePrefix: string;
    settings: SettingsDoc;
    category: CategoryDoc;
    citizen: CitizenDoc | null;
    now?: Date;
    id?: string;
  },
): Promise<RequestDoc> {
  const now = context.now ?? new Date();
  const received = new Date(input.receivedAt);
  const reference = await allocateReference(db, context.devicePrefix, received.getFullYear());
  const trackingCode = newTrackingCode();
  const request: RequestDoc = {
    ...input,
    id: context.id ?? newId(),
    communeId: context.actor.communeId,
    reference,
    trackingCode,
    status: 'new',
    statusReason: '',
    transfer: null,
    answer: null,
    dueAt: requestDueAt(localDate(received), context.category, { alsaceMoselle: context.settings.alsaceMoselle }),
    searchText: '',
    createdAt: now.toISOString(),
    createdBy: context.actor.actorId,
    updatedAt: now.toISOString(),
  };
  request.searchText = searchTextOf(request, context.citizen);
  return insertJournaled(
    db,
    db.requests,
    request,
    context.actor,
    { type: 'created', requestId: request.id, citizenId: request.citizenId, toStatus: 'new' },
    now,
  );
}

/** `YYYY-MM-DD` of a moment in the computer's time zone (the mairie's). */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Changes fields of a request and journals which ones (never their values: those may be personal). */
export async function updateRequest(
  db: GuichetDatabase,
  id: string,
  patch: Partial<RequestDoc>,
  actor: Actor,
  now: Date = new Date(),
): Promise<RequestDoc> {
  const doc = await db.requests.findOne(id).exec();
  if (!doc) throw new Error(`unknown request ${id}`);
  const changed = Object.keys(patch).filter((key) => JSON.stringify(patch[key as keyof RequestDoc]) !== JSON.stringify(doc.get(key)));
  if (changed.length === 0) return toPlain(doc);
  const citizenId = patch.citizenId ?? doc.citizenId;
  return patchJournaled(db, doc, patch, actor, { type: 'updated', requestId: id, citizenId, fields: changed }, now);
}

export type TransitionResult = { ok: true; request: RequestDoc } | { ok: false; error: string };

/** Moves a request to another status if the rules allow it, with the journal line that says who, when, from, to, why. */
export async function changeStatus(
  db: GuichetDatabase,
  id: string,
  to: RequestStatus,
  reason: string,
  actor: Actor,
  now: Date = new Date(),
  extra: { transfer?: Transfer; competence?: RequestDoc['competence'] } = {},
): Promise<TransitionResult> {
  const doc = await db.requests.findOne(id).exec();
  if (!doc) return { ok: false, error: 'errors.unknownRequest' };
  const current = toPlain(doc);
  // An answer that waits for the mayor does not go out (domain/council.ts).
  const held = await releaseRefusalFor(db, current, to);
  if (held) return { ok: false, error: held };
  const plan = planTransition(current, to, {
    reason,
    actorId: actor.actorId,
    at: now.toISOString(),
    ...(extra.transfer ? { transfer: extra.transfer } : {}),
  });
  if (!plan.ok) return { ok: false, error: plan.error };
  const competence = extra.competence ? { competence: extra.competence } : {};
  const event = {
    type: 'status_changed' as const,
    requestId: id,
    citizenId: current.citizenId,
    fromStatus: current.status,
    toStatus: to,
    text: reason,
  };
  return { ok: true, request: await patchJournaled(db, doc, { ...plan.changes, ...competence }, actor, event, now) };
}

export async function addNote(db: GuichetDatabase, request: RequestDoc, text: string, actor: Actor): Promise<void> {
  await journal(db, actor, { type: 'note', requestId: request.id, citizenId: request.citizenId, text });
}

export async function addAttachments(db: GuichetDatabase, request: RequestDoc, added: AttachmentRef[], actor: Actor): Promise<void> {
  const known = new Set(request.attachments.map((attachment) => attachment.sha256));
  const fresh = added.filter((attachment) => !known.has(attachment.sha256));
  if (fresh.length === 0) return;
  const doc = await db.requests.findOne(request.id).exec();
  if (!doc) return;
  const withFresh = (current: RequestDoc): RequestDoc => ({
    ...current,
    attachments: [
      ...current.attachments,
      ...fresh.filter((attachment) => !current.attachments.some((other) => other.sha256 === attachment.sha256)),
    ],
  });
  // The journal says how many files, not their names: a file name may carry personal data.
  await modifyJournaled(db, doc, withFresh, actor, {
    type: 'attachment_added',
    requestId: request.id,
    citizenId: request.citizenId,
    fields: ['attachments'],
    text: String(fresh.length),
  });
}
