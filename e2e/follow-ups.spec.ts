import { expect, test, type Page } from '@playwright/test';
import { BIRTH_ACT, recordCounterRequest, setUpCommune } from './helpers';

/**
 * Aujourd'hui lists the assisted sessions whose follow-up date has come, so
 * that the secretary calls the resident back. The browser's clock is set:
 * the session is held on Thursday 12 March 2026, « À terminer » offers
 * Thursday 19 March (5 working days), and the list is looked at on both days.
 */

const ID_CARD = 'Carte d’identité : pré-demande en ligne et rendez-vous';

async function at(page: Page, parisTime: string) {
  await page.clock.setSystemTime(new Date(`${parisTime}+01:00`));
}

async function openToday(page: Page) {
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Aujourd’hui' }).click();
  await expect(page.getByRole('heading', { name: 'Aujourd’hui', level: 1 })).toBeVisible();
  return page.getByRole('region', { name: 'Accompagnements à relancer' });
}

test('a session to finish appears on Aujourd’hui on its follow-up date, and leaves it once done', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-03-12T10:00:00+01:00') });
  await page.clock.resume();
  await setUpCommune(page);
  await recordCounterRequest(page, { lastName: 'Lefèvre', firstName: 'Hélène', ...BIRTH_ACT, subject: 'Copie intégrale pour un dossier' });

  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Accompagnement' }).click();
  await page.getByLabel('Rechercher l’usager (nom ou téléphone)').fill('lef');
  await page.getByRole('button', { name: /^LEFÈVRE Hélène : choisir cet usager/ }).click();
  await page.getByLabel('Démarche').selectOption({ label: ID_CARD });
  await page.getByRole('button', { name: 'Commencer l’accompagnement' }).click();
  await page.getByRole('radio', { name: 'À terminer' }).check();
  await page.getByRole('button', { name: 'Proposer une date' }).click();
  await expect(page.getByLabel('Date de relance')).toHaveValue('2026-03-19');
  await page.getByRole('button', { name: 'Enregistrer l’accompagnement' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Accompagnement enregistré.' })).toBeVisible();

  // Not yet: the date has not come.
  let followUps = await openToday(page);
  await expect(followUps.getByText('Aucun accompagnement à relancer aujourd’hui.')).toBeVisible();

  // A week later, the session is there, with the resident's name.
  await at(page, '2026-03-19T09:00:00');
  await page.reload();
  followUps = await openToday(page);
  const row = followUps.getByRole('row').filter({ hasText: ID_CARD });
  await expect(row).toContainText('LEFÈVRE Hélène');
  await expect(row).toContainText('À terminer');
  await expect(row).toContainText('19 mars 2026');

  // Once the procedure is finished, nothing is left to follow up.
  await row.getByRole('link', { name: /ouvrir l’accompagnement/ }).click();
  await page.getByRole('radio', { name: 'Terminée' }).check();
  await page.getByRole('checkbox', { name: /Je confirme que la démarche est terminée/ }).check();
  await page.getByRole('button', { name: 'Enregistrer l’accompagnement' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Accompagnement enregistré.' })).toBeVisible();
  followUps = await openToday(page);
  await expect(followUps.getByText('Aucun accompagnement à relancer aujourd’hui.')).toBeVisible();
});
