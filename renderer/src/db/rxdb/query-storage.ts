import {
  getQueryMatcher,
  getQueryPlan,
  INDEX_MAX,
  INDEX_MIN,
  getSortComparator,
  prepareQuery,
  rateQueryPlan,
  type FilledMangoQuery,
  type MangoQuerySelector,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxQueryPlan,
  type RxStorage,
  type RxStorageCountResult,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import {
  DEXIE_DOCS_TABLE_NAME,
  dexieReplaceIfStartsWithPipe,
  fromDexieToStorage,
  getKeyRangeByQueryPlan,
} from 'rxdb/plugins/storage-dexie';
import type { Dexie, Table } from 'dexie';
import { isPlainObject } from './fast-validate';

// ---------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------
//
// RxDB plans a query on one index and, with its Dexie storage, reads it with
// an IndexedDB cursor, one step per document. When the index's order is not
// the query's sort, it reads every document of the index range and sorts
// them, even for a page of 20: seconds on 100,000 requests. The app's
// queries of that kind, and what this wrapper does instead:
// - `status: {$in: [...open statuses]}` by due date (the request list,
//   Aujourd'hui): one query per status, each read in index order ([status,
//   dueAt]) and stopped after the page, merged. With no status at all, the
//   same over every status the schema allows.
// - a descending sort (the highest reference, the newest requests): RxDB never
//   reads an index backwards. Here the index is read backwards, stopping
//   after the page.
// - a sort no index serves together with the selector ("new" requests,
//   newest first): the index of the sort is read in order, the selector
//   checked on each document, until the page is full, if that comes within
//   a bounded number of documents; otherwise as RxDB does.
// - `id: {$in: ids}` counted (the search's "n demandes"): RxDB reads the
//   whole store; here the documents by id.
// - paging or sorting by id (the search index's load): no index of the
//   schema starts with the id, so each page read the whole store. Dexie's own
//   [_deleted+id] index, which RxDB's planner does not consider, serves them.
// Where a whole range must be read, one getAll() replaces the cursor.
// The answers are RxDB's, in the same order: its selector matcher and sort
// comparator decide. database.test.ts compares them on the memory storage,
// and `npm run bench` with RxDB's own Dexie query on 100,000 requests.

type Doc = RxDocumentData<Record<string, unknown>>;
type Query = FilledMangoQuery<Record<string, unknown>>;
type Prepared = PreparedQuery<Record<string, unknown>>;
type AnyInstance = RxStorageInstance<Record<string, unknown>, unknown, unknown>;
type Schema = RxJsonSchema<Doc>;

/** At most this many values of an `$in` (or of an enum) are queried one by one. */
const MAX_SPLIT_VALUES = 12;
/** A page read along the sort's index stops trying after this many documents (or 40 pages). */
const ORDERED_SCAN_BUDGET = 2_000;

interface DexieState {
  dexieDb: Dexie;
  dexieTable: Table;
  booleanIndexes: string[];
}

interface QueryContext {
  schema: Schema;
  primaryPath: string;
  /** every index, `_deleted` first and the primary key last, Dexie's own [_deleted+id] included */
  indexes: string[][];
  /** fields that lead an index (after `_deleted`): an `$in` on them can be split */
  leadingFields: Set<string>;
  /** leading fields that every document has, with one of these values */
  enumFields: Map<string, Array<string | number>>;
  findByIds(ids: string[]): Promise<Doc[]>;
  query(prepared: Prepared): Promise<Doc[]>;
  count(prepared: Prepared): Promise<RxStorageCountResult>;
  /** the Dexie tables, when the storage is RxDB's Dexie storage */
  dexie: Promise<DexieState> | null;
}

export function wrappedQueryStorage<Internals, Options>(storage: RxStorage<Internals, Options>): RxStorage<Internals, Options> {
  return Object.assign({}, storage, {
    name: `fast-query-${storage.name}`,
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, Options>) {
      const instance = await storage.createStorageInstance<RxDocType>(params);
      patchQueries(instance as unknown as AnyInstance);
      return instance;
    },
  });
}

