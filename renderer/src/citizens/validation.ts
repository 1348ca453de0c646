import { CIVILITIES } from '../../../domain/model';
import { isValidBirthDate, isValidEmail, isValidPhone } from '../../../domain/validation';
import type { CitizenFields } from './repository';

/** Field → i18n key of the message shown next to it. */
export type CitizenErrors = Partial<Record<keyof CitizenFields, string>>;

/** Limits of the `citizens` schema: beyond them the store would refuse the document. */
const MAX_LENGTH: Record<Exclude<keyof CitizenFields, 'civility'>, number> = {
  firstName: 100,
  lastName: 100,
  phone: 30,
  email: 254,
  address: 1_000,
  postalCode: 10,
  city: 100,
  birthDate: 10,
  notes: 100_000,
};

// The same rules as intake, so a number or a date accepted there is accepted here.
export { isValidBirthDate, isValidEmail, isValidPhone } from '../../../domain/validation';

/**
 * The checks of the resident's form, for creating and editing a file.
 * Only the last name is required: a resident calling about a pothole may
 * give nothing else.
 */
export function validateCitizen(fields: CitizenFields, today: Date = new Date()): CitizenErrors {
  const errors: CitizenErrors = {};
  for (const key of Object.keys(MAX_LENGTH) as Array<keyof typeof MAX_LENGTH>) {
    const value = fields[key] ?? '';
    if (value.trim().length > MAX_LENGTH[key]) errors[key] = 'citizens.errors.tooLong';
  }
  if (fields.civility && !(CIVILITIES as readonly string[]).includes(fields.civility)) errors.civility = 'citizens.errors.civilityInvalid';
  if (!fields.lastName.trim()) errors.lastName = 'citizens.errors.lastNameRequired';
  if (fields.phone.trim() && !errors.phone && !isValidPhone(fields.phone)) errors.phone = 'citizens.errors.phoneInvalid';
  if (fields.email.trim() && !errors.email && !isValidEmail(fields.email)) errors.email = 'citizens.errors.emailInvalid';
  if (fields.postalCode.trim() && !errors.postalCode && !/^[0-9A-Za-z -]{2,10}$/.test(fields.postalCode.trim())) {
    errors.postalCode = 'citizens.errors.postalCodeInvalid';
  }
  if (fields.birthDate?.trim() && !isValidBirthDate(fields.birthDate.trim(), today)) errors.birthDate = 'citizens.errors.birthDateInvalid';
  return errors;
}

export const EMPTY_CITIZEN: Required<CitizenFields> = {
  civility: '',
  lastName: '',
  firstName: '',
  phone: '',
  email: '',
  address: '',
  postalCode: '',
  city: '',
  birthDate: '',
  notes: '',
};
