/**
 * Helpers for the integration tests of the store: a fresh database on
 * RxDB's memory storage, an actor, and documents built from the shared samples.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RequestDoc } from '../../../domain/model';
import { newId } from '../../../domain/ids';
import { sampleDocuments } from '../../../domain/schemas/samples';
import { openDatabase, type GuichetDatabase } from './database';
import type { Actor } from './journal';

export const testActor: Actor = {
  actorId: 'u-secretaire',
  actorName: 'Sylvie Martin',
  deviceId: 'd-test',
  communeId: sampleDocuments.settings.communeId,
};

/** Always `await db.close()` after: RxDB open-source allows few open collections per process. */
export function openTestDatabase(): Promise<GuichetDatabase> {
  return openDatabase({ name: `test-${Math.random().toString(36).slice(2)}`, storage: getRxStorageMemory(), multiInstance: false });
}

let sequence = 0;

/** A valid request of a resident, with a reference of its own. */
export function sampleRequest(citizenId: string, overrides: Partial<RequestDoc> = {}): RequestDoc {
  sequence += 1;
  const seq = String(sequence).padStart(4, '0');
  return {
    ...sampleDocuments.requests,
    id: newId(),
    reference: `2026-A-${seq}`,
    citizenId,
    searchText: `2026 a ${seq}`,
    ...overrides,
  };
}
