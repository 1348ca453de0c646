import type { CitizenDoc } from '../../../domain/model';
import { citizenSearchName, normaliseSearch, phoneDigits } from '../../../domain/search';
import type { GuichetDatabase } from '../db/database';
import { prefixQuery } from './search';
import { toPlain } from '../db/plain';

const MAX_SUGGESTIONS = 6;

/**
 * Residents whose file matches what is being typed at intake: the name
 * ("lefevre hel" finds LEFÈVRE Hélène, accents and case ignored) or the
 * phone number (any prefix of its digits). Prefix range queries use the
 * `searchName` and `searchPhone` indexes, so this stays fast on 30,000 files.
 */
export async function suggestCitizens(
  db: GuichetDatabase,
  typed: { firstName: string; lastName: string; phone: string; email?: string },
): Promise<CitizenDoc[]> {
  const found = new Map<string, CitizenDoc>();
  const name = citizenSearchName(typed.firstName, typed.lastName);
  if (normaliseSearch(typed.lastName).length >= 2) {
    for (const doc of await prefixQuery(db, 'searchName', name, MAX_SUGGESTIONS * 2)) found.set(doc.id, doc);
  }
  const digits = phoneDigits(typed.phone);
  if (digits.length >= 4) {
    for (const doc of await prefixQuery(db, 'searchPhone', digits, MAX_SUGGESTIONS * 2)) found.set(doc.id, doc);
  }
  const email = typed.email?.trim().toLowerCase();
  if (email && email.includes('@')) {
    const byEmail = await db.citizens
      .find({ selector: { email: { $eq: email }, mergedInto: { $eq: null } }, limit: MAX_SUGGESTIONS })
      .exec();
    for (const doc of byEmail) found.set(doc.id, toPlain(doc));
  }
  return [...found.values()].filter((citizen) => !citizen.mergedInto).slice(0, MAX_SUGGESTIONS);
}
