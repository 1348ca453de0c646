/**
 * The benchmark harness: runs in Chromium, on the app's origin, with the
 * renderer's real modules (openDatabase, saveIntake, RequestSearchIndex,
 * buildRequestQuery) over RxDB on Dexie over IndexedDB.
 */
import { removeRxDatabase, uncacheRxQuery, type MangoQuery, type RxCollection, type RxDocumentData, type RxQuery } from 'rxdb';
import { getRxStorageDexie, RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import { generateDemoCommune, type DemoCommune } from '../../domain/demo';
import { STATUSES, type CitizenDoc, type RequestDoc } from '../../domain/model';
import { openDatabase, type GuichetDatabase } from '../../renderer/src/db/database';
import type { Actor } from '../../renderer/src/db/journal';
import { emptyIntakeForm, type IntakeForm } from '../../renderer/src/intake/form-state';
import { saveIntake } from '../../renderer/src/intake/save';
import { buildRequestQuery, DEFAULT_FILTERS, type RequestFilters } from '../../renderer/src/db/request-filters';
import { RequestSearchIndex } from '../../renderer/src/db/search-index';
import { newDeviceState, readDevice, writeDevice, type DeviceState } from '../../renderer/src/session/device';
import { todayISO } from '../../renderer/src/ui/format';
import { generateCommune } from '../generate';
import { median, round1, timeSummary, type BenchResult } from '../stats';
import type { BenchHarness, CheckReport, FillOptions, FillReport, SampleOptions } from './api';
import { OPEN_STATUSES } from '../../renderer/src/session/queries';
// The sync benchmarks' side of the page (window.guichetSyncBench).
import './sync';

/** The app's database name (renderer/src/main.tsx): the app started afterwards opens this data. */
const DATABASE_NAME = 'guichet';
const PAGE = 50;
/** A query nothing matches: the whole index is scanned. */
const NOTHING = 'zzqx';

interface Commune {
  db: GuichetDatabase;
  demo: DemoCommune;
  device: DeviceState;
  /** a sample of generated residents and requests to type queries from */
  citizens: CitizenDoc[];
  requests: RequestDoc[];
}

let current: Commune | null = null;

function state(text: string): void {
  const element = document.getElementById('state');
  if (element) element.textContent = text;
}

async function fill(options: FillOptions): Promise<FillReport> {
  const storage = getRxStorageDexie();
  await removeRxDatabase(DATABASE_NAME, storage);
  const db = await openDatabase({ name: DATABASE_NAME, storage });
  // The commune's identity, users, categories and reply templates are the demo commune's;
  // its residents, requests and journal are the generated ones.
  const demo = generateDemoCommune({ today: todayISO(), requests: 0 });
  await db.categories.bulkInsert(demo.categories);
  await db.replytemplates.bulkInsert(demo.replyTemplates);
  await db.settings.insert(demo.settings);
  const device = newDeviceState(demo.settings.communeId, demo.users.secretary.id);
  await writeDevice(db, device);

  state('Génération…');
  let started = performance.now();
  // Received over the four years before now, so that Aujourd'hui has late, due and new requests.
  const generated = generateCommune({
    communeId: demo.settings.communeId,
    categories: demo.categories,
    citizens: options.citizens,
    requests: options.requests,
    seed: options.seed,
    until: new Date(),
  });
  const generateMs = performance.now() - started;

  started = performance.now();
  await insertAll(db, 'citizens', generated.citizens, options.batch);
  await insertAll(db, 'requests', generated.requests, options.batch);
  await insertAll(db, 'events', generated.events, options.batch);
  const insertMs = performance.now() - started;
  state('Rempli.');

  current = {
    db,
    demo,
    device,
    citizens: generated.citizens.filter((_, index) => index % CITIZEN_STRIDE === 0),
    requests: generated.requests.filter((_, index) => index % REQUEST_STRIDE === 0),
  };
  return {
    requests: generated.requests.length,
    citizens: generated.citizens.length,
    events: generated.events.length,
    generateMs: Math.round(generateMs),
    insertMs: Math.round(insertMs),
  };
}

/** Every n-th generated resident and request is kept to type queries from. */
const CITIZEN_STRIDE = 997;
const REQUEST_STRIDE = 4_999;

/** Generated ids are `c-` / `r-` and a 12-digit hex number (bench/generate.ts). */
function generatedId(prefix: string, index: number): string {
  return `${prefix}${index.toString(16).padStart(12, '0')}`;
}

async function attach(options: FillOptions): Promise<boolean> {
  const db = await openDatabase({ name: DATABASE_NAME, storage: getRxStorageDexie() });
  const device = await readDevice(db);
  const stored = await db.requests.count().exec();
  if (!device || stored < options.requests) {
    await db.close();
    return false;
  }
  const ids = (prefix: string, count: number, stride: number) =>
    Array.from({ length: Math.ceil(count / stride) }, (_, i) => generatedId(prefix, i * stride));
  const found = async <T>(collection: 'citizens' | 'requests', wanted: string[]): Promise<T[]> => {
    const docs = await db[collection].findByIds(wanted).exec();
    return wanted.flatMap((id) => {
      const doc = docs.get(id);
      return doc ? [doc.toJSON() as T] : [];
    });
  };
  current = {
    db,
    demo: generateDemoCommune({ today: todayISO(), requests: 0 }),
    device,
    citizens: await found<CitizenDoc>('citizens', ids('c-', options.citizens, CITIZEN_STRIDE)),
    requests: await found<RequestDoc>('requests', ids('r-', options.requests, REQUEST_STRIDE)),
  };
  return true;
}

async function insertAll<Name extends 'citizens' | 'requests' | 'events'>(
  db: GuichetDatabase,
  name: Name,
  docs: Parameters<GuichetDatabase[Name]['bulkInsert']>[0],
  batch: number,
): Promise<void> {
  for (let start = 0; start < docs.length; start += batch) {
    state(`${name} ${start} / ${docs.length}`);
    const result = await (db[name].bulkInsert as (docs: unknown[]) => Promise<{ error: unknown[] }>)(docs.slice(start, start + batch));
    if (result.error.length > 0)
      throw new Error(`${name}: ${result.error.length} documents refused, first: ${JSON.stringify(result.error[0])}`);
  }
}

/** Closes and opens the database again: empty query and document caches, as after a start. */
async function reopen(): Promise<GuichetDatabase> {
  const commune = need();
  await commune.db.close();
  commune.db = await openDatabase({ name: DATABASE_NAME, storage: getRxStorageDexie() });
  return commune.db;
}

function need(): Commune {
  if (!current) throw new Error('fill() first');
  return current;
}

/** Runs a query from cold: RxDB would otherwise answer a repeated query from its query cache without reading the store. */
async function cold<T>(db: GuichetDatabase, query: RxQuery<RequestDoc, T>): Promise<T> {
  try {
    return await query.exec();
  } finally {
    uncacheRxQuery(db.requests._queryCache, query);
  }
}

/** The words a secretary types: names with and without accents, references, tracking codes, words of subjects. */
/** The positions in typedQueries() of the queries taken from the commune's own documents. */
const TAKEN_FROM_COMMUNE = { from: 7, to: 11 };

function typedQueries(commune: Commune): string[] {
  const someone = commune.citizens[3] ?? commune.citizens[0]!;
  const request = commune.requests[5] ?? commune.requests[0]!;
  const other = commune.requests[11] ?? commune.requests[0]!;
  return [
    'Hélène Lefèvre',
    'helene lefevre',
    'lefevre hel',
    `${someone.lastName} ${someone.firstName}`,
    'Œuvray',
    'oeuvray zoe',
    'francois',
    request.reference,
    other.reference.slice(0, 9),
    request.trackingCode,
    other.trackingCode.toLowerCase(),
    'lampadaire',
    'acte de naissance',
    'salle des fetes',
    'nid-de-poule dupont',
    NOTHING,
  ];
}

/** Every prefix of the query, as typed key by key; blank ones show the plain list and are left out. */
function keystrokes(query: string): string[] {
  const out: string[] = [];
  for (let length = 1; length <= query.length; length += 1) {
    const typed = query.slice(0, length);
    if (typed.trim()) out.push(typed);
  }
  return out;
}

/** Takes samples until `options.samples` or, past a few, until the budget is spent. */
async function sample(options: SampleOptions, take: (index: number) => Promise<void>): Promise<void> {
  const begun = performance.now();
  for (let i = 0; i < options.samples; i += 1) {
    if (i >= 3 && performance.now() - begun > options.budgetMs) break;
    await take(i);
  }
}

let searchIndex: RequestSearchIndex | null = null;

/** The search index, loaded from scratch as the app does after its first screen. */
async function loadIndex(options: SampleOptions): Promise<BenchResult[]> {
  state('Index de recherche…');
  const loads: number[] = [];
  await sample(options, async () => {
    searchIndex?.close();
    // A database opened afresh, as in the app: RxDB would otherwise answer the pages from its query cache.
    const db = await reopen();
    searchIndex = new RequestSearchIndex(db);
    const started = performance.now();
    await searchIndex.load();
    loads.push(performance.now() - started);
    if (searchIndex.size < 1) throw new Error('the search index loaded nothing');
  });
  return [{ name: 'store.searchIndex.loadMs', value: round1(median(loads)), unit: 'ms', n: loads.length }];
}

/**
 * Search as you type, as the Demandes screen does on each key, with its default filters:
 * the index gives ids, the store the first page. The screen also counts what matches
 * ("n demandes"), measured apart.
 */
async function search(options: SampleOptions): Promise<BenchResult[]> {
  const commune = need();
  const { db } = commune;
  const index = searchIndex;
  if (!index?.ready) throw new Error('loadIndex() first');
  state('Recherche…');
  const today = todayISO();
  const typed = typedQueries(commune).flatMap((query) => keystrokes(query).map((text) => ({ query, text })));
  // Names drawn at random may not exist in a small commune; these are taken from the commune itself.
  const mustFind = new Set(typedQueries(commune).slice(TAKEN_FROM_COMMUNE.from, TAKEN_FROM_COMMUNE.to));
  const times: number[] = [];
  const countTimes: number[] = [];
  await sample(options, async (i) => {
    const { query, text } = typed[i % typed.length]!;
    const started = performance.now();
    const ids = index.search(text);
    const page = await cold(db, db.requests.find(buildRequestQuery(DEFAULT_FILTERS, today, ids, PAGE)));
    const found = performance.now();
    await cold(db, db.requests.count({ selector: buildRequestQuery(DEFAULT_FILTERS, today, ids, 1).selector }));
    countTimes.push(performance.now() - found);
    times.push(found - started);
    if (text === query && mustFind.has(query) && ids.length === 0) throw new Error(`search found nothing for "${query}"`);
    if (page.length > PAGE) throw new Error('the first page is longer than a page');
  });
  return [...timeSummary('store.search', times), ...timeSummary('store.searchCount', countTimes)];
}

/** The list filtered by status, sorted by due date, first page: 'open' (the screen's default) and each status in turn. */
async function list(options: SampleOptions): Promise<BenchResult[]> {
  const { db } = need();
  state('Liste…');
  const today = todayISO();
  const statuses: Array<RequestFilters['status']> = ['open', ...STATUSES];
  const times: number[] = [];
  const countTimes: number[] = [];
  await sample(options, async (i) => {
    const status = statuses[i % statuses.length]!;
    const filters: RequestFilters = { ...DEFAULT_FILTERS, status, sort: 'dueAt' };
    const started = performance.now();
    const page = await cold(db, db.requests.find(buildRequestQuery(filters, today, null, PAGE)));
    const listed = performance.now();
    await cold(db, db.requests.count({ selector: buildRequestQuery(filters, today, null, 1).selector }));
    countTimes.push(performance.now() - listed);
    times.push(listed - started);
    if (page.length !== PAGE) throw new Error(`the list of "${status}" has ${page.length} requests, not a full page`);
  });
  return [...timeSummary('store.list', times), ...timeSummary('store.listCount', countTimes)];
}

/** Saving from the intake form, with the search index following changes as in the app. */
async function save(options: SampleOptions): Promise<BenchResult[]> {
  state('Enregistrement…');
  searchIndex?.close();
  await reopen();
  searchIndex = new RequestSearchIndex(need().db);
  await searchIndex.load();
  const { first, times, existing, created } = await benchSave(need(), options);
  state('Mesuré.');
  return [
    { name: 'store.save.firstMs', value: round1(first), unit: 'ms', n: 1 },
    ...timeSummary('store.save', times),
    ...timeSummary('store.save.knownResident', existing),
    ...timeSummary('store.save.newResident', created),
  ];
}

/** The first save after the database is opened (its queries are cold), then `options.samples` after a warm-up. */
async function benchSave(
  commune: Commune,
  options: SampleOptions,
): Promise<{ first: number; times: number[]; existing: number[]; created: number[] }> {
  const { db, demo, device } = commune;
  const secretary = demo.users.secretary;
  const actor: Actor = { actorId: secretary.id, actorName: secretary.name, deviceId: device.deviceId, communeId: device.communeId };
  const categories = demo.categories.filter((category) => category.active);
  const times: number[] = [];
  const existing: number[] = [];
  const created: number[] = [];
  let first = Number.NaN;
  const warmUp = 10;
  await sample({ samples: warmUp + options.samples, budgetMs: options.budgetMs }, async (i) => {
    const category = categories[i % categories.length]!;
    const form: IntakeForm = {
      ...emptyIntakeForm(i % 3 === 0 ? 'phone' : 'counter'),
      categoryId: category.id,
      subject: `Demande de banc d’essai n° ${i}`,
      description: 'Saisie au guichet pendant le banc d’essai.',
    };
    // Half with an existing resident's file, half with a new resident created on save.
    if (i % 2 === 0) {
      form.citizenId = commune.citizens[i % commune.citizens.length]!.id;
    } else {
      form.citizen = { ...form.citizen, lastName: 'Banc', firstName: `Essai ${i}`, phone: '06 12 34 56 78' };
    }
    const started = performance.now();
    const { request } = await saveIntake(db, form, { actor, devicePrefix: device.devicePrefix, settings: demo.settings, category });
    const elapsed = performance.now() - started;
    if (!request.reference) throw new Error('saved without a reference');
    if (i === 0) first = elapsed;
    if (i >= warmUp) {
      times.push(elapsed);
      (i % 2 === 0 ? existing : created).push(elapsed);
    }
  });
  return { first, times, existing, created };
}

/** A query of the app's kinds, on one collection. */
type CheckedQuery = { collection: 'requests' | 'citizens' | 'events'; query: MangoQuery<Record<string, unknown>>; count?: boolean };

function checkedQueries(commune: Commune): CheckedQuery[] {
  const today = todayISO();
  const year = new Date().getFullYear();
  const request = commune.requests[3] ?? commune.requests[0]!;
  const queries: CheckedQuery[] = [];
  const list = (filters: Partial<RequestFilters>, ids: string[] | null = null, limit = PAGE) =>
    buildRequestQuery({ ...DEFAULT_FILTERS, ...filters }, today, ids, limit) as MangoQuery<Record<string, unknown>>;
  for (const status of ['', 'open', 'new', 'closed'] as const) {
    for (const sort of ['dueAt', 'receivedAt', 'reference'] as const)
      queries.push({ collection: 'requests', query: list({ status, sort }) });
  }
  queries.push({ collection: 'requests', query: list({ status: 'open', lateOnly: true }) });
  queries.push({ collection: 'requests', query: list({ status: 'open', channel: 'phone', sort: 'receivedAt' }, null, PAGE * 3) });
  queries.push({ collection: 'requests', query: { ...list({ status: 'in_progress' }), skip: 20 } });
  // So selective that reading along the sort's index gives up, and the range is read whole.
  const category = commune.demo.categories[0]!.id;
  queries.push({
    collection: 'requests',
    query: list({ status: 'rejected', channel: 'elected', categoryId: category, sort: 'receivedAt' }),
  });
  const ids = commune.requests.slice(0, 15).map((doc) => doc.id);
  queries.push({ collection: 'requests', query: list({ status: 'open' }, ids) });
  queries.push({ collection: 'requests', query: list({ status: '' }, ids) });
  for (const query of [
    list({ status: 'open' }),
    list({ status: 'open', lateOnly: true }),
    list({ status: 'waiting_citizen', channel: 'mail' }),
    list({ status: 'open' }, ids),
  ]) {
    queries.push({ collection: 'requests', query: { selector: query.selector }, count: true });
  }
  // Aujourd'hui
  const open: string[] = [...OPEN_STATUSES];
  queries.push({ collection: 'requests', query: { selector: { status: 'new' }, sort: [{ receivedAt: 'desc' }], limit: 20 } });
  queries.push({
    collection: 'requests',
    query: { selector: { status: { $in: open }, dueAt: { $lt: today } }, sort: [{ dueAt: 'asc' }], limit: 20 },
  });
  queries.push({
    collection: 'requests',
    query: { selector: { status: { $in: open }, dueAt: today }, sort: [{ receivedAt: 'asc' }], limit: 20 },
  });
  queries.push({ collection: 'requests', query: { selector: { status: 'waiting_citizen' }, sort: [{ dueAt: 'asc' }], limit: 20 } });
  // the next reference, the resident's file, the search index's pages
  const start = `${year}-A-`;
  queries.push({
    collection: 'requests',
    query: { selector: { reference: { $gte: start, $lt: `${start}\uffff` } }, sort: [{ reference: 'desc' }], limit: 1 },
  });
  queries.push({ collection: 'requests', query: { selector: { reference: request.reference } } });
  queries.push({ collection: 'requests', query: { selector: { reference: request.reference }, limit: 1 } });
  queries.push({ collection: 'requests', query: { selector: { citizenId: request.citizenId }, sort: [{ receivedAt: 'desc' }] } });
  queries.push({ collection: 'requests', query: { selector: { id: { $gt: '' } }, sort: [{ id: 'asc' }], limit: 5_000 } });
  queries.push({
    collection: 'requests',
    query: {
      selector: { id: { $gt: commune.requests[Math.floor(commune.requests.length / 3)]!.id } },
      sort: [{ id: 'asc' }],
      limit: 5_000,
    },
  });
  queries.push({ collection: 'citizens', query: { sort: [{ id: 'asc' }] } });
  queries.push({
    collection: 'citizens',
    query: { selector: { searchName: { $gte: 'lefevre', $lt: 'lefevre\uffff' } }, sort: [{ searchName: 'asc' }], limit: 100 },
  });
  queries.push({ collection: 'citizens', query: { selector: {}, sort: [{ updatedAt: 'desc' }], limit: 50 } });
  queries.push({ collection: 'events', query: { selector: { requestId: request.id }, sort: [{ at: 'asc' }] } });
  queries.push({ collection: 'events', query: { selector: {}, sort: [{ at: 'desc' }], limit: 30 } });
  return queries;
}

async function check(): Promise<CheckReport> {
  const commune = need();
  state('Vérification…');
  const differences: string[] = [];
  const timings: CheckReport['timings'] = [];
  const queries = checkedQueries(commune);
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const result = await work();
    return [result, performance.now() - started];
  };
  for (const { collection, query, count } of queries) {
    const rxCollection = commune.db[collection] as unknown as RxCollection<Record<string, unknown>>;
    const instance = rxCollection.internalStorageInstance as unknown as RxStorageInstanceDexie<Record<string, unknown>>;
    const label = `${collection} ${count ? 'count ' : ''}${JSON.stringify(query)}`;
    if (count) {
      const prepared = rxCollection.count(query).getPreparedQuery();
      const [mine, ms] = await timed(() => instance.count(prepared));
      const [theirs, rxdbMs] = await timed(() => RxStorageInstanceDexie.prototype.count.call(instance, prepared));
      timings.push({ label, ms, rxdbMs });
      if (mine.count !== theirs.count) differences.push(`${label}: ${mine.count} instead of ${theirs.count}`);
      continue;
    }
    const prepared = rxCollection.find(query).getPreparedQuery();
    const [{ documents: mine }, ms] = await timed(() => instance.query(prepared));
    const [{ documents: theirs }, rxdbMs] = await timed(() => RxStorageInstanceDexie.prototype.query.call(instance, prepared));
    timings.push({ label, ms, rxdbMs });
    // The same documents, in the same order, field for field.
    const key = (docs: Array<RxDocumentData<Record<string, unknown>>>) => JSON.stringify(docs);
    if (key(mine) !== key(theirs))
      differences.push(`${label}: ${mine.length} documents, RxDB ${theirs.length}, or another order or content`);
    else if (theirs.length === 0) differences.push(`${label}: nothing to compare (no document)`);
  }
  return { queries: queries.length, differences, timings };
}

async function close(): Promise<void> {
  searchIndex?.close();
  searchIndex = null;
  if (current) await current.db.close();
  current = null;
}

const harness: BenchHarness = { fill, attach, check, loadIndex, search, list, save, close };
window.guichetBench = harness;
state('Prêt.');
