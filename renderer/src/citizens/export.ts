import type { RxDocument } from 'rxdb';
import type { AssistedSessionDoc, CitizenDoc, EventDoc, RequestDoc, SettingsDoc } from '../../../domain/model';
import { normaliseSearch } from '../../../domain/search';
import type { GuichetDatabase } from '../db/database';
import { journal, type Actor } from '../db/journal';
import { toPlain } from '../db/plain';

/**
 * What the commune holds about one person (RGPD, right of access): their
 * file, the files merged into it, every request attached to them, and every
 * line of the journal about them or their requests.
 */
export interface CitizenExport {
  format: 'guichet/citizen-export';
  version: 1;
  exportedAt: string;
  /** who holds the data: the data controller */
  commune: Pick<SettingsDoc, 'name' | 'inseeCode' | 'address' | 'postalCode' | 'city' | 'phone' | 'email'>;
  citizen: CitizenDoc;
  mergedFiles: CitizenDoc[];
  requests: RequestDoc[];
  events: EventDoc[];
  /** online procedures done with them at the counter (accompagnement numérique) */
  assistedSessions: AssistedSessionDoc[];
}

/** Files merged into this one, and into those, however deep. Merged files are rare; `mergedInto` has no index. */
async function mergedFilesOf(db: GuichetDatabase, id: string): Promise<CitizenDoc[]> {
  const found: CitizenDoc[] = [];
  const queue = [id];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const target = queue.shift()!;
    const docs = await db.citizens.find({ selector: { mergedInto: target } }).exec();
    for (const doc of docs) {
      if (seen.has(doc.id)) continue;
      seen.add(doc.id);
      found.push(toPlain(doc));
      queue.push(doc.id);
    }
  }
  return found;
}

export async function collectCitizenData(
  db: GuichetDatabase,
  citizenId: string,
  settings: SettingsDoc,
  now: Date = new Date(),
): Promise<CitizenExport | null> {
  const doc = await db.citizens.findOne(citizenId).exec();
  if (!doc) return null;
  const citizen = toPlain(doc);
  const mergedFiles = await mergedFilesOf(db, citizenId);
  const fileIds = [citizenId, ...mergedFiles.map((file) => file.id)];

  const requests = (
    await db.requests.find({ selector: { citizenId: { $in: fileIds } }, sort: [{ citizenId: 'asc' }, { receivedAt: 'asc' }] }).exec()
  ).map((request) => toPlain(request));
  const events = new Map<string, EventDoc>();
  const addEvents = (docs: RxDocument<EventDoc>[]) => {
    for (const event of docs.map((item) => toPlain(item))) events.set(event.id, event);
  };
  for (const id of fileIds) addEvents(await db.events.find({ selector: { citizenId: id } }).exec());
  const assistedSessions = (await db.assistedsessions.find({ selector: { citizenId: { $in: fileIds } } }).exec()).map((session) =>
    toPlain(session),
  );
  for (const request of requests) addEvents(await db.events.find({ selector: { requestId: request.id } }).exec());

  return {
    format: 'guichet/citizen-export',
    version: 1,
    exportedAt: now.toISOString(),
    commune: {
      name: settings.name,
      inseeCode: settings.inseeCode,
      address: settings.address,
      postalCode: settings.postalCode,
      city: settings.city,
      phone: settings.phone,
      email: settings.email,
    },
    citizen,
    mergedFiles,
    requests: requests.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
    events: [...events.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
    assistedSessions: assistedSessions.sort((a, b) => a.startedAt.localeCompare(b.startedAt)),
  };
}

/** "usager-lefevre-helene-2026-03-12.json" */
export function exportFileName(citizen: Pick<CitizenDoc, 'firstName' | 'lastName'>, now: Date = new Date()): string {
  const name = normaliseSearch(`${citizen.lastName} ${citizen.firstName}`).replace(/ /g, '-') || 'sans-nom';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `usager-${name}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

/**
 * Gathers the person's data as JSON and journals the export (who, when; not
 * what was in it). The caller hands the text to the user (a download).
 */
export async function exportCitizen(
  db: GuichetDatabase,
  citizenId: string,
  settings: SettingsDoc,
  actor: Actor,
  now: Date = new Date(),
): Promise<{ fileName: string; json: string } | null> {
  const data = await collectCitizenData(db, citizenId, settings, now);
  if (!data) return null;
  await journal(db, actor, { type: 'exported', citizenId }, now);
  return { fileName: exportFileName(data.citizen, now), json: JSON.stringify(data, null, 2) };
}
