/**
 * Bringing this device's data into the tenant it enrolled with.
 *
 * A device set up alone gave its commune an id of its own; the sync server
 * knows the commune by the tenant id it created (`commune add`), and accepts
 * only documents carrying that id (tenancy). So, once enrolled and before
 * replicating, every local document is moved to the tenant's id, the device
 * remembers it, and the commune's settings learn their intercommunality's id,
 * which forwarding names (`transfer.toId`) and the server shares on.
 *
 * Categories and reply templates come from the same catalogue on every
 * device, each with a random id. Left so, a second device of the commune
 * would bring a second copy of every category. So they get an id derived
 * from the tenant and their stable code (a template: its title): every
 * device of a commune gives the same category the same id, and replication
 * merges them instead of doubling them. Requests and templates follow.
 */
import {
  REPLICATED_COLLECTIONS,
  USER_ROLES,
  type CategoryDoc,
  type ReplyTemplateDoc,
  type RequestDoc,
  type UserRole,
} from '../../../domain/model';
import { SETTINGS_ID } from '../../../domain/schemas';
import type { EnrollResponse } from '../../../domain/protocol';
import type { GuichetDatabase } from '../db/database';
import { updateDevice, type DeviceState, type DeviceSync } from '../session/device';
import { toPlain } from '../db/plain';

function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
}

const CHUNK = 500;

/** Rewrites communeId on every document of every replicated collection that does not carry the tenant's yet; returns how many. */
export async function moveDocumentsToTenant(db: GuichetDatabase, tenantId: string): Promise<number> {
  let moved = 0;
  for (const name of REPLICATED_COLLECTIONS) {
    const collection = db[name] as unknown as GuichetDatabase['events'];
    const docs = (await collection.find().exec()).map((doc) => doc.toMutableJSON()).filter((doc) => doc.communeId !== tenantId);
    for (let start = 0; start < docs.length; start += CHUNK) {
      const chunk = docs.slice(start, start + CHUNK).map((doc) => ({ ...doc, communeId: tenantId }));
      const result = await collection.bulkUpsert(chunk);
      if (result.error.length > 0) throw new Error(`could not move ${result.error.length} ${name} documents to the tenant`);
      moved += chunk.length;
    }
  }
  return moved;
}

/** A UUID-shaped id that every device computes alike from the same parts. */
export async function derivedId(parts: readonly string[]): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('\u0000')));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Old id → tenant-derived id, for the documents that are not under their derived id yet (one per key). */
async function idMap<Doc extends { id: string }>(docs: readonly Doc[], parts: (doc: Doc) => string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const taken = new Set(docs.map((doc) => doc.id));
  for (const doc of docs) {
    const derived = await derivedId(parts(doc));
    if (derived === doc.id || taken.has(derived)) continue;
    taken.add(derived);
    map.set(doc.id, derived);
  }
  return map;
}

/** Moves documents to new ids: the new one is written first, then the old one removed (its tombstone is the tenant's). */
async function moveIds<Doc extends { id: string }>(
  collection: {
    bulkInsert(docs: Doc[]): Promise<{ error: unknown[] }>;
    findByIds(ids: string[]): { exec(): Promise<Map<string, { remove(): Promise<unknown> }>> };
  },
  docs: readonly Doc[],
  map: ReadonlyMap<string, string>,
  rewrite: (doc: Doc) => Doc,
): Promise<void> {
  const moving = docs.filter((doc) => map.has(doc.id));
  const inserted = await collection.bulkInsert(moving.map((doc) => rewrite({ ...doc, id: map.get(doc.id) ?? doc.id })));
  if (inserted.error.length > 0) throw new Error(`could not give ${inserted.error.length} documents their commune-wide id`);
  const old = await collection.findByIds(moving.map((doc) => doc.id)).exec();
  for (const doc of old.values()) await doc.remove();
}

