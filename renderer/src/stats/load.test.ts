// The mairie's zone, so that the month edges below fall where a French commune sees them.
process.env.TZ = 'Europe/Paris';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, isLate } from '../../../domain/calendar';
import { CHANNELS, STATUSES, type RequestDoc } from '../../../domain/model';
import { requestStats, sessionStats } from '../../../domain/stats';
import { generateDemoCommune } from '../../../domain/demo';
import type { GuichetDatabase } from '../db/database';
import { openTestDatabase, sampleRequest } from '../db/testing';
import { countLateNow, loadAssistedSessions, loadRequestFigures, monthSlices } from './load';

let db: GuichetDatabase;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  await db.close();
});

describe('monthSlices', () => {
  it('cuts the period at the mairie’s midnights, one slice a month, end to end', () => {
    const slices = monthSlices({ from: '2026-01-15', to: '2026-04-10' });
    expect(slices).toEqual([
      { fromInstant: '2026-01-14T23:00:00.000Z', toInstant: '2026-01-31T23:00:00.000Z' },
      { fromInstant: '2026-01-31T23:00:00.000Z', toInstant: '2026-02-28T23:00:00.000Z' },
      // summer time starts on 29 March: April's midnight is 22:00 UTC
      { fromInstant: '2026-02-28T23:00:00.000Z', toInstant: '2026-03-31T22:00:00.000Z' },
      { fromInstant: '2026-03-31T22:00:00.000Z', toInstant: '2026-04-10T22:00:00.000Z' },
    ]);
  });
});

/** A spread of requests over four months, every channel and status, some answered. */
function spread(): RequestDoc[] {
  return Array.from({ length: 240 }, (_, index) => {
    const receivedOn = addDays('2026-01-01', index % 120);
    const answered = index % 3 === 0;
    return sampleRequest('', {
      receivedAt: `${receivedOn}T${String(index % 24).padStart(2, '0')}:30:00.000Z`,
      channel: CHANNELS[index % CHANNELS.length]!,
      categoryId: `cat-${index % 5}`,
      status: answered ? 'answered' : STATUSES[index % 4]!,
      dueAt: addDays(receivedOn, 7),
      answer: answered
        ? {
            text: 'Réponse',
            kind: 'final',
            templateId: null,
            answeredAt: `${addDays(receivedOn, index % 11)}T10:00:00.000Z`,
            by: 'u',
            approvedBy: null,
            approvedAt: null,
          }
        : null,
    });
  });
}

describe('loadRequestFigures', () => {
  it('gives, month by month from the index, the figures of the whole list at once', async () => {
    const requests = spread();
    await db.requests.bulkInsert(requests);
    const period = { from: '2026-01-10', to: '2026-03-20' };
    const options = { today: '2026-03-25' };
    const loaded = await loadRequestFigures(db, period, options);
    const expected = requestStats(requests, period, options);
    expect(loaded).toEqual(expected);
    expect(loaded?.total).toBeGreaterThan(100);
  });

  it('counts a request by the day it was received in Paris, not in UTC', async () => {
    await db.requests.bulkInsert([
      sampleRequest('', { receivedAt: '2026-02-28T23:30:00.000Z' }), // 1 March, 00:30 in Paris
      sampleRequest('', { receivedAt: '2026-03-31T22:30:00.000Z' }), // 1 April, 00:30 (summer time)
      sampleRequest('', { receivedAt: '2026-03-31T21:30:00.000Z' }), // 31 March, 23:30
    ]);
    const march = await loadRequestFigures(db, { from: '2026-03-01', to: '2026-03-31' }, { today: '2026-04-15' });
    expect(march?.total).toBe(2);
  });

  it('stops when a newer period was chosen', async () => {
    await db.requests.bulkInsert(spread());
    expect(await loadRequestFigures(db, { from: '2026-01-01', to: '2026-04-30' }, { today: '2026-05-01' }, () => true)).toBeNull();
  });
});

describe('countLateNow', () => {
  it('counts what calendar.isLate calls late, whenever received', async () => {
    const requests = spread();
    await db.requests.bulkInsert(requests);
    const today = '2026-03-01';
    const late = requests.filter((request) => isLate(request, today)).length;
    expect(late).toBeGreaterThan(0);
    expect(await countLateNow(db, today)).toBe(late);
  });
});

describe('loadAssistedSessions', () => {
  it('reads the sessions started in the period, by the day in Paris, and gives the figures of the whole list', async () => {
    const demo = generateDemoCommune({ requests: 50 });
    await db.assistedsessions.bulkInsert(demo.assistedSessions);
    const period = { from: addDays(demo.today, -60), to: demo.today };
    const loaded = await loadAssistedSessions(db, period);
    const expected = demo.assistedSessions.filter((session) => {
      const day = new Date(session.startedAt).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
      return day >= period.from && day <= period.to;
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(loaded).toHaveLength(expected.length);
    expect(sessionStats(loaded, period)).toEqual(sessionStats(demo.assistedSessions, period));
    expect(await loadAssistedSessions(db, { from: '2001-01-01', to: '2001-12-31' })).toEqual([]);
  });
});
