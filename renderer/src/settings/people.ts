import type { AppUser, UserRole } from '../../../domain/model';
import { newId } from '../../../domain/ids';

export interface PeopleErrors {
  /** by person id: the message next to their name */
  names: Record<string, string>;
  /** about the list as a whole */
  list?: string;
}

const NAME_MAX = 200;

/**
 * The people who use this computer. Nobody is ever deleted: the journal
 * names them. Names must tell people apart, and someone must still be able
 * to use Guichet: at least one active person.
 */
export function validatePeople(users: AppUser[]): PeopleErrors {
  const errors: PeopleErrors = { names: {} };
  const seen = new Map<string, string>();
  for (const user of users) {
    const name = user.name.trim();
    if (!name) errors.names[user.id] = 'settings.people.errors.nameRequired';
    else if (name.length > NAME_MAX) errors.names[user.id] = 'settings.errors.tooLong';
    else {
      const key = name.toLocaleLowerCase('fr');
      if (seen.has(key)) errors.names[user.id] = 'settings.people.errors.nameDuplicate';
      else seen.set(key, user.id);
    }
  }
  if (!users.some((user) => user.active)) errors.list = 'settings.people.errors.noneActive';
  return errors;
}

export function hasPeopleErrors(errors: PeopleErrors): boolean {
  return Boolean(errors.list) || Object.keys(errors.names).length > 0;
}

export function newPerson(role: UserRole = 'agent'): AppUser {
  return { id: newId(), name: '', role, active: true };
}

export function cleanPeople(users: AppUser[]): AppUser[] {
  return users.map((user) => ({ ...user, name: user.name.trim() }));
}

/**
 * Who should be at the keyboard once the list is saved: the same person if
 * still active, otherwise the first active one.
 */
export function keyboardUserAfter(users: AppUser[], currentUserId: string): string | null {
  if (users.some((user) => user.id === currentUserId && user.active)) return currentUserId;
  return users.find((user) => user.active)?.id ?? null;
}
