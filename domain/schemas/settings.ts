/**
 * The `settings` collection: one document per commune (id `commune`), its
 * identity and its users.
 *
 * Version history
 * - 0: no `alsaceMoselle`, no `epciId`; users had no `active` flag (a user who
 *   left was deleted, and the journal lost their name's owner).
 * - 1: `alsaceMoselle` (two more public holidays), `epciId` (forwarding
 *   through the sync server), users deactivated rather than deleted.
 */
import { USER_ROLES, type AppUser, type SettingsDoc } from '../model';
import { flag, id, instant, list, nullableId, oneOf, record, text, LINE_TEXT } from './fields';
import type { CollectionDefinition, CollectionSchema, JsonSchemaProperty } from './types';

/** The commune's settings document's id. */
export const SETTINGS_ID = 'commune';

/** Logos are small images; 2 MB of data: URL is far more than a letterhead needs. */
const LOGO_MAX_LENGTH = 2_000_000;

const userProperties = { id: id('user id'), name: text('name'), role: oneOf('role', USER_ROLES) } as const;

function usersList(properties: Readonly<Record<string, JsonSchemaProperty>>): JsonSchemaProperty {
  return list('people who use Guichet', record('a user', properties), 500);
}

const commonProperties = {
  id: id(`always '${SETTINGS_ID}'`),
  communeId: id('tenant'),
  name: text('name of the commune'),
  inseeCode: {
    type: 'string',
    description: 'INSEE code (5 characters, 2A/2B in Corsica)',
    pattern: '^([0-9]{2}|2[AB])[0-9]{3}$|^$',
    maxLength: 5,
  },
  address: text('postal address', LINE_TEXT),
  postalCode: text('postal code', 10),
  city: text('city', 100),
  phone: text('phone', 30),
  email: text('email', 254),
  openingHours: text('opening hours', LINE_TEXT),
  logoDataUrl: {
    type: 'string',
    description: 'data: URL of the logo, or empty',
    pattern: '^$|^data:image/(png|jpeg);base64,',
    maxLength: LOGO_MAX_LENGTH,
  },
  epciName: text('the intercommunality'),
  updatedAt: instant('stamped by the sync server on push'),
} as const satisfies Record<string, JsonSchemaProperty>;

export const settingsSchema: CollectionSchema<SettingsDoc> = {
  title: 'settings',
  description: "The commune's identity and users",
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...commonProperties,
    epciId: nullableId("the intercommunality's id on the sync server"),
    alsaceMoselle: flag('Good Friday and 26 December are public holidays'),
    users: usersList({ ...userProperties, active: flag('can still sign in') }),
  },
  required: [
    'id',
    'communeId',
    'name',
    'inseeCode',
    'address',
    'postalCode',
    'city',
    'phone',
    'email',
    'openingHours',
    'logoDataUrl',
    'epciName',
    'epciId',
    'alsaceMoselle',
    'users',
    'updatedAt',
  ],
  indexes: [],
  additionalProperties: false,
};

export type SettingsDocV0 = Omit<SettingsDoc, 'alsaceMoselle' | 'epciId' | 'users'> & { users: Omit<AppUser, 'active'>[] };

export const settingsSchemaV0: CollectionSchema<SettingsDocV0> = {
  title: 'settings',
  description: "The commune's identity and users (version 0)",
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { ...commonProperties, users: usersList(userProperties) },
  required: [
    'id',
    'communeId',
    'name',
    'inseeCode',
    'address',
    'postalCode',
    'city',
    'phone',
    'email',
    'openingHours',
    'logoDataUrl',
    'epciName',
    'users',
    'updatedAt',
  ],
  indexes: [],
  additionalProperties: false,
};

/** Moselle (57), Bas-Rhin (67) and Haut-Rhin (68) keep the local law of Alsace-Moselle. */
export function isAlsaceMoselle(inseeCode: string): boolean {
  return ['57', '67', '68'].includes(inseeCode.slice(0, 2));
}

/** Version 0 → 1: the INSEE code tells whether the commune is in Alsace-Moselle; every listed user was active. */
export function migrateSettingsV0(oldDoc: SettingsDocV0): SettingsDoc {
  return {
    ...oldDoc,
    epciId: null,
    alsaceMoselle: isAlsaceMoselle(oldDoc.inseeCode ?? ''),
    users: (oldDoc.users ?? []).map((user) => ({ ...user, active: true })),
  };
}

export const settingsCollection: CollectionDefinition<SettingsDoc> = {
  schema: settingsSchema,
  migrationStrategies: { 1: migrateSettingsV0 },
  previousSchemas: { 0: settingsSchemaV0 },
};
