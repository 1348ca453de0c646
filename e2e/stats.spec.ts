import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { setUpCommune } from './helpers';

/**
 * The Chiffres screen against a small commune typed through the intake form,
 * on a clock the test sets (Playwright's fake clock, in Paris time), so that
 * every figure is known beforehand. The data set, with the delays of the
 * catalogue (listes électorales: 5 working days, autre demande: 15) and
 * March 2026 free of public holidays:
 *
 *   F  counter  Autre demande      received Fri 27 Feb  due 20 Mar   not answered (due today: not late)
 *   A  counter  Listes électorales received Mon  2 Mar  due  9 Mar   answered Mon  2 Mar: 0 working days, on time
 *   C  counter  Listes électorales received Mon  2 Mar  due  9 Mar   answered Mon 16 Mar: 10 working days, late
 *   D  phone    Listes électorales received Wed  4 Mar  due 11 Mar   not answered: late on 20 March
 *   B  phone    Autre demande      received Fri  6 Mar  due 27 Mar   answered Mon  9 Mar: 1 working day, on time
 *   E  counter  Autre demande      received Wed 18 Mar  due  8 Apr   not answered, not due
 *
 * Seen on Friday 20 March 2026, « Ce mois-ci » (1–20 March): 5 requests, 3 at
 * the counter and 2 by phone, 3 « listes électorales » and 2 « autre
 * demande »; answers after 0, 1 and 10 working days, median 1; on time 2 of
 * the 4 whose outcome is known (A, B on time; C late; D unanswered and late):
 * 50 %; late now: D only (1). Over the last 12 months, F is counted too (6).
 */

const LISTS = 'Inscription sur les listes électorales';
const OTHER = 'Autre demande';

async function at(page: Page, parisTime: string) {
  await page.clock.setSystemTime(new Date(`${parisTime}+01:00`));
}

async function record(
  page: Page,
  request: { channel: 'Guichet' | 'Téléphone'; receivedAt: string; lastName: string; category: string; subject: string },
): Promise<string> {
  await page.getByRole('navigation').getByRole('link', { name: 'Nouvelle demande' }).click();
  await expect(page.getByRole('heading', { name: 'Nouvelle demande', level: 1 })).toBeVisible();
  await page.getByRole('radio', { name: request.channel }).check();
  await page.getByRole('button', { name: 'Changer la date de réception' }).click();
  await page.getByLabel('Reçue le').fill(request.receivedAt);
  await page.getByLabel('Nom', { exact: true }).fill(request.lastName);
  await page.getByLabel('Prénom').fill('Test');
  await page.getByLabel('Catégorie').selectOption({ label: request.category });
  await page.getByLabel('Objet', { exact: true }).fill(request.subject);
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(request.subject);
  return new URL(page.url()).hash;
}

async function answer(page: Page) {
  const panel = page.getByRole('region', { name: 'Réponse' });
  await panel.getByLabel('Texte de la réponse').fill('Votre demande est traitée.');
  await panel.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  await expect(page.getByText('Répondue', { exact: true }).first()).toBeVisible();
}

async function buildCommune(page: Page) {
  await page.clock.install({ time: new Date('2026-02-27T10:05:00+01:00') });
  await page.clock.resume();
  await setUpCommune(page);
  await record(page, { channel: 'Guichet', receivedAt: '2026-02-27T10:00', lastName: 'Fabre', category: OTHER, subject: 'Demande F' });
  await at(page, '2026-03-02T10:05:00');
  await record(page, { channel: 'Guichet', receivedAt: '2026-03-02T10:00', lastName: 'Aubert', category: LISTS, subject: 'Demande A' });
  await answer(page);
  const requestC = await record(page, {
    channel: 'Guichet',
    receivedAt: '2026-03-02T10:00',
    lastName: 'Caron',
    category: LISTS,
    subject: 'Demande C',
  });
  await at(page, '2026-03-04T10:05:00');
  await record(page, { channel: 'Téléphone', receivedAt: '2026-03-04T10:00', lastName: 'Durand', category: LISTS, subject: 'Demande D' });
  await at(page, '2026-03-06T10:05:00');
  await record(page, { channel: 'Téléphone', receivedAt: '2026-03-06T10:00', lastName: 'Bertin', category: OTHER, subject: 'Demande B' });
  await at(page, '2026-03-09T11:00:00');
  await answer(page);
  await at(page, '2026-03-16T11:00:00');
  await page.evaluate((hash) => (window.location.hash = hash), requestC);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Demande C');
  await answer(page);
  await at(page, '2026-03-18T10:05:00');
  await record(page, { channel: 'Guichet', receivedAt: '2026-03-18T10:00', lastName: 'Etienne', category: OTHER, subject: 'Demande E' });
  await at(page, '2026-03-20T09:00:00');
}

