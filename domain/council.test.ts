import { describe, expect, it } from 'vitest';
import {
  approvalState,
  awaitingMayor,
  canApprove,
  COUNCIL_ERRORS,
  isCouncilNote,
  lateDossiers,
  lastReturnedAt,
  needsMayorApproval,
  planAnnotation,
  planApproval,
  planSendBack,
  releaseRefusal,
  shouldRecordSeen,
  startModeForRole,
  todaysDossiers,
} from './council';
import type { Answer, AppUser, RequestDoc, RequestStatus } from './model';

const mayor: AppUser = { id: 'u-maire', name: 'Bernard Thiébaut', role: 'mayor', active: true };
const deputy: AppUser = { id: 'u-adjointe', name: 'Odile Marchal', role: 'deputy', active: true };
const secretary: AppUser = { id: 'u-sec', name: 'Martine Collin', role: 'secretary', active: true };
const answer: Answer = {
  text: 'Accord pour la salle.',
  kind: 'final',
  templateId: null,
  answeredAt: '2026-03-12T09:00:00.000Z',
  by: 'u-sec',
  approvedBy: null,
  approvedAt: null,
};
const plain = { needsMayorApproval: false };
const sensitiveCategory = { needsMayorApproval: true };

type Listed = Pick<RequestDoc, 'id' | 'status' | 'dueAt' | 'receivedAt' | 'reference' | 'flags' | 'answer' | 'categoryId'>;
function request(overrides: Partial<Listed> = {}): Listed {
  return {
    id: 'r1',
    reference: '2026-A-0001',
    status: 'in_progress',
    dueAt: '2026-03-20',
    receivedAt: '2026-03-02T09:00:00.000Z',
    flags: { needsMayor: false, sensitive: false },
    answer: null,
    categoryId: 'cat-plain',
    ...overrides,
  };
}
const utcDay = (instant: string) => instant.slice(0, 10);

describe('what needs the mayor', () => {
  it('is the request’s flag or its category’s', () => {
    expect(needsMayorApproval(request(), plain)).toBe(false);
    expect(needsMayorApproval(request({ flags: { needsMayor: true, sensitive: false } }), plain)).toBe(true);
    expect(needsMayorApproval(request(), sensitiveCategory)).toBe(true);
    expect(needsMayorApproval(request(), undefined)).toBe(false);
  });

  it('goes from no answer, to waiting for the mayor, to sent back, to approved', () => {
    const flagged = { flags: { needsMayor: true, sensitive: false } };
    expect(approvalState(request(), plain)).toBe('not_needed');
    expect(approvalState(request(flagged), plain)).toBe('awaiting_answer');
    expect(approvalState(request({ ...flagged, answer }), plain)).toBe('awaiting_mayor');
    expect(approvalState(request({ ...flagged, answer }), plain, '2026-03-12T10:00:00.000Z')).toBe('returned');
    // a new answer written after the send-back waits for the mayor again
    expect(
      approvalState(
        request({ ...flagged, answer: { ...answer, answeredAt: '2026-03-12T11:00:00.000Z' } }),
        plain,
        '2026-03-12T10:00:00.000Z',
      ),
    ).toBe('awaiting_mayor');
    expect(
      approvalState(request({ ...flagged, answer: { ...answer, approvedBy: mayor.id, approvedAt: '2026-03-12T12:00:00.000Z' } }), plain),
    ).toBe('approved');
  });

  it('finds the latest send-back in a journal', () => {
    expect(lastReturnedAt([])).toBeNull();
    expect(
      lastReturnedAt([
        { type: 'mayor_returned', at: '2026-03-10T10:00:00.000Z' },
        { type: 'note', at: '2026-03-13T10:00:00.000Z' },
        { type: 'mayor_returned', at: '2026-03-11T10:00:00.000Z' },
      ]),
    ).toBe('2026-03-11T10:00:00.000Z');
  });
});

