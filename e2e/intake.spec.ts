import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { BIRTH_ACT, fillCategoryFields, recordCounterRequest, ROADS, setUpCommune } from './helpers';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

test.beforeEach(async ({ page }) => {
  await setUpCommune(page);
});

test('a counter request for a new resident is saved with a reference and a tracking code', async ({ page }) => {
  const reference = await recordCounterRequest(page, {
    lastName: 'Lefèvre',
    firstName: 'Hélène',
    phone: '06 12 34 56 78',
    ...BIRTH_ACT,
    subject: 'Copie intégrale d’acte de naissance',
  });
  expect(reference).toMatch(/^\d{4}-A-\d{4,}$/);
  await expect(page.getByText(/Code de suivi : [2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/)).toBeVisible();
  await expect(page.getByText('Reçue', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'LEFÈVRE Hélène' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Historique' }).getByText('Création')).toBeVisible();
});

test('a phone request records the caller’s number, and the resident is offered from the existing file', async ({ page }) => {
  await recordCounterRequest(page, {
    lastName: 'Dupont',
    firstName: 'Marcel',
    phone: '06 11 22 33 44',
    category: 'Éclairage public',
    extra: ROADS.extra,
    subject: 'Lampadaire éteint',
  });

  await page.getByRole('link', { name: 'Nouvelle demande' }).first().click();
  await page.getByRole('radio', { name: 'Téléphone' }).check();
  await page.getByLabel('Numéro d’appel').fill('06 11 22 33 44');
  await page.getByLabel('Téléphone de l’usager').fill('0611');
  await page.getByRole('button', { name: 'Utiliser ce dossier : DUPONT Marcel' }).click();
  await expect(page.getByText('Dossier usager : DUPONT Marcel')).toBeVisible();
  await page.getByLabel('Catégorie').selectOption({ label: ROADS.category });
  await fillCategoryFields(page, ROADS.extra);
  await page.getByLabel('Objet', { exact: true }).fill('Nid-de-poule rue des Écoles');
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toContainText('Nid-de-poule rue des Écoles');
  const facts = page.getByRole('region', { name: 'Renseignements' });
  await expect(facts.getByText('Téléphone', { exact: true })).toBeVisible();
  await expect(facts.getByText('06 11 22 33 44')).toBeVisible();
  // The same file, not a second one.
  await page.getByRole('link', { name: 'Usagers' }).click();
  await page.getByLabel('Rechercher un usager').fill('dupont');
  await expect(page.getByRole('link', { name: /DUPONT Marcel/ })).toHaveCount(1);
});

test('a letter needs its postmark date and sender; a clear French message says so and nothing is lost', async ({ page }) => {
  await page.getByRole('link', { name: 'Nouvelle demande' }).first().click();
  await page.getByRole('radio', { name: 'Courrier' }).check();
  await page.getByLabel('Objet', { exact: true }).fill('Demande de réservation de la salle des fêtes');
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'champs sont à corriger' })).toBeVisible();
  await expect(page.getByLabel('Date du cachet de la poste')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Objet', { exact: true })).toHaveValue('Demande de réservation de la salle des fêtes');

  await page.getByLabel('Date du cachet de la poste').fill('2026-11-18');
  await page.getByLabel('Expéditeur').fill('Association des Aînés');
  await page.getByLabel('N° au registre du courrier').fill('C-2026-0012');
  await page.getByLabel('Nom', { exact: true }).fill('Œuvray');
  await page.getByLabel('Catégorie').selectOption({ label: 'Réservation de salle' });
  await fillCategoryFields(page, { Salle: 'Salle des fêtes', 'Date souhaitée': '2026-12-19', 'Horaire (de … à …)': 'de 14 h à 23 h' });
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Demande de réservation de la salle des fêtes');
  const facts = page.getByRole('region', { name: 'Renseignements' });
  await expect(facts.getByText('Association des Aînés')).toBeVisible();
  await expect(facts.getByText('C-2026-0012')).toBeVisible();
});

test('an email imported from a real .eml fills the form and keeps its attachment', async ({ page }) => {
  await page.getByRole('link', { name: 'Nouvelle demande' }).first().click();
  await page.getByRole('radio', { name: 'Courriel' }).check();
  await page.getByLabel('Choisir un fichier .eml').setInputFiles(fixture('demande-acte-naissance.eml'));
  await expect(page.getByRole('status').filter({ hasText: 'importé, avec 1 pièce jointe' })).toBeVisible();
  await expect(page.getByLabel('Adresse de l’expéditeur')).toHaveValue('helene.lefevre@example.fr');
  await expect(page.getByLabel('Sujet du courriel')).toHaveValue("Demande d'acte de naissance");
  await expect(page.getByLabel('Objet', { exact: true })).toHaveValue("Demande d'acte de naissance");
  await expect(page.getByLabel('Message d’origine')).toHaveValue(/copie intégrale de mon acte de naissance/);
  await expect(page.getByLabel('Nom', { exact: true })).toHaveValue('Lefèvre');
  await expect(page.getByRole('list', { name: 'Fichiers joints' })).toContainText('piece-identite.pdf');

  await page.getByLabel('Catégorie').selectOption({ label: BIRTH_ACT.category });
  await fillCategoryFields(page, BIRTH_ACT.extra);
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText("Demande d'acte de naissance");
  await expect(page.getByRole('button', { name: 'Ouvrir piece-identite.pdf' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Ouvrir piece-identite.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('piece-identite.pdf');
});

test('a corrupt .eml is refused with a message and the form keeps what was typed', async ({ page }) => {
  await page.getByRole('link', { name: 'Nouvelle demande' }).first().click();
  await page.getByRole('radio', { name: 'Courriel' }).check();
  await page.getByLabel('Objet', { exact: true }).fill('Déjà tapé');
  await page.getByLabel('Choisir un fichier .eml').setInputFiles(fixture('corrompu.eml'));
  await expect(page.getByRole('alert').filter({ hasText: 'n’est pas un courriel lisible' })).toBeVisible();
  await expect(page.getByLabel('Objet', { exact: true })).toHaveValue('Déjà tapé');
});
