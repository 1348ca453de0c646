/**
 * The fault-test page: drives the renderer's real store modules in Chromium for
 * the tests that kill the browser (quality.md, reliability 1 and 7).
 */
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { CategoryDoc, SettingsDoc } from '../../domain/model';
import { requestSchemaV0, type RequestDocV0 } from '../../domain/schemas/requests';
import { sampleDocuments } from '../../domain/schemas/samples';
import { openDatabase, type GuichetDatabase } from '../../renderer/src/db/database';
import { emptyIntakeForm } from '../../renderer/src/intake/form-state';
import { saveIntake } from '../../renderer/src/intake/save';
import { readDevice } from '../../renderer/src/session/device';
import type { FaultHarness } from './api';

const APP_DATABASE = 'guichet';

function open(name: string): Promise<GuichetDatabase> {
  return openDatabase({ name, storage: getRxStorageDexie() });
}

async function writeMany(count: number): Promise<void> {
  const db = await open(APP_DATABASE);
  const device = await readDevice(db);
  const settings = (await db.settings.findOne().exec())?.toJSON() as SettingsDoc | undefined;
  const category = (await db.categories.findOne({ selector: { active: true } }).exec())?.toJSON() as CategoryDoc | undefined;
  if (!device || !settings || !category) throw new Error('set the commune up first');
  const actor = { actorId: device.currentUserId, actorName: 'Essai de panne', deviceId: device.deviceId, communeId: device.communeId };
  // All queued at once, committed one after the other as the intake's save button allows (it is
  // disabled while a save runs): a reference is allocated from the last one, so saves never overlap.
  let queue: Promise<unknown> = Promise.resolve();
  const saves = Array.from({ length: count }, (_, i) => {
    queue = queue.then(async () => {
      const form = { ...emptyIntakeForm('counter'), anonymous: true, categoryId: category.id, subject: `Écriture en vol n° ${i}` };
      const { request } = await saveIntake(db, form, { actor, devicePrefix: device.devicePrefix, settings, category });
      void window.reportSaved?.(request.reference);
    });
    return queue;
  });
  await Promise.all(saves);
}

async function references(): Promise<string[]> {
  const db = await open(APP_DATABASE);
  const docs = await db.requests.find().exec();
  return docs.map((doc) => doc.reference);
}

async function seedVersion0(name: string, count: number): Promise<void> {
  const db = await createRxDatabase({ name, storage: getRxStorageDexie() });
  const collections = await db.addCollections({ requests: { schema: requestSchemaV0 as unknown as RxJsonSchema<RequestDocV0> } });
  const { searchText: _s, flags: _f, onBehalf: _o, ...kept } = sampleDocuments.requests;
  const docs: RequestDocV0[] = Array.from({ length: count }, (_, i) => ({
    ...kept,
    id: `0000000${i}`.slice(-8) + kept.id.slice(8),
    reference: `2025-A-${String(i + 1).padStart(4, '0')}`,
    citizenId: null,
    citizenName: `Usager ${i}`,
    needsMayor: i % 2 === 0,
  }));
  await collections.requests.bulkInsert(docs);
  await db.close();
}

async function openMigrating(name: string): Promise<{ requests: number; migrated: number }> {
  await window.reportMigrationStarted?.();
  const db = await open(name);
  const docs = await db.requests.find().exec();
  const migrated = docs.filter((doc) => doc.flags && typeof doc.flags.needsMayor === 'boolean').length;
  return { requests: docs.length, migrated };
}

const harness: FaultHarness = { writeMany, references, seedVersion0, openMigrating };
window.guichetFaults = harness;
document.getElementById('state')!.textContent = 'Banc de pannes prêt.';