function patchQueries(instance: AnyInstance): void {
  const schema = instance.schema as Schema;
  const primaryPath = typeof schema.primaryKey === 'string' ? schema.primaryKey : schema.primaryKey.key;
  const indexes = (schema.indexes ?? []).map((index) => (typeof index === 'string' ? [index] : [...index]));
  indexes.push(['_deleted', primaryPath]);
  const leadingFields = new Set<string>();
  const enumFields = new Map<string, Array<string | number>>();
  const properties = schema.properties as Record<string, unknown>;
  for (const index of indexes) {
    const leading = index[0] === '_deleted' ? index[1] : index[0];
    if (!leading || leading === primaryPath) continue;
    leadingFields.add(leading);
    const property = properties[leading];
    const required = (schema.required ?? []) as string[];
    if (isPlainObject(property) && property.type === 'string' && Array.isArray(property.enum) && required.includes(leading)) {
      const values: unknown[] = property.enum;
      if (values.length <= MAX_SPLIT_VALUES && values.every((value) => typeof value === 'string'))
        enumFields.set(leading, values as string[]);
    }
  }
  const innerQuery = instance.query.bind(instance);
  const innerCount = instance.count.bind(instance);
  const internals = (instance as unknown as { internals?: unknown }).internals;
  const isDexie = (instance as unknown as { storage?: { name?: string } }).storage?.name === 'dexie' && internals instanceof Promise;
  const context: QueryContext = {
    schema,
    primaryPath,
    indexes,
    leadingFields,
    enumFields,
    findByIds: (ids) => instance.findDocumentsById(ids, false) as Promise<Doc[]>,
    query: async (prepared) => (await innerQuery(prepared)).documents as Doc[],
    count: innerCount,
    dexie: isDexie ? (internals as Promise<DexieState>) : null,
  };
  instance.query = async (prepared) => ({ documents: await runQuery(context, instance, prepared) });
  instance.count = (prepared) => runCount(context, instance, prepared);
}

/** A closed instance answers as RxDB's does: with its error. */
function isClosed(instance: AnyInstance): boolean {
  return Boolean((instance as unknown as { closed?: unknown }).closed);
}

function windowOf(query: Query): { skip: number; end: number } {
  const skip = query.skip ?? 0;
  return { skip, end: typeof query.limit === 'number' ? skip + query.limit : Infinity };
}

/** The ids of `id: {$in: [...]}` (strings only), or null. */
function primaryIn(context: QueryContext, query: Query): string[] | null {
  const condition = (query.selector as Record<string, unknown>)[context.primaryPath];
  if (!isPlainObject(condition) || !Array.isArray(condition.$in)) return null;
  const ids: unknown[] = condition.$in;
  return ids.every((id) => typeof id === 'string') ? [...new Set(ids as string[])] : null;
}

/** The query once per value of `field`, each asking for the whole window. */
function perValue(query: Query, field: string, values: unknown[]): Query[] {
  const { end } = windowOf(query);
  return [...new Set(values)].map((value) => ({
    ...query,
    selector: { ...(query.selector as Record<string, unknown>), [field]: { $eq: value } } as MangoQuerySelector<Doc>,
    skip: 0,
    limit: Number.isFinite(end) ? end : undefined,
  }));
}

/** `field: {$in: [...]}` on a field that leads an index: the same query once per value, or null. */
function splitIn(context: QueryContext, query: Query): Query[] | null {
  const selector = query.selector as Record<string, unknown>;
  for (const field of context.leadingFields) {
    const condition = selector[field];
    if (!isPlainObject(condition) || Object.keys(condition).length !== 1 || !Array.isArray(condition.$in)) continue;
    const values: unknown[] = condition.$in;
    if (values.length < 2 || values.length > MAX_SPLIT_VALUES) continue;
    if (values.every((value) => typeof value === 'string' || typeof value === 'number')) return perValue(query, field, values);
  }
  return null;
}

