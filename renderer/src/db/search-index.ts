import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { RequestDoc } from '../../../domain/model';
import { normaliseSearch } from '../../../domain/search';
import type { GuichetDatabase } from './database';

/**
 * Search as you type over every request (quality.md: < 50 ms on 100,000).
 *
 * IndexedDB has no full-text index, and scanning 100,000 documents through
 * the store on each keystroke takes seconds. So the words of each request
 * (`searchText`, already normalised by domain/search) are held in memory,
 * one string per request, loaded in pages after the first screen is shown
 * and kept current from the collection's change stream. The pages go by id,
 * which the store serves from Dexie's [_deleted+id] index (db/database.ts):
 * about 3 s for 100,000 requests in Chromium, in the background. A query is then a
 * substring test per request: " helene lefe" is found in " ... helene lefevre ...".
 * About 15 MB for 100,000 requests.
 */
export class RequestSearchIndex {
  private readonly texts = new Map<string, string>();
  private subscription: Subscription | null = null;
  private loading: Promise<void> | null = null;
  /** bumped by close(), so that a load still running after it stops quietly */
  private generation = 0;
  ready = false;

  constructor(
    private readonly db: GuichetDatabase,
    private readonly pageSize = 5_000,
  ) {}

  /** Loads the index once; later calls return the same promise. */
  load(): Promise<void> {
    this.loading ??= this.loadAll();
    return this.loading;
  }

  private async loadAll(): Promise<void> {
    const generation = this.generation;
    // Follow changes first, so nothing written during the load is missed.
    this.subscription = this.db.requests.$.subscribe((change) => {
      if (change.operation === 'DELETE') this.texts.delete(change.documentId);
      else this.texts.set(change.documentId, padded(change.documentData.searchText));
    });
    let lastId = '';
    for (;;) {
      const page = await this.page(lastId);
      if (generation !== this.generation) return;
      for (const doc of page) if (!this.texts.has(doc.id)) this.texts.set(doc.id, padded(doc.searchText));
      if (page.length < this.pageSize) break;
      lastId = page[page.length - 1]!.id;
    }
    this.ready = true;
  }

  /**
   * The requests after `lastId` in id order, read from the storage itself:
   * only their words are kept, so RxDB's documents (one object per request,
   * and every page's result held in RxDB's query cache as long as fewer than
   * 100 queries are cached: about 100 MB for 100,000 requests) are never made.
   */
  private async page(lastId: string): Promise<Array<Pick<RequestDoc, 'id' | 'searchText'>>> {
    const collection = this.db.requests;
    const schema = collection.schema.jsonSchema;
    const query = normalizeMangoQuery<RequestDoc>(schema, {
      selector: { id: { $gt: lastId } },
      sort: [{ id: 'asc' }],
      limit: this.pageSize,
    });
    // As RxDB's own queries: deleted requests stay out.
    query.selector = { ...query.selector, _deleted: { $eq: false } };
    const { documents } = await collection.storageInstance.query(prepareQuery(schema, query));
    return documents;
  }

  /** Ids of the requests whose words start with every word of the query, at most `limit`. */
  search(query: string, limit = 200): string[] {
    const words = normaliseSearch(query)
      .split(' ')
      .filter(Boolean)
      .map((word) => ` ${word}`);
    if (words.length === 0) return [];
    const found: string[] = [];
    for (const [id, text] of this.texts) {
      if (words.every((word) => text.includes(word))) {
        found.push(id);
        if (found.length >= limit) break;
      }
    }
    return found;
  }

  get size(): number {
    return this.texts.size;
  }

  /** Stops following changes; a later load() starts afresh. */
  close(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.generation += 1;
    this.loading = null;
    this.ready = false;
    this.texts.clear();
  }
}

/** A leading space lets " word" match the start of any word, the first one included. */
function padded(searchText: string): string {
  return ` ${searchText}`;
}
