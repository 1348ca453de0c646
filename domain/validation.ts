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
 *   validation.postmarkDate.tooOld   Le cachet de la poste précède la réception de plus d’un an.
 *   validation.receivedAt.tooOld     La réception ne peut pas remonter à plus d’un an.
 *   validation.actDate.range         Date passée, et pas avant 1792 (création de l’état civil).
 *   validation.bookingDate.range     Du jour de la réception à trois ans après.
 *   validation.date.outOfRange       D’un an avant la réception à trois ans après.
 *   validation.timeRange.invalid     Des heures de 0h à 24h, par exemple « de 14h à 18h30 ».
 *   validation.phone.invalid         Numéro de téléphone invalide.
 *   validation.email.invalid         Adresse électronique invalide.
 *   validation.postalCode.invalid    Code postal invalide (5 chiffres).
 *   validation.citizen.nameRequired  Indiquez au moins le nom de l'usager, ou cochez « anonyme ».
 *   validation.choice.invalid        Choisissez une valeur de la liste.
 */
import { addMonths, isValidDate, localDateOf } from './calendar';
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
  postmarkTooOld: 'validation.postmarkDate.tooOld',
  receivedTooOld: 'validation.receivedAt.tooOld',
  actDateRange: 'validation.actDate.range',
  bookingDateRange: 'validation.bookingDate.range',
  dateOutOfRange: 'validation.date.outOfRange',
  timeRangeInvalid: 'validation.timeRange.invalid',
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
/**
 * How far back a receipt or a postmark may go: a request older than a year has long
 * passed its implicit decision (two months by default), so such a date is a typing slip.
 */
const PAST_MONTHS = 12;
/** How far ahead a booking or another event of a request may be. */
const AHEAD_MONTHS = 36;
/** The civil registers (état civil) exist since the law of 20 September 1792. */
const FIRST_ACT_DATE = '1792-09-20';
/** The oldest birth date a living resident's file may carry. */
const FIRST_BIRTH_DATE = '1890-01-01';

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
  else if (localDateOf(received) < addMonths(localDateOf(now), -PAST_MONTHS)) errors.receivedAt = VALIDATION_KEYS.receivedTooOld;
  return received;
}

function checkMail(errors: ValidationErrors, facts: ChannelFacts, received: Date | null, now: Date): void {
  const postmark = facts.postmarkDate ?? '';
  if (isBlank(postmark)) errors['channelFacts.postmarkDate'] = VALIDATION_KEYS.required;
  else if (!isValidDate(postmark)) errors['channelFacts.postmarkDate'] = VALIDATION_KEYS.dateInvalid;
  else if (postmark > localDateOf(now)) errors['channelFacts.postmarkDate'] = VALIDATION_KEYS.dateFuture;
  else if (received && postmark > localDateOf(received)) errors['channelFacts.postmarkDate'] = VALIDATION_KEYS.postmarkAfterReceipt;
  else if (postmark < addMonths(localDateOf(received ?? now), -PAST_MONTHS))
    errors['channelFacts.postmarkDate'] = VALIDATION_KEYS.postmarkTooOld;
  if (isBlank(facts.sender)) errors['channelFacts.sender'] = VALIDATION_KEYS.required;
}

function checkEmail(errors: ValidationErrors, facts: ChannelFacts): void {
  if (isBlank(facts.sender)) errors['channelFacts.sender'] = VALIDATION_KEYS.required;
  else if (!isValidEmail(emailAddressOf(facts.sender ?? ''))) errors['channelFacts.sender'] = VALIDATION_KEYS.emailInvalid;
}

