import type { CitizenDoc, Civility } from '../../../domain/model';
import { newId } from '../../../domain/ids';
import { citizenSearchName, phoneDigits } from '../../../domain/search';
import type { GuichetDatabase } from '../db/database';
import { insertJournaled, modifyJournaled, type Actor } from '../db/journal';
import { searchTextOf } from '../requests';
import { toPlain } from '../db/plain';

export type CitizenFields = Pick<CitizenDoc, 'firstName' | 'lastName' | 'phone' | 'email' | 'address' | 'postalCode' | 'city'> &
  Partial<Pick<CitizenDoc, 'birthDate' | 'notes'>> & {
    /** '' = not known: the stored file then has no `civility` at all (the schema allows only the known values) */
    civility?: Civility | '';
  };

/** The derived fields that make a file findable; recomputed on every change. */
export function searchFields(fields: Pick<CitizenDoc, 'firstName' | 'lastName' | 'phone'>) {
  return { searchName: citizenSearchName(fields.firstName, fields.lastName), searchPhone: phoneDigits(fields.phone) };
}

function clean(fields: CitizenFields): CitizenFields {
  return {
    ...fields,
    firstName: fields.firstName.trim(),
    lastName: fields.lastName.trim(),
    phone: fields.phone.trim(),
    email: fields.email.trim().toLowerCase(),
    address: fields.address.trim(),
    postalCode: fields.postalCode.trim(),
    city: fields.city.trim(),
  };
}

/** The fields as stored: an unknown civility is left out rather than written as ''. */
function stored(fields: CitizenFields): Omit<CitizenFields, 'civility'> & { civility?: Civility } {
  const { civility, ...rest } = fields;
  return civility ? { ...rest, civility } : rest;
}

export async function createCitizen(db: GuichetDatabase, fields: CitizenFields, actor: Actor, now: Date = new Date()): Promise<CitizenDoc> {
  const cleaned = clean(fields);
  const citizen: CitizenDoc = {
    id: newId(),
    communeId: actor.communeId,
    birthDate: '',
    notes: '',
    ...stored(cleaned),
    ...searchFields(cleaned),
    mergedInto: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  return insertJournaled(db, db.citizens, citizen, actor, { type: 'created', citizenId: citizen.id }, now);
}

export async function updateCitizen(
  db: GuichetDatabase,
  id: string,
  fields: CitizenFields,
  actor: Actor,
  now: Date = new Date(),
): Promise<CitizenDoc> {
  const doc = await db.citizens.findOne(id).exec();
  if (!doc) throw new Error(`unknown citizen ${id}`);
  const cleaned = clean(fields);
  const changed = (Object.keys(cleaned) as Array<keyof CitizenFields>).filter((key) => (cleaned[key] ?? '') !== (doc.get(key) ?? ''));
  if (changed.length === 0) return toPlain(doc);
  const modify = (current: CitizenDoc): CitizenDoc => {
    const next: CitizenDoc = { ...current, ...stored(cleaned), ...searchFields(cleaned) };
    // Only a form that shows the civility may clear it (intake does not send it).
    if ('civility' in cleaned && !cleaned.civility) delete next.civility;
    return next;
  };
  // The journal names the fields, never their values: those are personal data.
  const citizen = await modifyJournaled(db, doc, modify, actor, { type: 'updated', citizenId: id, fields: changed }, now);
  if (changed.includes('firstName') || changed.includes('lastName')) await refreshRequestSearchText(db, citizen, now);
  return citizen;
}

/**
 * Requests are found by their resident's name (`searchText`): when the name
 * changes, or requests move to another file, their words follow. Uses the
 * `citizenId` index; a resident has tens of requests, not thousands.
 */
export async function refreshRequestSearchText(db: GuichetDatabase, citizen: CitizenDoc, now: Date = new Date()): Promise<number> {
  const docs = await db.requests.find({ selector: { citizenId: citizen.id } }).exec();
  let changed = 0;
  for (const doc of docs) {
    const searchText = searchTextOf(doc.toJSON() as Parameters<typeof searchTextOf>[0], citizen);
    if (searchText === doc.searchText) continue;
    await doc.incrementalPatch({ searchText, updatedAt: now.toISOString() });
    changed += 1;
  }
  return changed;
}
