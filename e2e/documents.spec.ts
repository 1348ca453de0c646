import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { recordCounterRequest, setUpCommune } from './helpers';

const ROOM = {
  category: 'Réservation de salle',
  extra: { Salle: 'Salle des fêtes', 'Date souhaitée': '2026-12-19', 'Horaire (de … à …)': 'de 14 h à 23 h' },
};

/** Saves the document the button produces (a download in the browser build) and reads its text back with pdftotext. */
async function downloadedPdfText(page: Page, buttonName: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: buttonName }).click();
  const file = join(mkdtempSync(join(tmpdir(), 'guichet-pdf-')), (await download).suggestedFilename());
  await (await download).saveAs(file);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

test('the acknowledgement of receipt is produced as a PDF with its legal mentions, and its issue is journaled', async ({ page }) => {
  await setUpCommune(page);
  const reference = await recordCounterRequest(page, {
    lastName: 'Lefèvre',
    firstName: 'Hélène',
    ...ROOM,
    subject: 'Salle des fêtes pour un anniversaire',
  });

  const text = await downloadedPdfText(page, 'Enregistrer en PDF : Accusé de réception');
  expect(text).toContain(reference);
  expect(text).toMatch(/accusé de réception/i);
  expect(text).toContain('Saint-Aubin-sur-Meuse');
  expect(text).toContain('LEFÈVRE');
  expect(text).toContain('03 29 00 00 00');
  // Silence is worth rejection for a room booking: the receipt must say so, with the remedies (R112-5 4°).
  expect(text).toMatch(/rejet/i);
  expect(text).toMatch(/tribunal administratif/i);
  await expect(page.getByRole('region', { name: 'Historique' }).getByText('Document émis')).toBeVisible();

  const receipt = await downloadedPdfText(page, 'Enregistrer en PDF : Récépissé de dépôt');
  const code = (await page.getByText(/Code de suivi :/).textContent())?.replace('Code de suivi : ', '').trim() ?? '';
  expect(receipt).toContain(code);
});
