import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { buildServer } from '../sync-server/src/server';
import { openStorage } from '../sync-server/src/storage';
import { recordCounterRequest, ROADS, setUpCommune } from './helpers';

const MAYOR = 'Bernard Thiébaut';

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** Réglages › Personnes: the mayor joins the people who use this computer. */
async function addMayor(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Réglages' }).click();
  await page.getByRole('link', { name: 'Personnes' }).click();
  await page.getByRole('button', { name: 'Ajouter une personne' }).click();
  const person = page.getByRole('group', { name: 'Nouvelle personne' });
  await person.getByLabel('Nom').fill(MAYOR);
  await person.getByLabel('Fonction').selectOption({ label: 'maire' });
  await page.getByRole('button', { name: 'Enregistrer les personnes' }).click();
  await expect(page.getByText('Réglages enregistrés.')).toBeVisible();
}

/** The secretary flags the request for the mayor and writes the answer; returns nothing, stays on the page. */
async function flagAndAnswer(page: Page, text: string): Promise<void> {
  // the box follows the stored request: it shows ticked once the flag is committed
  await page.getByLabel('La réponse doit être approuvée par le maire').click();
  await expect(page.getByLabel('La réponse doit être approuvée par le maire')).toBeChecked();
  await expect(page.getByText('À voir par le maire').first()).toBeVisible();
  await page.getByLabel('Texte de la réponse').fill(text);
  await page.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  await expect(page.getByText(/^Réponse enregistrée le/)).toBeVisible();
  await expect(page.getByText('En attente du maire', { exact: true }).first()).toBeVisible();
}

