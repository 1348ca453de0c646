import { expect, test, type Page } from '@playwright/test';
import { BIRTH_ACT, recordCounterRequest, setUpCommune } from './helpers';

/** The demo commune: enough requests for Aujourd'hui's sections to show a first page only. */
async function loadDemo(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Charger la commune de démonstration' }).click();
  await expect(page.getByRole('heading', { name: 'Aujourd’hui', level: 1 })).toBeVisible();
}

async function countIn(text: Promise<string | null>): Promise<number> {
  const match = /\d+/.exec((await text) ?? '');
  if (!match) throw new Error(`no number in ${await text}`);
  return Number(match[0]);
}

test('« En retard » says the true count everywhere, and leads from its first page to the rest (issue 13)', async ({ page }) => {
  await loadDemo(page);
  const late = page.getByRole('region', { name: /^En retard/ });
  const heading = late.getByRole('heading', { level: 2 });
  await expect(heading).toHaveText(/En retard \d+/);
  const total = await countIn(heading.textContent());
  expect(total).toBeGreaterThan(20);
  // the first page, then how many more and the way to them
  await expect(late.getByRole('row')).toHaveCount(20 + 1);
  const more = late.getByRole('link', { name: `Et ${total - 20} de plus : voir les ${total} dans Demandes` });
  await more.click();

  await expect(page.getByRole('heading', { name: 'Demandes', level: 1 })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'En retard seulement' })).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: /demandes?$/ })).toHaveText(`${total} demandes`);

  await page.getByRole('link', { name: 'Chiffres' }).click();
  await expect(page.getByText('En retard aujourd’hui').locator('..')).toContainText(String(total));
});

test('the status filter’s name says exactly which statuses it holds (issue 13)', async ({ page }) => {
  await loadDemo(page);
  await page.getByRole('link', { name: 'Demandes', exact: true }).click();
  const status = page.getByRole('group', { name: 'Filtres' }).getByLabel('Statut');
  await expect(status.locator('option:checked')).toHaveText('Ouvertes : Reçue, En cours, En attente de l’usager, Transmise');
  // what it holds: no Répondue row, and Répondue has its own choice
  await expect(page.getByRole('row').filter({ hasText: 'Répondue' })).toHaveCount(0);
  await status.selectOption({ label: 'Répondue' });
  await expect(page.getByRole('row').filter({ hasText: 'Répondue' }).first()).toBeVisible();
});

/** Controls named by `aria-label` whose visible words do not start that name (WCAG 2.5.3). */
async function labelNotInName(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button[aria-label], a[aria-label]')]
      .map((element) => ({ visible: element.innerText.replace(/\s+/g, ' ').trim(), name: element.getAttribute('aria-label') ?? '' }))
      .filter(({ visible, name }) => visible !== '' && !name.toLocaleLowerCase('fr').startsWith(visible.toLocaleLowerCase('fr')))
      .map(({ visible, name }) => `« ${visible} » announced as « ${name} »`),
  );
}

test('every button and link announces its visible words first (WCAG 2.5.3, issue 13)', async ({ page }) => {
  await loadDemo(page);
  const screens = [
    '#/',
    '#/accompagnement',
    '#/reglages/categories',
    '#/reglages/modeles',
    '#/reglages/demarches',
    '#/reglages/sauvegardes',
    '#/chiffres',
    '#/usagers',
  ];
  const found: string[] = [];
  for (const hash of screens) {
    await page.goto(`/${hash}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    found.push(...(await labelNotInName(page)));
  }
  // the placeholders' « Insérer » buttons, in the template editor
  await page.goto('/#/reglages/modeles');
  await page
    .getByRole('button', { name: /^Modifier la réponse type/ })
    .first()
    .click();
  found.push(...(await labelNotInName(page)));
  // the intake's suggestions: « Utiliser ce dossier »
  await page.goto('/#/nouvelle');
  await page.getByLabel('Nom', { exact: true }).fill('Lefèvre');
  await expect(page.getByRole('button', { name: /^Utiliser ce dossier/ }).first()).toBeVisible();
  found.push(...(await labelNotInName(page)));
  expect(found).toEqual([]);
});

test('choosing Répondue without an answer says so on the answer, not under « Motif » (issue 13)', async ({ page }) => {
  await setUpCommune(page);
  await recordCounterRequest(page, { lastName: 'Martin', firstName: 'Jeanne', ...BIRTH_ACT, subject: 'Extrait d’acte de naissance' });
  const status = page.getByRole('region', { name: 'Statut' });
  await status.getByLabel('Nouveau statut').selectOption({ label: 'Répondue' });
  await status.getByRole('button', { name: 'Changer le statut' }).click();

  const answerText = page.getByRole('region', { name: 'Réponse' }).getByLabel('Texte de la réponse');
  await expect(answerText).toBeFocused();
  await expect(answerText).toHaveAttribute('aria-invalid', 'true');
  await expect(answerText).toHaveAccessibleDescription(/enregistrez d’abord la réponse définitive/);
  await expect(status.getByLabel('Motif')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(status.getByRole('alert')).toHaveCount(0);
});

test('after a merge the duplicate’s phone is on the kept file, and its history says which request each line is about (issue 13)', async ({
  page,
}) => {
  await setUpCommune(page);
  const first = await recordCounterRequest(page, {
    lastName: 'Garnier',
    firstName: 'Paul',
    phone: '06 11 11 11 11',
    ...BIRTH_ACT,
    subject: 'Acte pour la retraite',
  });
  const second = await recordCounterRequest(page, {
    lastName: 'Garnier',
    firstName: 'Paul',
    phone: '06 22 22 22 22',
    ...BIRTH_ACT,
    subject: 'Second acte',
  });
  // the second request's page leads to the duplicate's file; merge the first file into it
  await page
    .getByRole('link', { name: /GARNIER Paul/ })
    .first()
    .click();
  const merge = page.getByRole('region', { name: 'Fusionner avec un autre dossier' });
  await merge.getByLabel('Rechercher le dossier en double').fill('Garnier');
  await merge
    .getByRole('button', { name: /^Choisir/ })
    .first()
    .click();
  await merge.getByRole('button', { name: 'Fusionner' }).click();

  await expect(page.getByText('Autre téléphone (dossier fusionné) : 06 11 11 11 11')).toBeVisible();
  const history = page.getByRole('region', { name: 'Historique du dossier' });
  await expect(history.getByText(`${second} · Création`, { exact: true })).toBeVisible();
  await expect(history.getByText(`${first} · Fusion de dossiers d’usager`, { exact: true })).toBeVisible();
  await expect(history.getByText('Création de la fiche usager', { exact: true })).toBeVisible();
  await expect(history.getByText('Création', { exact: true })).toHaveCount(0);
});
