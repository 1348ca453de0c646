import type { CitizenDoc } from '../../../domain/model';
import { mergeCitizens, type OtherContactLabels } from '../../../domain/merge';
import type { GuichetDatabase } from '../db/database';
import { journal, patchJournaled, type Actor } from '../db/journal';
import { refreshRequestSearchText } from './repository';
import { toPlain } from '../db/plain';

/** The fields of a file the person gave us: the ones a merge may fill. */
const PERSON_FIELDS = [
  'civility',
  'lastName',
  'firstName',
  'phone',
  'email',
  'address',
  'postalCode',
  'city',
  'birthDate',
  'notes',
] as const;

export type MergeResult = { ok: true; citizen: CitizenDoc; filledFields: string[]; movedRequests: number } | { ok: false; error: string };

/**
 * Merges two files of the same person: `other` goes into `keep`.
 *
 * 1. `keep`'s empty fields are filled from `other` (domain/merge.ts); what
 *    `keep` already says is never overwritten;
 * 2. every request and assisted session of `other` now points at `keep`, and
 *    requests are found by `keep`'s name;
 * 3. `other` is marked `mergedInto: keep.id`: it leaves the lists and
 *    suggestions, but stays readable (its journal, the link to `keep`);
 * 4. a `citizen_merged` line on both files, and on each moved request.
 *
 * There is no transaction across documents in the store, so the steps are in
 * the order that leaves nothing lost if the app stops halfway: running the
 * merge again finishes it (requests still pointing at `other` are moved, the
 * mark is set last). Nothing is deleted.
 */
export async function mergeCitizenFiles(
  db: GuichetDatabase,
  keepId: string,
  otherId: string,
  actor: Actor,
  labels: OtherContactLabels,
  now: Date = new Date(),
): Promise<MergeResult> {
  if (keepId === otherId) return { ok: false, error: 'citizen.merge.errors.same' };
  const [keepDoc, otherDoc] = await Promise.all([db.citizens.findOne(keepId).exec(), db.citizens.findOne(otherId).exec()]);
  if (!keepDoc || !otherDoc) return { ok: false, error: 'citizen.merge.errors.notFound' };
  const keep = toPlain(keepDoc);
  const other = toPlain(otherDoc);
  if (keep.mergedInto || (other.mergedInto && other.mergedInto !== keep.id))
    return { ok: false, error: 'citizen.merge.errors.alreadyMerged' };
  const iso = now.toISOString();

  // 1. Fill keep's empty fields (the address as a whole; notes end to end).
  const merged = mergeCitizens(keep, other, labels);
  const filled = PERSON_FIELDS.filter((field) => (merged[field] ?? '') !== (keep[field] ?? ''));
  let kept = keep;
  if (filled.length > 0) {
    const patch: Partial<CitizenDoc> = Object.fromEntries(filled.map((field) => [field, merged[field]]));
    kept = toPlain(
      await keepDoc.incrementalPatch({ ...patch, searchName: merged.searchName, searchPhone: merged.searchPhone, updatedAt: iso }),
    );
  }

  // 2. Move the requests, each with its journal line.
  const requests = await db.requests.find({ selector: { citizenId: other.id } }).exec();
  for (const request of requests) {
    await patchJournaled(
      db,
      request,
      { citizenId: kept.id },
      actor,
      { type: 'citizen_merged', requestId: request.id, citizenId: kept.id, fields: ['citizenId'] },
      now,
    );
  }
  await refreshRequestSearchText(db, kept, now);
  // 2b. Their assisted sessions too: the 360° file shows every procedure done with the person.
  for (const session of await db.assistedsessions.find({ selector: { citizenId: other.id } }).exec()) {
    await session.incrementalPatch({ citizenId: kept.id, updatedAt: iso });
  }

  // 3. Mark the merged file; 4. journal on both files (field names only, never values).
  if (other.mergedInto !== kept.id) await otherDoc.incrementalPatch({ mergedInto: kept.id, updatedAt: iso });
  await journal(db, actor, { type: 'citizen_merged', citizenId: kept.id, fields: filled }, now);
  await journal(db, actor, { type: 'citizen_merged', citizenId: other.id, fields: ['mergedInto'] }, now);
  return { ok: true, citizen: kept, filledFields: filled, movedRequests: requests.length };
}

/** The file a merged file now lives in, following merges of merges; null when the chain is broken. */
export async function resolveMergedFile(db: GuichetDatabase, id: string): Promise<CitizenDoc | null> {
  const visited = new Set<string>();
  let current = await db.citizens.findOne(id).exec();
  while (current?.mergedInto && !visited.has(current.id)) {
    visited.add(current.id);
    current = await db.citizens.findOne(current.mergedInto).exec();
  }
  return current ? toPlain(current) : null;
}
