/**
 * Which screen an enrolled device opens on. A tablet enrolled with the
 * mayor's role (`enroll-code --role mayor` on the sync server) opens on the
 * council table; a counter computer on Aujourd'hui. A deep link (a hash
 * other than the home one) is always kept.
 */
import { canApprove, startModeForRole } from '../../../domain/council';
import type { AppUser, UserRole } from '../../../domain/model';
import { routeHref } from '../session/router';

export function startHash(enrolledRole: UserRole | null | undefined, currentHash: string): string | null {
  const atHome = currentHash === '' || currentHash === '#' || currentHash === '#/';
  if (!atHome) return null;
  return startModeForRole(enrolledRole) === 'council' ? routeHref({ name: 'council' }) : null;
}

/**
 * Who should be at the keyboard of a device enrolled for the mayor: the
 * person already there if they may decide, else the first active person
 * with the enrolled role (the mayor, or a deputy); null to change nothing.
 */
export function keyboardUserForRole(
  users: readonly AppUser[],
  currentUserId: string,
  enrolledRole: UserRole | null | undefined,
): string | null {
  if (startModeForRole(enrolledRole) !== 'council') return null;
  const current = users.find((user) => user.id === currentUserId);
  if (canApprove(current)) return null;
  return users.find((user) => user.active && user.role === enrolledRole)?.id ?? null;
}