/**
 * The splits worth trying for a page: by an `$in`, or, when the planned index
 * narrows nothing (the selector has no indexed condition), by every value of
 * an enum field the selector leaves open.
 */
function splits(context: QueryContext, query: Query, planned: RxQueryPlan): Query[][] {
  const found: Query[][] = [];
  const byIn = splitIn(context, query);
  if (byIn) found.push(byIn);
  if (!isWholeIndex(planned)) return found;
  const selector = query.selector as Record<string, unknown>;
  for (const [field, values] of context.enumFields) if (!(field in selector)) found.push(perValue(query, field, values));
  return found;
}

function finish(context: QueryContext, query: Query, docs: Doc[], sorted: boolean): Doc[] {
  const { skip, end } = windowOf(query);
  const ordered = sorted ? docs : docs.sort(getSortComparator(context.schema, query));
  return ordered.slice(skip, end);
}

async function byIds(context: QueryContext, query: Query, ids: string[]): Promise<Doc[]> {
  const matcher = getQueryMatcher(context.schema, query);
  const docs = (await context.findByIds(ids)).filter((doc) => matcher(doc));
  return finish(context, query, docs, false);
}

async function merged(context: QueryContext, query: Query, parts: Query[], run: (part: Prepared) => Promise<Doc[]>): Promise<Doc[]> {
  const results = await Promise.all(parts.map((part) => run(prepareQuery(context.schema, part))));
  return finish(context, query, results.flat(), false);
}

async function runQuery(context: QueryContext, instance: AnyInstance, prepared: Prepared): Promise<Doc[]> {
  const { query } = prepared;
  if (isClosed(instance)) return context.query(prepared);
  const ids = primaryIn(context, query);
  if (ids) return byIds(context, query, ids);
  if (!context.dexie) {
    const parts = splitIn(context, query);
    return parts ? merged(context, query, parts, context.query) : context.query(prepared);
  }
  const state = await context.dexie;
  const run = (part: Prepared) => dexieQuery(context, state, part);
  const byIn = splitIn(context, query);
  if (!Number.isFinite(windowOf(query).end) || orderOf(context, query, prepared.queryPlan)) {
    // Everything, or a page the planned index gives in order: as planned, on smaller ranges if an $in allows.
    return byIn ? merged(context, query, byIn, run) : run(prepared);
  }
  // A page whose order the planned index does not give. A lookup of few documents reads them all and sorts them.
  const planned = bestPlan(context, query, prepared.queryPlan);
  if (isLookup(planned)) return run(prepared);
  // 1. split, when every part is read in its sort's order (and stopped after the page) or is a lookup;
  for (const parts of splits(context, query, planned)) {
    if (parts.every((part) => orderOf(context, part) || isLookup(bestPlan(context, part)))) return merged(context, query, parts, run);
  }
  // 2. along the index of the sort, checking the selector, if the page fills soon enough;
  const found = await alongSortIndex(context, state, query);
  if (found) return found;
  // 3. every document of the range(s), sorted.
  return byIn ? merged(context, query, byIn, run) : run(prepared);
}

async function runCount(context: QueryContext, instance: AnyInstance, prepared: Prepared): Promise<RxStorageCountResult> {
  const { query } = prepared;
  if (isClosed(instance)) return context.count(prepared);
  const ids = primaryIn(context, query);
  if (ids) return { count: (await byIds(context, query, ids)).length, mode: 'fast' };
  const parts = splitIn(context, query);
  if (parts) {
    const counts = await Promise.all(parts.map((part) => runCount(context, instance, prepareQuery(context.schema, part))));
    return {
      count: counts.reduce((sum, part) => sum + part.count, 0),
      mode: counts.every((part) => part.mode === 'fast') ? 'fast' : 'slow',
    };
  }
  if (context.dexie && !prepared.queryPlan.selectorSatisfiedByIndex) {
    // RxDB counts these by running the query: the same, with one getAll() for the range.
    return { count: (await dexieQuery(context, await context.dexie, prepared)).length, mode: 'slow' };
  }
  return context.count(prepared);
}

