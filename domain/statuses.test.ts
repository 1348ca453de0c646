import { describe, expect, it } from 'vitest';
import type { Answer, RequestStatus, Transfer } from './model';
import { STATUSES } from './model';
import { allowedTransitions, canClose, canTransition, isOpen, planTransition, transitionNeedsReason, statusLabelKey } from './statuses';

const actor = { actorId: 'u-secretaire', actorName: 'Sylvie Martin' };
const at = '2026-03-12T10:00:00.000Z';
const answer: Answer = {
  text: 'Le lampadaire a été réparé.',
  kind: 'final',
  templateId: null,
  answeredAt: at,
  by: 'u-secretaire',
  approvedBy: null,
  approvedAt: null,
};
const transfer: Transfer = { to: 'epci', toId: null, toName: 'CC du Val de Meuse', at, by: 'u-secretaire', note: '' };

function request(status: RequestStatus, extra: { answer?: Answer | null; transfer?: Transfer | null } = {}) {
  return { id: 'r1', citizenId: 'c1', status, answer: extra.answer ?? null, transfer: extra.transfer ?? null };
}

describe('transitions', () => {
  it('follow the main line of domain.md', () => {
    const line: RequestStatus[] = ['new', 'in_progress', 'waiting_citizen', 'in_progress', 'transferred', 'answered', 'closed'];
    for (let i = 1; i < line.length; i += 1) {
      expect(canTransition(line[i - 1] as RequestStatus, line[i] as RequestStatus), `${line[i - 1]} → ${line[i]}`).toBe(true);
    }
  });

  it('allow rejection from every open status and from no other', () => {
    for (const status of STATUSES) {
      expect(canTransition(status, 'rejected'), status).toBe(isOpen(status));
    }
  });

  it('refuse skipping back to new, or closing a rejected request', () => {
    for (const status of STATUSES) expect(canTransition(status, 'new')).toBe(false);
    expect(canTransition('rejected', 'closed')).toBe(false);
    expect(allowedTransitions('closed')).toEqual(['in_progress']);
  });

  it('ask a reason to reject, wait, reopen, or take back from the EPCI, not to start', () => {
    expect(transitionNeedsReason('in_progress', 'rejected')).toBe(true);
    expect(transitionNeedsReason('in_progress', 'waiting_citizen')).toBe(true);
    expect(transitionNeedsReason('transferred', 'in_progress')).toBe(true);
    expect(transitionNeedsReason('closed', 'in_progress')).toBe(true);
    expect(transitionNeedsReason('new', 'in_progress')).toBe(false);
    expect(transitionNeedsReason('waiting_citizen', 'in_progress')).toBe(false);
    expect(transitionNeedsReason('answered', 'closed')).toBe(false);
  });

  it('count the first four statuses as open', () => {
    expect(STATUSES.filter(isOpen)).toEqual(['new', 'in_progress', 'waiting_citizen', 'transferred']);
  });

  it('give stable i18n keys', () => {
    expect(statusLabelKey('waiting_citizen')).toBe('status.waiting_citizen');
  });
});

describe('canClose', () => {
  it('needs a recorded answer or a reason', () => {
    expect(canClose({ answer }, '')).toBe(true);
    expect(canClose({ answer: null }, 'Usager a retiré sa demande')).toBe(true);
    expect(canClose({ answer: null }, '   ')).toBe(false);
  });
});

describe('planTransition', () => {
  it('plans the change and its journal line', () => {
    const plan = planTransition(request('new'), 'in_progress', { ...actor, at });
    expect(plan).toEqual({
      ok: true,
      changes: { status: 'in_progress', statusReason: '' },
      event: {
        requestId: 'r1',
        citizenId: 'c1',
        type: 'status_changed',
        at,
        actorId: 'u-secretaire',
        actorName: 'Sylvie Martin',
        fromStatus: 'new',
        toStatus: 'in_progress',
        text: '',
        fields: ['status', 'statusReason'],
      },
    });
  });

  it('refuses a rejection without a reason, and records the trimmed reason', () => {
    expect(planTransition(request('in_progress'), 'rejected', { ...actor, at, reason: '  ' })).toEqual({
      ok: false,
      error: 'status.error.reasonRequired',
    });
    const plan = planTransition(request('in_progress'), 'rejected', { ...actor, at, reason: ' Hors délai ' });
    expect(plan.ok && plan.changes.statusReason).toBe('Hors délai');
    expect(plan.ok && plan.event.text).toBe('Hors délai');
  });

  it('refuses a move that is not allowed or changes nothing', () => {
    expect(planTransition(request('closed'), 'answered', { ...actor, at })).toEqual({ ok: false, error: 'status.error.notAllowed' });
    expect(planTransition(request('new'), 'new', { ...actor, at })).toEqual({ ok: false, error: 'status.error.unchanged' });
  });

  it('needs an answer to mark answered, recorded before or given now', () => {
    expect(planTransition(request('in_progress'), 'answered', { ...actor, at })).toEqual({
      ok: false,
      error: 'status.error.answerRequired',
    });
    expect(planTransition(request('in_progress', { answer }), 'answered', { ...actor, at }).ok).toBe(true);
    const plan = planTransition(request('in_progress'), 'answered', { ...actor, at, answer });
    expect(plan.ok && plan.changes.answer).toEqual(answer);
    expect(plan.ok && plan.event.fields).toContain('answer');
  });

  it('needs the forwarding to mark transferred', () => {
    expect(planTransition(request('in_progress'), 'transferred', { ...actor, at })).toEqual({
      ok: false,
      error: 'status.error.transferRequired',
    });
    expect(planTransition(request('in_progress'), 'transferred', { ...actor, at, transfer }).ok).toBe(true);
  });

  it('closes an answered request without a reason, an unanswered one only with one', () => {
    expect(planTransition(request('answered', { answer }), 'closed', { ...actor, at }).ok).toBe(true);
    expect(planTransition(request('in_progress'), 'closed', { ...actor, at })).toEqual({
      ok: false,
      error: 'status.error.closeNeedsAnswerOrReason',
    });
    expect(planTransition(request('in_progress'), 'closed', { ...actor, at, reason: 'Sans objet' }).ok).toBe(true);
  });

  it('lets the EPCI send a request back, saying why', () => {
    expect(planTransition(request('transferred', { transfer }), 'in_progress', { ...actor, at })).toEqual({
      ok: false,
      error: 'status.error.reasonRequired',
    });
    expect(
      planTransition(request('transferred', { transfer }), 'in_progress', { ...actor, at, reason: 'Pas de compétence voirie' }).ok,
    ).toBe(true);
  });
});
