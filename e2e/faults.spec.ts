/**
 * Reliability under faults (quality.md, reliability 1, 7 and 8): the browser
 * killed (SIGKILL) while 1,000 writes are in flight, the renderer killed mid-typing,
 * a schema migration killed halfway, and a quota error. Each test starts
 * Chromium on a profile of its own (launchPersistentContext) and starts it again
 * on the same profile, as the desktop app restarts after a crash.
 */
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { build } from 'vite';
import { chromiumArgs } from '../playwright.config';
import { recordCounterRequest, ROADS, setUpCommune } from './helpers';
import './harness/api';

const origin = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4318)}`;
const harnessDir = resolve('dist/e2e-faults');
const profiles: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await build({ configFile: resolve('e2e/harness/vite.config.ts') });
});

test.afterAll(async () => {
  for (const dir of profiles) await rm(dir, { recursive: true, force: true });
});

async function newProfile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'guichet-faults-'));
  profiles.push(dir);
  return dir;
}

async function launch(profile: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
    baseURL: origin,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  // The fault-test page is served on the app's origin, so that it opens the app's IndexedDB.
  await context.route(`${origin}/e2e-faults/**`, async (route) => {
    const path = new URL(route.request().url()).pathname.replace('/e2e-faults/', '') || 'index.html';
    const type = extname(path) === '.html' ? 'text/html' : 'text/javascript';
    await route.fulfill({ body: await readFile(join(harnessDir, path)), contentType: type });
  });
  return context;
}

async function openHarness(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/e2e-faults/index.html');
  await expect(page.getByText('Banc de pannes prêt.')).toBeVisible();
  return page;
}

/** The pid of the browser process started on `profile` (not its renderers): only that one is killed. */
async function browserPid(profile: string): Promise<number> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const args = cmdline.split('\0');
    if (args.includes(`--user-data-dir=${profile}`) && !args.some((arg) => arg.startsWith('--type='))) return Number(entry);
  }
  throw new Error(`no browser process on ${profile}`);
}

async function killBrowser(context: BrowserContext, profile: string): Promise<void> {
  process.kill(await browserPid(profile), 'SIGKILL');
  await context.close().catch(() => undefined);
}

test('every write reported saved survives SIGKILL of the browser with 1,000 writes in flight', async () => {
  test.setTimeout(180_000);
  const profile = await newProfile();
  const first = await launch(profile);
  const saved = new Set<string>();
  await first.exposeFunction('reportSaved', (reference: string) => void saved.add(reference));
  const app = await first.newPage();
  await setUpCommune(app);
  await app.close();
  const harness = await openHarness(first);
  const writing = harness.evaluate(() => window.guichetFaults!.writeMany(1_000)).catch(() => 'killed');
  await expect.poll(() => saved.size, { timeout: 90_000, intervals: [20] }).toBeGreaterThanOrEqual(100);
  await killBrowser(first, profile);
  expect(await writing).toBe('killed');
  const reported = [...saved];
  expect(reported.length).toBeLessThan(1_000); // the kill came while writes were in flight

  const second = await launch(profile);
  const stored = new Set(await (await openHarness(second)).evaluate(() => window.guichetFaults!.references()));
  expect(reported.filter((reference) => !stored.has(reference))).toEqual([]);
  expect(stored.size).toBe((await (await openHarness(second)).evaluate(() => window.guichetFaults!.references())).length); // no reference twice
  // and the app starts on its data, not on the first-start screen
  const page = await second.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Aujourd’hui', level: 1 })).toBeVisible();
  await second.close();
});

test('a request reported saved survives the renderer killed mid-typing', async () => {
  const profile = await newProfile();
  const first = await launch(profile);
  const page = await first.newPage();
  await setUpCommune(page);
  const reference = await recordCounterRequest(page, { lastName: 'Bernard', firstName: 'Lucie', ...ROADS, subject: 'Panneau tombé' });
  await page.getByRole('link', { name: 'Nouvelle demande' }).first().click();
  await page.getByLabel('Nom', { exact: true }).pressSequentially('Garn');
  await page.goto('chrome://crash').catch(() => undefined);
  await first.close();

  const second = await launch(profile);
  const next = await second.newPage();
  await next.goto('/');
  await next.getByRole('link', { name: 'Demandes' }).click();
  await expect(next.getByRole('link', { name: reference })).toBeVisible();
  await second.close();
});

test('a schema migration killed halfway completes on the next start, nothing lost', async () => {
  test.setTimeout(180_000);
  const profile = await newProfile();
  const first = await launch(profile);
  let startedAt = 0;
  await first.exposeFunction('reportMigrationStarted', () => void (startedAt = Date.now()));
  const harness = await openHarness(first);
  const count = 3_000;
  await harness.evaluate((n) => window.guichetFaults!.seedVersion0('guichet-migration', n), count);
  const migrating = harness.evaluate(() => window.guichetFaults!.openMigrating('guichet-migration')).catch(() => 'killed');
  await expect.poll(() => startedAt, { intervals: [10] }).toBeGreaterThan(0);
  await new Promise((done) => setTimeout(done, 300));
  await killBrowser(first, profile);
  expect(await migrating).toBe('killed'); // killed before the migration had finished

  const second = await launch(profile);
  const result = await (await openHarness(second)).evaluate(() => window.guichetFaults!.openMigrating('guichet-migration'));
  expect(result).toEqual({ requests: count, migrated: count });
  await second.close();
});

test('a quota error says so in French, and what was saved stays readable', async () => {
  const profile = await newProfile();
  const context = await launch(profile);
  const page = await context.newPage();
  await setUpCommune(page);
  const reference = await recordCounterRequest(page, { lastName: 'Bernard', firstName: 'Lucie', ...ROADS, subject: 'Panneau tombé' });
  // The disk fills up: from now on IndexedDB refuses every write as Chromium does at its quota
  // (QuotaExceededError). Storage.overrideQuotaForOrigin did not make Debian's Chromium refuse
  // small IndexedDB writes, so the refusal is injected where IndexedDB raises it.
  const diskFull = () => {
    const refuse = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.put = refuse;
    IDBObjectStore.prototype.add = refuse;
  };
  await page.evaluate(diskFull);
  await context.addInitScript(diskFull);
  await page.getByRole('link', { name: 'Nouvelle demande' }).first().click();
  await page.getByLabel('Nom', { exact: true }).fill('Garnier');
  await page.getByLabel('Catégorie').selectOption({ label: ROADS.category });
  await page.getByLabel('Lieu précis (adresse, repère)').fill('chemin des Vignes');
  await page.getByLabel('Objet', { exact: true }).fill('Haie qui déborde');
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Le disque de cet ordinateur est plein' })).toBeVisible();
  await expect(page.getByLabel('Objet', { exact: true })).toHaveValue('Haie qui déborde'); // the form keeps what was typed

  await page.getByRole('link', { name: 'Demandes' }).click();
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Panneau tombé');
  // and after a restart, with the disk still full, the app opens on what was saved
  await page.reload();
  await page.getByRole('link', { name: 'Demandes' }).click();
  await expect(page.getByRole('link', { name: reference })).toBeVisible();
  await context.close();
});