// --- Dexie -----------------------------------------------------------------

interface IndexRecord {
  key: IDBValidKey;
  value: unknown;
}
/** IDBIndex.getAllRecords (Chromium 141+), feature-detected. */
type RecordsIndex = IDBIndex & {
  getAllRecords?: (options: { query?: IDBKeyRange | null; count?: number; direction?: IDBCursorDirection }) => IDBRequest<IndexRecord[]>;
};

/** How to read a query in its sort's order: an index plan, forwards or backwards. */
interface Order {
  plan: RxQueryPlan;
  direction: 'next' | 'prev';
}

function requested<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** RxDB's plan, or the plan over Dexie's [_deleted+id] index when RxDB's own rating puts it higher. */
function bestPlan(context: QueryContext, query: Query, planned: RxQueryPlan = getQueryPlan(context.schema, query)): RxQueryPlan {
  if (query.index) return planned;
  const primary = getQueryPlan(context.schema, { ...query, index: ['_deleted', context.primaryPath] });
  return rateQueryPlan(context.schema, query, primary) > rateQueryPlan(context.schema, query, planned) ? primary : planned;
}

/** The query sorted ascending, when every sort part but the primary key is descending. */
function ascendingOf(context: QueryContext, query: Query): Query | null {
  const parts = query.sort.map((part) => Object.entries(part)[0]!);
  const others = parts.filter(([field]) => field !== context.primaryPath);
  if (others.length === 0 || !others.every(([, direction]) => direction === 'desc')) return null;
  return { ...query, sort: parts.map(([field]) => ({ [field]: 'asc' })) as Query['sort'] };
}

/** The planned index read in the sort's order (backwards for a descending sort), or null when the plan's index does not give it. */
function orderOf(context: QueryContext, query: Query, planned?: RxQueryPlan): Order | null {
  const plan = bestPlan(context, query, planned);
  if (plan.sortSatisfiedByIndex) return { plan, direction: 'next' };
  const ascending = ascendingOf(context, query);
  if (!ascending) return null;
  const reversed = bestPlan(context, ascending);
  return reversed.sortSatisfiedByIndex ? { plan: reversed, direction: 'prev' } : null;
}

/** Another index whose order is the sort's, whatever the selector: the selector is then checked document by document. */
function sortIndexOf(context: QueryContext, query: Query): Order | null {
  if (query.index) return null;
  const ascending = ascendingOf(context, query);
  const ordered = ascending ?? query;
  let best: { order: Order; rating: number } | null = null;
  for (const index of context.indexes) {
    const plan = getQueryPlan(context.schema, { ...ordered, index });
    if (!plan.sortSatisfiedByIndex) continue;
    const rating = rateQueryPlan(context.schema, ordered, plan);
    if (!best || rating > best.rating) best = { order: { plan, direction: ascending ? 'prev' : 'next' }, rating };
  }
  return best?.order ?? null;
}

/** The sorted fields but the primary key: an index read backwards gives their ties in descending id order. */
function tieBreak(context: QueryContext, query: Query, direction: 'next' | 'prev', end: number): (rows: Doc[], next: Doc) => boolean {
  if (direction === 'next') return (rows) => rows.length >= end;
  // The query may want ties in ascending id order: read on to the end of the last tie, then sort.
  const fields = query.sort.map((part) => Object.keys(part)[0]!).filter((field) => field !== context.primaryPath);
  const same = (a: Doc, b: Doc) => fields.every((field) => fieldValue(a, field) === fieldValue(b, field));
  return (rows, next) => rows.length >= end && !same(rows[rows.length - 1]!, next);
}

