import { expect, test } from '@playwright/test';
import { recordCounterRequest, ROADS, setUpCommune } from './helpers';

test('what was saved is still there after a reload', async ({ page }) => {
  await setUpCommune(page);
  const reference = await recordCounterRequest(page, { lastName: 'Bernard', firstName: 'Lucie', ...ROADS, subject: 'Panneau tombé' });
  await page.reload();
  await page.getByRole('link', { name: 'Demandes' }).click();
  await expect(page.getByRole('link', { name: reference })).toBeVisible();
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Panneau tombé');
});

test('a draft typed when the page is killed is offered back on the next start', async ({ page, context }) => {
  await setUpCommune(page);
  await page.getByRole('link', { name: 'Nouvelle demande' }).first().click();
  await page.getByLabel('Nom', { exact: true }).fill('Garnier');
  await page.getByLabel('Objet', { exact: true }).fill('Haie qui déborde sur le trottoir');
  // Let the draft reach IndexedDB (it is written a moment after typing stops), then kill the renderer.
  await page.waitForTimeout(1_000);
  await page.goto('chrome://crash').catch(() => undefined);

  const next = await context.newPage();
  await next.goto('/#/nouvelle');
  await expect(next.getByRole('region', { name: 'Brouillon retrouvé' })).toBeVisible();
  await next.getByRole('button', { name: 'Reprendre le brouillon' }).click();
  await expect(next.getByLabel('Objet', { exact: true })).toHaveValue('Haie qui déborde sur le trottoir');
  await expect(next.getByLabel('Nom', { exact: true })).toHaveValue('Garnier');
});
