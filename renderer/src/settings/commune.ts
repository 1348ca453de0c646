import type { SettingsDoc } from '../../../domain/model';
import { isValidEmail, isValidPhone, isValidPostalCode } from '../../../domain/validation';

/** The commune's identity as the form edits it. */
export type CommuneForm = Pick<
  SettingsDoc,
  | 'name'
  | 'inseeCode'
  | 'address'
  | 'postalCode'
  | 'city'
  | 'phone'
  | 'email'
  | 'openingHours'
  | 'logoDataUrl'
  | 'epciName'
  | 'alsaceMoselle'
>;

export type CommuneErrors = Partial<Record<keyof CommuneForm, string>>;

export function communeFormOf(settings: SettingsDoc): CommuneForm {
  return {
    name: settings.name,
    inseeCode: settings.inseeCode,
    address: settings.address,
    postalCode: settings.postalCode,
    city: settings.city,
    phone: settings.phone,
    email: settings.email,
    openingHours: settings.openingHours,
    logoDataUrl: settings.logoDataUrl,
    epciName: settings.epciName,
    alsaceMoselle: settings.alsaceMoselle,
  };
}

/** Five characters: five digits, or 2A / 2B and three digits in Corsica. */
export function isValidInseeCode(code: string): boolean {
  return /^(\d{5}|2[AB]\d{3})$/.test(code.trim().toUpperCase());
}

/** Limits of the settings schema. */
const MAX_LENGTH: Partial<Record<keyof CommuneForm, number>> = {
  name: 200,
  address: 1_000,
  city: 100,
  phone: 30,
  email: 254,
  openingHours: 1_000,
  epciName: 200,
};

/** The identity form's checks; keys are i18n keys shown next to the fields. */
export function validateCommune(form: CommuneForm): CommuneErrors {
  const errors: CommuneErrors = {};
  for (const [key, max] of Object.entries(MAX_LENGTH) as Array<[keyof CommuneForm, number]>) {
    if (String(form[key]).trim().length > max) errors[key] = 'settings.errors.tooLong';
  }
  if (!form.name.trim()) errors.name = 'settings.errors.nameRequired';
  if (!isValidInseeCode(form.inseeCode)) errors.inseeCode = 'settings.errors.inseeInvalid';
  if (form.postalCode.trim() && !isValidPostalCode(form.postalCode)) errors.postalCode = 'settings.errors.postalCodeInvalid';
  if (form.phone.trim() && !errors.phone && !isValidPhone(form.phone)) errors.phone = 'settings.errors.phoneInvalid';
  if (form.email.trim() && !errors.email && !isValidEmail(form.email)) errors.email = 'settings.errors.emailInvalid';
  return errors;
}

/** What is stored: trimmed, the INSEE code in capitals (2A, 2B). */
export function cleanCommune(form: CommuneForm): CommuneForm {
  return {
    ...form,
    name: form.name.trim(),
    inseeCode: form.inseeCode.trim().toUpperCase(),
    address: form.address.trim(),
    postalCode: form.postalCode.trim(),
    city: form.city.trim(),
    phone: form.phone.trim(),
    email: form.email.trim(),
    openingHours: form.openingHours.trim(),
    epciName: form.epciName.trim(),
  };
}

export const LOGO_MAX_BYTES = 300 * 1024;

const LOGO_TYPES: Record<string, (bytes: Uint8Array) => boolean> = {
  'image/png': (bytes) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, index) => bytes[index] === byte),
  'image/jpeg': (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
};

export type LogoResult = { ok: true; dataUrl: string } | { ok: false; error: string };

/**
 * A logo file as a data: URL, or why it is refused: only PNG and JPEG
 * (checked on the bytes, not only the name), at most 300 KB (it is printed
 * on every letter and travels with the settings to every device).
 */
export function logoDataUrlOf(bytes: Uint8Array, declaredType: string): LogoResult {
  const type = Object.keys(LOGO_TYPES).find((candidate) => LOGO_TYPES[candidate]!(bytes));
  if (!type || (declaredType && !(declaredType in LOGO_TYPES))) return { ok: false, error: 'settings.errors.logoType' };
  if (bytes.length > LOGO_MAX_BYTES) return { ok: false, error: 'settings.errors.logoTooLarge' };
  return { ok: true, dataUrl: `data:${type};base64,${toBase64(bytes)}` };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let index = 0; index < bytes.length; index += chunk) binary += String.fromCharCode(...bytes.subarray(index, index + chunk));
  return btoa(binary);
}
