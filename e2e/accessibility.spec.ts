import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { recordCounterRequest, ROADS, setUpCommune } from './helpers';

async function expectNoViolations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

test('the main screens pass axe’s WCAG AA checks', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Bienvenue dans Guichet' })).toBeVisible();
  await expectNoViolations(page);

  await setUpCommune(page);
  await recordCounterRequest(page, { lastName: 'Roux', firstName: 'Anne', ...ROADS, subject: 'Chaussée dégradée' });
  await expectNoViolations(page); // the request's page

  for (const [link, heading] of [
    ['Aujourd’hui', 'Aujourd’hui'],
    ['Nouvelle demande', 'Nouvelle demande'],
    ['Demandes', 'Demandes'],
    ['Usagers', 'Usagers'],
    ['Réglages', 'Réglages'],
  ] as const) {
    await page.getByRole('navigation').getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await expectNoViolations(page);
  }
});

test('the new-request form can be filled and saved from the keyboard alone', async ({ page }) => {
  await setUpCommune(page);
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'Nouvelle demande', level: 1 })).toBeVisible();
  await page.getByRole('radio', { name: 'Guichet' }).focus();
  await page.keyboard.press('ArrowRight'); // radios move with the arrow keys
  await expect(page.getByRole('radio', { name: 'Téléphone' })).toBeChecked();
  await page.getByLabel('Numéro d’appel').focus();
  await page.keyboard.type('0329000001');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Morel');
  await page.getByLabel('Catégorie').focus();
  await page.keyboard.type('Autre'); // type-ahead chooses « Autre demande »
  await expect(page.getByLabel('Catégorie')).toHaveValue(/.+/);
  await page.getByLabel('Objet', { exact: true }).focus();
  await page.keyboard.type('Appel pour un renseignement');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Appel pour un renseignement');
});

test('the whole interface switches to English', async ({ page }) => {
  await setUpCommune(page);
  await page.getByRole('link', { name: 'Réglages' }).click();
  await page.getByRole('link', { name: 'Langue' }).click();
  await page.getByLabel('English').check();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Requests' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Late' })).toBeVisible();
});
