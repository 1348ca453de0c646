import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleDocuments } from '../../../domain/schemas/samples';
import { openTestDatabase } from '../db/testing';
import type { GuichetDatabase } from '../db/database';
import { categoryFormOf, EMPTY_CATEGORY } from './categories';
import { patchSettings, saveCategory, saveTemplate } from './store';
import { toPlain } from '../db/plain';

describe('saving settings, categories and templates', () => {
  let db: GuichetDatabase;
  const settings = sampleDocuments.settings;

  beforeEach(async () => {
    db = await openTestDatabase();
    await db.settings.insert(settings);
    await db.categories.insert(sampleDocuments.categories);
    await db.replytemplates.insert(sampleDocuments.replytemplates);
  });
  afterEach(async () => {
    await db.close();
  });

  it('changes only the fields given, and stamps the change', async () => {
    const now = new Date('2026-04-01T08:00:00.000Z');
    await patchSettings(db, settings.id, { openingHours: 'Mardi : 14 h – 18 h', logoDataUrl: 'data:image/png;base64,iVBORw0KGgo=' }, now);
    const stored = toPlain((await db.settings.findOne(settings.id).exec())!);
    expect(stored).toMatchObject({
      ...settings,
      openingHours: 'Mardi : 14 h – 18 h',
      logoDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
      updatedAt: now.toISOString(),
    });
  });

  it('fails plainly, writing nothing, when the settings are not on this device', async () => {
    await expect(patchSettings(db, 'elsewhere', { name: 'X' })).rejects.toThrow();
  });

  it('keeps a people list with nobody deleted', async () => {
    const users = [
      ...settings.users.map((user) => ({ ...user, active: false })),
      { id: 'u2', name: 'Jean Dupuis', role: 'mayor' as const, active: true },
    ];
    await patchSettings(db, settings.id, { users });
    expect((await db.settings.findOne(settings.id).exec())!.users).toHaveLength(2);
  });

  it('edits a category and adds one', async () => {
    const edited = await saveCategory(
      db,
      sampleDocuments.categories.id,
      { ...categoryFormOf(sampleDocuments.categories), delayDays: '15' },
      settings.communeId,
    );
    expect(edited.delayDays).toBe(15);
    expect(edited.extraFields).toEqual(sampleDocuments.categories.extraFields);
    const added = await saveCategory(db, null, { ...EMPTY_CATEGORY, label: 'Marché de Noël', group: 'Animations' }, settings.communeId);
    expect((await db.categories.findOne(added.id).exec())?.code).toBe('commune-marche-de-noel');
  });

  it('edits a reply template and adds one', async () => {
    await saveTemplate(
      db,
      sampleDocuments.replytemplates.id,
      { title: ' Éclairage ', kind: 'final', body: 'Bonjour {{usager.nom}}', categoryIds: ['a', 'a'] },
      settings.communeId,
    );
    const stored = (await db.replytemplates.findOne(sampleDocuments.replytemplates.id).exec())!;
    expect(stored.title).toBe('Éclairage');
    expect(stored.categoryIds).toEqual(['a']);
    const added = await saveTemplate(db, null, { title: 'Salle', kind: 'final', body: 'Texte', categoryIds: [] }, settings.communeId);
    expect(await db.replytemplates.findOne(added.id).exec()).not.toBeNull();
  });
});
