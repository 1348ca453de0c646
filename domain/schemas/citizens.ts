/**
 * The `citizens` collection: one file per resident (fiche usager).
 *
 * Version history
 * - 0: one `fullName` field, a `phone` and no lookup fields: intake could not
 *   suggest existing files as a name or number was typed.
 * - 1: `firstName` / `lastName`, and the indexed lookup fields `searchName`
 *   ("lastname firstname", normalised) and `searchPhone` (national digits);
 *   `birthDate`, `notes` and `mergedInto` for merging duplicate files;
 *   `civility` (optional: absent when unknown) for letters.
 */
import { CIVILITIES, type CitizenDoc } from '../model';
import { citizenSearchName, phoneDigits } from '../search';
import { date, id, instant, nullableId, oneOf, text, LINE_TEXT, LONG_TEXT } from './fields';
import type { CollectionDefinition, CollectionSchema } from './types';

export const NAME_MAX_LENGTH = 100;
/** "lastname firstname" normalised; "st" → "saint" can make it longer than the two names */
export const SEARCH_NAME_MAX_LENGTH = 240;
export const PHONE_MAX_LENGTH = 30;
/** digits of the phone, plus "00" for a foreign number */
export const SEARCH_PHONE_MAX_LENGTH = 32;

const commonProperties = {
  id: id('primary key (UUID)'),
  communeId: id('tenant'),
  phone: text('phone number as typed', PHONE_MAX_LENGTH),
  email: text('email address', 254),
  address: text('street address', LINE_TEXT),
  postalCode: text('postal code', 10),
  city: text('city', 100),
  createdAt: instant('created at'),
  updatedAt: instant('stamped by the sync server on push'),
} as const;

export const citizenSchema: CollectionSchema<CitizenDoc> = {
  title: 'citizens',
  description: "Residents' files (fiches usager)",
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...commonProperties,
    civility: oneOf('how letters address the resident; absent when unknown', CIVILITIES),
    firstName: text('first name', NAME_MAX_LENGTH),
    lastName: text('last name', NAME_MAX_LENGTH),
    birthDate: { ...date('date of birth'), pattern: '^$|^\\d{4}-\\d{2}-\\d{2}$', description: "date of birth, or '' when unknown" },
    notes: text('notes', LONG_TEXT),
    searchName: text('normalised "lastname firstname" (domain/search.ts)', SEARCH_NAME_MAX_LENGTH),
    searchPhone: text('national digits of the phone (domain/search.ts)', SEARCH_PHONE_MAX_LENGTH),
    mergedInto: nullableId('the file this one was merged into'),
  },
  required: [
    'id',
    'communeId',
    'firstName',
    'lastName',
    'phone',
    'email',
    'address',
    'postalCode',
    'city',
    'birthDate',
    'notes',
    'searchName',
    'searchPhone',
    'mergedInto',
    'createdAt',
    'updatedAt',
  ],
  indexes: [['searchName'], ['searchPhone'], ['updatedAt']],
  additionalProperties: false,
};

/** A resident's file as version 0 stored it. */
export interface CitizenDocV0 {
  id: string;
  communeId: string;
  fullName: string;
  phone: string;
  email: string;
  address: string;
  postalCode: string;
  city: string;
  createdAt: string;
  updatedAt: string;
}

export const citizenSchemaV0: CollectionSchema<CitizenDocV0> = {
  title: 'citizens',
  description: "Residents' files (version 0)",
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { ...commonProperties, fullName: text('full name as typed', 2 * NAME_MAX_LENGTH) },
  required: ['id', 'communeId', 'fullName', 'phone', 'email', 'address', 'postalCode', 'city', 'createdAt', 'updatedAt'],
  indexes: [['updatedAt']],
  additionalProperties: false,
};

/** A word written in capitals ("DUPONT", "LE GALL"), the French way of marking the last name. */
function isCapitalised(word: string): boolean {
  return /\p{Lu}/u.test(word) && word === word.toUpperCase();
}

/**
 * Splits a full name typed in one field. French forms write the last name in
 * capitals ("DUPONT Marie", "Marie LE GALL"): capitalised words are the last
 * name. Without capitals ("Marie de la Fontaine"), the first word is the first
 * name and the rest the last name: particles belong to the last name.
 * A single word is taken as a last name.
 */
export function splitFullName(fullName: string): { firstName: string; lastName: string } {
  const words = fullName
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const capitalised = words.filter((word) => word.length > 1 && isCapitalised(word));
  if (capitalised.length > 0 && capitalised.length < words.length) {
    return { firstName: words.filter((word) => !capitalised.includes(word)).join(' '), lastName: capitalised.join(' ') };
  }
  if (words.length < 2) return { firstName: '', lastName: words.join(' ') };
  return { firstName: words[0] ?? '', lastName: words.slice(1).join(' ') };
}

/** Version 0 → 1: splits the name and fills the lookup fields, so old files are suggested at intake too. */
export function migrateCitizenV0(oldDoc: CitizenDocV0): CitizenDoc {
  const { fullName, ...kept } = oldDoc;
  const { firstName, lastName } = splitFullName(fullName ?? '');
  return {
    ...kept,
    firstName: firstName.slice(0, NAME_MAX_LENGTH),
    lastName: lastName.slice(0, NAME_MAX_LENGTH),
    birthDate: '',
    notes: '',
    searchName: citizenSearchName(firstName, lastName).slice(0, SEARCH_NAME_MAX_LENGTH),
    searchPhone: phoneDigits(oldDoc.phone ?? '').slice(0, SEARCH_PHONE_MAX_LENGTH),
    mergedInto: null,
  };
}

export const citizensCollection: CollectionDefinition<CitizenDoc> = {
  schema: citizenSchema,
  migrationStrategies: { 1: migrateCitizenV0 },
  previousSchemas: { 0: citizenSchemaV0 },
};
