import { describe, expect, it } from 'vitest';
import { startHash } from './start-mode';

describe('the start screen of an enrolled device', () => {
  it('opens the council table for a tablet enrolled with the mayor’s role', () => {
    expect(startHash('mayor', '')).toBe('#/conseil');
    expect(startHash('deputy', '#/')).toBe('#/conseil');
  });

  it('leaves a counter computer and every deep link alone', () => {
    expect(startHash('secretary', '')).toBeNull();
    expect(startHash(null, '')).toBeNull();
    expect(startHash('mayor', '#/demandes/abc')).toBeNull();
  });
});
