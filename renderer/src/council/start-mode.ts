/**
 * Which screen an enrolled device opens on. A tablet enrolled with the
 * mayor's role (`enroll-code --role mayor` on the sync server) opens on the
 * council table; a counter computer on Aujourd'hui. A deep link (a hash
 * other than the home one) is always kept.
 */
import { startModeForRole } from '../../../domain/council';
import type { UserRole } from '../../../domain/model';
import { routeHref } from '../app/router';

export function startHash(enrolledRole: UserRole | null | undefined, currentHash: string): string | null {
  const atHome = currentHash === '' || currentHash === '#' || currentHash === '#/';
  if (!atHome) return null;
  return startModeForRole(enrolledRole) === 'council' ? routeHref({ name: 'council' }) : null;
}
