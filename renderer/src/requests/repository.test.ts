import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleDocuments } from '../../../domain/schemas/samples';
import type { GuichetDatabase } from '../db/database';
import { openTestDatabase, sampleRequest, testActor } from '../db/testing';
import { saveAnswer } from './answer';
import { allocateReference, changeStatus, createRequest } from './repository';
import { transferToEpci } from './transfer';

let db: GuichetDatabase;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  await db.close();
});

const category = { ...sampleDocuments.categories, delayDays: 10 };
const settings = { ...sampleDocuments.settings, epciName: 'CC du Val de Meuse', epciId: 'epci-1' };

async function newRequest() {
  return createRequest(
    db,
    {
      channel: 'counter',
      channelFacts: { residentPresent: true },
      receivedAt: '2026-11-16T09:00:00.000Z',
      categoryId: category.id,
      categoryFields: {},
      subject: 'Lampadaire éteint',
      description: '',
      citizenId: '',
      location: null,
      competence: 'commune',
      assigneeId: null,
      attachments: [],
      flags: { needsMayor: false, sensitive: false },
      onBehalf: null,
    },
    { actor: testActor, devicePrefix: 'A', settings, category, citizen: null, now: new Date('2026-11-16T09:01:00.000Z') },
  );
}

describe('the request repository', () => {
  it('creates a request with its reference, due date in working days, and a journal line', async () => {
    const request = await newRequest();
    expect(request.reference).toBe('2026-A-0001');
    // 16 Nov 2026 is a Monday; 10 working days later, with no holiday in between, is Monday 30 Nov.
    expect(request.dueAt).toBe('2026-11-30');
    expect(request.searchText).toContain('lampadaire');
    const events = await db.events.find({ selector: { requestId: request.id } }).exec();
    expect(events.map((event) => event.type)).toEqual(['created']);
  });

  it('gives saves made at once distinct references, in order', async () => {
    const references = await Promise.all(Array.from({ length: 20 }, () => allocateReference(db, 'A', 2026)));
    expect(new Set(references).size).toBe(20);
    expect([...references].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `2026-A-${String(i + 1).padStart(4, '0')}`));
  });

  it('keeps references unique past 9999, where they no longer sort as text', async () => {
    await db.requests.bulkInsert([sampleRequest('', { reference: '2026-A-9999' }), sampleRequest('', { reference: '2026-A-10000' })]);
    expect(await allocateReference(db, 'A', 2026)).toBe('2026-A-10001');
    expect(await allocateReference(db, 'A', 2026)).toBe('2026-A-10002');
    expect(await allocateReference(db, 'B', 2026)).toBe('2026-B-0001');
  });

  it('refuses to close without an answer or a reason, then closes once answered, journaling each step', async () => {
    const request = await newRequest();
    expect(await changeStatus(db, request.id, 'closed', '', testActor)).toEqual({
      ok: false,
      error: 'status.error.closeNeedsAnswerOrReason',
    });
    expect((await db.requests.findOne(request.id).exec())?.status).toBe('new');

    const answered = await saveAnswer(db, request, { text: 'Le lampadaire a été réparé.', templateId: null, kind: 'final' }, testActor);
    expect(answered.ok && answered.request.status).toBe('answered');
    const closed = await changeStatus(db, request.id, 'closed', '', testActor);
    expect(closed.ok && closed.request.status).toBe('closed');

    const events = await db.events.find({ selector: { requestId: request.id } }).exec();
    // The answer and its status change share one instant: compare the journal as a set.
    expect(events.map((event) => [event.type, event.fromStatus, event.toStatus]).sort()).toEqual(
      [
        ['created', null, 'new'],
        ['answered', null, null],
        ['status_changed', 'new', 'answered'],
        ['status_changed', 'answered', 'closed'],
      ].sort(),
    );
  });

  it('forwards to the intercommunality in one step: status, competence and who it went to', async () => {
    const request = await newRequest();
    const result = await transferToEpci(db, request, settings, 'Bac cassé', testActor);
    expect(result.ok).toBe(true);
    const stored = (await db.requests.findOne(request.id).exec())!.toJSON();
    expect(stored.status).toBe('transferred');
    expect(stored.competence).toBe('epci');
    expect(stored.transfer).toMatchObject({ to: 'epci', toId: 'epci-1', toName: 'CC du Val de Meuse', note: 'Bac cassé' });
  });
});
