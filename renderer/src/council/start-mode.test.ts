import { describe, expect, it } from 'vitest';
import type { AppUser } from '../../../domain/model';
import { keyboardUserForRole, startHash } from './start-mode';

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

describe('who is at the keyboard of the mayor’s tablet', () => {
  const users: AppUser[] = [
    { id: 'sec', name: 'Martine Collin', role: 'secretary', active: true },
    { id: 'old', name: 'Ancien maire', role: 'mayor', active: false },
    { id: 'mayor', name: 'Bernard Thiébaut', role: 'mayor', active: true },
    { id: 'deputy', name: 'Odile Marchal', role: 'deputy', active: true },
  ];
  it('is the active mayor when the secretary was chosen by default', () => {
    expect(keyboardUserForRole(users, 'sec', 'mayor')).toBe('mayor');
    expect(keyboardUserForRole(users, 'sec', 'deputy')).toBe('deputy');
  });
  it('changes nothing for a deputy already there, or on a counter computer', () => {
    expect(keyboardUserForRole(users, 'deputy', 'mayor')).toBeNull();
    expect(keyboardUserForRole(users, 'sec', undefined)).toBeNull();
  });
});
