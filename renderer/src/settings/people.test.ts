import { describe, expect, it } from 'vitest';
import type { AppUser } from '../../../domain/model';
import { hasPeopleErrors, keyboardUserAfter, newPerson, validatePeople } from './people';

const sylvie: AppUser = { id: 's', name: 'Sylvie Martin', role: 'secretary', active: true };
const maire: AppUser = { id: 'm', name: 'Jean Dupuis', role: 'mayor', active: true };

describe('the people who use this computer', () => {
  it('accepts a list where everyone has a distinct name and someone is active', () => {
    expect(hasPeopleErrors(validatePeople([sylvie, { ...maire, active: false }]))).toBe(false);
  });

  it('wants a name for each person, and names that tell people apart', () => {
    const errors = validatePeople([sylvie, { ...maire, name: '  ' }, { ...newPerson(), id: 'x', name: ' sylvie martin ' }]);
    expect(errors.names).toEqual({ m: 'settings.people.errors.nameRequired', x: 'settings.people.errors.nameDuplicate' });
  });

  it('keeps at least one active person', () => {
    expect(
      validatePeople([
        { ...sylvie, active: false },
        { ...maire, active: false },
      ]).list,
    ).toBe('settings.people.errors.noneActive');
  });

  it('hands the keyboard to someone active when the person at it is deactivated', () => {
    expect(keyboardUserAfter([sylvie, maire], 's')).toBe('s');
    expect(keyboardUserAfter([{ ...sylvie, active: false }, maire], 's')).toBe('m');
    expect(keyboardUserAfter([{ ...sylvie, active: false }], 's')).toBeNull();
  });

  it('starts a new person active, with an id of their own', () => {
    const a = newPerson();
    expect(a).toMatchObject({ name: '', role: 'agent', active: true });
    expect(newPerson().id).not.toBe(a.id);
  });
});
