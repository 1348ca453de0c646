import { expect, test } from '@playwright/test';
import { BIRTH_ACT, recordCounterRequest, ROADS, setUpCommune } from './helpers';

test('search as you type ignores accents and case: “helene lefevre” finds Hélène Lefèvre', async ({ page }) => {
  await setUpCommune(page);
  await recordCounterRequest(page, { lastName: 'Lefèvre', firstName: 'Hélène', ...BIRTH_ACT, subject: 'Acte de naissance' });
  await recordCounterRequest(page, { lastName: 'Durand', firstName: 'Paul', ...ROADS, subject: 'Trottoir abîmé à Saint-Étienne' });

  await page.getByRole('link', { name: 'Demandes' }).click();
  const search = page.getByLabel('Rechercher', { exact: true });
  await search.fill('helene lefevre');
  await expect(page.getByRole('row').filter({ hasText: 'Acte de naissance' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Trottoir' })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '1 demande' })).toBeVisible();

  await search.fill('st etienne');
  await expect(page.getByRole('row').filter({ hasText: 'Trottoir abîmé à Saint-Étienne' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Acte de naissance' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Usagers' }).click();
  await page.getByLabel('Rechercher un usager').fill('LEFEVRE hel');
  await expect(page.getByRole('link', { name: /LEFÈVRE Hélène/ })).toBeVisible();
});
