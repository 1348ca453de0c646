import type { RxDocument } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { CitizenDoc } from '../../../domain/model';
import { normaliseSearch, phoneDigits } from '../../../domain/search';
import type { GuichetDatabase } from '../db/database';
import { toPlain } from '../db/plain';

/** The list shows at most this many files: beyond, the secretary types one more letter. */
export const CITIZEN_LIST_LIMIT = 50;

/** How many documents one prefix query may read before the words are checked. */
const PREFIX_SCAN = 300;

/**
 * The words of every file, in memory, for "words anywhere" search: a first
 * name ("helene"), a part of a compound last name ("fontaine" in DE LA
 * FONTAINE), the end of a phone number. The store's indexes only answer
 * "starts with"; scanning 30,000 files in IndexedDB on each key press would
 * take far too long, a scan of 30,000 short strings takes a few milliseconds.
 * About 3 MB for 30,000 files. One per database, shared by every screen, kept
 * current from the collection's change stream. Reading 30,000 files from
 * IndexedDB takes most of a second: until then, the index range queries answer.
 */
export class CitizenWordIndex {
  /** id → " lastname firstname " (normalised, padded so that " hel" finds a word start) */
  private readonly names = new Map<string, string>();
  private readonly phones = new Map<string, string>();
  private subscription: Subscription | null = null;
  private loading: Promise<void> | null = null;
  ready = false;

  constructor(private readonly db: GuichetDatabase) {}

  load(): Promise<void> {
    this.loading ??= this.loadAll();
    return this.loading;
  }

  private remember(doc: Pick<CitizenDoc, 'id' | 'searchName' | 'searchPhone' | 'mergedInto'>): void {
    if (doc.mergedInto) {
      this.names.delete(doc.id);
      this.phones.delete(doc.id);
      return;
    }
    this.names.set(doc.id, ` ${doc.searchName} `);
    this.phones.set(doc.id, doc.searchPhone);
  }

  private async loadAll(): Promise<void> {
    // Follow changes first, so that nothing written during the load is missed.
    const seen = new Set<string>();
    this.subscription = this.db.citizens.$.subscribe((change) => {
      seen.add(change.documentId);
      if (change.operation === 'DELETE') {
        this.names.delete(change.documentId);
        this.phones.delete(change.documentId);
      } else {
        this.remember(change.documentData);
      }
    });
    // One query: with the Dexie storage, a page query (`id > last`) costs about as much as
    // reading everything (measured: ~0.6 s either way for 30,000 files), so pages would only multiply it.
    const docs = await this.db.citizens.find({ sort: [{ id: 'asc' }] }).exec();
    if (this.db.closed) return;
    for (const doc of docs) if (!seen.has(doc.id)) this.remember(doc);
    this.ready = true;
  }

  /** Ids of files whose name has a word starting with each word of the query, or whose phone contains the digits typed. */
  search(query: string, limit: number): string[] {
    const found: string[] = [];
    if (isPhoneQuery(query)) {
      const digits = query.replace(/\D/g, '');
      if (digits.length < 3) return [];
      for (const [id, phone] of this.phones) {
        if (phone.includes(digits)) found.push(id);
        if (found.length >= limit) break;
      }
      return found;
    }
    const words = normaliseSearch(query)
      .split(' ')
      .filter(Boolean)
      .map((word) => ` ${word}`);
    if (words.length === 0) return [];
    for (const [id, name] of this.names) {
      if (words.every((word) => name.includes(word))) found.push(id);
      if (found.length >= limit) break;
    }
    return found;
  }

  close(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }
}

const indexes = new WeakMap<GuichetDatabase, CitizenWordIndex>();

/** The word index of this database, created on first use and loaded in the background. */
export function citizenWordIndex(db: GuichetDatabase): CitizenWordIndex {
  let index = indexes.get(db);
  if (!index) {
    index = new CitizenWordIndex(db);
    indexes.set(db, index);
  }
  return index;
}

/** Digits, spaces, dots, dashes and a leading "+": the secretary is typing a phone number. */
export function isPhoneQuery(query: string): boolean {
  return /^\+?[\d\s.\-()/]+$/.test(query.trim()) && /\d/.test(query);
}

function toDocs(docs: RxDocument<CitizenDoc>[]): CitizenDoc[] {
  return docs.map((doc) => toPlain(doc));
}

