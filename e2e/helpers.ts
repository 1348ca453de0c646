import { expect, type Page } from '@playwright/test';

/** Opens the app on a fresh profile and creates a small commune through the set-up screen, as a secretary would. */
export async function setUpCommune(page: Page, options: { epciName?: string; secretary?: string } = {}): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Bienvenue dans Guichet' })).toBeVisible();
  await page.getByLabel('Nom de la commune').fill('Saint-Aubin-sur-Meuse');
  await page.getByLabel('Code INSEE').fill('55460');
  await page.getByLabel('Adresse de la mairie').fill('1 place de la Mairie');
  await page.getByLabel('Code postal').fill('55230');
  await page.getByLabel('Téléphone de la mairie').fill('03 29 00 00 00');
  await page.getByLabel('Courriel de la mairie').fill('mairie@saint-aubin.example.fr');
  await page.getByLabel('Intercommunalité (communauté de communes)').fill(options.epciName ?? 'Communauté de communes du Val de Meuse');
  await page.getByLabel('Votre nom (secrétaire de mairie)').fill(options.secretary ?? 'Martine Collin');
  await page.getByRole('button', { name: 'Créer la commune' }).click();
  await expect(page.getByRole('heading', { name: 'Aujourd’hui', level: 1 })).toBeVisible();
}

/** Types a counter request for a new resident and saves it; returns the reference shown on its page. */
export async function recordCounterRequest(
  page: Page,
  request: { lastName: string; firstName: string; phone?: string; category: string; subject: string; extra?: Record<string, string> },
): Promise<string> {
  await page.getByRole('link', { name: 'Nouvelle demande' }).first().click();
  await expect(page.getByRole('heading', { name: 'Nouvelle demande', level: 1 })).toBeVisible();
  await page.getByLabel('Nom', { exact: true }).fill(request.lastName);
  await page.getByLabel('Prénom').fill(request.firstName);
  if (request.phone) await page.getByLabel('Téléphone de l’usager').fill(request.phone);
  await page.getByLabel('Catégorie').selectOption({ label: request.category });
  await fillCategoryFields(page, request.extra ?? {});
  await page.getByLabel('Objet', { exact: true }).fill(request.subject);
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText(request.subject);
  const text = (await heading.textContent()) ?? '';
  const reference = /Demande (\S+)/.exec(text)?.[1];
  if (!reference) throw new Error(`no reference in "${text}"`);
  return reference;
}

/** Fills the category's own fields by their labels: lists are chosen, other fields typed. */
export async function fillCategoryFields(page: Page, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    const field = page.getByLabel(label, { exact: true });
    if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption({ label: value });
    else await field.fill(value);
  }
}

export const BIRTH_ACT = {
  category: 'Copie ou extrait d’acte de naissance',
  extra: {
    'Personne concernée par l’acte (nom, prénoms)': 'Lefèvre Hélène Marie',
    'Date de naissance': '1948-03-03',
    'Document demandé': 'Copie intégrale',
  },
};
export const ROADS = {
  category: 'Voirie (chaussée, trottoir, signalisation)',
  extra: { 'Lieu précis (adresse, repère)': 'rue des Écoles' },
};
