import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { recordCounterRequest, ROADS, setUpCommune } from './helpers';

/**
 * Two devices of one commune and the intercommunality, in three browser
 * contexts (three profiles), through a real sync server: PGlite in a
 * temporary folder, on a free port of 127.0.0.1, its tenants and codes made
 * with the admin CLI as an intercommunality would (`npm run sync-server --`).
 */
const run = promisify(execFile);
const CLI = ['--import', 'tsx', 'sync-server/src/cli.ts'];

let dataDir = '';
let server: ChildProcess | null = null;
let serverUrl = '';
let communeId = '';
let epciId = '';

async function admin(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, [...CLI, ...args, '--data', dataDir, '--json'], {
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function enrollmentCode(tenantId: string): Promise<string> {
  return String((await admin('enroll-code', '--commune', tenantId)).code);
}

/** Starts the server on port 0 and reads the address it bound from its log. */
function startServer(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, 'serve', '--host', '127.0.0.1', '--port', '0', '--data', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    let log = '';
    const timer = setTimeout(() => reject(new Error(`sync server did not start:\n${log}`)), 30_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (listening?.[1]) {
        clearTimeout(timer);
        resolve(listening[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`sync server exited (${code}):\n${log}`)));
  });
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  dataDir = await mkdtemp(join(tmpdir(), 'guichet-e2e-sync-'));
  serverUrl = await startServer();
  epciId = String((await admin('epci', 'add', '--name', 'CC du Val de Meuse')).id);
  communeId = String((await admin('commune', 'add', '--name', 'Saint-Aubin-sur-Meuse', '--insee', '55460', '--epci', epciId)).id);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function newDevice(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

function syncStatus(page: Page) {
  return page.getByRole('banner').getByRole('status');
}

/** Réglages › Synchronisation, as the secretary does it with the code the intercommunality gave. */
async function enroll(page: Page, code: string, deviceName: string): Promise<void> {
  await page.goto('/#/reglages/synchronisation');
  const section = page.getByRole('region', { name: 'Synchronisation' });
  await section.getByLabel('Adresse du serveur').fill(serverUrl);
  await section.getByLabel('Code d’inscription').fill(code);
  await section.getByLabel('Nom de ce poste').fill(deviceName);
  await section.getByRole('button', { name: 'Inscrire ce poste' }).click();
  await expect(section.getByText('Ce poste est inscrit : la synchronisation a commencé.')).toBeVisible();
  await expect(syncStatus(page)).toContainText(/À jour à \d\d:\d\d/, { timeout: 20_000 });
}

async function expectInList(page: Page, subject: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Demandes' }).click();
  await expect(page.getByRole('row').filter({ hasText: subject })).toBeVisible({ timeout: 20_000 });
}

test('two devices of a commune see each other’s requests; a request forwarded to the intercommunality is answered there and the commune sees it', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const desk = await newDevice(browser);
  await setUpCommune(desk);
  await expect(syncStatus(desk)).toHaveText('Non synchronisé');

  // A wrong code says so, in French, next to the field.
  await desk.goto('/#/reglages/synchronisation');
  const section = desk.getByRole('region', { name: 'Synchronisation' });
  await section.getByLabel('Adresse du serveur').fill(serverUrl);
  await section.getByLabel('Code d’inscription').fill('AAAA-BBBB-CCCC');
  await section.getByRole('button', { name: 'Inscrire ce poste' }).click();
  await expect(section.getByText(/Ce code n’est pas reconnu/)).toBeVisible();
  // A server that does not answer says so too.
  await section.getByLabel('Adresse du serveur').fill('http://127.0.0.1:9');
  await section.getByRole('button', { name: 'Inscrire ce poste' }).click();
  await expect(section.getByRole('alert').filter({ hasText: 'Le serveur ne répond pas' })).toBeVisible();

  await enroll(desk, await enrollmentCode(communeId), 'Poste accueil');
  await expect(section.getByText('Saint-Aubin-sur-Meuse')).toBeVisible();
  await expect(section.getByText('CC du Val de Meuse')).toBeVisible();
  const fromDesk = await recordCounterRequest(desk, {
    lastName: 'Roux',
    firstName: 'Anne',
    ...ROADS,
    subject: 'Nid-de-poule rue des Écoles',
  });
  // A photo of the hole: its bytes go up by hash, the request carries its metadata.
  const photo = Buffer.from('%PDF-1.4 photo du nid-de-poule');
  await desk
    .getByRole('region', { name: 'Pièces jointes' })
    .getByLabel('Pièces jointes (scans, photos, PDF)')
    .setInputFiles({ name: 'nid-de-poule.pdf', mimeType: 'application/pdf', buffer: photo });
  await expect(desk.getByRole('button', { name: 'Ouvrir nid-de-poule.pdf' })).toBeVisible();

  const tablet = await newDevice(browser);
  await setUpCommune(tablet, { secretary: 'Paul Girard' });
  await enroll(tablet, await enrollmentCode(communeId), 'Tablette du maire');
  await expectInList(tablet, 'Nid-de-poule rue des Écoles');
  await expect(tablet.getByRole('row').filter({ hasText: 'Nid-de-poule' })).toContainText(fromDesk);
  // The attachment comes down from the server when it is opened on the tablet.
  await tablet.getByRole('row').filter({ hasText: 'Nid-de-poule' }).getByRole('link').first().click();
  const download = tablet.waitForEvent('download');
  await tablet.getByRole('button', { name: 'Ouvrir nid-de-poule.pdf' }).click();
  const downloaded = await download;
  const path = await downloaded.path();
  expect(downloaded.suggestedFilename()).toBe('nid-de-poule.pdf');
  expect(await readFile(path)).toEqual(photo);
  // The catalogue is the commune's, not one copy per device.
  await tablet.getByRole('link', { name: 'Nouvelle demande' }).first().click();
  await expect(tablet.getByLabel('Catégorie').locator('option', { hasText: ROADS.category })).toHaveCount(1);

  const fromTablet = await recordCounterRequest(tablet, {
    lastName: 'Marchal',
    firstName: 'Jean',
    ...ROADS,
    subject: 'Panneau stop tordu',
  });
  expect(fromTablet).not.toBe(fromDesk);
  await expectInList(desk, 'Panneau stop tordu');

  // Forwarded to the intercommunality from the desk.
  await recordCounterRequest(desk, {
    lastName: 'Petit',
    firstName: 'Louis',
    category: 'Bac à déchets et badge de déchetterie',
    extra: { 'Objet de la demande': 'Bac de tri (jaune)' },
    subject: 'Bac jaune cassé',
  });
  const requestUrl = desk.url();
  const transfer = desk.getByRole('region', { name: 'Transmission' });
  await transfer.getByLabel('Message pour l’intercommunalité').fill('Bac jaune fendu, à remplacer');
  await transfer.getByRole('button', { name: /Transmettre à l’intercommunalité \(CC du Val de Meuse\)/ }).click();
  await expect(transfer.getByText(/Transmise à CC du Val de Meuse/)).toBeVisible();

  const epci = await newDevice(browser);
  await setUpCommune(epci, { secretary: 'Claire Henry', epciName: '' });
  await enroll(epci, await enrollmentCode(epciId), 'Service déchets');
  await expectInList(epci, 'Bac jaune cassé');
  // Only what the commune forwarded reaches the intercommunality.
  await expect(epci.getByRole('row').filter({ hasText: 'Nid-de-poule' })).toHaveCount(0);
  await epci.getByRole('row').filter({ hasText: 'Bac jaune cassé' }).getByRole('link').first().click();
  await expect(epci.getByText(/Demande transmise par une commune à votre intercommunalité/)).toBeVisible();
  // What the server would refuse from the intercommunality is not offered: the commune's assignee, adding files.
  await expect(epci.getByRole('region', { name: 'Attribution' })).toHaveCount(0);
  await expect(epci.getByLabel('Pièces jointes (scans, photos, PDF)')).toHaveCount(0);
  const answer = epci.getByRole('region', { name: 'Réponse' });
  await answer.getByLabel('Texte de la réponse').fill('Un bac neuf sera livré jeudi.');
  await answer.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  await expect(epci.getByText('Répondue', { exact: true }).first()).toBeVisible();

  // Back at the commune: the answer on the request's page, its status in the lists, the intercommunality's journal lines.
  await desk.goto(requestUrl);
  await expect(desk.getByRole('region', { name: 'Réponse' }).getByText('Un bac neuf sera livré jeudi.')).toBeVisible({ timeout: 20_000 });
  await expect(desk.getByRole('region', { name: 'Historique' }).getByText('Claire Henry').first()).toBeVisible();
  await desk.getByRole('navigation').getByRole('link', { name: 'Demandes' }).click();
  await desk.getByLabel('Statut', { exact: true }).selectOption({ label: 'Répondue' });
  await expect(desk.getByRole('row').filter({ hasText: 'Bac jaune cassé' })).toContainText('Répondue');
});

async function changeStatus(page: Page, label: string, reason = ''): Promise<void> {
  const status = page.getByRole('region', { name: 'Statut' });
  await status.getByLabel('Nouveau statut').selectOption({ label });
  if (reason) await status.getByLabel('Motif', { exact: true }).fill(reason);
  await status.getByRole('button', { name: 'Changer le statut' }).click();
  await expect(status.getByRole('status')).toContainText(`Statut enregistré : ${label}`);
}

test('the same request changed on two devices offline: one value wins, the other is journaled on the request’s page, and nothing blocks the secretary', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const desk = await newDevice(browser);
  await setUpCommune(desk);
  await enroll(desk, await enrollmentCode(communeId), 'Poste accueil');
  await recordCounterRequest(desk, { lastName: 'Lambert', firstName: 'Rose', ...ROADS, subject: 'Trottoir effondré' });
  const requestPath = new URL(desk.url()).hash;
  const tablet = await newDevice(browser);
  await setUpCommune(tablet, { secretary: 'Paul Girard' });
  await enroll(tablet, await enrollmentCode(communeId), 'Tablette du maire');
  await tablet.goto(`/${requestPath}`);
  await expect(tablet.getByRole('heading', { level: 1 })).toContainText('Trottoir effondré', { timeout: 20_000 });

  // The line drops on both; the secretary goes on working and the status says what happens to her work.
  await desk.context().setOffline(true);
  await tablet.context().setOffline(true);
  await changeStatus(desk, 'En cours');
  await expect(syncStatus(desk)).toContainText('Hors ligne', { timeout: 30_000 });
  await expect(syncStatus(desk)).toContainText('partiront au retour de la connexion');
  // The status change is two writes waiting: the request and its journal line (issue 13: the count is the true one).
  await expect(syncStatus(desk)).toContainText('2 modifications en attente');
  await changeStatus(tablet, 'Irrecevable / sans suite', 'Doublon d’un signalement');

  await desk.context().setOffline(false);
  await expect(syncStatus(desk)).toContainText(/À jour à/, { timeout: 60_000 });
  await tablet.context().setOffline(false);
  await expect(syncStatus(tablet)).toContainText(/À jour à/, { timeout: 60_000 });

  // The first change to reach the server (the desk's) wins everywhere; the other is in the history, with both values.
  for (const page of [desk, tablet]) {
    await page.goto(`/${requestPath}`);
    const journal = page.getByRole('region', { name: 'Historique' });
    await expect(journal.getByText(/Modifications concurrentes sur : statut, motif du statut/)).toBeVisible({ timeout: 30_000 });
    await expect(
      journal.getByText('statut : « Irrecevable / sans suite » écarté, « En cours » retenu (arrivé le premier au serveur)'),
    ).toBeVisible();
    await expect(
      journal.getByText('motif du statut : « Doublon d’un signalement » écarté, « (vide) » retenu (arrivé le premier au serveur)'),
    ).toBeVisible();
    await expect(page.locator('.screen__header')).toContainText('En cours');
    await expect(page.locator('.screen__header')).not.toContainText('Irrecevable');
  }
});

test('Réglages › Synchronisation passes axe’s WCAG AA checks; a revoked device says what to do, enrolls again, and can stop', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await newDevice(browser);
  await setUpCommune(page);
  await page.goto('/#/reglages/synchronisation');
  await expect(page.getByRole('heading', { name: 'Inscrire ce poste' })).toBeVisible();
  await expectNoViolations(page);
  await enroll(page, await enrollmentCode(communeId), 'Poste secrétariat');
  await expectNoViolations(page);

  // The intercommunality removes the device (`devices revoke`): the status says so, and how to fix it.
  const devices = (await admin('devices', 'list')) as unknown as { id: string; name: string }[];
  const mine = devices.find((device) => device.name === 'Poste secrétariat');
  expect(mine).toBeDefined();
  await admin('devices', 'revoke', mine?.id ?? '');
  const section = page.getByRole('region', { name: 'Synchronisation' });
  await section.getByRole('button', { name: 'Synchroniser maintenant' }).click();
  await expect(syncStatus(page)).toContainText('ce poste a été retiré par l’intercommunalité', { timeout: 30_000 });
  await expect(syncStatus(page)).toContainText('Demandez un nouveau code à l’intercommunalité');
  await expect(section.getByRole('heading', { name: 'Réinscrire ce poste avec un nouveau code' })).toBeVisible();
  await expectNoViolations(page);
  await section.getByLabel('Code d’inscription').fill(await enrollmentCode(communeId));
  await section.getByRole('button', { name: 'Inscrire ce poste' }).click();
  await expect(syncStatus(page)).toContainText(/À jour à \d\d:\d\d/, { timeout: 20_000 });

  // Stopping keeps the data and says so in the top bar.
  await section.getByRole('button', { name: 'Arrêter la synchronisation sur ce poste' }).click();
  await section.getByRole('button', { name: 'Confirmer l’arrêt' }).click();
  await expect(syncStatus(page)).toHaveText('Non synchronisé');
  await expect(section.getByRole('heading', { name: 'Inscrire ce poste' })).toBeVisible();
});