/** Files whose name or phone index starts with `prefix`, in index order: a range on the index, fast on 30,000 files. */
export async function prefixQuery(
  db: GuichetDatabase,
  field: 'searchName' | 'searchPhone',
  prefix: string,
  limit: number,
): Promise<CitizenDoc[]> {
  if (!prefix) return [];
  return toDocs(
    await db.citizens.find({ selector: { [field]: { $gte: prefix, $lt: `${prefix}\uffff` } }, sort: [{ [field]: 'asc' }], limit }).exec(),
  );
}

/** "helene marie lefevre" → "lefevre helene marie", "marie lefevre helene": the name may be typed first name first. */
function rotations(words: string[]): string[] {
  return words.slice(1, 4).map((_, index) => [...words.slice(index + 1), ...words.slice(0, index + 1)].join(' '));
}

/** Every word of the query starts a word of the name (both normalised). */
function nameMatches(searchName: string, queryWords: string[]): boolean {
  const padded = ` ${searchName}`;
  return queryWords.every((word) => padded.includes(` ${word}`));
}

export interface CitizenSearchOptions {
  limit?: number;
  /** the in-memory index, for words anywhere; used only once loaded */
  index?: CitizenWordIndex;
}

/**
 * The files matching what is typed, sorted by name, merged files left out.
 *
 * - nothing typed: the first files in alphabetical order (`searchName` index);
 * - a phone number: prefix range query on `searchPhone` ("06 12" finds 0612…),
 *   then numbers containing the digits, from the word index;
 * - words: prefix range queries on `searchName` ("lefevre hel", and the words
 *   in another order: "helene lefevre"), then each word as the start of the
 *   last name with every other word checked, then, once the word index is
 *   loaded, words anywhere in the name.
 *
 * Accents, case, apostrophes and hyphens do not matter (domain/search.ts).
 */
export async function searchCitizens(db: GuichetDatabase, query: string, options: CitizenSearchOptions = {}): Promise<CitizenDoc[]> {
  const limit = options.limit ?? CITIZEN_LIST_LIMIT;
  const found = new Map<string, CitizenDoc>();
  const add = (docs: CitizenDoc[], keep: (doc: CitizenDoc) => boolean = () => true) => {
    for (const doc of docs) {
      if (found.size >= limit) return;
      if (!doc.mergedInto && keep(doc)) found.set(doc.id, doc);
    }
  };

  const normalised = normaliseSearch(query);
  if (!normalised) {
    // Alphabetical, from the searchName index: a descending sort (most recent first) is not
    // served by an index in the Dexie storage and reads every file (measured: ~0.6 s for 30,000).
    add(toDocs(await db.citizens.find({ selector: {}, sort: [{ searchName: 'asc' }], limit: limit * 2 }).exec()));
    return [...found.values()];
  }

  if (isPhoneQuery(query)) {
    const digits = phoneDigits(query);
    add(await prefixQuery(db, 'searchPhone', digits, limit * 2));
    if (found.size < limit && options.index?.ready) await addByIds(db, options.index.search(query, limit * 2), add);
    return sortByName([...found.values()]);
  }

  const words = normalised.split(' ');
  for (const prefix of [normalised, ...rotations(words)]) {
    if (found.size >= limit) break;
    add(await prefixQuery(db, 'searchName', prefix, limit * 2));
  }
  for (const word of new Set(words)) {
    if (found.size >= limit) break;
    add(await prefixQuery(db, 'searchName', word, PREFIX_SCAN), (doc) => nameMatches(doc.searchName, words));
  }
  if (found.size < limit && options.index?.ready) await addByIds(db, options.index.search(query, limit * 2), add);
  return sortByName([...found.values()]);
}

async function addByIds(db: GuichetDatabase, ids: string[], add: (docs: CitizenDoc[]) => void): Promise<void> {
  if (ids.length === 0) return;
  const docs = await db.citizens.findByIds(ids).exec();
  add(
    ids
      .map((id) => docs.get(id))
      .filter((doc): doc is NonNullable<typeof doc> => Boolean(doc))
      .map((doc) => toPlain(doc)),
  );
}

function sortByName(citizens: CitizenDoc[]): CitizenDoc[] {
  return citizens.sort((a, b) => (a.searchName < b.searchName ? -1 : a.searchName > b.searchName ? 1 : a.id < b.id ? -1 : 1));
}
