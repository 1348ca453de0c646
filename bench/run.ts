/**
 * `npm run bench` (quality.md, "Performance"): runs every benchmark once,
 * writes bench/results/latest.json — a list of {name, value, unit, n} — and
 * prints the same as a table, with the goals. It reports; it never fails the
 * test suite (it is not part of `npm test`). It exits non-zero only when a
 * benchmark could not be measured at all.
 *
 * The store and app benchmarks run in Debian's Chromium on a commune
 * generated afresh in a new, temporary browser profile (nothing is kept from
 * one run to the next):
 * 1. the harness page (bench/harness, built here into dist/bench) fills the
 *    app's 'guichet' database and measures the store through the renderer's
 *    own modules;
 * 2. the built app (dist/renderer, from `npm run build:renderer`) is loaded
 *    from the same origin several times to its first usable screen, then its
 *    JS heap is read after a search;
 * 3. the acknowledgement PDF is rendered in Node (bench/pdf.ts).
 *
 * 4. the sync benchmarks (bench/sync.ts): a sync server on 127.0.0.1 (on
 *    PostgreSQL when DATABASE_URL or TEST_DATABASE_URL is set, else PGlite),
 *    pouchdb-server beside it, devices in Chromium and in this process.
 *
 * --only store|sync|pdf runs one part alone (store covers the app's start and
 * heap). Sync options: --sync-docs N (50,000), --sync-runs N (3),
 * --fanout-devices N (3,000), --propagation-samples N (100).
 *
 * Options: --requests N, --citizens N (a smaller commune, for trying the
 * benchmark itself), --out FILE, and --profile DIR: keep the browser profile
 * in DIR, so that a later run with the same options measures the commune
 * already there instead of filling it again (for working on the renderer;
 * the figures of record come from a plain run, which starts from nothing);
 * IndexedDB belongs to an origin, so such runs serve on a fixed port (4391,
 * or --port N).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';
import { chromiumArgs } from '../playwright.config';
import type { FillReport, SampleOptions } from './harness/api';
import { benchPdf } from './pdf';
import { benchSync, DEFAULT_SYNC_OPTIONS } from './sync';
import { serveStatic, type StaticServer } from './server';
import { median, round1, type BenchResult } from './stats';

declare global {
  interface Window {
    /** performance.now() when Aujourd'hui was first usable (set by the init script below) */
    __guichetReadyAt?: number;
  }
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function option(name: string, fallback: number): number;
function option(name: string, fallback: string): string;
function option(name: string, fallback: number | string): number | string {
  const args = process.argv.slice(2);
  const index = args.indexOf(name);
  const value = index >= 0 ? args[index + 1] : undefined;
  if (value === undefined) return fallback;
  return typeof fallback === 'number' ? Number(value) : value;
}

const REQUESTS = option('--requests', 100_000);
const CITIZENS = option('--citizens', 30_000);
const OUT = resolve(root, option('--out', 'bench/results/latest.json'));
const PROFILE = option('--profile', '');
const PORT = option('--port', PROFILE ? 4391 : 0);
const START_SAMPLES = 7;
const ONLY = option('--only', '');
const PARTS = ['store', 'sync', 'pdf'];
if (ONLY && !PARTS.includes(ONLY)) throw new Error(`--only ${ONLY}: one of ${PARTS.join(', ')}`);
const runs = (part: string): boolean => !ONLY || ONLY === part;

/** Goals of quality.md, shown next to the figures. */
const GOALS: Record<string, { below?: number; above?: number }> = {
  'store.save.p95': { below: 16 },
  'store.search.p95': { below: 50 },
  'store.list.p95': { below: 50 },
  'app.start.ms': { below: 1_000 },
  'app.heap.MB': { below: 250 },
  'pdf.acknowledgement.p95': { below: 150 },
  'sync.initial.docsPerSec': { above: 10_000 },
  'sync.vsPouch.ratio': { above: 3 },
  'sync.bytesPerDoc.ratio': { below: 1.3 },
  'sync.propagation.p50': { below: 50 },
  'server.push.docsPerSec': { above: 2_000 },
  'server.fanout.p95': { below: 500 },
};

