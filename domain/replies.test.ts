import { describe, expect, it } from 'vitest';
import replyTemplates from '../resources/catalogue/reply-templates.json';
import { REPLY_KINDS, STATUSES } from './model';
import { replyRefusal, statusAfterReply } from './replies';
import { isFinalAnswer } from './answers';
import { canClose, planTransition } from './statuses';

const answer = (kind: (typeof REPLY_KINDS)[number]) => ({
  text: 'Texte',
  kind,
  templateId: null,
  answeredAt: '2026-03-12T09:00:00.000Z',
  by: 'u1',
  approvedBy: null,
  approvedAt: null,
});

describe('what a reply does to the request (issue 13)', () => {
  it('answers the request only with a final answer', () => {
    expect(statusAfterReply('new', 'final')).toBe('answered');
    expect(statusAfterReply('waiting_citizen', 'final')).toBe('answered');
    expect(statusAfterReply('new', 'holding')).toBe('in_progress');
    expect(statusAfterReply('new', 'pieces')).toBe('in_progress');
    expect(statusAfterReply('in_progress', 'holding')).toBeNull();
    expect(statusAfterReply('waiting_citizen', 'pieces')).toBeNull();
  });

  it('never moves to answered for a non-final reply, whatever the status', () => {
    for (const status of STATUSES) {
      expect(statusAfterReply(status, 'holding')).not.toBe('answered');
      expect(statusAfterReply(status, 'pieces')).not.toBe('answered');
    }
  });

  it('refuses a non-final reply on a request already answered or closed', () => {
    expect(replyRefusal('answered', 'holding')).toBe('reply.error.alreadyAnswered');
    expect(replyRefusal('closed', 'pieces')).toBe('reply.error.alreadyAnswered');
    expect(replyRefusal('in_progress', 'holding')).toBeNull();
    expect(replyRefusal('answered', 'final')).toBeNull();
  });

  it('does not let a holding reply mark the request answered or close it without a reason', () => {
    expect(isFinalAnswer(answer('final'))).toBe(true);
    expect(isFinalAnswer(answer('holding'))).toBe(false);
    expect(isFinalAnswer(null)).toBe(false);
    const request = { id: 'r1', citizenId: '', status: 'in_progress' as const, answer: answer('holding'), transfer: null };
    expect(planTransition(request, 'answered', { actorId: 'u1', at: '2026-03-12T09:00:00.000Z' })).toEqual({
      ok: false,
      error: 'status.error.answerRequired',
    });
    expect(canClose({ answer: answer('holding') }, '')).toBe(false);
    expect(canClose({ answer: answer('final') }, '')).toBe(true);
  });

  it('gives every catalogue template a kind, and the holding and pieces ones the right one', () => {
    for (const template of replyTemplates) expect(REPLY_KINDS).toContain(template.kind);
    const kindOf = (title: string) => replyTemplates.find((template) => template.title === title)?.kind;
    expect(kindOf('Demande bien reçue, en cours de traitement')).toBe('holding');
    expect(kindOf('Pièces complémentaires à fournir')).toBe('pieces');
    expect(kindOf('Urbanisme : dossier incomplet')).toBe('pieces');
    expect(kindOf('Réponse favorable')).toBe('final');
  });
});
