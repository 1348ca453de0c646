/**
 * Field-level validation of the intake form, before a request is saved.
 * Pure: the clock and the category are given by the caller.
 *
 * Errors are `{ [field]: i18nKey }`; fields are the form's paths
 * (`subject`, `channelFacts.postmarkDate`, `citizen.phone`,
 * `categoryFields.<key>`...). Every key used, for the renderer's i18n:
 *
 *   validation.required              Ce champ est obligatoire.
 *   validation.tooLong               Ce texte est trop long.
 *   validation.channel.invalid       Canal inconnu.
 *   validation.category.unknown      Cette catégorie n'existe plus.
 *   validation.category.inactive     Cette catégorie n'est plus proposée.
 *   validation.date.invalid          Date invalide.
 *   validation.date.future           La date ne peut pas être dans le futur.
 *   validation.postmarkDate.afterReceipt  Le cachet de la poste ne peut pas être postérieur à la réception.
 *   validation.phone.invalid         Numéro de téléphone invalide.
 *   validation.email.invalid         Adresse électronique invalide.
 *   validation.postalCode.invalid    Code postal invalide (5 chiffres).
 *   validation.citizen.nameRequired  Indiquez au moins le nom de l'usager, ou cochez « anonyme ».
 *   validation.choice.invalid        Choisissez une valeur de la liste.
 */
import { isValidDate, localDateOf } from './calendar';
import { CHANNELS, type CategoryDoc, type ChannelFacts } from './model';
import { phoneDigits } from './search';

export const VALIDATION_KEYS = {
  required: 'validation.required',
  tooLong: 'validation.tooLong',
  channelInvalid: 'validation.channel.invalid',
  categoryUnknown: 'validation.category.unknown',
  categoryInactive: 'validation.category.inactive',
  dateInvalid: 'validation.date.invalid',
  dateFuture: 'validation.date.future',
  postmarkAfterReceipt: 'validation.postmarkDate.afterReceipt',
  phoneInvalid: 'validation.phone.invalid',
  emailInvalid: 'validation.email.invalid',
  postalCodeInvalid: 'validation.postalCode.invalid',
  citizenNameRequired: 'validation.citizen.nameRequired',
  choiceInvalid: 'validation.choice.invalid',
} as const;
export type ValidationKey = (typeof VALIDATION_KEYS)[keyof typeof VALIDATION_KEYS];
export type ValidationErrors = Record<string, ValidationKey>;

/** Lengths the collection schemas accept (domain/schemas). */
const SUBJECT_MAX = 1_000;
const DESCRIPTION_MAX = 100_000;
/** A receipt a few minutes ahead is a clock difference, not a mistake. */
const FUTURE_GRACE_MS = 5 * 60_000;

/** The intake form's fields this validation reads; the renderer's form has these and more. */
export interface IntakeInput {
  channel: string;
  channelFacts: ChannelFacts;
  /** `YYYY-MM-DDTHH:mm[:ss]` local time (a datetime-local input), or an ISO instant */
  receivedAt: string;
  anonymous: boolean;
  citizenId: string | null;
  citizen: { firstName: string; lastName: string; phone: string; email: string; postalCode: string };
  categoryId: string;
  categoryFields: Record<string, string>;
  subject: string;
  description: string;
}

export interface IntakeContext {
  now: Date;
  /** the chosen category, or null/undefined when it could not be found */
  category?: Pick<CategoryDoc, 'id' | 'active' | 'extraFields'> | null;
}

function isBlank(value: string | undefined | null): boolean {
  return value === undefined || value === null || value.trim() === '';
}

const ALLOWED_PHONE_CHARACTERS = /^\+?[\d\s.\-()/]+$/;

/**
 * A French number, written any usual way: 06 12 34 56 78, 06.12.34.56.78,
 * +33 6 12 34 56 78, 0033…, and the overseas departments on the same plan
 * (+262, +590, +594, +596).
 */
export function isValidFrenchPhone(phone: string): boolean {
  return ALLOWED_PHONE_CHARACTERS.test(phone.trim()) && /^0[1-9]\d{8}$/.test(phoneDigits(phone));
}

/** A French number, or a foreign one written with its country code (+32…, 0032…): residents near a border have them. */
export function isValidPhone(phone: string): boolean {
  if (isValidFrenchPhone(phone)) return true;
  return ALLOWED_PHONE_CHARACTERS.test(phone.trim()) && /^00[1-9]\d{5,13}$/.test(phoneDigits(phone));
}

const EMAIL_SHAPE = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[a-z]{2,}$/i;

/** A plausible email address; the only real check is sending to it. */
export function isValidEmail(email: string): boolean {
  return EMAIL_SHAPE.test(email.trim()) && !email.includes('..');
}

/** The address in a From header ("Marie Dupont <marie@example.fr>"), or the text itself. */
export function emailAddressOf(sender: string): string {
  const bracketed = /<([^<>]+)>\s*$/.exec(sender);
  return (bracketed?.[1] ?? sender).trim();
}

/** Five digits (Corsica included: 20000-20999). */
export function isValidPostalCode(postalCode: string): boolean {
  return /^\d{5}$/.test(postalCode.trim());
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The moment a form's date-time stands for: local when it has no zone. Null when it is not a real moment. */
export function parseFormDateTime(value: string): Date | null {
  const local = LOCAL_DATE_TIME.exec(value.trim());
  if (local) {
    const [date, hours, minutes, seconds] = [local[1] ?? '', Number(local[2]), Number(local[3]), Number(local[4] ?? 0)];
    if (!isValidDate(date) || hours > 23 || minutes > 59 || seconds > 59) return null;
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    return new Date(year, month - 1, day, hours, minutes, seconds);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value.trim())) return null;
  const instant = new Date(value.trim());
  return Number.isNaN(instant.getTime()) ? null : instant;
}