async function dexieQuery(context: QueryContext, state: DexieState, prepared: Prepared): Promise<Doc[]> {
  const { query } = prepared;
  const { end } = windowOf(query);
  if (end === 0) return [];
  const matcher = getQueryMatcher(context.schema, query);

  // The planned index, read in the sort's order, stopped after the window.
  const order = orderOf(context, query, prepared.queryPlan);
  if (order) {
    const keep = order.plan.selectorSatisfiedByIndex ? null : matcher;
    const docs = await scan(state, order, keep, end, tieBreak(context, query, order.direction, end));
    return finish(context, query, docs, order.direction === 'next');
  }
  const plan = bestPlan(context, query, prepared.queryPlan);
  // Every document of the range is needed to sort: one getAll, no cursor.
  const docs = await readRange(state, plan);
  return finish(context, query, plan.selectorSatisfiedByIndex ? docs : docs.filter((doc) => matcher(doc)), false);
}

/** A plan that reads its whole index (`_deleted` aside): the selector has no condition on it. */
function isWholeIndex(plan: RxQueryPlan): boolean {
  return plan.index.every((field, i) => field === '_deleted' || (plan.startKeys[i] === INDEX_MIN && plan.endKeys[i] === INDEX_MAX));
}

/** A plan with an equality on every field of its index but the last (the id), `_deleted` aside: a lookup of few documents. */
function isLookup(plan: RxQueryPlan): boolean {
  const fields = plan.index.length - 1;
  if (plan.index.slice(0, fields).filter((field) => field !== '_deleted').length === 0) return false;
  for (let i = 0; i < fields; i += 1) {
    const start = plan.startKeys[i];
    if (start === INDEX_MIN || start === INDEX_MAX || start !== plan.endKeys[i]) return false;
  }
  return true;
}

/**
 * A page read along another index whose order is the sort's, the selector
 * checked on each document, giving up (null) after a bounded number of
 * documents: the selector then matches too few of them for this to pay.
 */
async function alongSortIndex(context: QueryContext, state: DexieState, query: Query): Promise<Doc[] | null> {
  const order = sortIndexOf(context, query);
  if (!order) return null;
  const { end } = windowOf(query);
  const matcher = getQueryMatcher(context.schema, query);
  const budget = Math.max(ORDERED_SCAN_BUDGET, end * 40);
  let examined = 0;
  let gaveUp = false;
  const keep = (doc: Doc) => {
    examined += 1;
    return matcher(doc);
  };
  const giveUp = () => (gaveUp = examined >= budget);
  const docs = await scan(state, order, keep, end, tieBreak(context, query, order.direction, end), giveUp);
  return gaveUp ? null : finish(context, query, docs, order.direction === 'next');
}

function fieldValue(doc: Doc, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) value = isPlainObject(value) ? value[part] : undefined;
  return value;
}

function indexOf(transaction: IDBTransaction, plan: RxQueryPlan): RecordsIndex {
  const name = `[${plan.index.map((field) => dexieReplaceIfStartsWithPipe(field)).join('+')}]`;
  return transaction.objectStore(DEXIE_DOCS_TABLE_NAME).index(name) as RecordsIndex;
}

/** The IDBKeyRange Dexie was given (another one in tests), else the browser's. */
function keyRanges(state: DexieState): typeof IDBKeyRange {
  return (state.dexieDb._options.IDBKeyRange as typeof IDBKeyRange | undefined) ?? IDBKeyRange;
}

function keyRangeOf(state: DexieState, plan: RxQueryPlan): IDBKeyRange | null {
  try {
    return getKeyRangeByQueryPlan(state.booleanIndexes, plan, keyRanges(state)) as IDBKeyRange;
  } catch (error) {
    // As RxDB: a range IndexedDB refuses (lower above upper) holds nothing.
    if (error instanceof Error && error.name === 'DataError') return null;
    throw error;
  }
}

async function readRange(state: DexieState, plan: RxQueryPlan): Promise<Doc[]> {
  const range = keyRangeOf(state, plan);
  if (!range) return [];
  let values: unknown[] = [];
  await state.dexieDb.transaction('r', state.dexieTable, async (transaction) => {
    values = await requested(indexOf(transaction.idbtrans, plan).getAll(range));
  });
  return values.map((value) => fromDexie(state, value));
}

