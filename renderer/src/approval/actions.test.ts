import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppUser, EventDoc, RequestDoc } from '../../../domain/model';
import { sampleDocuments } from '../../../domain/schemas/samples';
import type { GuichetDatabase } from '../db/database';
import type { Actor } from '../db/journal';
import { openTestDatabase, sampleRequest, testActor } from '../db/testing';
import { saveAnswer } from '../requests/answer';
import { changeStatus } from '../requests/repository';
import { annotate, approveAnswer, readApprovalState, recordSeen, sendBack } from './actions';
import { toPlain } from '../db/plain';

let db: GuichetDatabase;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  await db.close();
});

const mayor: AppUser = { id: 'u-maire', name: 'Bernard Thiébaut', role: 'mayor', active: true };
const secretary: AppUser = { id: testActor.actorId, name: testActor.actorName, role: 'secretary', active: true };
const mayorActor: Actor = { ...testActor, actorId: mayor.id, actorName: mayor.name };

async function flaggedRequest(categoryNeedsMayor = false): Promise<RequestDoc> {
  await db.categories.insert({ ...sampleDocuments.categories, needsMayorApproval: categoryNeedsMayor });
  const request = sampleRequest('', {
    categoryId: sampleDocuments.categories.id,
    status: 'in_progress',
    flags: { needsMayor: !categoryNeedsMayor, sensitive: false },
  });
  await db.requests.insert(request);
  return request;
}

async function current(id: string): Promise<RequestDoc> {
  return toPlain((await db.requests.findOne(id).exec())!);
}

async function eventsOf(id: string): Promise<EventDoc[]> {
  return (await db.events.find({ selector: { requestId: id }, sort: [{ at: 'asc' }] }).exec()).map((doc) => toPlain(doc));
}

describe('the mayor’s approval in the store', () => {
  it('holds the answer until the mayor approves it, then lets it go out', async () => {
    const request = await flaggedRequest(true);
    const saved = await saveAnswer(db, request, { text: 'Votre salle est réservée.', templateId: null, kind: 'final' }, testActor);
    expect(saved.ok && saved.request.status).toBe('in_progress');
    expect(await readApprovalState(db, await current(request.id))).toBe('awaiting_mayor');
    expect(await changeStatus(db, request.id, 'answered', '', testActor)).toEqual({ ok: false, error: 'council.error.awaitingMayor' });
    expect(await changeStatus(db, request.id, 'closed', 'fait', testActor)).toEqual({ ok: false, error: 'council.error.awaitingMayor' });

    expect(await approveAnswer(db, request.id, secretary, testActor)).toEqual({ ok: false, error: 'council.error.notApprover' });
    expect(await approveAnswer(db, request.id, mayor, mayorActor)).toEqual({ ok: true });
    const approved = await current(request.id);
    expect(approved.answer).toMatchObject({ approvedBy: mayor.id, text: 'Votre salle est réservée.' });
    expect(await readApprovalState(db, approved)).toBe('approved');

    const moved = await changeStatus(db, request.id, 'answered', '', testActor);
    expect(moved.ok && moved.request.status).toBe('answered');
    const approval = (await eventsOf(request.id)).find((event) => event.type === 'mayor_approved');
    expect(approval).toMatchObject({ actorId: mayor.id, actorName: 'Bernard Thiébaut', fields: ['answer'] });
  });

  it('sends back with a comment in the journal; a new answer waits for the mayor again', async () => {
    const request = await flaggedRequest();
    await saveAnswer(
      db,
      request,
      { text: 'Premier jet.', templateId: null, kind: 'final' },
      testActor,
      new Date('2026-03-12T09:00:00.000Z'),
    );
    expect(await sendBack(db, request.id, mayor, mayorActor, 'Citer l’arrêté du 3 mars.', new Date('2026-03-12T10:00:00.000Z'))).toEqual({
      ok: true,
    });
    expect(await readApprovalState(db, await current(request.id))).toBe('returned');
    expect(await changeStatus(db, request.id, 'answered', '', testActor)).toEqual({ ok: false, error: 'council.error.returned' });
    const returned = (await eventsOf(request.id)).find((event) => event.type === 'mayor_returned');
    expect(returned).toMatchObject({ actorName: 'Bernard Thiébaut', text: 'Citer l’arrêté du 3 mars.' });

    await saveAnswer(
      db,
      await current(request.id),
      { text: 'Second jet, avec l’arrêté.', templateId: null, kind: 'final' },
      testActor,
      new Date('2026-03-12T11:00:00.000Z'),
    );
    expect(await readApprovalState(db, await current(request.id))).toBe('awaiting_mayor');
  });

  it('annotates, and records "vu par le maire" once a day', async () => {
    const request = await flaggedRequest();
    expect(await annotate(db, request.id, mayor, mayorActor, 'À évoquer au conseil.', new Date('2026-03-12T08:00:00'))).toEqual({
      ok: true,
    });
    expect(await recordSeen(db, request, mayor, mayorActor, '2026-03-12', new Date('2026-03-12T09:00:00'))).toBe(true);
    expect(await recordSeen(db, request, mayor, mayorActor, '2026-03-12', new Date('2026-03-12T09:05:00'))).toBe(false);
    expect(await recordSeen(db, request, secretary, testActor, '2026-03-12')).toBe(false);
    const types = (await eventsOf(request.id)).map((event) => [event.type, event.actorName, event.fields]);
    expect(types).toEqual([
      ['note', 'Bernard Thiébaut', ['council']],
      ['mayor_seen', 'Bernard Thiébaut', []],
    ]);
  });
});
