/**
 * Reading and writing assisted sessions and the procedure catalogue. The
 * rules live in domain/assisted.ts; this file only stores what they allow.
 */
import { map } from 'rxjs';
import {
  checkSession,
  followUpsDue,
  hasSessionErrors,
  newSession,
  procedureSteps,
  documentLines,
  type ProcedureForm,
  type SessionErrors,
} from '../../../domain/assisted';
import { newId } from '../../../domain/ids';
import { localDateOf } from '../../../domain/calendar';
import type { AssistedSessionDoc, CitizenDoc, ProcedureDoc } from '../../../domain/model';
import { newTrackingCode } from '../../../domain/references';
import { slug } from '../../../domain/assisted';
import { useApp } from '../session/AppContext';
import type { GuichetDatabase } from '../db/database';
import { useObservable } from '../db/hooks';
import { insertJournaled, type Actor } from '../db/journal';
import { catalogueProcedures } from './catalogue';
import { toPlain } from '../db/plain';

export function useProcedures(): ProcedureDoc[] | undefined {
  const { db } = useApp();
  return useObservable(
    () => db.procedures.find().$.pipe(map((docs) => docs.map((doc) => toPlain(doc)).sort((a, b) => a.title.localeCompare(b.title, 'fr')))),
    [db],
  );
}

export function useSession(id: string): AssistedSessionDoc | null | undefined {
  const { db } = useApp();
  return useObservable(() => db.assistedsessions.findOne(id).$.pipe(map((doc) => (doc ? toPlain(doc) : null))), [db, id]);
}

/** A resident's sessions, newest first, read through the (citizenId, startedAt) index. */
export function useSessionsOf(citizenId: string): AssistedSessionDoc[] | undefined {
  const { db } = useApp();
  return useObservable(
    () =>
      db.assistedsessions
        .find({ selector: { citizenId }, sort: [{ citizenId: 'asc' }, { startedAt: 'asc' }] })
        .$.pipe(map((docs) => docs.map((doc) => toPlain(doc)).reverse())),
    [db, citizenId],
  );
}

/** The latest sessions of the commune, newest first. */
export function useRecentSessions(limit = 20): AssistedSessionDoc[] | undefined {
  const { db } = useApp();
  return useObservable(
    () => db.assistedsessions.find({ sort: [{ startedAt: 'desc' }], limit }).$.pipe(map((docs) => docs.map((doc) => toPlain(doc)))),
    [db, limit],
  );
}

/**
 * The sessions to call back today (domain's followUpsDue), for Aujourd'hui.
 * Only unfinished sessions are read: a commune has a few hundred a year.
 */
export function useFollowUpsDue(today: string, limit = Number.POSITIVE_INFINITY): AssistedSessionDoc[] | undefined {
  const { db } = useApp();
  return useObservable(
    () =>
      db.assistedsessions.find({ selector: { outcome: { $in: ['to_finish', 'blocked'] } } }).$.pipe(
        map((docs) =>
          followUpsDue(
            docs.map((doc) => toPlain(doc)),
            today,
          ).slice(0, limit),
        ),
      ),
    [db, today, limit],
  );
}

/** The residents of a list of sessions, by id, to show their names beside them. */
export function useResidentsOf(sessions: readonly AssistedSessionDoc[] | undefined): Map<string, CitizenDoc> | undefined {
  const { db } = useApp();
  const ids = [...new Set((sessions ?? []).map((session) => session.citizenId))];
  return useObservable(
    () => db.citizens.findByIds(ids).$.pipe(map((found) => new Map([...found.entries()].map(([id, doc]) => [id, toPlain(doc)])))),
    [db, ids.join()],
  );
}

/** Starts a session for a resident and journals it on their file (the procedure's title only, no personal data). */
export async function startSession(
  db: GuichetDatabase,
  actor: Actor,
  citizenId: string,
  procedure: ProcedureDoc,
  now: Date = new Date(),
): Promise<AssistedSessionDoc> {
  const session = newSession({
    id: newId(),
    communeId: actor.communeId,
    citizenId,
    procedure,
    agent: { id: actor.actorId, name: actor.actorName },
    trackingCode: newTrackingCode(),
    now: now.toISOString(),
  });
  await insertJournaled(db, db.assistedsessions, session, actor, { type: 'assisted_session', citizenId, text: procedure.title }, now);
  return session;
}