function checkText(errors: ValidationErrors, field: string, value: string, options: { required: boolean; max: number }): void {
  if (options.required && isBlank(value)) errors[field] = VALIDATION_KEYS.required;
  else if (value.length > options.max) errors[field] = VALIDATION_KEYS.tooLong;
}

function checkReceipt(errors: ValidationErrors, input: IntakeInput, now: Date): Date | null {
  if (isBlank(input.receivedAt)) {
    errors.receivedAt = VALIDATION_KEYS.required;
    return null;
  }
  const received = parseFormDateTime(input.receivedAt);
  if (!received) errors.receivedAt = VALIDATION_KEYS.dateInvalid;
  else if (received.getTime() > now.getTime() + FUTURE_GRACE_MS) errors.receivedAt = VALIDATION_KEYS.dateFuture;
  return received;
}

function checkMail(errors: ValidationErrors, facts: ChannelFacts, received: Date | null, now: Date): void {
  const postmark = facts.postmarkDate ?? '';
  if (isBlank(postmark)) errors['channelFacts.postmarkDate'] = VALIDATION_KEYS.required;
  else if (!isValidDate(postmark)) errors['channelFacts.postmarkDate'] = VALIDATION_KEYS.dateInvalid;
  else if (postmark > localDateOf(now)) errors['channelFacts.postmarkDate'] = VALIDATION_KEYS.dateFuture;
  else if (received && postmark > localDateOf(received)) errors['channelFacts.postmarkDate'] = VALIDATION_KEYS.postmarkAfterReceipt;
  if (isBlank(facts.sender)) errors['channelFacts.sender'] = VALIDATION_KEYS.required;
}

function checkEmail(errors: ValidationErrors, facts: ChannelFacts): void {
  if (isBlank(facts.sender)) errors['channelFacts.sender'] = VALIDATION_KEYS.required;
  else if (!isValidEmail(emailAddressOf(facts.sender ?? ''))) errors['channelFacts.sender'] = VALIDATION_KEYS.emailInvalid;
}

/** A call may come from a hidden number: the number is optional, but must be a number when given. */
function checkPhoneCall(errors: ValidationErrors, facts: ChannelFacts): void {
  if (!isBlank(facts.phoneNumber) && !isValidPhone(facts.phoneNumber ?? '')) errors['channelFacts.phoneNumber'] = VALIDATION_KEYS.phoneInvalid;
}

function checkChannel(errors: ValidationErrors, input: IntakeInput, received: Date | null, now: Date): void {
  if (isBlank(input.channel)) errors.channel = VALIDATION_KEYS.required;
  else if (!(CHANNELS as readonly string[]).includes(input.channel)) errors.channel = VALIDATION_KEYS.channelInvalid;
  if (input.channel === 'mail') checkMail(errors, input.channelFacts, received, now);
  if (input.channel === 'email') checkEmail(errors, input.channelFacts);
  if (input.channel === 'phone') checkPhoneCall(errors, input.channelFacts);
}

/** A new resident needs a name; contact details are optional but must be usable when given. */
function checkCitizen(errors: ValidationErrors, input: IntakeInput): void {
  if (input.anonymous || !isBlank(input.citizenId)) return;
  const { lastName, phone, email, postalCode } = input.citizen;
  if (isBlank(lastName)) errors['citizen.lastName'] = VALIDATION_KEYS.citizenNameRequired;
  if (!isBlank(phone) && !isValidPhone(phone)) errors['citizen.phone'] = VALIDATION_KEYS.phoneInvalid;
  if (!isBlank(email) && !isValidEmail(email)) errors['citizen.email'] = VALIDATION_KEYS.emailInvalid;
  if (!isBlank(postalCode) && !isValidPostalCode(postalCode)) errors['citizen.postalCode'] = VALIDATION_KEYS.postalCodeInvalid;
}

function checkCategory(errors: ValidationErrors, input: IntakeInput, category: IntakeContext['category']): void {
  if (isBlank(input.categoryId)) {
    errors.categoryId = VALIDATION_KEYS.required;
    return;
  }
  if (!category || category.id !== input.categoryId) {
    errors.categoryId = VALIDATION_KEYS.categoryUnknown;
    return;
  }
  if (!category.active) errors.categoryId = VALIDATION_KEYS.categoryInactive;
  for (const field of category.extraFields) {
    const value = input.categoryFields[field.key] ?? '';
    const path = `categoryFields.${field.key}`;
    if (isBlank(value)) {
      if (field.required) errors[path] = VALIDATION_KEYS.required;
    } else if (field.type === 'select' && !field.options.includes(value)) errors[path] = VALIDATION_KEYS.choiceInvalid;
    else if (field.type === 'date' && !isValidDate(value)) errors[path] = VALIDATION_KEYS.dateInvalid;
  }
}

/** Every problem of the form at once, by field; an empty object when it can be saved. */
export function validateIntake(input: IntakeInput, context: IntakeContext): ValidationErrors {
  const errors: ValidationErrors = {};
  const received = checkReceipt(errors, input, context.now);
  checkChannel(errors, input, received, context.now);
  checkCategory(errors, input, context.category);
  checkText(errors, 'subject', input.subject, { required: true, max: SUBJECT_MAX });
  checkText(errors, 'description', input.description, { required: false, max: DESCRIPTION_MAX });
  checkCitizen(errors, input);
  return errors;
}