async function expectAnswerBlocked(page: Page): Promise<void> {
  await page.getByLabel('Nouveau statut').selectOption({ label: 'Répondue' });
  await page.getByRole('button', { name: 'Changer le statut' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'La réponse attend l’approbation du maire' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Enregistrer en PDF : Lettre de réponse' })).toHaveCount(0);
}

async function openCouncilAs(page: Page, who: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Table du conseil' }).click();
  await expect(page.getByRole('heading', { name: 'Table du conseil', level: 1 })).toBeVisible();
  await page.getByLabel('Au clavier :').selectOption({ label: who });
}

async function tap(page: Page, name: string | RegExp, role: 'button' | 'link' = 'button'): Promise<void> {
  await page.getByRole(role, { name }).first().tap();
}

test.describe('at tablet size, by touch', () => {
  test.use({ viewport: { width: 1280, height: 800 }, hasTouch: true });

  test('an approval on the table releases the answer; the table passes axe', async ({ page }) => {
    await setUpCommune(page);
    await addMayor(page);
    const reference = await recordCounterRequest(page, {
      lastName: 'Lefèvre',
      firstName: 'Hélène',
      ...ROADS,
      subject: 'Trottoir défoncé devant l’école',
    });
    await flagAndAnswer(page, 'Les travaux de réfection du trottoir sont prévus au printemps.');
    await expectAnswerBlocked(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Demandes' }).click();
    await expect(page.getByRole('row', { name: new RegExp(reference) }).getByText('En attente du maire')).toBeVisible();

    await openCouncilAs(page, `${MAYOR} (maire)`);
    await expect(page.getByRole('button', { name: /Attendent le maire/ })).toHaveAttribute('aria-pressed', 'true');
    await expectNoViolations(page);
    // every touch target of the table is at least 44 px high
    for (const target of await page.locator('.council button, .council a, .council select').all()) {
      const box = await target.boundingBox();
      if (box) expect(box.height, (await target.textContent()) ?? '').toBeGreaterThanOrEqual(44);
    }
    await tap(page, new RegExp(`^Ouvrir le dossier ${reference}`));
    await expect(page.getByRole('heading', { name: `${reference} — Trottoir défoncé devant l’école`, level: 2 })).toBeVisible();
    await expect(page.getByText('Les travaux de réfection du trottoir sont prévus au printemps.')).toBeVisible();
    const journal = page.getByRole('region', { name: 'Historique' });
    await expect(journal.getByText('Vu par le maire')).toBeVisible();
    await expectNoViolations(page);

    await page.getByLabel('Annotation').fill('À évoquer au conseil de lundi.');
    await tap(page, 'Annoter le dossier');
    await expect(journal.getByText('Annotation du maire')).toBeVisible();
    await expect(journal.getByText('À évoquer au conseil de lundi.')).toBeVisible();
    await tap(page, 'Approuver la réponse');
    await expect(page.getByRole('status').filter({ hasText: 'Réponse approuvée.' })).toBeVisible();
    await expect(journal.getByText('Réponse approuvée par le maire')).toBeVisible();
    await expect(journal.locator('li').filter({ hasText: 'Réponse approuvée par le maire' })).toContainText(MAYOR);

    // portrait: the same dossier, one column
    await page.setViewportSize({ width: 800, height: 1280 });
    await expect(page.getByRole('button', { name: 'Approuver la réponse' })).toHaveCount(0);
    await expect(page.getByText('Approuvée par le maire').first()).toBeVisible();
    await tap(page, /Retour à la liste/);
    await expect(page.getByText('Aucune réponse n’attend le maire.')).toBeVisible();
    await expectNoViolations(page);

    // back at the counter, the secretary sends the answer
    await tap(page, 'Retour au guichet', 'link');
    await page.getByRole('navigation').getByRole('link', { name: 'Demandes' }).click();
    await page.getByRole('link', { name: reference }).click();
    await expect(page.getByText('Approuvée par le maire').first()).toBeVisible();
    await page.getByRole('button', { name: 'Envoyer la réponse (statut « Répondue »)' }).click();
    await expect(page.getByText('Réponse envoyée : la demande est répondue.')).toBeVisible();
    await expect(page.locator('h1 + p').getByText('Répondue')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Enregistrer en PDF : Lettre de réponse' })).toBeVisible();
  });
});

test.describe('at desktop size', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('a send-back with a comment shows in the journal, and the bordereau du jour downloads', async ({ page }) => {
    await setUpCommune(page);
    await addMayor(page);
    const reference = await recordCounterRequest(page, {
      lastName: 'Œuvray',
      firstName: 'Gaëtan',
      ...ROADS,
      subject: 'Nid-de-poule rue des Écoles',
    });
    await flagAndAnswer(page, 'Nous allons reboucher.');

    await openCouncilAs(page, 'Martine Collin (secrétaire)');
    await page.getByRole('button', { name: new RegExp(`^Ouvrir le dossier ${reference}.*Nid-de-poule rue des Écoles`) }).click();
    await expect(page.getByText('Seuls le maire et ses adjoints peuvent approuver ou renvoyer une réponse.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Approuver la réponse' })).toBeDisabled();
    await expect(page.getByRole('region', { name: 'Historique' }).getByText('Vu par le maire')).toHaveCount(0);

    await page.getByLabel('Au clavier :').selectOption({ label: `${MAYOR} (maire)` });
    await page.getByRole('button', { name: 'Renvoyer au secrétariat' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Écrivez un commentaire.' })).toBeVisible();
    await page.getByLabel('Ce qu’il faut revoir').fill('Donner une date d’intervention.');
    await page.getByRole('button', { name: 'Renvoyer au secrétariat' }).click();
    const journal = page.getByRole('region', { name: 'Historique' });
    await expect(journal.locator('li').filter({ hasText: 'Renvoyée par le maire' })).toContainText('Donner une date d’intervention.');
    await expect(journal.locator('li').filter({ hasText: 'Renvoyée par le maire' })).toContainText(MAYOR);
    await page.getByRole('button', { name: /Retour à la liste/ }).click();

    await page.getByRole('button', { name: /Du jour/ }).click();
    await expect(
      page.getByRole('button', { name: new RegExp(`^Ouvrir le dossier ${reference}.*Nid-de-poule rue des Écoles`) }),
    ).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Enregistrer le bordereau du jour en PDF' }).click();
    expect((await download).suggestedFilename()).toMatch(/^bordereau-du-jour-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = join(mkdtempSync(join(tmpdir(), 'guichet-bordereau-')), (await download).suggestedFilename());
    await (await download).saveAs(file);
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('BORDEREAU DU JOUR');
    expect(text).toContain(reference);
    expect(text).toContain('Nid-de-poule rue des Écoles');
    expect(text).toContain('Vu, le Maire');

    // the secretary sees the send-back on the request's page and still cannot answer
    await page.getByRole('link', { name: 'Retour au guichet' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Demandes' }).click();
    await page.getByRole('link', { name: reference }).click();
    await expect(page.getByText('Renvoyée par le maire').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Historique' }).getByText('Donner une date d’intervention.')).toBeVisible();
    await page.getByLabel('Nouveau statut').selectOption({ label: 'Répondue' });
    await page.getByRole('button', { name: 'Changer le statut' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Le maire a renvoyé cette réponse' })).toBeVisible();
  });
});

test.describe('on the mayor’s tablet, from the sync server', () => {
  test.use({ viewport: { width: 1280, height: 800 }, hasTouch: true });

  test('the sync server serves the browser build at /app/, and the council table works there', async ({ page }) => {
    const build = process.env.GUICHET_RENDERER_OUT ?? join(process.cwd(), 'dist', 'renderer');
    const dataDir = mkdtempSync(join(tmpdir(), 'guichet-tablet-'));
    const storage = await openStorage({ dataDir: join(dataDir, 'pgdata') });
    const server = await buildServer({ storage, logger: false, appDir: build });
    try {
      const url = await server.listen({ host: '127.0.0.1', port: 0 });
      await page.goto(`${url}/app/`);
      await expect(page.getByRole('heading', { name: 'Bienvenue dans Guichet' })).toBeVisible();
      await page.getByRole('button', { name: 'Charger la commune de démonstration' }).tap();
      await expect(page.getByRole('heading', { name: 'Aujourd’hui', level: 1 })).toBeVisible();
      await page.goto(`${url}/app/#/conseil`);
      await expect(page.getByRole('heading', { name: 'Table du conseil', level: 1 })).toBeVisible();
      await tap(page, /En retard/);
      await expect(page.getByRole('heading', { name: /^En retard — \d+ dossiers$/ })).toBeVisible();
    } finally {
      await server.close();
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
