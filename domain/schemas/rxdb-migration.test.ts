/**
 * Opens the schemas in RxDB as the app does (z-schema validation, which the
 * renderer uses because it needs no eval), and runs the migration strategies
 * through RxDB itself (memory storage), as the
 * app does on start after an update: a database written with the version-0
 * schemas is reopened with the current ones.
 */
import { addRxPlugin, createRxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { REPLICATED_COLLECTIONS } from '../model';
import { describe, expect, it } from 'vitest';
import { requestSchema, requestSchemaV0, type RequestDocV0 } from './requests';
import { citizenSchema, citizenSchemaV0, type CitizenDocV0 } from './citizens';
import { COLLECTION_SCHEMAS } from './index';
import { sampleDocuments } from './samples';

addRxPlugin(RxDBMigrationSchemaPlugin);

function storage(): RxStorage<unknown, unknown> {
  return wrappedValidateAjvStorage({ storage: getRxStorageMemory() }) as RxStorage<unknown, unknown>;
}

const { searchText: _s, flags: _f, onBehalf: _o, ...requestKept } = sampleDocuments.requests;
const oldRequest: RequestDocV0 = { ...requestKept, citizenId: null, citizenName: 'LEFÈVRE Hélène', needsMayor: true };
const oldCitizen: CitizenDocV0 = {
  id: 'b1',
  communeId: 'c1',
  fullName: 'Hélène LEFÈVRE',
  phone: '06 12 34 56 78',
  email: '',
  address: '',
  postalCode: '',
  city: '',
  createdAt: '2024-02-01T10:00:00.000Z',
  updatedAt: '2024-02-01T10:00:00.000Z',
};

describe('RxDB migration with the domain strategies', () => {
  it('reopens a version-0 database at version 1 with every document migrated and valid', async () => {
    const name = `migration${Date.now()}`;
    const sharedStorage = storage();
    const before = await createRxDatabase({ name, storage: sharedStorage, multiInstance: false });
    const old = await before.addCollections({
      requests: { schema: requestSchemaV0 as unknown as RxJsonSchema<RequestDocV0> },
      citizens: { schema: citizenSchemaV0 as unknown as RxJsonSchema<CitizenDocV0> },
    });
    await old.requests.insert(oldRequest);
    await old.citizens.insert(oldCitizen);
    await before.close();

    const after = await createRxDatabase({ name, storage: sharedStorage, multiInstance: false });
    const current = await after.addCollections({
      requests: {
        schema: requestSchema as unknown as RxJsonSchema<unknown>,
        migrationStrategies: COLLECTION_SCHEMAS.requests.migrationStrategies,
      },
      citizens: {
        schema: citizenSchema as unknown as RxJsonSchema<unknown>,
        migrationStrategies: COLLECTION_SCHEMAS.citizens.migrationStrategies,
      },
    });
    const request = await current.requests.findOne(oldRequest.id).exec();
    const citizen = await current.citizens.findOne('b1').exec();
    expect(request?.toJSON()).toMatchObject({ citizenId: '', flags: { needsMayor: true, sensitive: false } });
    expect(citizen?.toJSON()).toMatchObject({ firstName: 'Hélène', lastName: 'LEFÈVRE', searchPhone: '0612345678' });
    // the new index answers the resident's-file query
    expect(await current.requests.count({ selector: { citizenId: '' } }).exec()).toBe(1);
    await after.remove();
  });
});

describe('RxDB: a database from before the accompagnement numérique', () => {
  it('reopens with the procedures and assisted sessions collections added, the old documents untouched', async () => {
    const name = `added${Date.now()}`;
    const sharedStorage = storage();
    const OLD = REPLICATED_COLLECTIONS.filter((collection) => collection !== 'procedures' && collection !== 'assistedsessions');
    const definitionsOf = (names: readonly (typeof REPLICATED_COLLECTIONS)[number][]) =>
      Object.fromEntries(
        names.map((collection) => [
          collection,
          {
            schema: COLLECTION_SCHEMAS[collection].schema as unknown as RxJsonSchema<unknown>,
            migrationStrategies: COLLECTION_SCHEMAS[collection].migrationStrategies,
          },
        ]),
      );
    const before = await createRxDatabase({ name, storage: sharedStorage, multiInstance: false });
    const old = await before.addCollections(definitionsOf(OLD));
    await old.requests?.insert(sampleDocuments.requests);
    await before.close();

    const after = await createRxDatabase({ name, storage: sharedStorage, multiInstance: false });
    const current = await after.addCollections(definitionsOf(REPLICATED_COLLECTIONS));
    expect((await current.requests?.findOne(sampleDocuments.requests.id).exec())?.toJSON()).toMatchObject({ reference: '2026-A-0042' });
    await current.procedures?.insert(sampleDocuments.procedures);
    await current.assistedsessions?.insert(sampleDocuments.assistedsessions);
    // the resident's-file query is served by the (citizenId, startedAt) index
    expect(await current.assistedsessions?.count({ selector: { citizenId: sampleDocuments.citizens.id } }).exec()).toBe(1);
    await after.remove();
  });
});

describe('RxDB with z-schema validation, as in the app', () => {
  it('stores every sample document and refuses a null citizen', async () => {
    const database = await createRxDatabase({
      name: `zschema${Date.now()}`,
      storage: wrappedValidateZSchemaStorage({ storage: getRxStorageMemory() }),
      multiInstance: false,
    });
    const collections = await database.addCollections(
      Object.fromEntries(
        REPLICATED_COLLECTIONS.map((name) => [
          name,
          {
            schema: COLLECTION_SCHEMAS[name].schema as unknown as RxJsonSchema<unknown>,
            migrationStrategies: COLLECTION_SCHEMAS[name].migrationStrategies,
          },
        ]),
      ),
    );
    for (const name of REPLICATED_COLLECTIONS) {
      await collections[name]?.insert(sampleDocuments[name]);
      expect(await collections[name]?.count().exec(), name).toBe(1);
    }
    await expect(collections.requests?.insert({ ...sampleDocuments.requests, id: 'other', citizenId: null })).rejects.toThrow();
    await database.remove();
  });
});
