import { expect, test, type Page } from '@playwright/test';
import { setUpCommune } from './helpers';

async function openIntake(page: Page) {
  await page.getByRole('link', { name: 'Nouvelle demande' }).first().click();
  await expect(page.getByRole('heading', { name: 'Nouvelle demande', level: 1 })).toBeVisible();
}

/** Presses Tab once and checks where the keyboard landed. */
async function tabTo(page: Page, target: ReturnType<Page['getByLabel']>) {
  await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

test('after errors on the first-start form, the keyboard is on the first field in error', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Nom de la commune').fill('Saint-Aubin-sur-Meuse');
  await page.getByLabel('Code INSEE').fill('554');
  await page.getByRole('button', { name: 'Créer la commune' }).click();
  await expect(page.getByLabel('Code INSEE')).toBeFocused();
  await page.getByLabel('Code INSEE').fill('55460');
  await page.getByRole('button', { name: 'Créer la commune' }).click();
  await expect(page.getByLabel('Votre nom (secrétaire de mairie)')).toBeFocused();
});

test('impossible dates and hours are refused beside their field, and nothing is saved', async ({ page }) => {
  await setUpCommune(page);
  await openIntake(page);
  await page.getByRole('button', { name: 'Changer la date de réception' }).click();
  await page.getByLabel('Reçue le').fill('1900-01-01T09:00');
  await page.getByLabel('Nom', { exact: true }).fill('Lefèvre');
  await page.getByLabel('Catégorie').selectOption({ label: 'Copie ou extrait d’acte de naissance' });
  await page.getByLabel('Personne concernée par l’acte (nom, prénoms)').fill('Lefèvre Hélène');
  await page.getByLabel('Date de naissance').fill('2099-03-14');
  await page.getByLabel('Document demandé').selectOption({ label: 'Copie intégrale' });
  await page.getByLabel('Objet', { exact: true }).fill('Copie d’acte');
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
  await expect(page.getByText('La date de réception ne peut pas remonter à plus d’un an.')).toBeVisible();
  await expect(page.getByText('La date de l’acte doit être passée, et postérieure à 1792 (création de l’état civil).')).toBeVisible();
  await expect(page.getByLabel('Reçue le')).toBeFocused();

  await page.getByLabel('Catégorie').selectOption({ label: 'Réservation de salle' });
  await page.getByLabel('Salle', { exact: true }).selectOption({ label: 'Salle des fêtes' });
  await page.getByLabel('Date souhaitée').fill('1999-01-01');
  await page.getByLabel('Horaire (de … à …)').fill('de 25h à 99h');
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
  await expect(page.getByText('La date souhaitée doit se situer entre le jour de la réception et trois ans après.')).toBeVisible();
  await expect(page.getByText('Horaire invalide : indiquez des heures de 0 h à 24 h, par exemple « de 14h à 18h30 ».')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nouvelle demande', level: 1 })).toBeVisible();
});

test('« Tout effacer » can be undone, and the draft comes back with the form', async ({ page }) => {
  await setUpCommune(page);
  await openIntake(page);
  await page.getByLabel('Nom', { exact: true }).fill('Garnier');
  await page.getByLabel('Objet', { exact: true }).fill('Haie qui déborde sur le trottoir');
  await page.getByRole('button', { name: 'Tout effacer' }).click();
  await expect(page.getByLabel('Objet', { exact: true })).toHaveValue('');
  await expect(page.getByRole('status').filter({ hasText: 'Le formulaire a été effacé.' })).toBeVisible();
  await page.getByRole('button', { name: 'Annuler l’effacement' }).click();
  await expect(page.getByLabel('Objet', { exact: true })).toHaveValue('Haie qui déborde sur le trottoir');
  await expect(page.getByLabel('Nom', { exact: true })).toHaveValue('Garnier');
  // The form brought back is a draft again: a reload offers it.
  await page.waitForTimeout(1_000);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Brouillon retrouvé' })).toBeVisible();
});

test('a request saved right after typing is never offered back as a draft', async ({ page }) => {
  await setUpCommune(page);
  await openIntake(page);
  await page.getByLabel('Nom', { exact: true }).fill('Bernard');
  await page.getByLabel('Catégorie').selectOption({ label: 'Voirie (chaussée, trottoir, signalisation)' });
  await page.getByLabel('Lieu précis (adresse, repère)').fill('rue des Écoles');
  // Save inside the autosave's delay: its timer is still pending when the save starts.
  await page.getByLabel('Objet', { exact: true }).fill('Panneau tombé');
  await page.getByLabel('Objet', { exact: true }).press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Panneau tombé');
  await page.getByRole('link', { name: 'Usagers' }).click();
  await page.waitForTimeout(1_000);
  await openIntake(page);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Nouvelle demande', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Nom', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Brouillon retrouvé' })).toHaveCount(0);
});

test('keyboard-only intake: short path, and digits never land in a field not reached', async ({ page }) => {
  await setUpCommune(page);
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { name: 'Nouvelle demande', level: 1 })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Guichet' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Téléphone' })).toBeChecked();
  const receipt = (await page.getByRole('group', { name: 'Reçue le' }).textContent()) ?? '';
  // One stop on « Reçue le » (a button), then the caller's number.
  await tabTo(page, page.getByRole('button', { name: 'Changer la date de réception' }));
  await tabTo(page, page.getByLabel('Numéro d’appel'));
  await page.keyboard.type('06 12 34 56 78');
  await tabTo(page, page.getByLabel('Signalement anonyme (sans usager)'));
  await tabTo(page, page.getByLabel('Nom', { exact: true }));
  await page.keyboard.type('Roussel');
  for (const label of ['Prénom', 'Téléphone de l’usager', 'Courriel', 'Adresse', 'Code postal', 'Commune de résidence']) {
    await tabTo(page, page.getByRole('textbox', { name: label, exact: true }));
  }
  await tabTo(page, page.getByLabel('Catégorie'));
  await page.keyboard.type('Voirie');
  await expect(page.getByLabel('Catégorie')).toHaveValue(/.+/);
  await tabTo(page, page.getByLabel('Lieu précis (adresse, repère)'));
  await page.keyboard.type('rue des Écoles');
  await tabTo(page, page.getByLabel('Objet', { exact: true }));
  await page.keyboard.type('Nid-de-poule');
  await expect(page.getByRole('group', { name: 'Reçue le' })).toHaveText(receipt);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Nid-de-poule');
  await expect(page.getByText('06 12 34 56 78').first()).toBeVisible();
});
