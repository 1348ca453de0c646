import { readFile, writeFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { recordCounterRequest, ROADS, setUpCommune } from './helpers';

const PASSPHRASE = 'Clé USB de la mairie 2026';

async function chooseBackupFile(page: Page, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choisir le fichier de sauvegarde…' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByTestId('restore-file')).toContainText('.guichet-backup');
}

test('a backup downloaded in one browser restores the commune in a fresh one', async ({ page, browser }, testInfo) => {
  await setUpCommune(page);
  // No backup yet: Aujourd'hui says so, with the way to Réglages › Sauvegardes.
  const notice = page.getByRole('region', { name: 'Aucune sauvegarde' });
  await expect(notice).toBeVisible();
  const reference = await recordCounterRequest(page, {
    lastName: 'Lemoine',
    firstName: 'Paul',
    ...ROADS,
    subject: 'Nid-de-poule devant l’école',
  });

  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Aujourd’hui' }).click();
  await notice.getByRole('link', { name: 'Régler les sauvegardes' }).click();
  await expect(page.getByRole('heading', { name: 'Sauvegardes', level: 2 })).toBeVisible();
  // The browser build says what it cannot do: no folder, no secure keychain.
  await expect(page.getByText('chaque sauvegarde est téléchargée')).toBeVisible();
  await expect(page.getByTestId('backup-keychain')).toContainText('n’offre pas de trousseau sécurisé');
  await expect(page.getByRole('button', { name: 'Télécharger une sauvegarde' })).toBeDisabled();

  await page.getByLabel('Nouvelle phrase de passe').fill('court');
  await page.getByLabel('Confirmez la phrase de passe').fill('court');
  await page.getByRole('button', { name: 'Enregistrer la phrase de passe' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'au moins 8 caractères' })).toBeVisible();
  await page.getByLabel('Nouvelle phrase de passe').fill(PASSPHRASE);
  await page.getByLabel('Confirmez la phrase de passe').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Enregistrer la phrase de passe' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Phrase de passe enregistrée' })).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger une sauvegarde' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^guichet-sauvegarde-.*\.guichet-backup$/);
  const path = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(path);
  await expect(page.getByRole('status').filter({ hasText: 'Sauvegarde téléchargée' })).toBeVisible();
  await expect(page.getByTestId('backup-last')).toContainText('Dernière sauvegarde');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);

  // The notice is gone from Aujourd'hui now that a backup was made.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Aujourd’hui' }).click();
  await expect(page.getByRole('heading', { name: 'Aujourd’hui', level: 1 })).toBeVisible();
  await expect(page.getByTestId('backup-notice')).toHaveCount(0);

  // A new machine: a fresh browser context, empty IndexedDB.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/');
  await expect(other.getByRole('heading', { name: 'Bienvenue dans Guichet' })).toBeVisible();
  const restore = other.getByRole('region', { name: 'Restaurer une sauvegarde' });

  // A damaged copy and a wrong passphrase are refused with the reason; nothing is written.
  const bytes = await readFile(path);
  bytes[Math.floor(bytes.length / 2)]! ^= 0x5a;
  const damaged = testInfo.outputPath('abimee.guichet-backup');
  await writeFile(damaged, bytes);
  await chooseBackupFile(other, damaged);
  await restore.getByLabel('Phrase de passe de la sauvegarde').fill(PASSPHRASE);
  await restore.getByRole('button', { name: 'Restaurer' }).click();
  await expect(restore.getByRole('alert')).toContainText('endommagée ou a été modifiée');

  await chooseBackupFile(other, path);
  await restore.getByLabel('Phrase de passe de la sauvegarde').fill('pas la bonne phrase');
  await restore.getByRole('button', { name: 'Restaurer' }).click();
  await expect(restore.getByRole('alert')).toContainText('n’est pas la bonne');

  await restore.getByLabel('Phrase de passe de la sauvegarde').fill(PASSPHRASE);
  await restore.getByRole('button', { name: 'Restaurer' }).click();
  await expect(restore.getByRole('status').filter({ hasText: 'restaurée' })).toBeVisible({ timeout: 20_000 });
  await expect(restore.getByTestId('backup-counts')).toContainText('1 demande');
  await expect(restore.getByTestId('backup-counts')).toContainText('1 usager');
  await restore.getByRole('button', { name: 'Ouvrir Guichet' }).click();

  await expect(other.getByRole('heading', { name: 'Aujourd’hui', level: 1 })).toBeVisible();
  await other.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Demandes' }).click();
  await other.getByRole('link', { name: reference }).click();
  await expect(other.getByRole('heading', { level: 1 })).toContainText('Nid-de-poule devant l’école');
  await fresh.close();
});
