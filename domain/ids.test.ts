import { describe, expect, it } from 'vitest';
import { isNewId, newId } from './ids';

describe('newId', () => {
  it('makes distinct lower-case UUIDs', () => {
    const ids = Array.from({ length: 1000 }, newId);
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every(isNewId)).toBe(true);
  });

  it('recognises only its own format', () => {
    expect(isNewId('commune')).toBe(false);
    expect(isNewId('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toBe(false);
  });
});