/** Gives categories and reply templates their tenant-derived ids, and points requests and templates at them. */
export async function shareCatalogueIds(db: GuichetDatabase, tenantId: string): Promise<void> {
  const categories = (await db.categories.find().exec()).map((doc) => doc.toMutableJSON() as CategoryDoc);
  const categoryIds = await idMap(categories, (category) => [tenantId, 'category', category.code]);
  const templates = (await db.replytemplates.find().exec()).map((doc) => doc.toMutableJSON() as ReplyTemplateDoc);
  const templateIds = await idMap(templates, (template) => [tenantId, 'replytemplate', template.title]);
  const newCategoryId = (id: string) => categoryIds.get(id) ?? id;
  const pointed = (template: ReplyTemplateDoc): ReplyTemplateDoc => ({ ...template, categoryIds: template.categoryIds.map(newCategoryId) });
  await moveIds(db.categories, categories, categoryIds, (category) => category);
  await moveIds(db.replytemplates, templates, templateIds, pointed);
  const staying = templates.filter((template) => !templateIds.has(template.id) && template.categoryIds.some((id) => categoryIds.has(id)));
  if (staying.length > 0) await db.replytemplates.bulkUpsert(staying.map(pointed));
  if (categoryIds.size === 0) return;
  const requests = (await db.requests.find().exec())
    .map((doc) => doc.toMutableJSON() as RequestDoc)
    .filter((request) => categoryIds.has(request.categoryId));
  for (let start = 0; start < requests.length; start += CHUNK) {
    await db.requests.bulkUpsert(
      requests.slice(start, start + CHUNK).map((request) => ({ ...request, categoryId: newCategoryId(request.categoryId) })),
    );
  }
}

/** The commune's intercommunality as the server knows it: forwarding then reaches it. */
async function learnEpci(db: GuichetDatabase, epci: DeviceSync['epci'], now: Date): Promise<void> {
  const settings = await db.settings.findOne(SETTINGS_ID).exec();
  if (!settings || !epci) return;
  const current = toPlain(settings);
  if (current.epciId === epci.id && current.epciName === epci.name) return;
  await settings.incrementalPatch({ epciId: epci.id, epciName: epci.name, updatedAt: now.toISOString() });
}

export function deviceSyncOf(serverUrl: string, deviceName: string, response: EnrollResponse, now: Date): DeviceSync {
  // From the network: only a role Guichet knows is kept.
  const role: unknown = response.role;
  return {
    serverUrl,
    serverDeviceId: response.deviceId,
    deviceName,
    tenantId: response.commune.id,
    tenantName: response.commune.name,
    kind: response.kind === 'epci' ? 'epci' : 'commune',
    epci: response.epci ?? null,
    ...(isUserRole(role) ? { role } : {}),
    enrolledAt: now.toISOString(),
    tokenExpiresAt: response.tokenExpiresAt,
  };
}

/** Everything enrollment changes on this device but the token: its data's tenant, its reference prefix, what it is enrolled with. */
export async function adoptEnrollment(
  db: GuichetDatabase,
  serverUrl: string,
  deviceName: string,
  response: EnrollResponse,
  now: Date = new Date(),
): Promise<DeviceState> {
  const sync = deviceSyncOf(serverUrl, deviceName, response, now);
  await moveDocumentsToTenant(db, sync.tenantId);
  await shareCatalogueIds(db, sync.tenantId);
  await learnEpci(db, sync.epci, now);
  const prefix = typeof response.devicePrefix === 'string' && response.devicePrefix !== '' ? { devicePrefix: response.devicePrefix } : {};
  // A code issued for the mayor (enroll-code --role mayor) opens this device on the council table.
  const enrolledRole = sync.role ? { enrolledRole: sync.role } : {};
  return updateDevice(db, { communeId: sync.tenantId, ...prefix, ...enrolledRole, sync });
}

/** Leaving the server: the data stays on this device, under the tenant's id, and replication stops. */
export async function forgetEnrollment(db: GuichetDatabase): Promise<DeviceState> {
  return updateDevice(db, { sync: undefined });
}
