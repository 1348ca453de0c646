/**
 * What the harness page (bench/harness/main.ts) exposes on `window` for the
 * runner (bench/run.ts), which drives it through Playwright.
 */
import type { RequestDoc } from '../../domain/model';
import type { BenchResult } from '../stats';

export interface FillOptions {
  requests: number;
  citizens: number;
  /** documents per bulkInsert */
  batch: number;
  seed: number;
}

export interface FillReport {
  requests: number;
  citizens: number;
  events: number;
  generateMs: number;
  insertMs: number;
}

export interface CheckReport {
  queries: number;
  differences: string[];
  /** each query, the store's time and RxDB's own Dexie query's, in ms */
  timings: Array<{ label: string; ms: number; rxdbMs: number }>;
}

/** Each benchmark takes up to `samples` samples, and stops early once `budgetMs` is spent (at least a few samples). */
export interface SampleOptions {
  samples: number;
  budgetMs: number;
}

export interface BenchHarness {
  /** Creates the 'guichet' database and fills it with the generated commune. */
  fill(options: FillOptions): Promise<FillReport>;
  /** Opens a database an earlier fill() left in this profile; false when there is none (--profile). */
  attach(options: FillOptions): Promise<boolean>;
  /** Loads the search index from scratch `samples` times; the last one stays for search(). */
  loadIndex(options: SampleOptions): Promise<BenchResult[]>;
  /** Search as you type: `samples` keystrokes over the typed queries. */
  search(options: SampleOptions): Promise<BenchResult[]>;
  /** The list by status, sorted by due date, first page. */
  list(options: SampleOptions): Promise<BenchResult[]>;
  /** Saving from the intake form. */
  save(options: SampleOptions): Promise<BenchResult[]>;
  /**
   * Runs the app's kinds of queries (and counts) through the store as the app
   * opens it and through RxDB's own Dexie query, and lists any difference.
   */
  check(): Promise<CheckReport>;
  /** Closes the database, so that the app opens it alone. */
  close(): Promise<void>;
}

declare global {
  interface Window {
    guichetBench?: BenchHarness;
  }
}

/** The collections the sync benchmarks fill on the server and pull (bench/sync.ts). */
export type SyncedCollection = 'requests' | 'citizens' | 'events';

export interface InitialPullOptions {
  serverUrl: string;
  /** a device enrolled for this run: a new device pulls everything */
  token: string;
  /** how many documents of each collection the server holds */
  expected: Record<SyncedCollection, number>;
  timeoutMs: number;
}

export interface WirePullOptions {
  serverUrl: string;
  token: string;
  /** documents per page, as the replication asks for them */
  batchSize: number;
}

export interface StoreInsertOptions {
  /** the documents are made again here, as bench/sync-documents.ts makes them for the server */
  communeId: string;
  docs: number;
  batchSize: number;
}

export interface PouchPullOptions {
  /** the pouchdb-server database holding the same documents */
  url: string;
  expected: number;
  timeoutMs: number;
}

export interface PullReport {
  /** from the start of the replication until every document is in the device's store */
  ms: number;
  docs: number;
}

export interface LiveDeviceOptions {
  serverUrl: string;
  token: string;
  timeoutMs: number;
}

export interface SyncBenchHarness {
  /** A new device: an empty store of the app's kind, the app's replication, until everything is there. */
  initialPull(options: InitialPullOptions): Promise<PullReport>;
  /** The same pages fetched and parsed, stored nowhere (where the time goes). */
  wirePull(options: WirePullOptions): Promise<PullReport>;
  /** The same documents bulk-inserted into an empty app store, no network (where the time goes). */
  storeInsert(options: StoreInsertOptions): Promise<PullReport>;
  /** The same with PouchDB in this browser (IndexedDB), replicating from pouchdb-server with its defaults. */
  pouchPull(options: PouchPullOptions): Promise<PullReport>;
  /**
   * sync.propagation: each of two pages opens one device (an empty store of
   * the app's kind replicating requests, live); A saves, B's store receives.
   * Times are on a clock the pages share (timeOrigin + now), in ms.
   */
  openLiveDevice(options: LiveDeviceOptions): Promise<void>;
  /** Saves the request on this page's device; when the save began. */
  saveRequest(request: RequestDoc): Promise<number>;
  /** When the request reached this page's device's store. */
  arrivalOf(id: string, timeoutMs: number): Promise<number>;
  closeLiveDevice(): Promise<void>;
}

declare global {
  interface Window {
    guichetSyncBench?: SyncBenchHarness;
  }
}
