import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { BIRTH_ACT, recordCounterRequest, setUpCommune } from './helpers';

const ID_CARD = 'Carte d’identité : pré-demande en ligne et rendez-vous';

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** Saves the document the button produces (a download in the browser build) and reads its text back with pdftotext. */
async function downloadedPdfText(page: Page, buttonName: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: buttonName }).click();
  const file = join(mkdtempSync(join(tmpdir(), 'guichet-sheet-')), (await download).suggestedFilename());
  await (await download).saveAs(file);
  // -raw: in reading order, the tracking code and the mairie's block side by side are not interleaved
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
}

async function openHeleneFile(page: Page) {
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Usagers' }).click();
  await page.getByLabel('Rechercher un usager').fill('lefevre');
  await page.getByRole('link', { name: /LEFÈVRE Hélène/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hélène');
}

test.beforeEach(async ({ page }) => {
  await setUpCommune(page);
  await recordCounterRequest(page, { lastName: 'Lefèvre', firstName: 'Hélène', ...BIRTH_ACT, subject: 'Copie intégrale pour un dossier' });
});

test('an assisted session from the resident’s file to its printed follow-up sheet, in the large high-contrast display', async ({
  page,
}) => {
  await openHeleneFile(page);
  const assisted = page.getByRole('region', { name: 'Accompagnements numériques' });
  await expect(assisted.getByText('Aucun accompagnement pour cet usager.')).toBeVisible();
  await assisted.getByRole('link', { name: 'Accompagner une démarche' }).click();
  await expect(page.getByText(/Usager choisi/)).toBeVisible();
  await expectNoViolations(page); // the start screen

  await expect(page.getByRole('heading', { name: 'Accompagnement numérique', level: 1 })).toBeVisible();
  await expect(page.getByText(/Usager choisi : LEFÈVRE Hélène/)).toBeVisible();
  await page.getByLabel('Démarche').selectOption({ label: ID_CARD });
  await expect(page.getByText('Durée habituelle : 30 min')).toBeVisible();
  await page.getByRole('button', { name: 'Commencer l’accompagnement' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Accompagnement : ${ID_CARD}`);

  // The large display, from the keyboard, and remembered.
  const toggle = page.getByRole('button', { name: 'Affichage grand et contrasté' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const session = page.getByTestId('assisted-session');
  await expect(session).toHaveClass(/assisted--large/);
  expect(await session.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(22);
  await expectNoViolations(page);
  // The turned screen goes beyond AA: WCAG AAA's enhanced contrast (7:1) on the whole session.
  const enhanced = await new AxeBuilder({ page })
    .include('[data-testid="assisted-session"]')
    .withRules(['color-contrast-enhanced'])
    .analyze();
  expect(
    enhanced.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
  ).toEqual([]);

  // Steps one by one.
  await page.getByRole('checkbox', { name: 'Se connecter à l’ANTS avec FranceConnect ou créer un compte' }).check();
  await page.getByRole('checkbox', { name: 'Remplir la pré-demande de carte d’identité' }).check();
  await page.getByRole('checkbox', { name: 'Noter le numéro de pré-demande' }).check();
  await expect(page.getByText('3 étapes faites sur 4')).toBeVisible();
  await expect(page.getByText(/Chronomètre en marche/)).toBeVisible();
  await page.getByLabel('Minutes passées').fill('25');

  // Done with a required step missing asks for a confirmation.
  const number = page.getByRole('checkbox', { name: 'Noter le numéro de pré-demande' });
  await number.uncheck();
  await page.getByRole('radio', { name: 'Terminée' }).check();
  await expect(page.getByText('Étapes obligatoires non cochées : Noter le numéro de pré-demande')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Je confirme que la démarche est terminée/ })).toBeVisible();
  await number.check();
  await expect(page.getByText(/Étapes obligatoires non cochées/)).toHaveCount(0);
  await page.getByRole('radio', { name: 'À terminer' }).check();
  await page.getByRole('button', { name: 'Proposer une date' }).click();
  await expect(page.getByLabel('Date de relance')).not.toHaveValue('');

  // A password is refused, and the screen says what it saw.
  const nextSteps = page.getByLabel('Et ensuite ? (ce qui reste à faire)');
  await nextSteps.fill('Se reconnecter, mot de passe : Soleil2024');
  await expect(page.getByText(/semble contenir un secret : un mot de passe ou un code donné après « mot de passe … »/)).toBeVisible();
  await page.getByRole('button', { name: 'Enregistrer l’accompagnement' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Corrigez les champs signalés' })).toBeVisible();
  await expect(nextSteps).toHaveAttribute('aria-invalid', 'true');

  await nextSteps.fill('Prendre rendez-vous à la mairie de Verdun, équipée du dispositif de recueil.');
  await page
    .getByLabel('Pièces à apporter la prochaine fois (une par ligne)')
    .fill('Photo d’identité de moins de six mois\nJustificatif de domicile');
  await page.getByLabel('Numéro de dossier ou code de suivi').fill('PD-2026-123456');
  await page.getByRole('button', { name: 'Enregistrer l’accompagnement' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Accompagnement enregistré.' })).toBeVisible();
  await expectNoViolations(page);

  const sheet = await downloadedPdfText(page, 'Enregistrer en PDF : Fiche de suivi');
  const words = sheet.replace(/\s+/g, ' ');
  for (const expected of [
    'FICHE DE SUIVI',
    'Pour Hélène LEFÈVRE',
    ID_CARD,
    'Remplir la pré-demande de carte d’identité',
    'Prendre rendez-vous dans une mairie équipée',
    'Prendre rendez-vous à la mairie de Verdun',
    'Photo d’identité de moins de six mois',
    'PD-2026-123456',
    '03 29 00 00 00',
    'aucun de vos mots de passe',
  ]) {
    expect(words).toContain(expected);
  }
  expect(words).not.toContain('Soleil2024');

  // Remembered after a reload; the session is in the resident's 360° file.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Affichage grand et contrasté' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Minutes passées')).toHaveValue(/^2[5-9]$/);
  await page.getByRole('link', { name: 'Retour à la fiche de l’usager' }).click();
  const row = page.getByRole('region', { name: 'Accompagnements numériques' }).getByRole('row').filter({ hasText: ID_CARD });
  await expect(row).toContainText('À terminer');
  await expectNoViolations(page); // the resident's file with its sessions
  await expect(page.getByRole('region', { name: 'Historique' }).getByText('Accompagnement numérique').first()).toBeVisible();
});

test('a blocked session needs its reason, and is started from the Accompagnement screen by choosing the resident', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Accompagnement' }).click();
  await page.getByLabel('Rechercher l’usager (nom ou téléphone)').fill('lef');
  await page.getByRole('button', { name: /^LEFÈVRE Hélène : choisir cet usager/ }).click();
  await page.getByLabel('Démarche').selectOption({ label: 'Déclaration de revenus en ligne' });
  await page.getByRole('button', { name: 'Commencer l’accompagnement' }).click();
  await page.getByRole('radio', { name: 'Bloquée' }).check();
  await page.getByRole('button', { name: 'Enregistrer l’accompagnement' }).click();
  await expect(page.getByText('Dites pourquoi la démarche est bloquée.')).toBeVisible();
  await page.getByLabel('Pourquoi est-ce bloqué ?').fill('Numéro fiscal introuvable');
  await page.getByRole('button', { name: 'Enregistrer l’accompagnement' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Accompagnement enregistré.' })).toBeVisible();
  await page.getByRole('link', { name: 'Retour aux accompagnements' }).click();
  await expect(
    page.getByRole('region', { name: 'Accompagnements récents' }).getByRole('row').filter({ hasText: 'Déclaration de revenus en ligne' }),
  ).toContainText('Bloquée');
});

test('Réglages › Démarches en ligne: add, validate in French, disable; axe checks', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réglages' }).click();
  await page.getByRole('link', { name: 'Démarches en ligne' }).click();
  await expect(page.getByRole('heading', { name: 'Démarches en ligne', level: 2 })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: ID_CARD })).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('button', { name: 'Ajouter une démarche' }).click();
  await page.getByLabel('Intitulé').fill('Chèque énergie');
  await page.getByLabel('Adresse du site officiel').fill('https://www.example.com/cheque');
  await page.getByLabel('Étape 1', { exact: true }).fill('Se connecter');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Ce site n’est pas dans la liste des sites officiels que Guichet peut ouvrir.')).toBeVisible();
  await page.getByLabel('Adresse du site officiel').fill('http://www.service-public.fr/');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('L’adresse doit commencer par https://.')).toBeVisible();
  await page.getByLabel('Durée habituelle (minutes)').fill('0');
  await page.getByLabel('Adresse du site officiel').fill('https://www.service-public.fr/particuliers/vosdroits/F35579');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Indiquez une durée de 1 à 600 minutes.')).toBeVisible();
  await expectNoViolations(page);
  await page.getByLabel('Durée habituelle (minutes)').fill('15');
  await page.getByRole('button', { name: 'Ajouter une étape' }).click();
  await page.getByLabel('Étape 2', { exact: true }).fill('Vérifier le revenu fiscal de référence');
  await page.getByLabel('Pièces à apporter (une par ligne)').fill('Avis d’impôt');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Démarche ajoutée.' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Chèque énergie' })).toContainText('15 min');

  await page.getByRole('button', { name: 'Modifier la démarche : Procuration de vote' }).click();
  await page.getByRole('checkbox', { name: 'Proposée au guichet' }).uncheck();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Procuration de vote' })).toContainText('désactivée');

  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Accompagnement' }).click();
  const options = await page.getByLabel('Démarche').locator('option').allTextContents();
  expect(options).toContain('Chèque énergie');
  expect(options).not.toContain('Procuration de vote');
});