/**
 * Reads an index range in order (`prev`: backwards), keeping the documents
 * `keep` accepts (all when null), until `done(kept, next)` or `giveUp()`;
 * about `wanted` are. In batches with getAllRecords where the browser has
 * it, else with a cursor.
 */
async function scan(
  state: DexieState,
  order: Order,
  keep: ((doc: Doc) => boolean) | null,
  wanted: number,
  done: (rows: Doc[], next: Doc) => boolean,
  giveUp: () => boolean = () => false,
): Promise<Doc[]> {
  const range = keyRangeOf(state, order.plan);
  if (!range) return [];
  const { direction } = order;
  const rows: Doc[] = [];
  /** false once `done` or `giveUp` said so */
  const take = (value: unknown): boolean => {
    if (giveUp()) return false;
    const doc = fromDexie(state, value);
    if (keep && !keep(doc)) return true;
    if (done(rows, doc)) return false;
    rows.push(doc);
    return true;
  };
  await state.dexieDb.transaction('r', state.dexieTable, async (transaction) => {
    const index = indexOf(transaction.idbtrans, order.plan);
    if (typeof index.getAllRecords === 'function') {
      // A first batch of the rows wanted (and one more, to see where they end), then larger ones.
      let batch = !Number.isFinite(wanted) ? 1_024 : keep ? Math.min(Math.max(64, wanted * 2), 4_096) : Math.min(wanted + 1, 4_096);
      let current: IDBKeyRange | null = range;
      while (current) {
        const records: IndexRecord[] = await requested(index.getAllRecords({ query: current, count: batch, direction }));
        for (const record of records) if (!take(record.value)) return;
        if (records.length < batch) return;
        current = rest(keyRanges(state), range, records[records.length - 1]!.key, direction);
        batch = Math.min(batch * 4, 4_096);
      }
      return;
    }
    const cursorRequest = index.openCursor(range, direction);
    await new Promise<void>((resolve, reject) => {
      cursorRequest.onerror = () => reject(cursorRequest.error);
      cursorRequest.onsuccess = () => {
        const cursor = cursorRequest.result;
        if (cursor && take(cursor.value)) cursor.continue();
        else resolve();
      };
    });
  });
  return rows;
}

/**
 * RxDB's fromDexieToStorage, without its deep copy where it changes nothing:
 * it rebuilds every nested object to turn keys written `__x` back into `|x`
 * (RxDB's key compression; Guichet's documents have no such keys), then
 * turns the boolean index fields stored as '0'/'1' back into booleans. On a
 * document read from IndexedDB (a fresh copy), a shallow copy with the
 * booleans turned back is the same document, for a tenth of the work.
 */
function fromDexie(state: DexieState, value: unknown): Doc {
  if (isPlainObject(value) && state.booleanIndexes.every((field) => !field.includes('.')) && plainWithoutSubstitutes(value)) {
    const doc: Record<string, unknown> = { ...value };
    for (const field of state.booleanIndexes) doc[field] = doc[field] === '1';
    return doc as Doc;
  }
  return fromDexieToStorage(state.booleanIndexes, value) as Doc;
}

/** Plain objects, arrays and primitives only, and no key RxDB would rename. */
function plainWithoutSubstitutes(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(plainWithoutSubstitutes);
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    if (key.startsWith('__') || key.includes('.__')) return false;
    if (!plainWithoutSubstitutes((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** What is left of `range` after `key`, in the reading direction; null when nothing. */
function rest(ranges: typeof IDBKeyRange, range: IDBKeyRange, key: IDBValidKey, direction: 'next' | 'prev'): IDBKeyRange | null {
  try {
    return direction === 'next'
      ? ranges.bound(key, range.upper, true, range.upperOpen)
      : ranges.bound(range.lower, key, range.lowerOpen, true);
  } catch {
    return null; // the key was the range's last
  }
}
