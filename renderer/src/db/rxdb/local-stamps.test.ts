import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStamp } from './local-stamps';
import { openTestDatabase, sampleRequest } from '../testing';
import type { GuichetDatabase } from '../database';

describe('stamps of local writes', () => {
  it('keeps the proposed stamp when it is later, else goes one millisecond past the replaced one', () => {
    expect(localStamp('2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z')).toBe('2026-03-02T10:00:00.000Z');
    // a clock a day behind still writes a later version
    expect(localStamp('2026-03-02T09:00:00.000Z', '2026-03-01T09:00:00.000Z')).toBe('2026-03-02T09:00:00.001Z');
    expect(localStamp('2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00.000Z')).toBe('2026-03-02T09:00:00.001Z');
    expect(localStamp(undefined, '2026-03-01T09:00:00.000Z')).toBe('2026-03-01T09:00:00.000Z');
    expect(Date.parse(localStamp('not a date'))).not.toBeNaN();
  });

  describe('on the database', () => {
    let db: GuichetDatabase;
    beforeAll(async () => {
      db = await openTestDatabase();
    });
    afterAll(async () => {
      await db.close();
    });

    it('restamps an update that kept the old stamp or proposed an earlier one', async () => {
      const request = sampleRequest('c1', { updatedAt: '2030-01-01T00:00:00.000Z' });
      const doc = await db.requests.insert(request);
      const kept = await doc.incrementalPatch({ subject: 'Sans nouveau tampon' });
      expect(kept.updatedAt).toBe('2030-01-01T00:00:00.001Z');
      const earlier = await kept.incrementalPatch({ subject: 'Horloge en retard', updatedAt: '2029-12-31T00:00:00.000Z' });
      expect(earlier.updatedAt).toBe('2030-01-01T00:00:00.002Z');
      const later = await earlier.incrementalPatch({ subject: 'Horloge à l’heure', updatedAt: '2030-01-02T00:00:00.000Z' });
      expect(later.updatedAt).toBe('2030-01-02T00:00:00.000Z');
    });
  });
});
