import Ajv from 'ajv';
import type { RxJsonSchema } from 'rxdb';
import { checkSchema } from 'rxdb/plugins/dev-mode';
import { describe, expect, it } from 'vitest';
import {
  REPLICATED_COLLECTIONS,
  type AssistedSessionDoc,
  type CitizenDoc,
  type EventDoc,
  type ProcedureDoc,
  type RequestDoc,
} from '../model';
import { matchesQuery } from '../search';
import {
  COLLECTION_SCHEMAS,
  categorySchema,
  citizenSchema,
  eventSchema,
  migrateToCurrent,
  replyTemplateSchema,
  requestSchema,
  schemaForVersion,
  settingsSchema,
  procedureSchema,
  assistedSessionSchema,
  splitFullName,
  toValidationSchema,
  type AnyCollectionSchema,
  type CategoryDocV0,
  type CitizenDocV0,
  type EventDocV0,
  type ReplyTemplateDocV0,
  type RequestDocV0,
  type SettingsDocV0,
} from './index';
import { sampleDocuments } from './samples';

// The compiler checks that each schema is usable as RxDB's own schema type.
const asRxDb: RxJsonSchema<RequestDoc>[] = [requestSchema];
const asRxDbOthers = [
  citizenSchema satisfies RxJsonSchema<CitizenDoc>,
  eventSchema satisfies RxJsonSchema<EventDoc>,
  categorySchema,
  replyTemplateSchema,
  settingsSchema,
  procedureSchema satisfies RxJsonSchema<ProcedureDoc>,
  assistedSessionSchema satisfies RxJsonSchema<AssistedSessionDoc>,
];

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });

function validatorFor(schema: AnyCollectionSchema) {
  return ajv.compile(toValidationSchema(schema));
}

