import { expect, test } from '@playwright/test';
import { BIRTH_ACT, recordCounterRequest, setUpCommune } from './helpers';

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
  const heading = page.getByRole('heading', { level: 1 }).locator('..');
  // A holding reply is recorded, but the request stays open (issue 13).
  await templates.selectOption({ label: 'Demande bien reçue, en cours de traitement' });
  await expect(answer.getByLabel('Nature de la réponse')).toHaveValue('holding');
  await expect(answer.getByLabel('Texte de la réponse')).toHaveValue(new RegExp(`Madame, Monsieur,[\\s\\S]*${reference}`));
  await expect(answer.getByLabel('Texte de la réponse')).not.toHaveValue(/{{/);
  await answer.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  await expect(answer.getByText(/Réponse d’attente enregistrée le .*la demande reste ouverte/)).toBeVisible();
  await expect(heading.getByText('En cours', { exact: true })).toBeVisible();
  await expect(heading.getByText('Répondue', { exact: true })).toHaveCount(0);

  // A final answer written as a holding one by the secretary stays a holding one.
  await templates.selectOption({ label: 'Acte d’état civil envoyé' });
  await expect(answer.getByLabel('Nature de la réponse')).toHaveValue('final');
  await answer.getByLabel('Nature de la réponse').selectOption({ label: 'Demande de pièces' });
  await answer.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  await expect(answer.getByText(/Demande de pièces enregistrée le/)).toBeVisible();
  await expect(heading.getByText('En cours', { exact: true })).toBeVisible();

  // Only the final answer answers the request.
  await templates.selectOption({ label: 'Acte d’état civil envoyé' });
  await answer.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  await expect(heading.getByText('Répondue', { exact: true })).toBeVisible();

  await status.getByLabel('Nouveau statut').selectOption({ label: 'Close' });
  await status.getByRole('button', { name: 'Changer le statut' }).click();
  await expect(status.getByRole('status')).toContainText('Statut enregistré : Close');

  const journal = page.getByRole('region', { name: 'Historique' });
  await expect(journal.getByText('Statut : Reçue → En cours')).toBeVisible();
  await expect(journal.getByText('Réponse d’attente enregistrée')).toBeVisible();
  await expect(journal.getByText('Demande de pièces enregistrée')).toBeVisible();
  await expect(journal.getByText('Réponse définitive enregistrée')).toBeVisible();
  await expect(journal.getByText('Statut : En cours → Répondue')).toBeVisible();
  await expect(journal.getByText('Statut : Répondue → Close')).toBeVisible();
  await expect(journal.getByText('Martine Collin').first()).toBeVisible();
});

test('a request forwarded to the intercommunality stays followed as “Transmise”', async ({ page }) => {
  await setUpCommune(page);
  await recordCounterRequest(page, {
    lastName: 'Petit',
    firstName: 'Louis',
    category: 'Bac à déchets et badge de déchetterie',
    extra: { 'Objet de la demande': 'Bac de tri (jaune)' },
    subject: 'Bac cassé',
  });
  const transfer = page.getByRole('region', { name: 'Transmission' });
  await transfer.getByLabel('Message pour l’intercommunalité').fill('Bac jaune fendu, à remplacer');
  await transfer.getByRole('button', { name: /Transmettre à l’intercommunalité/ }).click();
  await expect(transfer.getByText(/Transmise à Communauté de communes du Val de Meuse/)).toBeVisible();
  await expect(page.getByText('Transmise', { exact: true }).first()).toBeVisible();
  await page.getByRole('link', { name: 'Demandes' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Bac cassé' })).toContainText('Transmise');
});
