import { expect, test, type Page } from '@playwright/test';

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