/** Every step is bounded: a stuck page or store fails that step, not the whole run forever. */
function within<T>(label: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

function watch(page: Page, name: string): void {
  page.on('pageerror', (error) => log(`${name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') log(`${name} console: ${message.text()}`);
  });
}

/** Fills the store and measures it; results are recorded as they come, so a later failure keeps them. Resolves once the store is filled. */
async function storeBenchmarks(
  context: BrowserContext,
  origin: string,
  record: (results: BenchResult[]) => void,
  filled: () => void,
): Promise<void> {
  const page = await context.newPage();
  watch(page, 'harness');
  try {
    await page.goto(`${origin}/bench/`);
    await page.waitForFunction(() => window.guichetBench !== undefined, null, { timeout: 30_000 });
    const fillOptions = { requests: REQUESTS, citizens: CITIZENS, batch: 2_000, seed: 42 };
    if (
      PROFILE &&
      (await within(
        'attach',
        60_000,
        page.evaluate((options) => window.guichetBench!.attach(options), fillOptions),
      ))
    ) {
      log(`measuring the commune kept in ${PROFILE}`);
    } else {
      log(`filling the store: ${REQUESTS} requests, ${CITIZENS} residents and their events…`);
      const fill: FillReport = await within(
        'fill',
        10 * 60_000,
        page.evaluate((options) => window.guichetBench!.fill(options), fillOptions),
      );
      const docs = fill.requests + fill.citizens + fill.events;
      log(`filled: ${docs} documents, generated in ${fill.generateMs} ms, inserted in ${fill.insertMs} ms`);
      record([{ name: 'store.fill.docsPerSec', value: Math.round(docs / (fill.insertMs / 1000)), unit: 'docs/s', n: docs }]);
    }
    filled();
    // Each benchmark has a time budget; a step that overruns it by far stops the store benchmarks.
    const steps: Array<['loadIndex' | 'search' | 'list' | 'save', SampleOptions]> = [
      ['loadIndex', { samples: 3, budgetMs: 60_000 }],
      ['search', { samples: 400, budgetMs: 90_000 }],
      ['list', { samples: 200, budgetMs: 90_000 }],
      ['save', { samples: 200, budgetMs: 90_000 }],
    ];
    for (const [name, options] of steps) {
      log(`measuring ${name}…`);
      const measured = await within(
        name,
        options.budgetMs + 3 * 60_000,
        page.evaluate(([step, sampling]) => window.guichetBench![step](sampling), [name, options] as const),
      );
      for (const result of measured)
        if (result.n < options.samples && result.name.endsWith('.p95')) log(`${result.name}: ${result.n} samples within the budget`);
      record(measured);
    }
    // The store's answers, compared with RxDB's own Dexie query on this data: a difference fails the run.
    log('checking the store against RxDB…');
    const checked = await within(
      'check',
      5 * 60_000,
      page.evaluate(() => window.guichetBench!.check()),
    );
    if (checked.differences.length > 0)
      throw new Error(
        `the store answered ${checked.differences.length} of ${checked.queries} queries differently from RxDB:\n  ${checked.differences.join('\n  ')}`,
      );
    log(`${checked.queries} queries answered as RxDB does; ms, then RxDB's own Dexie query's:`);
    for (const { label, ms, rxdbMs } of checked.timings)
      log(`  ${round1(ms)}\t${round1(rxdbMs)}\t${label.length > 150 ? `${label.slice(0, 150)}…` : label}`);
    await within(
      'close',
      30_000,
      page.evaluate(() => window.guichetBench!.close()),
    );
  } finally {
    await page.close();
  }
}

/**
 * Marks the moment Aujourd'hui is usable: its heading, and its five sections
 * with their counts. Given as source text: the runner's own compiled
 * functions carry helpers that do not exist in the page.
 */
const MARK_READY = `(() => {
  if (!location.pathname.startsWith('/app/')) return;
  const ready = () => {
    const heading = document.querySelector('h1');
    if (!heading || !heading.textContent.includes('Aujourd')) return false;
    return ['today-late', 'today-due', 'today-new', 'today-waiting', 'today-follow-ups'].every((id) => {
      const count = document.querySelector('#' + id + ' .count');
      return count !== null && count.textContent !== '\u2026';
    });
  };
  const observer = new MutationObserver(() => {
    if (window.__guichetReadyAt === undefined && ready()) {
      window.__guichetReadyAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

async function openApp(context: BrowserContext, origin: string, name: string): Promise<{ page: Page; readyAt: number }> {
  const page = await context.newPage();
  watch(page, name);
  await page.goto(`${origin}/app/`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__guichetReadyAt !== undefined, null, { timeout: 60_000 });
  const readyAt = await page.evaluate(() => window.__guichetReadyAt!);
  return { page, readyAt };
}

async function appStart(context: BrowserContext, origin: string): Promise<BenchResult[]> {
  await context.addInitScript({ content: MARK_READY });
  const times: number[] = [];
  // One load first, not counted: the server's files reach Chromium's caches as after an installation.
  for (let i = -1; i < START_SAMPLES; i += 1) {
    const { page, readyAt } = await openApp(context, origin, `app ${i}`);
    if (i === -1) {
      const counts = await page.locator('section.panel h2 .count').allTextContents();
      log(`Aujourd'hui shows ${counts.join(' / ')} (late / due today / new / waiting / follow-ups)`);
    } else {
      times.push(readyAt);
    }
    await page.close();
    await new Promise((done) => setTimeout(done, 500));
  }
  return [{ name: 'app.start.ms', value: Math.round(median(times)), unit: 'ms', n: times.length }];
}

async function appHeap(context: BrowserContext, origin: string): Promise<BenchResult[]> {
  const { page } = await openApp(context, origin, 'app heap');
  try {
    const cdp = await context.newCDPSession(page);
    await page.evaluate(() => {
      location.hash = '#/demandes';
    });
    const search = page.getByRole('searchbox');
    await search.waitFor({ timeout: 30_000 });
    await search.pressSequentially('helene lefevre', { delay: 60 });
    await page
      .getByRole('status')
      .filter({ hasText: /demande/ })
      .first()
      .waitFor({ timeout: 30_000 });
    // The search and citizen indexes load in the background after the first screen: wait
    // until the collected heap stops growing (three readings a second apart), at most 60 s.
    const startedAt = Date.now();
    let previous = -1;
    let stable = 0;
    let used = 0;
    while (Date.now() - startedAt < 60_000) {
      await cdp.send('HeapProfiler.collectGarbage');
      used = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      stable = previous >= 0 && Math.abs(used - previous) < 512 * 1024 ? stable + 1 : 0;
      if (stable >= 3) break;
      previous = used;
      await new Promise((done) => setTimeout(done, 1_000));
    }
    if (stable < 3) log('app heap: still changing after 60 s, reporting the last reading');
    return [{ name: 'app.heap.MB', value: round1(used / 1024 / 1024), unit: 'MB', n: 1 }];
  } finally {
    await page.close();
  }
}

function verdict(result: BenchResult): string {
  const goal = GOALS[result.name];
  if (!goal) return '';
  if (goal.below !== undefined) return `< ${goal.below}  ${result.value < goal.below ? 'ok' : 'MISSED'}`;
  if (goal.above !== undefined) return `> ${goal.above}  ${result.value > goal.above ? 'ok' : 'MISSED'}`;
  return '';
}

function table(results: BenchResult[]): string {
  const rows = [
    ['name', 'value', 'unit', 'n', 'goal', 'on'],
    ...results.map((r) => [r.name, String(r.value), r.unit, String(r.n), verdict(r), r.note ?? '']),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function main(): Promise<number> {
  const results: BenchResult[] = [];
  const failures: string[] = [];
  const step = async (label: string, work: () => Promise<BenchResult[]>): Promise<void> => {
    try {
      results.push(...(await work()));
    } catch (error) {
      failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      log(`${label} FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  log('building the harness page (dist/bench)…');
  await build({ configFile: resolve(root, 'bench/harness/vite.config.ts') });
  // The built app is needed by the store part only (app.start, app.heap).
  const mounts: Record<string, string> = { '/bench/': resolve(root, 'dist/bench') };
  if (runs('store')) mounts['/app/'] = resolve(root, 'dist/renderer');
  const server: StaticServer = await serveStatic(mounts, PORT);
  let browser: Browser | null = null;
  try {
    const launch = { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs, timeout: 60_000 };
    const contextOptions = { locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 800 } };
    let context: BrowserContext;
    if (PROFILE) {
      context = await chromium.launchPersistentContext(resolve(PROFILE), { ...launch, ...contextOptions });
    } else {
      // A new context is a new, empty profile: the commune is generated afresh on every run.
      browser = await chromium.launch(launch);
      context = await browser.newContext(contextOptions);
    }
    let filled = false;
    if (runs('store')) {
      await step('store', async () => {
        await storeBenchmarks(
          context,
          server.origin,
          (measured) => results.push(...measured),
          () => (filled = true),
        );
        return [];
      });
    }
    if (filled) {
      await step('app.start', () => within('app.start', 5 * 60_000, appStart(context, server.origin)));
      await step('app.heap', () => within('app.heap', 3 * 60_000, appHeap(context, server.origin)));
    }
    if (runs('sync')) {
      const syncOptions = {
        ...DEFAULT_SYNC_OPTIONS,
        docs: option('--sync-docs', DEFAULT_SYNC_OPTIONS.docs),
        runs: option('--sync-runs', DEFAULT_SYNC_OPTIONS.runs),
        fanoutDevices: option('--fanout-devices', DEFAULT_SYNC_OPTIONS.fanoutDevices),
        propagationSamples: option('--propagation-samples', DEFAULT_SYNC_OPTIONS.propagationSamples),
        log,
      };
      await step('sync', async () => {
        await within(
          'sync',
          25 * 60_000,
          benchSync(context, `${server.origin}/bench/`, syncOptions, (measured) => results.push(...measured)),
        );
        return [];
      });
    }
    await context.close();
  } catch (error) {
    failures.push(`browser: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await browser?.close();
    await server.close();
  }
  if (runs('pdf')) await step('pdf', () => within('pdf', 2 * 60_000, benchPdf()));

  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(OUT, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${table(results)}\n\nwritten to ${OUT}\n`);
  if (failures.length > 0) {
    process.stdout.write(`\nnot measured:\n${failures.map((failure) => `  ${failure}`).join('\n')}\n`);
    return 1;
  }
  return 0;
}

// The whole run is bounded too: 45 minutes, then it stops with what it has.
const watchdog = setTimeout(() => {
  log('the benchmark ran for 45 minutes: stopping');
  process.exit(2);
}, 45 * 60_000);
watchdog.unref();
process.exitCode = await main();
