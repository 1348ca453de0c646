/**
 * Human references, mail register numbers and tracking codes.
 *
 * References must be unique within a commune even when two devices create
 * requests offline at the same moment, without asking anyone: each device has
 * its own prefix and its own counter per year.
 *
 *   request reference      2026-B-0042     year, device prefix, sequence
 *   mail register number   C-2026-B-0017   the same, with its own counter
 *   tracking code          K7MQ-4QX2       random, for the resident to quote
 *
 * Device prefixes: 1 or 2 letters of `PREFIX_ALPHABET`. A device working
 * alone uses `STANDALONE_PREFIX` ('A'); the sync server hands out the others
 * at enrollment with `enrolledDevicePrefix` and never hands out 'A', so the
 * references a device made before it was enrolled cannot collide with an
 * enrolled device's.
 *
 * Sequences have at least four digits and grow past 9999 without breaking
 * the format (`2026-B-10000`).
 */

/** Letters no one confuses with a digit or with each other when read aloud or handwritten: no I, L, O. */
export const PREFIX_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ';
export const STANDALONE_PREFIX = 'A';

/**
 * Tracking code alphabet: no 0/O, 1/I/L, which residents misread on a printed
 * sheet and mistype on the phone.
 */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_CODE_LENGTH = 8;

const PREFIX_PATTERN = `[${PREFIX_ALPHABET}]{1,2}`;
const REFERENCE_SHAPE = new RegExp(`^(\\d{4})-(${PREFIX_PATTERN})-(\\d{4,})$`);
const MAIL_REGISTER_SHAPE = new RegExp(`^C-(\\d{4})-(${PREFIX_PATTERN})-(\\d{4,})$`);

export interface ParsedReference {
  year: number;
  prefix: string;
  seq: number;
}

export function isValidDevicePrefix(prefix: string): boolean {
  return new RegExp(`^${PREFIX_PATTERN}$`).test(prefix);
}

/**
 * The prefix of the `index`-th device enrolled in a commune (0-based): B, C,
 * … Z, then AA, AB, … ZZ. 'A' alone is kept for standalone devices.
 */
export function enrolledDevicePrefix(index: number): string {
  const letters = PREFIX_ALPHABET.length;
  const singles = letters - 1;
  if (!Number.isInteger(index) || index < 0 || index >= singles + letters * letters) {
    throw new RangeError(`no device prefix left for device ${index}`);
  }
  if (index < singles) return PREFIX_ALPHABET.charAt(index + 1);
  const pair = index - singles;
  return PREFIX_ALPHABET.charAt(Math.floor(pair / letters)) + PREFIX_ALPHABET.charAt(pair % letters);
}

function formatNumbered(year: number, prefix: string, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year out of range: ${year}`);
  if (!isValidDevicePrefix(prefix)) throw new RangeError(`not a device prefix: ${prefix}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`sequence must be a positive whole number: ${seq}`);
  return `${year}-${prefix}-${String(seq).padStart(4, '0')}`;
}

export function formatReference(year: number, prefix: string, seq: number): string {
  return formatNumbered(year, prefix, seq);
}

/** The reference after `lastSeq` (0 when the device has made none this year). */
export function nextReference(year: number, prefix: string, lastSeq: number): string {
  return formatNumbered(year, prefix, lastSeq + 1);
}

function parseNumbered(shape: RegExp, input: string): ParsedReference | null {
  const match = shape.exec(input.trim().toUpperCase());
  if (!match) return null;
  return { year: Number(match[1]), prefix: match[2] ?? '', seq: Number(match[3]) };
}

/** Reads a reference, forgiving case and surrounding spaces; null when it is not one. */
export function parseReference(input: string): ParsedReference | null {
  return parseNumbered(REFERENCE_SHAPE, input);
}

/**
 * The highest sequence this device used in `year` among known references: a
 * device restored from a backup or reinstalled resumes its counter from the
 * requests it finds instead of reusing numbers.
 */
export function highestSequence(references: Iterable<string>, year: number, prefix: string): number {
  let highest = 0;
  for (const reference of references) {
    const parsed = parseReference(reference) ?? parseMailRegisterNumber(reference);
    if (parsed && parsed.year === year && parsed.prefix === prefix) highest = Math.max(highest, parsed.seq);
  }
  return highest;
}

/** The mail register number after `lastSeq`: `C-2026-B-0017`. Letters are counted apart from requests. */
export function nextMailRegisterNumber(year: number, prefix: string, lastSeq: number): string {
  return `C-${formatNumbered(year, prefix, lastSeq + 1)}`;
}

export function parseMailRegisterNumber(input: string): ParsedReference | null {
  return parseNumbered(MAIL_REGISTER_SHAPE, input);
}

/** The largest multiple of the alphabet's size that fits in a byte: bytes at or above it are drawn again. */
const UNBIASED_BYTE_LIMIT = 256 - (256 % TRACKING_ALPHABET.length);

/**
 * A new tracking code `XXXX-XXXX`. Each character is drawn uniformly from the
 * alphabet: random bytes at or above the largest multiple of 31 are discarded
 * rather than folded with a modulo, which would favour the first characters.
 */
export function newTrackingCode(): string {
  const characters: string[] = [];
  const bytes = new Uint8Array(TRACKING_CODE_LENGTH * 2);
  while (characters.length < TRACKING_CODE_LENGTH) {
    globalThis.crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte < UNBIASED_BYTE_LIMIT && characters.length < TRACKING_CODE_LENGTH) {
        characters.push(TRACKING_ALPHABET.charAt(byte % TRACKING_ALPHABET.length));
      }
    }
  }
  return formatTrackingCode(characters.join(''));
}

function formatTrackingCode(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}

export const TRACKING_CODE_ERRORS = {
  empty: 'trackingCode.error.empty',
  /** 0, O, 1, I or L: never in a code; the resident misread a character */
  ambiguousCharacter: 'trackingCode.error.ambiguousCharacter',
  invalidCharacter: 'trackingCode.error.invalidCharacter',
  length: 'trackingCode.error.length',
} as const;
export type TrackingCodeError = (typeof TRACKING_CODE_ERRORS)[keyof typeof TRACKING_CODE_ERRORS];

export type TrackingCodeResult = { ok: true; code: string } | { ok: false; error: TrackingCodeError };

/** Characters people type between groups: spaces, dashes of every kind, dots, underscores. */
const TYPED_SEPARATORS = /[\s\-‐‑‒–—_.]/g;

/**
 * Reads a tracking code as the resident gives it: any case, spaces, with or
 * without the dash. Codes never contain 0, O, 1, I or L; when one is typed
 * there is no safe guess (an O may be a D, a Q or a 0 misheard), so the code
 * is refused with `trackingCode.error.ambiguousCharacter` and the secretary
 * asks again rather than opening someone else's file.
 */
export function normaliseTrackingCode(input: string): TrackingCodeResult {
  const compact = input.toUpperCase().replace(TYPED_SEPARATORS, '');
  if (compact === '') return { ok: false, error: TRACKING_CODE_ERRORS.empty };
  if (/[0O1IL]/.test(compact)) return { ok: false, error: TRACKING_CODE_ERRORS.ambiguousCharacter };
  if ([...compact].some((character) => !TRACKING_ALPHABET.includes(character))) {
    return { ok: false, error: TRACKING_CODE_ERRORS.invalidCharacter };
  }
  if (compact.length !== TRACKING_CODE_LENGTH) return { ok: false, error: TRACKING_CODE_ERRORS.length };
  return { ok: true, code: formatTrackingCode(compact) };
}