describe('who may decide', () => {
  it('is the mayor or a deputy, while active; never the secretary or an agent', () => {
    expect(canApprove(mayor)).toBe(true);
    expect(canApprove(deputy)).toBe(true);
    expect(canApprove(secretary)).toBe(false);
    expect(canApprove({ role: 'agent', active: true })).toBe(false);
    expect(canApprove({ ...mayor, active: false })).toBe(false);
    expect(canApprove(null)).toBe(false);
  });
});

describe('an answer cannot go out before the mayor approves it', () => {
  const held: RequestStatus[] = ['answered'];
  it('refuses answering, closing with the answer, and the reply letter while waiting', () => {
    for (const to of held) expect(releaseRefusal('awaiting_mayor', { to }, true)).toBe(COUNCIL_ERRORS.awaitingMayor);
    expect(releaseRefusal('awaiting_mayor', { to: 'closed' }, true)).toBe(COUNCIL_ERRORS.awaitingMayor);
    expect(releaseRefusal('awaiting_mayor', { document: 'replyLetter' }, true)).toBe(COUNCIL_ERRORS.awaitingMayor);
    expect(releaseRefusal('returned', { to: 'answered' }, true)).toBe(COUNCIL_ERRORS.returned);
    expect(releaseRefusal('awaiting_answer', { to: 'answered' }, false)).toBe(COUNCIL_ERRORS.awaitingMayor);
  });

  it('lets other moves through, and closing without an answer (nothing goes out)', () => {
    expect(releaseRefusal('awaiting_mayor', { to: 'waiting_citizen' }, true)).toBeNull();
    expect(releaseRefusal('awaiting_answer', { to: 'closed' }, false)).toBeNull();
  });

  it('releases everything once approved, or when not needed', () => {
    expect(releaseRefusal('approved', { to: 'answered' }, true)).toBeNull();
    expect(releaseRefusal('approved', { document: 'replyLetter' }, true)).toBeNull();
    expect(releaseRefusal('not_needed', { to: 'closed' }, true)).toBeNull();
  });
});

describe('the mayor’s acts', () => {
  const at = '2026-03-12T15:00:00.000Z';
  it('approves the written answer, with who and when, journaled as mayor_approved', () => {
    const plan = planApproval(request({ answer }), mayor, at, '  Bien.  ');
    expect(plan).toEqual({
      ok: true,
      changes: { answer: { ...answer, approvedBy: mayor.id, approvedAt: at } },
      event: { type: 'mayor_approved', text: 'Bien.', fields: ['answer'] },
    });
  });

  it('refuses to approve for a secretary, without an answer, or twice', () => {
    expect(planApproval(request({ answer }), secretary, at)).toEqual({ ok: false, error: COUNCIL_ERRORS.notApprover });
    expect(planApproval(request(), mayor, at)).toEqual({ ok: false, error: COUNCIL_ERRORS.noAnswer });
    expect(planApproval(request({ answer: { ...answer, approvedBy: 'x', approvedAt: at } }), mayor, at)).toEqual({
      ok: false,
      error: COUNCIL_ERRORS.alreadyApproved,
    });
  });

  it('sends back with a comment, which is required, and withdraws any approval', () => {
    expect(planSendBack(request({ answer }), deputy, '  ')).toEqual({ ok: false, error: COUNCIL_ERRORS.commentRequired });
    const plan = planSendBack(
      request({ answer: { ...answer, approvedBy: mayor.id, approvedAt: at } }),
      deputy,
      'Préciser la date de la réunion.',
    );
    expect(plan).toEqual({
      ok: true,
      changes: { answer },
      event: { type: 'mayor_returned', text: 'Préciser la date de la réunion.', fields: ['answer'] },
    });
    expect(planSendBack(request({ answer }), secretary, 'Non')).toEqual({ ok: false, error: COUNCIL_ERRORS.notApprover });
  });

  it('annotates with a note marked as the council table’s', () => {
    const plan = planAnnotation(mayor, 'À voir en conseil lundi.');
    expect(plan.ok && plan.event).toEqual({ type: 'note', text: 'À voir en conseil lundi.', fields: ['council'] });
    expect(isCouncilNote({ type: 'note', fields: ['council'] })).toBe(true);
    expect(isCouncilNote({ type: 'note', fields: [] })).toBe(false);
    expect(planAnnotation(mayor, '')).toEqual({ ok: false, error: COUNCIL_ERRORS.commentRequired });
  });

  it('records "vu par le maire" once a day per person, and never for the secretary', () => {
    const seen = [{ type: 'mayor_seen' as const, actorId: mayor.id, at: '2026-03-12T08:00:00.000Z' }];
    expect(shouldRecordSeen(mayor, [], '2026-03-12', utcDay)).toBe(true);
    expect(shouldRecordSeen(mayor, seen, '2026-03-12', utcDay)).toBe(false);
    expect(shouldRecordSeen(mayor, seen, '2026-03-13', utcDay)).toBe(true);
    expect(shouldRecordSeen(deputy, seen, '2026-03-12', utcDay)).toBe(true);
    expect(shouldRecordSeen(secretary, [], '2026-03-12', utcDay)).toBe(false);
  });
});

