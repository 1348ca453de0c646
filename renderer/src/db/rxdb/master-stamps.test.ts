import { describe, expect, it } from 'vitest';
import { isStaleCopy, MasterStamps, recordMasterStates } from './master-stamps';

const S1 = '2026-03-02T09:00:00.000Z';
const S2 = '2026-03-02T09:00:05.000Z';
const S3 = '2026-03-02T09:01:00.000Z';

describe('server stamps seen by a device', () => {
  it('calls a stamp superseded once a later state of the same document arrives, whatever the order', () => {
    const stamps = new MasterStamps();
    stamps.seen('a', S1);
    expect(stamps.isSuperseded('a', S1)).toBe(false);
    stamps.seen('a', S2);
    expect(stamps.isSuperseded('a', S1)).toBe(true);
    expect(stamps.isSuperseded('a', S2)).toBe(false);
    // an older answer arriving late is superseded at once, and does not displace the newer one
    stamps.seen('b', S3);
    stamps.seen('b', S2);
    expect(stamps.isSuperseded('b', S2)).toBe(true);
    expect(stamps.isSuperseded('b', S3)).toBe(false);
    // other documents are not concerned
    expect(stamps.isSuperseded('c', S1)).toBe(false);
  });

  it('takes a fork state for a stale copy only with a superseded server stamp, and never a deletion', () => {
    const collection = `test-${Math.random()}`;
    recordMasterStates(collection, [{ id: 'r1', updatedAt: S1 }, { id: 'r1', updatedAt: S2 }, { noId: true }, null]);
    expect(isStaleCopy(collection, { id: 'r1', updatedAt: S1, subject: 'old' })).toBe(true);
    expect(isStaleCopy(collection, { id: 'r1', updatedAt: S2 })).toBe(false);
    // a change of the device carries its own clock's stamp
    expect(isStaleCopy(collection, { id: 'r1', updatedAt: '2026-03-02T09:00:03.123Z' })).toBe(false);
    expect(isStaleCopy(collection, { id: 'r1', updatedAt: S1, _deleted: true })).toBe(false);
    expect(isStaleCopy(collection, undefined)).toBe(false);
  });
});

describe('states received while a push is in flight', () => {
  it('are handed back with the push’s answer, only the latest of each document, and only during the push', async () => {
    const stamps = new MasterStamps();
    stamps.received('a', S1, { id: 'a', updatedAt: S1 });
    const { result, received } = await stamps.duringPush(async () => {
      stamps.received('a', S2, { id: 'a', updatedAt: S2, subject: 'stamped' });
      stamps.received('a', S1, { id: 'a', updatedAt: S1, subject: 'late and older' });
      stamps.received('b', S3, { id: 'b', updatedAt: S3 });
      return 'answer';
    });
    expect(result).toBe('answer');
    expect([...received.keys()].sort()).toEqual(['a', 'b']);
    expect(received.get('a')).toEqual({ id: 'a', updatedAt: S2, subject: 'stamped' });
    stamps.received('c', S1, { id: 'c', updatedAt: S1 });
    expect(received.has('c')).toBe(false);
  });
});
