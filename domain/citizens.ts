import type { CitizenDoc } from './model';

/** How a resident is named on every screen and document: « LEFÈVRE Hélène ». */
export function citizenDisplayName(citizen: Pick<CitizenDoc, 'firstName' | 'lastName'> | undefined): string {
  if (!citizen) return '';
  return [citizen.lastName.toUpperCase(), citizen.firstName].filter(Boolean).join(' ');
}
