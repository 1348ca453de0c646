/**
 * What the harness page (bench/harness/main.ts) exposes on `window` for the
 * runner (bench/run.ts), which drives it through Playwright.
 */
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