function card(page: Page, label: string) {
  return page.locator('.stats-card').filter({ has: page.getByRole('term').filter({ hasText: label }) });
}

function section(page: Page, title: string) {
  return page.getByRole('region', { name: title });
}

/** The body rows of a section's table, as text cells. */
async function tableRows(page: Page, title: string): Promise<string[][]> {
  return section(page, title)
    .getByRole('table')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())));
}

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

test('the figures of a known commune are exact, exported to CSV, and pass axe’s WCAG AA checks', async ({ page }) => {
  test.setTimeout(120_000);
  await buildCommune(page);

  await page.getByRole('navigation').getByRole('link', { name: 'Chiffres' }).click();
  await expect(page.getByRole('heading', { name: 'Les chiffres de la commune', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Période', { exact: true })).toHaveValue('thisMonth');
  await expect(page.getByLabel('Du', { exact: true })).toHaveValue('2026-03-01');
  await expect(page.getByLabel('Au', { exact: true })).toHaveValue('2026-03-20');

  await expect(card(page, 'Demandes reçues').locator('.stats-card__value')).toHaveText('5');
  await expect(card(page, 'Délai médian de réponse')).toContainText('1 jour ouvré');
  await expect(card(page, 'Délai médian de réponse')).toContainText('sur 3 demandes répondues');
  await expect(card(page, 'Répondues dans le délai').locator('.stats-card__value')).toHaveText('50 %');
  await expect(card(page, 'Répondues dans le délai')).toContainText('2 sur 4 dont l’issue est connue');
  await expect(card(page, 'En retard aujourd’hui').locator('.stats-card__value')).toHaveText('1');
  await expect(card(page, 'Accompagnements numériques').locator('.stats-card__value')).toHaveText('0');

  await expect.poll(() => tableRows(page, 'Demandes par mois')).toEqual([['mars 2026', '5']]);
  await expect
    .poll(() => tableRows(page, 'Demandes par canal'))
    .toEqual([
      ['Guichet', '3', '60'],
      ['Téléphone', '2', '40'],
      ['Courrier', '0', '0'],
      ['Courriel', '0', '0'],
      ['Formulaire en ligne', '0', '0'],
      ['Remontée d’élu', '0', '0'],
    ]);
  await expect
    .poll(() => tableRows(page, 'Demandes par catégorie'))
    .toEqual([
      [LISTS, '3', '60'],
      [OTHER, '2', '40'],
    ]);
  await expect
    .poll(() => tableRows(page, 'Réponses et délais'))
    .toEqual([
      ['Répondues dans le délai', '2', '50'],
      ['Répondues après l’échéance', '1', '25'],
      ['Sans réponse, échéance dépassée', '1', '25'],
    ]);
  await expect(section(page, 'Accompagnements par démarche')).toContainText('Aucun accompagnement sur la période.');

  // Each chart is one named image, its figures in the table that follows; its bars carry their values.
  const channelChart = section(page, 'Demandes par canal').getByRole('img', { name: /Graphique : Demandes par canal/ });
  await expect(channelChart).toBeVisible();
  await expect(channelChart.locator('.recharts-label-list text').first()).toHaveText('3');

  await expectNoViolations(page);

  // The CSV of a table, as French Excel opens it.
  const downloading = page.waitForEvent('download');
  await section(page, 'Demandes par canal').getByRole('button', { name: 'Exporter en CSV : Demandes par canal' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('chiffres demandes par canal du 2026-03-01 au 2026-03-20.csv');
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.subarray(3).toString('utf8')).toBe(
    'Canal;Demandes;Part (%)\r\nGuichet;3;60\r\nTéléphone;2;40\r\nCourrier;0;0\r\nCourriel;0;0\r\nFormulaire en ligne;0;0\r\nRemontée d’élu;0;0\r\n',
  );
  await expect(section(page, 'Demandes par canal').getByRole('status')).toContainText('Fichier CSV téléchargé');

  const delays = page.waitForEvent('download');
  await section(page, 'Réponses et délais').getByRole('button', { name: 'Exporter en CSV : Réponses et délais' }).click();
  expect((await readFile(await (await delays).path())).subarray(3).toString('utf8')).toBe(
    'Issue;Demandes;Part (%)\r\nRépondues dans le délai;2;50\r\nRépondues après l’échéance;1;25\r\nSans réponse, échéance dépassée;1;25\r\n',
  );

  // The last 12 months count F (27 February) too, and list every month.
  await page.getByLabel('Période', { exact: true }).selectOption({ label: 'Les 12 derniers mois' });
  await expect(page.getByLabel('Du', { exact: true })).toHaveValue('2025-04-01');
  await expect(card(page, 'Demandes reçues').locator('.stats-card__value')).toHaveText('6');
  await expect.poll(async () => (await tableRows(page, 'Demandes par mois')).length).toBe(12);
  const months = await tableRows(page, 'Demandes par mois');
  expect(months[0]).toEqual(['avril 2025', '0']);
  expect(months.slice(-2)).toEqual([
    ['février 2026', '1'],
    ['mars 2026', '5'],
  ]);
  await expect(card(page, 'Délai médian de réponse')).toContainText('1 jour ouvré');
  await expect(card(page, 'Répondues dans le délai').locator('.stats-card__value')).toHaveText('50 %');

  // Chosen dates: 27 February alone.
  await page.getByLabel('Du', { exact: true }).fill('2026-02-27');
  await page.getByLabel('Au', { exact: true }).fill('2026-02-27');
  await expect(page.getByLabel('Période', { exact: true })).toHaveValue('custom');
  await expect(card(page, 'Demandes reçues').locator('.stats-card__value')).toHaveText('1');
  await expect(card(page, 'Délai médian de réponse').locator('.stats-card__value')).toHaveText('aucune donnée');

  // An end before the start is said, and the figures stay.
  await page.getByLabel('Au', { exact: true }).fill('2026-02-01');
  await expect(page.getByRole('alert')).toContainText('la date de fin précède la date de début');
  await expect(card(page, 'Demandes reçues').locator('.stats-card__value')).toHaveText('1');
  await expectNoViolations(page);
});

test('printed, the figures keep their tables and black text, without the controls', async ({ page }) => {
  await setUpCommune(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Chiffres' }).click();
  await expect(page.getByRole('heading', { name: 'Demandes par canal' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByLabel('Période', { exact: true })).toBeHidden();
  await expect(page.getByRole('button', { name: /Exporter en CSV/ }).first()).toBeHidden();
  await expect(page.getByRole('navigation')).toBeHidden();
  const table = page.getByRole('region', { name: 'Demandes par canal' }).getByRole('table');
  await expect(table).toBeVisible();
  expect(
    await table
      .locator('th')
      .first()
      .evaluate((cell) => getComputedStyle(cell).color),
  ).toBe('rgb(0, 0, 0)');
});

test('the figures follow a request recorded in another window while Chiffres is open', async ({ page }) => {
  // The clock of the whole context, so that both windows live on Friday 20 March 2026.
  await page.context().clock.install({ time: new Date('2026-03-20T10:05:00+01:00') });
  await page.context().clock.resume();
  await setUpCommune(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Chiffres' }).click();
  await expect(card(page, 'Demandes reçues').locator('.stats-card__value')).toHaveText('0');

  const other = await page.context().newPage();
  await other.goto(page.url());
  await record(other, { channel: 'Téléphone', receivedAt: '2026-03-20T10:00', lastName: 'Garnier', category: LISTS, subject: 'Demande G' });

  await expect(card(page, 'Demandes reçues').locator('.stats-card__value')).toHaveText('1');
  await expect.poll(() => tableRows(page, 'Demandes par catégorie')).toEqual([[LISTS, '1', '100']]);
  await other.close();
});
