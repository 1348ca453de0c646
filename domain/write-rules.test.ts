import { describe, expect, it } from 'vitest';
import { sampleDocuments } from './schemas/samples';
import { changedPaths, writeRefusal, type WriteAttempt } from './write-rules';

type Json = { [key: string]: unknown };

const request = sampleDocuments.requests as unknown as Json;
const answered: Json = {
  ...request,
  answer: { text: 'Réparé.', templateId: null, answeredAt: '2026-03-20T10:00:00.000Z', by: 'u', approvedBy: null, approvedAt: null },
};

function attempt(
  kind: WriteAttempt['kind'],
  collection: WriteAttempt['collection'],
  stored: Json | null,
  next: Json,
  deleted = false,
): WriteAttempt {
  return { kind, collection, stored: stored ? { data: stored, deleted: false } : null, next: { data: next, deleted } };
}

describe('changedPaths', () => {
  it('names one level down, and every path of an object that appears', () => {
    expect(changedPaths(answered, { ...answered, answer: { ...(answered['answer'] as Json), approvedBy: 'u-maire' } })).toEqual([
      'answer.approvedBy',
    ]);
    expect(changedPaths(request, answered).sort()).toEqual([
      'answer.answeredAt',
      'answer.approvedAt',
      'answer.approvedBy',
      'answer.by',
      'answer.templateId',
      'answer.text',
    ]);
    expect(changedPaths(request, { ...request, updatedAt: 'x', status: 'new' }, ['updatedAt'])).toEqual(['status']);
  });

  it('ignores key order', () => {
    const reordered = Object.fromEntries(Object.entries(request).reverse());
    expect(changedPaths(request, reordered)).toEqual([]);
  });
});

describe('writeRefusal', () => {
  it('the journal is append-only for every kind of writer', () => {
    const event = sampleDocuments.events as unknown as Json;
    for (const kind of ['commune', 'mayor', 'epci'] as const) {
      expect(writeRefusal(attempt(kind, 'events', event, { ...event, text: 'réécrit' }))).toMatch(/append-only/);
      expect(writeRefusal(attempt(kind, 'events', event, event, true))).toMatch(/may not delete/);
    }
    expect(writeRefusal(attempt('commune', 'events', null, event))).toBeNull();
  });

  it('a line that differs only in the server-stamped device is not a change', () => {
    const event = sampleDocuments.events as unknown as Json;
    expect(writeRefusal(attempt('commune', 'events', event, { ...event, deviceId: 'other', updatedAt: 'later' }))).toBeNull();
  });

  it('an intercommunality answers and moves the status, never approves nor re-points the transfer', () => {
    expect(writeRefusal(attempt('epci', 'requests', request, { ...answered, status: 'answered' }))).toBeNull();
    const forged = {
      ...answered,
      answer: { ...(answered['answer'] as Json), approvedBy: 'u-maire', approvedAt: '2026-03-20T11:00:00.000Z' },
    };
    expect(writeRefusal(attempt('epci', 'requests', answered, forged))).toMatch(/answer\.approvedBy, answer\.approvedAt/);
    const transfer = { to: 'epci', toId: 'e1', toName: 'CC', at: '2026-03-13T10:00:00.000Z', by: 'u', note: '' };
    const forwarded = { ...request, transfer };
    expect(
      writeRefusal(attempt('epci', 'requests', forwarded, { ...forwarded, transfer: { ...transfer, note: 'x', toId: 'e2' } })),
    ).toMatch(/transfer\.toId, transfer\.note/);
    expect(writeRefusal(attempt('epci', 'requests', forwarded, { ...forwarded, transfer: null }))).toMatch(/transfer/);
    expect(writeRefusal(attempt('epci', 'requests', request, request, true))).toMatch(/may not delete/);
    expect(writeRefusal(attempt('epci', 'requests', null, request))).toMatch(/may not create/);
  });

  it('an intercommunality may drop an approval by rewriting the answer, not keep it on a new text', () => {
    const approved = {
      ...answered,
      answer: { ...(answered['answer'] as Json), approvedBy: 'u-maire', approvedAt: '2026-03-20T11:00:00.000Z' },
    };
    const rewritten = { ...approved, answer: { ...(answered['answer'] as Json), text: 'Autre réponse.' } };
    expect(writeRefusal(attempt('epci', 'requests', approved, rewritten))).toBeNull();
  });

  it('an intercommunality adds only the journal lines of handling a request', () => {
    const event = sampleDocuments.events as unknown as Json;
    expect(writeRefusal(attempt('epci', 'events', null, { ...event, type: 'note' }))).toBeNull();
    expect(writeRefusal(attempt('epci', 'events', null, { ...event, type: 'exported' }))).toMatch(/"exported"/);
    expect(writeRefusal(attempt('epci', 'events', null, { ...event, type: 'mayor_approved' }))).toMatch(/"mayor_approved"/);
  });

  it('the mayor’s tablet works on requests like the counter, never deletes nor rewrites the commune’s set-up', () => {
    const approved = {
      ...answered,
      answer: { ...(answered['answer'] as Json), approvedBy: 'u-maire', approvedAt: '2026-03-20T11:00:00.000Z' },
    };
    expect(writeRefusal(attempt('mayor', 'requests', answered, approved))).toBeNull();
    expect(writeRefusal(attempt('mayor', 'requests', request, { ...request, subject: 'autre' }))).toBeNull();
    expect(writeRefusal(attempt('mayor', 'procedures', null, sampleDocuments.procedures as unknown as Json))).toMatch(
      /may not create procedures/,
    );
    expect(writeRefusal(attempt('mayor', 'requests', request, request, true))).toMatch(/may not delete/);
    const settings = sampleDocuments.settings as unknown as Json;
    expect(writeRefusal(attempt('mayor', 'settings', settings, { ...settings, name: 'Autre' }))).toMatch(/may not change name/);
    expect(writeRefusal(attempt('commune', 'settings', settings, { ...settings, name: 'Autre' }))).toBeNull();
  });
});