/** A call may come from a hidden number: the number is optional, but must be a number when given. */
function checkPhoneCall(errors: ValidationErrors, facts: ChannelFacts): void {
  if (!isBlank(facts.phoneNumber) && !isValidPhone(facts.phoneNumber ?? ''))
    errors['channelFacts.phoneNumber'] = VALIDATION_KEYS.phoneInvalid;
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

/** A real past date of birth, from 1890: the citizen's file and its export use it. */
export function isValidBirthDate(value: string, today: Date = new Date()): boolean {
  return isValidDate(value) && value >= FIRST_BIRTH_DATE && value <= localDateOf(today);
}

/**
 * The bounds of a category's date field, by its key: the date of a civil act is in
 * the past, a booking (`date`) is from the receipt on, any other date is near the receipt.
 */
function dateFieldError(key: string, value: string, receivedOn: string, today: string): ValidationKey | null {
  if (!isValidDate(value)) return VALIDATION_KEYS.dateInvalid;
  if (key === 'date_acte') return value >= FIRST_ACT_DATE && value <= today ? null : VALIDATION_KEYS.actDateRange;
  const latest = addMonths(receivedOn, AHEAD_MONTHS);
  if (key === 'date') return value >= receivedOn && value <= latest ? null : VALIDATION_KEYS.bookingDateRange;
  return value >= addMonths(receivedOn, -PAST_MONTHS) && value <= latest ? null : VALIDATION_KEYS.dateOutOfRange;
}

/** A time of day as the French write it: 14h, 14h30, 14:30, and 24h for the end of the day. */
const TIME_OF_DAY = /(\d{1,2})\s*(?:h|:)\s*(\d{2})?/gi;

/**
 * « de 14h à 18h30 », « 14:00-18:00 », « de 20h à 2h » (a party past midnight), or words
 * alone (« toute la journée »); every number written must belong to a real time of day.
 */
export function isValidTimeRange(text: string): boolean {
  let valid = true;
  const rest = text.replace(TIME_OF_DAY, (_match, hours: string, minutes: string | undefined) => {
    const h = Number(hours);
    const m = Number(minutes ?? 0);
    if (h > 24 || m > 59 || (h === 24 && m > 0)) valid = false;
    return ' ';
  });
  return valid && !/\d/.test(rest);
}

/** Text fields that hold hours, by key. */
const TIME_RANGE_KEYS = new Set(['horaire']);

function extraFieldError(
  field: IntakeContextCategory['extraFields'][number],
  value: string,
  receivedOn: string,
  today: string,
): ValidationKey | null {
  if (field.type === 'select') return field.options.includes(value) ? null : VALIDATION_KEYS.choiceInvalid;
  if (field.type === 'date') return dateFieldError(field.key, value, receivedOn, today);
  if (TIME_RANGE_KEYS.has(field.key) && !isValidTimeRange(value)) return VALIDATION_KEYS.timeRangeInvalid;
  return null;
}

type IntakeContextCategory = NonNullable<IntakeContext['category']>;

function checkCategory(
  errors: ValidationErrors,
  input: IntakeInput,
  category: IntakeContext['category'],
  received: Date | null,
  now: Date,
): void {
  if (isBlank(input.categoryId)) {
    errors.categoryId = VALIDATION_KEYS.required;
    return;
  }
  if (!category || category.id !== input.categoryId) {
    errors.categoryId = VALIDATION_KEYS.categoryUnknown;
    return;
  }
  if (!category.active) errors.categoryId = VALIDATION_KEYS.categoryInactive;
  const today = localDateOf(now);
  const receivedOn = received ? localDateOf(received) : today;
  for (const field of category.extraFields) {
    const value = input.categoryFields[field.key] ?? '';
    const path = `categoryFields.${field.key}`;
    const error = isBlank(value)
      ? field.required
        ? VALIDATION_KEYS.required
        : null
      : extraFieldError(field, value.trim(), receivedOn, today);
    if (error) errors[path] = error;
  }
}

/** Every problem of the form at once, by field; an empty object when it can be saved. */
export function validateIntake(input: IntakeInput, context: IntakeContext): ValidationErrors {
  const errors: ValidationErrors = {};
  const received = checkReceipt(errors, input, context.now);
  checkChannel(errors, input, received, context.now);
  checkCategory(errors, input, context.category, received, context.now);
  checkText(errors, 'subject', input.subject, { required: true, max: SUBJECT_MAX });
  checkText(errors, 'description', input.description, { required: false, max: DESCRIPTION_MAX });
  checkCitizen(errors, input);
  return errors;
}