function errorsOf(schema: AnyCollectionSchema, doc: unknown): string[] {
  const validate = validatorFor(schema);
  return validate(doc) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

function allSchemas(): AnyCollectionSchema[] {
  return REPLICATED_COLLECTIONS.flatMap((name) => {
    const definition = COLLECTION_SCHEMAS[name];
    return [definition.schema as AnyCollectionSchema, ...Object.values(definition.previousSchemas)];
  });
}

describe('collection schemas', () => {
  it('are accepted by RxDB, current and previous versions', () => {
    expect(asRxDb.length + asRxDbOthers.length).toBe(REPLICATED_COLLECTIONS.length);
    for (const schema of allSchemas()) {
      expect(() => checkSchema(schema as unknown as RxJsonSchema<unknown>), `${schema.title} v${schema.version}`).not.toThrow();
    }
  });

  it('require every field they describe but the optional ones of the model', () => {
    const optional = new Set(['citizens.civility']);
    for (const schema of allSchemas()) {
      const expected = Object.keys(schema.properties).filter((field) => !optional.has(`${schema.title}.${field}`));
      expect([...schema.required].sort(), `${schema.title} v${schema.version}`).toEqual(expected.sort());
    }
  });

  it('accept a resident whose civility is unknown, and refuse an unknown civility', () => {
    const { civility: _civility, ...unknown } = sampleDocuments.citizens;
    expect(errorsOf(citizenSchema as AnyCollectionSchema, unknown)).toEqual([]);
    expect(errorsOf(citizenSchema as AnyCollectionSchema, { ...unknown, civility: 'mlle' })).not.toEqual([]);
  });

  it('keep every earlier version for migration, with a strategy to each later one', () => {
    const NEW_AT_VERSION_0 = ['procedures', 'assistedsessions'];
    // version 2: the kind of a reply (domain/replies.ts)
    const AT_VERSION_2 = ['requests', 'replytemplates'];
    for (const name of REPLICATED_COLLECTIONS) {
      const current = COLLECTION_SCHEMAS[name].schema.version;
      expect(current, name).toBe(NEW_AT_VERSION_0.includes(name) ? 0 : AT_VERSION_2.includes(name) ? 2 : 1);
      for (let version = 0; version <= current; version += 1)
        expect(schemaForVersion(name, version)?.version, `${name} v${version}`).toBe(version);
      for (let version = 1; version <= current; version += 1)
        expect(COLLECTION_SCHEMAS[name].migrationStrategies[version], `${name} → v${version}`).toBeTypeOf('function');
      expect(schemaForVersion(name, current + 1)).toBeNull();
    }
  });

  it('refuse an assisted session with an unknown outcome, a fractional time, a bad follow-up date, and a procedure address that is not https', () => {
    const session = sampleDocuments.assistedsessions;
    const schema = assistedSessionSchema as AnyCollectionSchema;
    expect(errorsOf(schema, { ...session, followUpDate: '' })).toEqual([]);
    expect(errorsOf(schema, { ...session, outcome: 'abandoned' })).not.toEqual([]);
    expect(errorsOf(schema, { ...session, minutesSpent: 12.5 })).not.toEqual([]);
    expect(errorsOf(schema, { ...session, followUpDate: '19/03/2026' })).not.toEqual([]);
    expect(errorsOf(procedureSchema as AnyCollectionSchema, { ...sampleDocuments.procedures, url: 'http://ants.gouv.fr/' })).not.toEqual(
      [],
    );
  });

  it('accept the sample document of each collection, which the compiler checks against the model', () => {
    for (const name of REPLICATED_COLLECTIONS) {
      expect(errorsOf(COLLECTION_SCHEMAS[name].schema as AnyCollectionSchema, sampleDocuments[name]), name).toEqual([]);
    }
  });

  it('accept a pulled document marked deleted', () => {
    expect(errorsOf(requestSchema as AnyCollectionSchema, { ...sampleDocuments.requests, _deleted: true })).toEqual([]);
  });

  it('refuse a null citizen, an unknown field, a local time and an impossible status', () => {
    const schema = requestSchema as AnyCollectionSchema;
    expect(errorsOf(schema, { ...sampleDocuments.requests, citizenId: null })).not.toEqual([]);
    expect(errorsOf(schema, { ...sampleDocuments.requests, citizenName: 'X' })).not.toEqual([]);
    expect(errorsOf(schema, { ...sampleDocuments.requests, receivedAt: '2026-03-12T10:15' })).not.toEqual([]);
    expect(errorsOf(schema, { ...sampleDocuments.requests, receivedAt: '2026-03-12T10:15:00+01:00' })).not.toEqual([]);
    expect(errorsOf(schema, { ...sampleDocuments.requests, status: 'done' })).not.toEqual([]);
    expect(errorsOf(schema, { ...sampleDocuments.requests, channelFacts: { postmarkDate: '10/03/2026' } })).not.toEqual([]);
  });

  it('accept an anonymous request and a request without location', () => {
    const anonymous = { ...sampleDocuments.requests, citizenId: '', location: null };
    expect(errorsOf(requestSchema as AnyCollectionSchema, anonymous)).toEqual([]);
  });
});

function migrated<Name extends (typeof REPLICATED_COLLECTIONS)[number]>(name: Name, oldDoc: object) {
  const v0 = schemaForVersion(name, 0);
  if (!v0) throw new Error('no v0');
  expect(errorsOf(v0, oldDoc), `${name} v0 sample`).toEqual([]);
  const doc = migrateToCurrent(name, oldDoc, 0);
  expect(errorsOf(COLLECTION_SCHEMAS[name].schema as AnyCollectionSchema, doc), `${name} migrated`).toEqual([]);
  return doc;
}

const { searchText: _searchText, flags: _flags, onBehalf: _onBehalf, ...requestFieldsKeptFromV0 } = sampleDocuments.requests;

describe('migration from version 0', () => {
  it('turns an anonymous v0 request into a v1 one found by the old copied name', () => {
    const old: RequestDocV0 = { ...requestFieldsKeptFromV0, citizenId: null, citizenName: 'LEFÈVRE Hélène', needsMayor: true };
    const doc = migrated('requests', old);
    expect(doc.citizenId).toBe('');
    expect(doc.flags).toEqual({ needsMayor: true, sensitive: false });
    expect(doc.onBehalf).toBeNull();
    expect(matchesQuery(doc.searchText, 'lefevre 2026-A-0042 st eloi')).toBe(true);
    expect(doc).not.toHaveProperty('citizenName');
  });

  it('splits the full name of a v0 resident and fills the lookup fields', () => {
    const old: CitizenDocV0 = {
      id: 'b1',
      communeId: 'c1',
      fullName: 'LE GALL Marie-Thérèse',
      phone: '+33 6 12 34 56 78',
      email: '',
      address: '',
      postalCode: '',
      city: '',
      createdAt: '2024-02-01T10:00:00.000Z',
      updatedAt: '2024-02-01T10:00:00.000Z',
    };
    const doc = migrated('citizens', old);
    expect(doc).toMatchObject({
      firstName: 'Marie-Thérèse',
      lastName: 'LE GALL',
      searchName: 'le gall marie therese',
      searchPhone: '0612345678',
    });
    expect(doc).toMatchObject({ birthDate: '', notes: '', mergedInto: null });
  });

  it('moves a v0 event’s single field into the list and nulls into empty references', () => {
    const { fields: _fields, deviceId: _deviceId, ...kept } = sampleDocuments.events;
    const old: EventDocV0 = { ...kept, requestId: null, citizenId: 'a3f9', field: 'status' };
    const doc = migrated('events', old);
    expect(doc).toMatchObject({ requestId: '', citizenId: 'a3f9', fields: ['status'], deviceId: '' });
  });

  it('gives v0 categories no implicit decision rather than a wrong one', () => {
    const {
      implicitDecision: _a,
      implicitDecisionMonths: _b,
      remedies: _c,
      requiredPieces: _d,
      retentionMonths: _e,
      ...kept
    } = sampleDocuments.categories;
    const old: CategoryDocV0 = kept;
    expect(migrated('categories', old)).toMatchObject({ implicitDecision: 'none', implicitDecisionMonths: 2, requiredPieces: [] });
  });

  it('turns a v0 template’s single category into a list, and null into every category', () => {
    const { categoryIds: _ids, kind: _kind, ...kept } = sampleDocuments.replytemplates;
    const forOne: ReplyTemplateDocV0 = { ...kept, categoryId: 'cat-voirie' };
    const forAll: ReplyTemplateDocV0 = { ...kept, categoryId: null };
    expect(migrated('replytemplates', forOne).categoryIds).toEqual(['cat-voirie']);
    expect(migrated('replytemplates', forAll).categoryIds).toEqual([]);
  });

  it('makes every v0/v1 template a final answer, except the catalogue’s holding and pieces ones', () => {
    const { categoryIds: _ids, kind: _kind, ...kept } = sampleDocuments.replytemplates;
    expect(migrated('replytemplates', { ...kept, categoryId: null }).kind).toBe('final');
    expect(migrated('replytemplates', { ...kept, categoryId: null, title: 'Demande bien reçue, en cours de traitement' }).kind).toBe(
      'holding',
    );
    expect(migrated('replytemplates', { ...kept, categoryId: null, title: 'Pièces complémentaires à fournir' }).kind).toBe('pieces');
  });

  it('makes the answer of a v0/v1 request a final one: it had moved the request to answered', () => {
    const answer = {
      text: 'Réparé.',
      templateId: null,
      answeredAt: '2026-03-13T10:00:00.000Z',
      by: 'u1',
      approvedBy: null,
      approvedAt: null,
    };
    const old: RequestDocV0 = {
      ...requestFieldsKeptFromV0,
      status: 'answered',
      answer,
      citizenId: null,
      citizenName: 'LEFÈVRE Hélène',
      needsMayor: false,
    };
    expect(migrated('requests', old).answer).toEqual({ ...answer, kind: 'final' });
    expect(migrated('requests', { ...old, answer: null }).answer).toBeNull();
  });

  it('derives Alsace-Moselle from the INSEE code of v0 settings', () => {
    const { alsaceMoselle: _a, epciId: _b, users, ...kept } = sampleDocuments.settings;
    const old: SettingsDocV0 = { ...kept, inseeCode: '67482', users: users.map(({ active: _active, ...user }) => user) };
    const doc = migrated('settings', old);
    expect(doc.alsaceMoselle).toBe(true);
    expect(doc.users.every((user) => user.active)).toBe(true);
    expect(migrated('settings', { ...old, inseeCode: '54578' }).alsaceMoselle).toBe(false);
  });
});

describe('splitFullName', () => {
  it('takes capitalised words as the last name, wherever they are', () => {
    expect(splitFullName('Marie DUPONT')).toEqual({ firstName: 'Marie', lastName: 'DUPONT' });
    expect(splitFullName('DUPONT Jean-Pierre')).toEqual({ firstName: 'Jean-Pierre', lastName: 'DUPONT' });
  });

  it('keeps particles with the last name when nothing is capitalised', () => {
    expect(splitFullName('Marie de la Fontaine')).toEqual({ firstName: 'Marie', lastName: 'de la Fontaine' });
  });

  it('takes one word as a last name and survives empty input', () => {
    expect(splitFullName('Dupont')).toEqual({ firstName: '', lastName: 'Dupont' });
    expect(splitFullName('   ')).toEqual({ firstName: '', lastName: '' });
  });
});
