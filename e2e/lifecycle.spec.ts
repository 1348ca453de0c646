import { expect, test } from '@playwright/test';
import { BIRTH_ACT, fillCategoryFields, recordCounterRequest, ROADS, setUpCommune } from './helpers';

test('a request goes from new to closed, with its answer written from a reply template and every step journaled', async ({ page }) => {
  await setUpCommune(page);
  const reference = await recordCounterRequest(page, {
    lastName: 'Martin',
    firstName: 'Jeanne',
    ...BIRTH_ACT,
    subject: 'Extrait d’acte de naissance',
  });

  const status = page.getByRole('region', { name: 'Statut' });
  await status.getByLabel('Nouveau statut').selectOption({ label: 'En cours' });
  await status.getByRole('button', { name: 'Changer le statut' }).click();
  await expect(status.getByRole('status')).toContainText('Statut enregistré : En cours');

  // Closing without an answer or a reason is refused, in French.
  await status.getByLabel('Nouveau statut').selectOption({ label: 'Close' });
  await status.getByRole('button', { name: 'Changer le statut' }).click();
  await expect(status.getByRole('alert')).toBeVisible();

  const answer = page.getByRole('region', { name: 'Réponse' });
  const templates = answer.getByLabel('Réponse type');
  const firstTemplate = await templates.locator('option').nth(1).textContent();
  await templates.selectOption({ label: firstTemplate ?? '' });
  await expect(answer.getByLabel('Texte de la réponse')).toHaveValue(new RegExp(`Madame, Monsieur,[\\s\\S]*${reference}`));
  await expect(answer.getByLabel('Texte de la réponse')).not.toHaveValue(/{{/);
  await answer.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  await expect(page.getByText('Répondue', { exact: true }).first()).toBeVisible();

  await status.getByLabel('Nouveau statut').selectOption({ label: 'Close' });
  await status.getByRole('button', { name: 'Changer le statut' }).click();
  await expect(status.getByRole('status')).toContainText('Statut enregistré : Close');

  const journal = page.getByRole('region', { name: 'Historique' });
  await expect(journal.getByText('Statut : Reçue → En cours')).toBeVisible();
  await expect(journal.getByText('Réponse enregistrée')).toBeVisible();
  await expect(journal.getByText('Statut : En cours → Répondue')).toBeVisible();
  await expect(journal.getByText('Statut : Répondue → Close')).toBeVisible();
  await expect(journal.getByText('Martine Collin').first()).toBeVisible();
});

test('a request forwarded to the intercommunality stays followed as “Transmise”', async ({ page }) => {
  await setUpCommune(page);
  await recordCounterRequest(page, { lastName: 'Petit', firstName: 'Louis', category: 'Bac à déchets et badge de déchetterie', extra: { 'Objet de la demande': 'Bac de tri (jaune)' }, subject: 'Bac cassé' });
  const transfer = page.getByRole('region', { name: 'Transmission' });
  await transfer.getByLabel('Message pour l’intercommunalité').fill('Bac jaune fendu, à remplacer');
  await transfer.getByRole('button', { name: /Transmettre à l’intercommunalité/ }).click();
  await expect(transfer.getByText(/Transmise à Communauté de communes du Val de Meuse/)).toBeVisible();
  await expect(page.getByText('Transmise', { exact: true }).first()).toBeVisible();
  await page.getByRole('link', { name: 'Demandes' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Bac cassé' })).toContainText('Transmise');
});