export type SessionChanges = Pick<
  AssistedSessionDoc,
  'stepsDone' | 'minutesSpent' | 'outcome' | 'blockedReason' | 'nextSteps' | 'documentsNextTime' | 'followUpDate' | 'trackingCode'
>;

/**
 * Saves the secretary's changes once the domain's rules accept them; returns
 * the errors otherwise, and writes nothing.
 */
export async function saveSession(
  db: GuichetDatabase,
  session: AssistedSessionDoc,
  changes: SessionChanges,
  procedure: ProcedureDoc | null,
  confirmedDone: boolean,
  now: Date = new Date(),
): Promise<{ ok: true; session: AssistedSessionDoc } | { ok: false; errors: SessionErrors }> {
  const next = { ...session, ...changes };
  const errors = checkSession({
    session: next,
    procedure: procedure ?? { steps: [] },
    sessionDate: localDateOf(session.startedAt),
    confirmedDone,
  });
  if (hasSessionErrors(errors)) return { ok: false, errors };
  const doc = await db.assistedsessions.findOne(session.id).exec();
  if (!doc) throw new Error(`assisted session ${session.id} not found`);
  const updated = await doc.incrementalPatch({ ...changes, updatedAt: now.toISOString() });
  return { ok: true, session: toPlain(updated) };
}

function procedureFields(form: ProcedureForm): Omit<ProcedureDoc, 'id' | 'communeId' | 'code' | 'updatedAt'> {
  return {
    title: form.title.trim(),
    summary: form.summary.trim(),
    url: form.url.trim(),
    durationMinutes: Number(form.durationMinutes.trim()),
    steps: procedureSteps(form),
    documents: documentLines(form.documents),
    active: form.active,
  };
}

/** Saves a procedure from its (valid) form: a new one when `id` is null, with a code unique in the catalogue. */
export async function saveProcedure(
  db: GuichetDatabase,
  id: string | null,
  form: ProcedureForm,
  communeId: string,
  now: Date = new Date(),
): Promise<ProcedureDoc> {
  const fields = procedureFields(form);
  if (id === null) {
    const codes = new Set((await db.procedures.find().exec()).map((procedure) => procedure.code));
    const base = slug(fields.title) || 'demarche';
    let code = base;
    for (let suffix = 2; codes.has(code); suffix += 1) code = `${base}-${suffix}`;
    const procedure: ProcedureDoc = { id: newId(), communeId, code, ...fields, updatedAt: now.toISOString() };
    await db.procedures.insert(procedure);
    return procedure;
  }
  const doc = await db.procedures.findOne(id).exec();
  if (!doc) throw new Error(`procedure ${id} not found`);
  return toPlain(await doc.incrementalPatch({ ...fields, updatedAt: now.toISOString() }));
}

/** Adds the shipped catalogue's procedures this commune does not have yet (by code): for communes set up before it existed. */
export async function addShippedCatalogue(db: GuichetDatabase, communeId: string, now: Date = new Date()): Promise<number> {
  const codes = new Set((await db.procedures.find().exec()).map((procedure) => procedure.code));
  const missing = catalogueProcedures(communeId, now.toISOString()).filter((procedure) => !codes.has(procedure.code));
  if (missing.length > 0) await db.procedures.bulkInsert(missing);
  return missing.length;
}

export function procedureFormOf(procedure: ProcedureDoc): ProcedureForm {
  return {
    title: procedure.title,
    summary: procedure.summary,
    url: procedure.url,
    durationMinutes: String(procedure.durationMinutes),
    steps: procedure.steps.map((step) => ({ ...step })),
    documents: procedure.documents.join('\n'),
    active: procedure.active,
  };
}

export const EMPTY_PROCEDURE: ProcedureForm = {
  title: '',
  summary: '',
  url: 'https://www.service-public.fr/',
  durationMinutes: '20',
  steps: [{ id: '', label: '', required: true }],
  documents: '',
  active: true,
};
