/**
 * Search normalisation: what the secretary types and what is stored are both
 * reduced to the same plain form, so that "Saint-Étienne", "st etienne" and
 * "SAINT ETIENNE" find each other, and "Lœtitia" is found by "loetitia".
 *
 * The normalised form is lower case, without accents, with ligatures spelled
 * out, with every run of non-letter non-digit characters (apostrophes,
 * hyphens, underscores, dots, commas...) turned into one space, and with the
 * abbreviations "st"/"ste" written as "saint"/"sainte".
 */

const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', æ: 'ae', ß: 'ss' };
const LIGATURE_PATTERN = /[œæß]/g;
const COMBINING_MARKS = /\p{M}+/gu;
/** anything that is not a letter or a digit separates words: ’ ' ʼ - _ . , / ( ) ... */
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
/** ʼ (U+02BC) and its kin are "modifier letters" for Unicode, but apostrophes for French typists */
const LETTER_APOSTROPHES = /[\u02b9-\u02bc\u02bf]/g;

/** Whole-word abbreviations of French place and person names. */
const ABBREVIATIONS: Readonly<Record<string, string>> = { st: 'saint', ste: 'sainte' };

/** Lower case, no accents, ligatures spelled out, one space between words; no abbreviation expansion. */
function plainWords(text: string): string[] {
  const folded = text
    .toLowerCase()
    .replace(LIGATURE_PATTERN, (ligature) => LIGATURES[ligature] ?? ligature)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(LETTER_APOSTROPHES, ' ')
    .replace(SEPARATORS, ' ')
    .trim();
  return folded === '' ? [] : folded.split(' ');
}

function expandAbbreviation(word: string): string {
  return ABBREVIATIONS[word] ?? word;
}

/** The normalised form of a text, for storing in `searchText` / `searchName` and for comparing. */
export function normaliseSearch(text: string): string {
  return plainWords(text).map(expandAbbreviation).join(' ');
}

/**
 * Whether every word of the query is the beginning of some word of the text
 * (which must already be normalised with `normaliseSearch`). An empty query
 * matches everything.
 *
 * A query word "st" matches both "saint..." and words starting with "st"
 * ("stade"): while typing, the secretary may be on her way to either.
 */
export function matchesQuery(normalisedText: string, query: string): boolean {
  const textWords = normalisedText === '' ? [] : normalisedText.split(' ');
  return plainWords(query).every((queryWord) => {
    const candidates = [queryWord, expandAbbreviation(queryWord)];
    return textWords.some((textWord) => candidates.some((candidate) => textWord.startsWith(candidate)));
  });
}

/** `CitizenDoc.searchName`: "lastname firstname", normalised, so files sort and match by last name first. */
export function citizenSearchName(firstName: string, lastName: string): string {
  return normaliseSearch(`${lastName} ${firstName}`);
}

/**
 * Country codes whose numbers follow the French national plan (0 + 9 digits):
 * metropolitan France, Réunion/Mayotte, Guadeloupe and the Antilles, Guyane, Martinique.
 */
const FRENCH_PLAN_COUNTRY_CODES = ['33', '262', '590', '594', '596'];

/**
 * `CitizenDoc.searchPhone`: a phone number as digits only, French numbers in
 * their national form, so that "+33 6 12 34 56 78", "0033612345678" and
 * "06.12.34.56.78" are all "0612345678". Works on a partly typed number too.
 * Other international numbers keep their country code behind "00".
 */
export function phoneDigits(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  const international = trimmed.startsWith('+') ? digits : digits.startsWith('00') ? digits.slice(2) : null;
  if (international === null) return digits;
  const countryCode = FRENCH_PLAN_COUNTRY_CODES.find((code) => international.startsWith(code));
  if (countryCode === undefined) return `00${international}`;
  // "+33 (0)6 12..." is a common way of writing it: the trunk 0 may already be there
  const subscriber = international.slice(countryCode.length).replace(/^0/, '');
  // +262 692 12 34 56 is 0692 12 34 56: overseas numbers carry their area in the subscriber part
  return `0${subscriber}`;
}

export interface RequestSearchParts {
  reference: string;
  trackingCode: string;
  subject: string;
  /** the resident's name as shown ("DUPONT Marie"), or empty */
  citizenName: string;
  /** anything else worth finding the request by: the address, the sender of a letter... */
  extra?: readonly string[];
}

/**
 * `RequestDoc.searchText`: the words a request can be found by. Reference and
 * tracking code are there both split ("2026 a 0042") and in one piece
 * ("2026a0042"), so that they are found however they are typed.
 * Repeated words are kept once, to keep documents small.
 */
export function requestSearchText(parts: RequestSearchParts): string {
  const compactCodes = [parts.reference, parts.trackingCode].map((code) => plainWords(code).join(''));
  const text = [parts.reference, parts.trackingCode, ...compactCodes, parts.citizenName, parts.subject, ...(parts.extra ?? [])]
    .map(normaliseSearch)
    .join(' ');
  return [...new Set(text.split(' ').filter((word) => word !== ''))].join(' ');
}
