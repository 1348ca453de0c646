/**
 * The store's two speed-ups keep RxDB's behaviour (database.ts):
 * - the fast document checks give z-schema's verdict on valid documents and
 *   on documents broken in every way the checks must catch;
 * - the query wrapper returns what the storage itself returns, in the same
 *   order, for the app's kinds of queries and counts (here on the memory
 *   storage; `npm run bench` compares with RxDB's Dexie query in Chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fillWithDefaultSettings,
  type MangoQuery,
  type RxCollection,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageInstance,
} from 'rxdb';
import { getValidator as getZSchemaValidator } from 'rxdb/plugins/validate-z-schema';
import { generateDemoCommune } from '../../../domain/demo';
import { REPLICATED_COLLECTIONS, type RequestDoc } from '../../../domain/model';
import { COLLECTION_SCHEMAS } from '../../../domain/schemas';
import { sampleDocuments } from '../../../domain/schemas/samples';
import { OPEN_STATUSES } from '../../../domain/statuses';
import type { GuichetDatabase } from './database';
import { compileSchemaCheck, fastValidator } from './rxdb/fast-validate';
import { blobSchema, draftSchema } from './local-schemas';
import { openTestDatabase } from './testing';
import { toPlain } from './plain';

type Json = Record<string, unknown>;

const META = { _deleted: false, _rev: '1-a1b2c3', _meta: { lwt: 1_763_719_200_123.45 }, _attachments: {} };

function filled(schema: unknown): RxJsonSchema<RxDocumentData<Json>> {
  return fillWithDefaultSettings(schema as RxJsonSchema<Json>);
}

/** Every document of the demo commune and the shared samples, by collection, as RxDB stores them. */
function validDocuments(): Record<string, Json[]> {
  const demo = generateDemoCommune({ requests: 60 });
  const withMeta = (docs: readonly object[]) => docs.map((doc) => ({ ...doc, ...META }));
  return {
    requests: withMeta([sampleDocuments.requests, ...demo.requests]),
    citizens: withMeta([sampleDocuments.citizens, ...demo.citizens.slice(0, 40)]),
    events: withMeta([sampleDocuments.events, ...demo.events.slice(0, 80)]),
    categories: withMeta([sampleDocuments.categories, ...demo.categories]),
    replytemplates: withMeta([sampleDocuments.replytemplates, ...demo.replyTemplates]),
    settings: withMeta([sampleDocuments.settings, demo.settings]),
    drafts: withMeta([{ id: 'intake', form: 'intake', json: '{"subject":"Lampadaire"}', savedAt: '2026-11-20T09:00:00.000Z' }]),
    blobs: withMeta([
      { id: 'a'.repeat(64), mimeType: 'application/pdf', size: 1234, uploaded: false, createdAt: '2026-11-20T09:00:00.000Z' },
    ]),
  };
}

const SCHEMAS: Record<string, RxJsonSchema<RxDocumentData<Json>>> = {
  ...Object.fromEntries(REPLICATED_COLLECTIONS.map((name) => [name, filled(COLLECTION_SCHEMAS[name].schema)])),
  drafts: filled(draftSchema),
  blobs: filled(blobSchema),
};

/** Values that break, or stretch to their limits, the constraints of the schemas. */
const STRANGE_VALUES: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1e16,
  true,
  '',
  'x',
  '2026-11-20',
  '2026-11-20T09:00:00Z',
  [],
  ['x'],
  {},
  { x: 1 },
  '😀'.repeat(24),
  '😀'.repeat(25),
  '😀'.repeat(64),
  '😀'.repeat(65),
  'a'.repeat(201),
  'a'.repeat(1_001),
  Array.from({ length: 1_001 }, () => 'x'),
];

/** The document with the value at `path` replaced (or removed, for `undefined` with `remove`). */
function changed(doc: Json, path: Array<string | number>, value: unknown, remove = false): Json {
  const copy = structuredClone(doc) as Json;
  let parent: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = value;
  }
  return copy;
}