test('a new tablet joins the commune from the first-start screen, with nothing typed twice', async ({ browser }) => {
  test.setTimeout(120_000);
  const desk = await newDevice(browser);
  await setUpCommune(desk);
  await enroll(desk, await enrollmentCode(communeId), 'Poste accueil');
  await recordCounterRequest(desk, { lastName: 'Henry', firstName: 'Lucie', ...ROADS, subject: 'Lampadaire éteint place de l’Église' });

  const tablet = await newDevice(browser);
  await tablet.goto('/');
  const join = tablet.getByRole('region', { name: 'Rejoindre une commune déjà synchronisée' });
  // A tenant with nothing on the server yet cannot be joined: it is created on a device first.
  const empty = String((await admin('epci', 'add', '--name', 'CC sans poste')).id);
  await join.getByLabel('Adresse du serveur').fill(serverUrl);
  await join.getByLabel('Code d’inscription').fill(await enrollmentCode(empty));
  await join.getByLabel('Nom de ce poste').fill('Tablette du maire');
  await join.getByRole('button', { name: 'Rejoindre la commune' }).click();
  await expect(join.getByRole('alert')).toContainText('Cette commune n’a encore aucune donnée sur le serveur');

  await join.getByLabel('Code d’inscription').fill(await enrollmentCode(communeId));
  await join.getByRole('button', { name: 'Rejoindre la commune' }).click();
  await expect(tablet.getByRole('heading', { name: 'Aujourd’hui', level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect(tablet.getByRole('banner')).toContainText('Saint-Aubin-sur-Meuse');
  await expect(syncStatus(tablet)).toContainText(/À jour à/, { timeout: 20_000 });
  await expectInList(tablet, 'Lampadaire éteint');
  await tablet.getByRole('link', { name: 'Nouvelle demande' }).first().click();
  await expect(tablet.getByLabel('Catégorie').locator('option', { hasText: ROADS.category })).toHaveCount(1);
  await tablet.goto('/#/reglages/synchronisation');
  await expect(tablet.getByRole('region', { name: 'Synchronisation' })).toContainText('Tablette du maire');
});

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}
