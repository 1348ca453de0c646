/** The server's stamps of a document always grow, even when its clock steps back. */
import { describe, expect, it } from 'vitest';
import { stampAfter } from '../src/push';
import type { StoredDocument } from '../src/storage/documents';

function stored(updatedAt: unknown): StoredDocument {
  return {
    collection: 'requests',
    communeId: 'c',
    id: 'r',
    seq: 1,
    data: { id: 'r', updatedAt } as StoredDocument['data'],
    deleted: false,
    sharedWith: null,
    schemaVersion: 1,
  };
}

describe('stampAfter', () => {
  it('is the commit time when that is later than the replaced version, or the first version', () => {
    expect(stampAfter('2026-03-02T10:00:00.000Z', stored('2026-03-02T09:00:00.000Z'))).toBe('2026-03-02T10:00:00.000Z');
    expect(stampAfter('2026-03-02T10:00:00.000Z', undefined)).toBe('2026-03-02T10:00:00.000Z');
    expect(stampAfter('2026-03-02T10:00:00.000Z', stored('garbage'))).toBe('2026-03-02T10:00:00.000Z');
  });

  it('goes one millisecond past the replaced version when the clock is not later', () => {
    expect(stampAfter('2026-03-02T10:00:00.000Z', stored('2026-03-02T10:00:00.000Z'))).toBe('2026-03-02T10:00:00.001Z');
    expect(stampAfter('2026-03-02T08:00:00.000Z', stored('2026-03-02T10:00:00.000Z'))).toBe('2026-03-02T10:00:00.001Z');
  });
});
