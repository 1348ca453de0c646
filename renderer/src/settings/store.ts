import type { CategoryDoc, ReplyTemplateDoc, SettingsDoc } from '../../../domain/model';
import { newId } from '../../../domain/ids';
import type { GuichetDatabase } from '../db/database';
import { categoryFields, newCategory, type CategoryForm } from './categories';
import type { TemplateForm } from './templates';
import { toPlain } from '../db/plain';

/**
 * Writes part of the commune's settings document. The patch is complete and
 * checked before this is called: a half-written document is never stored,
 * and what is not in the patch stays as it was.
 */
export async function patchSettings(
  db: GuichetDatabase,
  settingsId: string,
  patch: Partial<SettingsDoc>,
  now: Date = new Date(),
): Promise<SettingsDoc> {
  const doc = await db.settings.findOne(settingsId).exec();
  if (!doc) throw new Error(`settings ${settingsId} not found`);
  const updated = await doc.incrementalPatch({ ...patch, updatedAt: now.toISOString() });
  return toPlain(updated);
}

/** Saves a category from its (valid) form: a new one when `id` is null. */
export async function saveCategory(
  db: GuichetDatabase,
  id: string | null,
  form: CategoryForm,
  communeId: string,
  now: Date = new Date(),
): Promise<CategoryDoc> {
  if (id === null) {
    const codes = new Set((await db.categories.find().exec()).map((category) => category.code));
    const category = newCategory(form, communeId, codes, now);
    await db.categories.insert(category);
    return category;
  }
  const doc = await db.categories.findOne(id).exec();
  if (!doc) throw new Error(`category ${id} not found`);
  return toPlain(await doc.incrementalPatch({ ...categoryFields(form), updatedAt: now.toISOString() }));
}

/** Saves a reply template from its (valid) form: a new one when `id` is null. */
export async function saveTemplate(
  db: GuichetDatabase,
  id: string | null,
  form: TemplateForm,
  communeId: string,
  now: Date = new Date(),
): Promise<ReplyTemplateDoc> {
  const fields = {
    title: form.title.trim(),
    kind: form.kind,
    body: form.body,
    categoryIds: [...new Set(form.categoryIds)],
    updatedAt: now.toISOString(),
  };
  if (id === null) {
    const template: ReplyTemplateDoc = { id: newId(), communeId, ...fields };
    await db.replytemplates.insert(template);
    return template;
  }
  const doc = await db.replytemplates.findOne(id).exec();
  if (!doc) throw new Error(`reply template ${id} not found`);
  return toPlain(await doc.incrementalPatch(fields));
}