function valueAt(doc: Json, path: Array<string | number>): unknown {
  let value: unknown = doc;
  for (const step of path) value = (value as Record<string | number, unknown>)[step];
  return value;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Paths of every value in the document, nested ones included (arrays: their first item). */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.length > 0 ? [[...prefix, 0], ...pathsOf(value[0], [...prefix, 0])] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

describe('fast document checks', () => {
  it('cover every schema of the app, so that z-schema only sees refused documents', () => {
    for (const [name, schema] of Object.entries(SCHEMAS)) expect(compileSchemaCheck(schema), name).not.toBeNull();
  });

  it('give z-schema’s verdict on valid documents and on each one broken field by field', () => {
    let compared = 0;
    let refused = 0;
    for (const [name, docs] of Object.entries(validDocuments())) {
      const schema = SCHEMAS[name]!;
      const check = compileSchemaCheck(schema)!;
      const validate = fastValidator(schema as RxJsonSchema<unknown>);
      const reference = getZSchemaValidator(schema);
      const agree = (doc: Json, what: string) => {
        const expected = reference(doc).length === 0;
        // What RxDB is told; the closures never pass what z-schema refuses. (They may refuse what
        // z-schema lets through: it passes an undefined value where an enum is, then z-schema answers.)
        expect(validate(doc).length === 0, `${name} ${what}`).toBe(expected);
        if (check(doc)) expect(expected, `${name} ${what}: passed by the closures only`).toBe(true);
        compared += 1;
        if (!expected) refused += 1;
      };
      for (const doc of docs.slice(0, 1)) {
        agree(doc, 'as is');
        agree({ ...doc, extra: 'x' }, 'with an unknown field');
        for (const path of pathsOf(doc)) {
          agree(changed(doc, path, undefined, true), `without ${path.join('.')}`);
          for (const value of STRANGE_VALUES) agree(changed(doc, path, value), `${path.join('.')} = ${String(value).slice(0, 20)}`);
          if (isObject(valueAt(doc, path))) agree(changed(doc, [...path, 'extra'], 'x'), `${path.join('.')}.extra`);
        }
      }
      for (const doc of docs) agree(doc, `${String(doc.id)} as is`);
    }
    expect(compared).toBeGreaterThan(4_000);
    expect(refused).toBeGreaterThan(compared / 2);
  });

  it('fall back to z-schema for keywords they do not implement', () => {
    expect(compileSchemaCheck({ type: 'object', properties: { a: { type: 'string', format: 'email' } } })).toBeNull();
    expect(compileSchemaCheck({ anyOf: [{ type: 'string' }] })).toBeNull();
    expect(compileSchemaCheck({ type: 'number', minimum: 0, exclusiveMinimum: true })).toBeNull();
    expect(compileSchemaCheck({ type: 'array', items: [{ type: 'string' }] })).toBeNull();
  });
});

describe('query wrapper', () => {
  let db: GuichetDatabase;
  const demo = generateDemoCommune({ requests: 400 });
  const today = demo.today;

  beforeAll(async () => {
    db = await openTestDatabase();
    await db.categories.bulkInsert(demo.categories);
    await db.citizens.bulkInsert(demo.citizens);
    // Ties on the sorted fields, to check the order of equal values.
    const requests: RequestDoc[] = demo.requests.map((request, index) =>
      index % 5 === 0 ? { ...request, receivedAt: demo.requests[0]!.receivedAt } : request,
    );
    await db.requests.bulkInsert(requests);
    await db.events.bulkInsert(demo.events);
    // A deleted request must stay out of every answer.
    await (await db.requests.findOne(demo.requests[7]!.id).exec())?.remove();
  });

  afterAll(async () => {
    await db.close();
  });

  const open = [...OPEN_STATUSES];
  const ids = demo.requests.slice(0, 30).map((request) => request.id);
  type Collection = 'requests' | 'citizens' | 'events';
  const queries: Array<[string, Collection, MangoQuery<Json>]> = [
    ['open requests by due date', 'requests', { selector: { status: { $in: open } }, sort: [{ dueAt: 'asc' }], limit: 50 }],
    ['their second page', 'requests', { selector: { status: { $in: open } }, sort: [{ dueAt: 'asc' }], skip: 10, limit: 20 }],
    ['late requests', 'requests', { selector: { status: { $in: open }, dueAt: { $lt: today } }, sort: [{ dueAt: 'asc' }], limit: 20 }],
    ['open mail, newest first', 'requests', { selector: { status: { $in: open }, channel: 'mail' }, sort: [{ receivedAt: 'desc' }] }],
    [
      'a repeated status',
      'requests',
      { selector: { status: { $in: ['new', 'new', 'closed'] } }, sort: [{ reference: 'desc' }], limit: 15 },
    ],
    ['new requests, newest first (ties)', 'requests', { selector: { status: 'new' }, sort: [{ receivedAt: 'desc' }], limit: 20 }],
    ['search results, open', 'requests', { selector: { id: { $in: ids }, status: { $in: open } }, sort: [{ dueAt: 'asc' }], limit: 10 }],
    ['search results, newest first', 'requests', { selector: { id: { $in: ids } }, sort: [{ receivedAt: 'desc' }], skip: 3, limit: 10 }],
    [
      'the highest reference',
      'requests',
      { selector: { reference: { $gte: '2026-A-', $lt: '2026-A-\uffff' } }, sort: [{ reference: 'desc' }], limit: 1 },
    ],
    ['a page by id', 'requests', { selector: { id: { $gt: ids[3]! } }, sort: [{ id: 'asc' }], limit: 100 }],
    ['every request by id', 'requests', { sort: [{ id: 'asc' }] }],
    ['residents by name', 'citizens', { selector: {}, sort: [{ searchName: 'asc' }], limit: 25 }],
    ['a request’s journal', 'events', { selector: { requestId: demo.requests[2]!.id }, sort: [{ at: 'asc' }] }],
  ];

  function storageOf(collection: Collection): { rx: RxCollection<Json>; instance: RxStorageInstance<Json, unknown, unknown> } {
    const rx = db[collection] as unknown as RxCollection<Json>;
    return { rx, instance: rx.internalStorageInstance as RxStorageInstance<Json, unknown, unknown> };
  }

  it.each(queries)('answers %s as the storage does, and counts them alike', async (_label, collection, query) => {
    const { rx, instance } = storageOf(collection);
    const original = Object.getPrototypeOf(instance) as RxStorageInstance<Json, unknown, unknown>;
    const prepared = rx.find(query).getPreparedQuery();
    const mine = (await instance.query(prepared)).documents.map((doc) => doc.id);
    const theirs = (await original.query.call(instance, prepared)).documents.map((doc) => doc.id);
    expect(theirs.length).toBeGreaterThan(0);
    expect(mine).toEqual(theirs);

    const countPrepared = rx.count({ selector: query.selector ?? {} }).getPreparedQuery();
    const count = await instance.count(countPrepared);
    expect(count.count).toBe((await original.count.call(instance, countPrepared)).count);
  });

  it('answers the RxDB API the same through the wrapper', async () => {
    const found = await db.requests.find({ selector: { status: { $in: open } }, sort: [{ dueAt: 'asc' }], limit: 50 }).exec();
    const all = (await db.requests.find().exec()).map((doc) => toPlain(doc));
    const expected = all
      .filter((request) => open.includes(request.status))
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1))
      .slice(0, 50)
      .map((request) => request.id);
    expect(found.map((doc) => doc.id)).toEqual(expected);
    expect(await db.requests.count({ selector: { id: { $in: ids } } }).exec()).toBe(ids.length - 1); // one was deleted
  });
});
