import type { AppUser, CategoryDoc, ReplyKind, ReplyTemplateDoc, SettingsDoc } from '../../../domain/model';
import { newId } from '../../../domain/ids';
import { SETTINGS_ID } from '../../../domain/schemas';
import { generateDemoCommune } from '../../../domain/demo';
import { isValidEmail, isValidFrenchPhone } from '../../../domain/validation';
import categoryCatalogue from '../../../resources/catalogue/categories.json';
import replyTemplateCatalogue from '../../../resources/catalogue/reply-templates.json';
import { catalogueProcedures } from '../assisted';
import type { GuichetDatabase } from '../db/database';
import { todayISO } from '../../../domain/calendar';
import { newDeviceState, writeDevice, type DeviceState } from '../session/device';

export interface CommuneIdentity {
  name: string;
  inseeCode: string;
  address: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  epciName: string;
  secretaryName: string;
}

type CatalogueCategory = Omit<CategoryDoc, 'id' | 'communeId' | 'updatedAt'>;
interface CatalogueTemplate {
  title: string;
  kind: ReplyKind;
  /** catalogue codes of the categories the template is for; empty = all */
  categoryCodes: string[];
  body: string;
}

/** The set-up form's checks; keys are i18n keys shown next to the fields. */
export function validateCommuneIdentity(identity: CommuneIdentity): Partial<Record<keyof CommuneIdentity, string>> {
  const errors: Partial<Record<keyof CommuneIdentity, string>> = {};
  if (!identity.name.trim()) errors.name = 'setup.errors.nameRequired';
  if (!/^(\d{5}|2[AB]\d{3})$/i.test(identity.inseeCode.trim())) errors.inseeCode = 'setup.errors.inseeInvalid';
  if (identity.postalCode.trim() && !/^\d{5}$/.test(identity.postalCode.trim())) errors.postalCode = 'setup.errors.postalCodeInvalid';
  if (identity.email.trim() && !isValidEmail(identity.email.trim())) errors.email = 'setup.errors.emailInvalid';
  if (identity.phone.trim() && !isValidFrenchPhone(identity.phone.trim())) errors.phone = 'setup.errors.phoneInvalid';
  if (!identity.secretaryName.trim()) errors.secretaryName = 'setup.errors.secretaryRequired';
  return errors;
}

/** The shipped category catalogue, as documents of this commune. */
export function catalogueCategories(communeId: string, now: string): CategoryDoc[] {
  return (categoryCatalogue as CatalogueCategory[]).map((category) => ({ ...category, id: newId(), communeId, updatedAt: now }));
}

export function catalogueTemplates(communeId: string, categories: CategoryDoc[], now: string): ReplyTemplateDoc[] {
  const idByCode = new Map(categories.map((category) => [category.code, category.id]));
  return (replyTemplateCatalogue as CatalogueTemplate[]).map((template) => ({
    id: newId(),
    communeId,
    title: template.title,
    kind: template.kind,
    body: template.body,
    categoryIds: template.categoryCodes.map((code) => idByCode.get(code)).filter((id): id is string => Boolean(id)),
    updatedAt: now,
  }));
}

/**
 * Creates the commune on this device: its settings, the category catalogue,
 * the reply templates, and this device's state with the secretary at the keyboard.
 */
export async function createCommune(db: GuichetDatabase, identity: CommuneIdentity, now: Date = new Date()): Promise<DeviceState> {
  const iso = now.toISOString();
  const communeId = newId();
  const secretary: AppUser = { id: newId(), name: identity.secretaryName.trim(), role: 'secretary', active: true };
  const settings: SettingsDoc = {
    id: SETTINGS_ID,
    communeId,
    name: identity.name.trim(),
    inseeCode: identity.inseeCode.trim().toUpperCase(),
    address: identity.address.trim(),
    postalCode: identity.postalCode.trim(),
    city: identity.city.trim() || identity.name.trim(),
    phone: identity.phone.trim(),
    email: identity.email.trim(),
    openingHours: '',
    logoDataUrl: '',
    epciName: identity.epciName.trim(),
    epciId: null,
    alsaceMoselle: false,
    users: [secretary],
    updatedAt: iso,
  };
  const categories = catalogueCategories(communeId, iso);
  await db.categories.bulkInsert(categories);
  await db.replytemplates.bulkInsert(catalogueTemplates(communeId, categories, iso));
  await db.procedures.bulkInsert(catalogueProcedures(communeId, iso));
  await db.settings.insert(settings);
  const device = newDeviceState(communeId, secretary.id);
  await writeDevice(db, device);
  return device;
}

/**
 * Loads the fictional demo commune (domain/demo.ts) with its residents,
 * requests and journal, and puts its secretary at the keyboard.
 */
export async function loadDemoCommune(db: GuichetDatabase): Promise<DeviceState> {
  const demo = generateDemoCommune({ today: todayISO() });
  await db.categories.bulkInsert(demo.categories);
  await db.replytemplates.bulkInsert(demo.replyTemplates);
  await db.citizens.bulkInsert(demo.citizens);
  await db.requests.bulkInsert(demo.requests);
  await db.events.bulkInsert(demo.events);
  await db.procedures.bulkInsert(demo.procedures);
  await db.assistedsessions.bulkInsert(demo.assistedSessions);
  await db.settings.insert(demo.settings);
  const device = newDeviceState(demo.settings.communeId, demo.users.secretary.id);
  await writeDevice(db, device);
  return device;
}
