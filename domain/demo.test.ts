import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { generateDemoCommune } from './demo';
import { CHANNELS, STATUSES, type ReplicatedCollection } from './model';
import { COLLECTION_SCHEMAS, toValidationSchema } from './schemas';
import { canTransition } from './statuses';

describe('the demo commune', () => {
  const demo = generateDemoCommune();

  it('is the same for the same seed and date, ids included', () => {
    const again = generateDemoCommune();
    expect(again).toEqual(demo);
    const other = generateDemoCommune({ seed: 7 });
    expect(other.requests.map((request) => request.id)).not.toEqual(demo.requests.map((request) => request.id));
  });

  it('is Saint-Aubin-sur-Meuse, with a logo, a mayor and residents whose names carry accents', () => {
    expect(demo.settings.name).toBe('Saint-Aubin-sur-Meuse');
    expect(demo.settings.inseeCode).toMatch(/^\d{5}$/);
    expect(demo.settings.logoDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(demo.settings.users.some((user) => user.role === 'mayor')).toBe(true);
    expect(demo.citizens.length).toBeGreaterThanOrEqual(40);
    const names = demo.citizens.map((citizen) => `${citizen.firstName} ${citizen.lastName}`);
    expect(names).toContain('Hélène Lefèvre');
    expect(names.some((name) => name.includes('Œ'))).toBe(true);
  });

  it('has about 120 requests over every channel, status and category', () => {
    expect(demo.requests).toHaveLength(120);
    expect(new Set(demo.requests.map((request) => request.channel))).toEqual(new Set(CHANNELS));
    expect(new Set(demo.requests.map((request) => request.status))).toEqual(new Set(STATUSES));
    expect(new Set(demo.requests.map((request) => request.status)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(demo.requests.map((request) => request.categoryId)).size).toBeGreaterThanOrEqual(14);
    expect(new Set(demo.requests.map((request) => request.reference)).size).toBe(120);
    expect(demo.requests.some((request) => request.status !== 'closed' && request.dueAt < demo.today)).toBe(true);
    expect(demo.requests.some((request) => request.channel === 'mail' && request.channelFacts.mailRegisterNumber)).toBe(true);
    expect(demo.requests.every((request) => request.receivedAt.slice(0, 10) <= demo.today)).toBe(true);
  });

  it('is valid against the collection schemas', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const check = (collection: ReplicatedCollection, docs: readonly object[]): void => {
      const validate = ajv.compile(toValidationSchema(COLLECTION_SCHEMAS[collection].schema));
      for (const doc of docs) expect(validate(doc), `${collection}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    };
    check('settings', [demo.settings]);
    check('categories', demo.categories);
    check('replytemplates', demo.replyTemplates);
    check('citizens', demo.citizens);
    check('requests', demo.requests);
    check('events', demo.events);
    check('procedures', demo.procedures);
    check('assistedsessions', demo.assistedSessions);
  });

  it('has assisted sessions of its residents, over several procedures and every outcome, none in the future', () => {
    const residents = new Set(demo.citizens.map((citizen) => citizen.id));
    const procedures = new Map(demo.procedures.map((procedure) => [procedure.id, procedure]));
    expect(demo.assistedSessions.length).toBeGreaterThanOrEqual(30);
    expect(new Set(demo.assistedSessions.map((session) => session.outcome))).toEqual(new Set(['done', 'to_finish', 'blocked']));
    expect(new Set(demo.assistedSessions.map((session) => session.procedureId)).size).toBeGreaterThanOrEqual(8);
    for (const session of demo.assistedSessions) {
      expect(residents.has(session.citizenId)).toBe(true);
      expect(procedures.get(session.procedureId)?.title).toBe(session.procedureTitle);
      expect(session.startedAt.slice(0, 10) <= demo.today).toBe(true);
      if (session.outcome === 'blocked') expect(session.blockedReason).not.toBe('');
    }
  });

  it('journals each request with allowed status changes, never after today', () => {
    const ids = new Set(demo.requests.map((request) => request.id));
    for (const item of demo.events) {
      expect(ids.has(item.requestId)).toBe(true);
      expect(item.at <= `${demo.today}T23:59:59.999Z`).toBe(true);
      if (item.type === 'status_changed') expect(canTransition(item.fromStatus!, item.toStatus!)).toBe(true);
    }
    for (const request of demo.requests) {
      const journal = demo.events.filter((item) => item.requestId === request.id && item.type === 'status_changed');
      expect(journal.at(-1)?.toStatus ?? 'new').toBe(request.status);
      if (request.status === 'answered' || request.status === 'closed') expect(request.answer?.text).toBeTruthy();
      if (request.status === 'transferred') expect(request.transfer?.toName).toBeTruthy();
    }
  });
});