describe('what the table lists', () => {
  const today = '2026-03-12';
  const requests = [
    request({ id: 'received-today', reference: '2026-A-0010', receivedAt: '2026-03-12T08:30:00.000Z', dueAt: '2026-03-26' }),
    request({ id: 'due-today', reference: '2026-A-0003', dueAt: today }),
    request({ id: 'due-today-closed', reference: '2026-A-0004', dueAt: today, status: 'closed' }),
    request({ id: 'late-2', reference: '2026-A-0002', dueAt: '2026-03-10' }),
    request({ id: 'late-1', reference: '2026-A-0001', dueAt: '2026-03-05', status: 'waiting_citizen' }),
    request({ id: 'late-but-answered', reference: '2026-A-0005', dueAt: '2026-03-01', status: 'answered' }),
    request({ id: 'waiting-flag', reference: '2026-A-0006', flags: { needsMayor: true, sensitive: false }, answer, dueAt: '2026-03-18' }),
    request({ id: 'waiting-category', reference: '2026-A-0007', categoryId: 'cat-mayor', answer, dueAt: '2026-03-15' }),
    request({ id: 'returned', reference: '2026-A-0008', categoryId: 'cat-mayor', answer }),
    request({
      id: 'approved',
      reference: '2026-A-0009',
      categoryId: 'cat-mayor',
      answer: { ...answer, approvedBy: mayor.id, approvedAt: '2026-03-12T10:00:00.000Z' },
    }),
    request({ id: 'no-answer-yet', reference: '2026-A-0011', categoryId: 'cat-mayor' }),
  ];
  const categories = new Map([
    ['cat-plain', plain],
    ['cat-mayor', sensitiveCategory],
  ]);

  it('today: received today or open and due today', () => {
    expect(todaysDossiers(requests, today, utcDay).map((r) => r.id)).toEqual(['due-today', 'received-today']);
  });

  it('late: open past the due date, most overdue first', () => {
    expect(lateDossiers(requests, today).map((r) => r.id)).toEqual(['late-1', 'late-2']);
  });

  it('waiting for the mayor: a written answer not approved nor sent back, nearest due first', () => {
    expect(awaitingMayor(requests, categories, new Map([['returned', '2026-03-12T10:00:00.000Z']])).map((r) => r.id)).toEqual([
      'waiting-category',
      'waiting-flag',
    ]);
  });
});

describe('the start mode of an enrolled device', () => {
  it('opens on the council table for the mayor’s or a deputy’s role', () => {
    expect(startModeForRole('mayor')).toBe('council');
    expect(startModeForRole('deputy')).toBe('council');
    expect(startModeForRole('secretary')).toBe('counter');
    expect(startModeForRole(undefined)).toBe('counter');
  });
});
