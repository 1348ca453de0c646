/**
 * What the documents share: the commune's letterhead, the address blocks,
 * French dates and typography, the page frame and the styles.
 *
 * Everything here is pure: plain data in, pdfmake content (plain objects)
 * out. The French words are in `COMMON_FR`; each document's dictionary holds
 * it under `common`, so a translation replaces one object per document.
 */
import { formatFrenchDate, localDateOf } from '../calendar';
import type { Channel, CitizenDoc, Civility, RequestStatus, SettingsDoc } from '../model';
import type { Content, ContentText, DocumentDefinition, Style } from './pdfmake-types';
import { mm } from './pdfmake-types';

/** The commune's identity as the documents print it (a `SettingsDoc` fits). */
export type DocumentSettings = Pick<
  SettingsDoc,
  'name' | 'address' | 'postalCode' | 'city' | 'phone' | 'email' | 'openingHours' | 'logoDataUrl' | 'epciName' | 'users'
> &
  /** the calendar of the receipt's dates (Alsace-Moselle's two extra holidays); a `SettingsDoc` has it */
  Partial<Pick<SettingsDoc, 'alsaceMoselle'>>;

/** The resident as the documents address them (a `CitizenDoc` fits). */
export type DocumentCitizen = Pick<CitizenDoc, 'firstName' | 'lastName' | 'address' | 'postalCode' | 'city'> & {
  civility?: Civility;
};

/**
 * The statuses as the screens name them (renderer i18n `status.*`, French):
 * a printed register or bordereau says the same word as the screen (issue 13:
 * « Clos » on paper, « Close » on screen). A renderer test keeps them equal.
 */
export const STATUS_FR: Readonly<Record<RequestStatus, string>> = {
  new: 'Reçue',
  in_progress: 'En cours',
  waiting_citizen: 'En attente de l’usager',
  transferred: 'Transmise',
  answered: 'Répondue',
  closed: 'Close',
  rejected: 'Irrecevable / sans suite',
};

export const COMMON_FR = {
  /** "Mairie de Saint-Aubin-sur-Meuse", "Mairie d’Étain", "Mairie du Mesnil" */
  townHall: (communeName: string) => `Mairie ${ofCommune(communeName)}`,
  phone: 'Tél.',
  email: 'Courriel',
  openingHours: 'Accueil du public',
  /** "Saint-Aubin-sur-Meuse, le 12 mars 2026" */
  placeAndDate: (city: string, date: string) => `${city}, le ${date}`,
  civility: { madame: 'Madame', monsieur: 'Monsieur' } satisfies Record<Civility, string>,
  shortCivility: { madame: 'Mme', monsieur: 'M.' } satisfies Record<Civility, string>,
  channel: {
    counter: 'au guichet de la mairie',
    phone: 'par téléphone',
    mail: 'par courrier',
    email: 'par courriel',
    web: 'par le formulaire en ligne',
    elected: 'par l’intermédiaire d’un élu',
  } satisfies Record<Channel, string>,
  /** "9 h 05": the French way of writing a time */
  time: (hours: number, minutes: number) => `${hours} h ${String(minutes).padStart(2, '0')}`,
  /** "le 12 mars 2026 à 9 h 05" */
  dateAndTime: (date: string, time: string) => `le ${date} à ${time}`,
  page: (page: number, pages: number) => `Page ${page} sur ${pages}`,
  /** written in full on letters up to twelve: "deux mois" */
  months: (count: number) => `${NUMBER_WORDS[count] ?? String(count)} mois`,
  mayor: 'Le Maire',
  createdWith: 'Guichet',
};
export type CommonLabels = typeof COMMON_FR;

const NUMBER_WORDS: Readonly<Record<number, string>> = {
  1: 'un',
  2: 'deux',
  3: 'trois',
  4: 'quatre',
  5: 'cinq',
  6: 'six',
  7: 'sept',
  8: 'huit',
  9: 'neuf',
  10: 'dix',
  11: 'onze',
  12: 'douze',
};

/**
 * "de Saint-Aubin-sur-Meuse", "d’Étain", "du Mesnil", "des Islettes",
 * "de La Chalade": the French elision and contraction before a commune's name.
 */
export function ofCommune(name: string): string {
  const trimmed = name.trim();
  if (/^Le\s/.test(trimmed)) return `du ${trimmed.slice(3)}`;
  if (/^Les\s/.test(trimmed)) return `des ${trimmed.slice(4)}`;
  if (/^[AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆaeiouyœæ]/.test(trimmed)) return `d’${trimmed}`;
  return `de ${trimmed}`;
}

const NBSP = '\u00a0';

/**
 * French typography for printed text: a no-break space before ; : ! ? » and
 * after «, and between a number and the word that follows ("12 mars",
 * "n° 12", "5 jours"), so that lines never start with a colon or a lone word.
 */
export function typeset(text: string): string {
  return text
    .replace(/ ([;:!?»])/g, `${NBSP}$1`)
    .replace(/« /g, `«${NBSP}`)
    .replace(/(\d) (?=[\p{L}€%])/gu, `$1${NBSP}`)
    .replace(/\b(n°|N°|art\.|p\.) /g, `$1${NBSP}`);
}

/** "12 mars 2026", never broken across two lines. */
export function longDate(dateISO: string): string {
  return formatFrenchDate(dateISO).replace(/ /g, NBSP);
}

/** The local date (at the mairie) of an instant, or the date itself. */
export function dateOf(instantOrDate: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(instantOrDate) ? instantOrDate : localDateOf(instantOrDate);
}

/** "9 h 05", local time at the mairie. */
export function timeOf(instant: string, labels: CommonLabels = COMMON_FR): string {
  const date = new Date(instant);
  return labels.time(date.getHours(), date.getMinutes()).replace(/ /g, NBSP);
}

/** Codes, references and article numbers ("L112-3", "K7MQ-4QX2") are never split across lines. */
export function unbroken(text: string, style: Style = {}): ContentText {
  return { text, noWrap: true, ...style };
}

/** The text with each of `phrases` (a commune's name, "55220 Saint-Aubin-sur-Meuse") kept on one line when it fits. */
export function keepingTogether(text: string, phrases: readonly string[]): Array<string | ContentText> {
  const wanted = phrases.filter((phrase) => phrase.trim() !== '' && text.includes(phrase));
  if (wanted.length === 0) return [typeset(text)];
  const pattern = new RegExp(wanted.map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const parts: Array<string | ContentText> = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(typeset(text.slice(last, index)));
    parts.push(unbroken(match[0]));
    last = index + match[0].length;
  }
  if (last < text.length) parts.push(typeset(text.slice(last)));
  return parts;
}

/** Splits a sentence so that article numbers (L112-3, R112-11-1) stay whole, with the word "article" before them. */
export function legalText(text: string): Array<string | ContentText> {
  const parts: Array<string | ContentText> = [];
  // "article L231-4" together when it fits: a line never starts with a lone article number
  const pattern = /(?:\barticles? )?\b[LRD]\s?\d{3,4}(?:-\d+)+\b/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(typeset(text.slice(last, index)));
    parts.push(unbroken(match[0]));
    last = index + match[0].length;
  }
  if (last < text.length) parts.push(typeset(text.slice(last)));
  return parts;
}

/** "Madame Hélène LEFÈVRE": the name as an address block writes it. */
export function formalName(
  citizen: Pick<DocumentCitizen, 'civility' | 'firstName' | 'lastName'>,
  labels: CommonLabels = COMMON_FR,
): string {
  const civility = citizen.civility ? `${labels.civility[citizen.civility]} ` : '';
  return `${civility}${citizen.firstName} ${citizen.lastName.toLocaleUpperCase('fr-FR')}`.trim();
}

/** "Mme Hélène LEFÈVRE": the short form, for tables and receipts. */
export function shortName(citizen: Pick<DocumentCitizen, 'civility' | 'firstName' | 'lastName'>, labels: CommonLabels = COMMON_FR): string {
  const civility = citizen.civility ? `${labels.shortCivility[citizen.civility]} ` : '';
  return `${civility}${citizen.firstName} ${citizen.lastName.toLocaleUpperCase('fr-FR')}`.trim();
}

/** The postal lines of the resident, name first, city in capitals as La Poste asks. */
export function recipientLines(citizen: DocumentCitizen, labels: CommonLabels = COMMON_FR): string[] {
  const cityLine = [citizen.postalCode, citizen.city.toLocaleUpperCase('fr-FR')].filter((part) => part.trim() !== '').join(' ');
  return [formalName(citizen, labels), citizen.address, cityLine].filter((line) => line.trim() !== '');
}

/** The commune's postal address on one line: "2 place de la Mairie, 55220 Saint-Aubin-sur-Meuse". */
export function communeAddressLine(settings: DocumentSettings): string {
  const cityLine = [settings.postalCode, settings.city].filter((part) => part.trim() !== '').join(' ');
  return [settings.address, cityLine].filter((part) => part.trim() !== '').join(', ');
}

/** The mayor's name from the settings' users, or '' when none is recorded. */
export function mayorName(settings: Pick<SettingsDoc, 'users'>): string {
  const mayor =
    settings.users.find((user) => user.role === 'mayor' && user.active !== false) ?? settings.users.find((user) => user.role === 'mayor');
  return mayor?.name ?? '';
}

/** "Bernard THIÉBAUT": a signature's name, last name in capitals (the last word taken as the last name). */
export function signatureName(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  if (words.length < 2) return fullName.trim();
  const last = words.pop() ?? '';
  return `${words.join(' ')} ${last.toLocaleUpperCase('fr-FR')}`;
}

export const LOGO_IMAGE = 'logo';

/** The images of a definition: the logo, when the commune has one (only data: URLs are used). */
export function logoImages(settings: Pick<SettingsDoc, 'logoDataUrl'>): Record<string, string> {
  return /^data:image\/(png|jpeg);base64,/.test(settings.logoDataUrl) ? { [LOGO_IMAGE]: settings.logoDataUrl } : {};
}

/**
 * The letterhead, top left: the logo, then "Mairie de …", its address, phone
 * and email, as French town halls print them.
 */
export function letterhead(settings: DocumentSettings, labels: CommonLabels = COMMON_FR, options: { compact?: boolean } = {}): Content {
  const hasLogo = Object.keys(logoImages(settings)).length > 0;
  const cityLine = [settings.postalCode, settings.city].filter((part) => part.trim() !== '').join(' ');
  const lines: Content[] = [
    { text: labels.townHall(settings.name).toLocaleUpperCase('fr-FR'), style: 'letterheadName' },
    ...[settings.address, cityLine].filter((line) => line.trim() !== '').map((line) => ({ text: line, style: 'letterheadLine' })),
  ];
  if (settings.phone.trim()) lines.push({ text: `${labels.phone}${NBSP}${settings.phone.replace(/ /g, NBSP)}`, style: 'letterheadLine' });
  if (settings.email.trim()) lines.push({ text: settings.email, style: 'letterheadLine' });
  const logoSize: [number, number] = options.compact ? [mm(14), mm(16)] : [mm(20), mm(23)];
  return {
    columns: [
      ...(hasLogo ? [{ image: LOGO_IMAGE, fit: logoSize, width: logoSize[0] }] : []),
      { stack: lines, width: '*', margin: hasLogo ? [mm(3), 0, 0, 0] : 0 },
    ],
    columnGap: 0,
  };
}

/** A thin rule across the text width. */
export function rule(width: number, color = '#1f4e8c', lineWidth = 0.6): Content {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth, lineColor: color }] };
}

export const A4_WIDTH = mm(210);
export const A4_HEIGHT = mm(297);
export const A5_WIDTH = mm(148);

/** Colours: the blue of the letterhead, greys for secondary text and table lines. */
export const COLORS = { accent: '#1f4e8c', muted: '#555555', line: '#9aa5b1', fill: '#eef2f7', zebra: '#f6f8fb' } as const;

export const BASE_STYLES: Record<string, Style> = {
  letterheadName: { fontSize: 10, bold: true, color: COLORS.accent, margin: [0, 0, 0, 2] },
  letterheadLine: { fontSize: 8.5, color: '#333333', lineHeight: 1.1 },
  title: { fontSize: 15, bold: true, color: COLORS.accent, characterSpacing: 0.4 },
  subtitle: { fontSize: 8.5, italics: true, color: COLORS.muted },
  heading: { fontSize: 10, bold: true, color: COLORS.accent, margin: [0, 7, 0, 2] },
  label: { fontSize: 8.5, color: COLORS.muted },
  value: { fontSize: 9.5 },
  small: { fontSize: 7.5, color: COLORS.muted, lineHeight: 1.15 },
  // left-aligned: pdfmake's justification also stretches the break after a hyphen ("Saint- Aubin")
  body: { fontSize: 9.5, lineHeight: 1.2 },
  boxTitle: { fontSize: 8.5, bold: true, color: COLORS.accent, characterSpacing: 0.5 },
  footer: { fontSize: 7.5, color: COLORS.muted, alignment: 'center' },
};

export const DEFAULT_STYLE: Style = { font: 'Roboto', fontSize: 10, lineHeight: 1.2, color: '#111111' };

/** The metadata of every document: title, author, language, made with Guichet. */
export function documentInfo(
  title: string,
  settings: DocumentSettings,
  subject: string,
  labels: CommonLabels = COMMON_FR,
): Pick<DocumentDefinition, 'info' | 'language' | 'displayTitle'> {
  return {
    info: { title, author: labels.townHall(settings.name), subject, creator: labels.createdWith, producer: labels.createdWith },
    language: 'fr-FR',
    displayTitle: true,
  };
}

/** The footer of letters: the commune's contact details, and the page when there are several. */
export function contactFooter(
  settings: DocumentSettings,
  labels: CommonLabels = COMMON_FR,
  margin = mm(20),
  options: { openingHours?: boolean } = {},
): (page: number, pages: number) => Content {
  const parts = [labels.townHall(settings.name), communeAddressLine(settings)];
  if (settings.phone.trim()) parts.push(`${labels.phone} ${settings.phone}`);
  if (settings.email.trim()) parts.push(settings.email);
  const contact = parts.join(' · ');
  const hours = options.openingHours !== false && settings.openingHours.trim() !== '';
  return (page, pages) => ({
    stack: [
      {
        canvas: [{ type: 'line', x1: 0, y1: 0, x2: A4_WIDTH - 2 * margin, y2: 0, lineWidth: 0.4, lineColor: COLORS.line }],
        margin: [0, 0, 0, 3],
      },
      { text: contact, style: 'footer' },
      ...(hours ? [{ text: typeset(`${labels.openingHours} : ${settings.openingHours}`), style: 'footer' }] : []),
      ...(pages > 1 ? [{ text: labels.page(page, pages), style: 'footer', margin: [0, 2, 0, 0] as [number, number, number, number] }] : []),
    ],
    margin: [margin, mm(2), margin, 0],
  });
}

/**
 * The top of a letter: the letterhead, the place and date on the right; then,
 * on the right at the height of a window envelope's window, the recipient's
 * address block, with `left` (references, "Objet") beside it.
 */
export function letterBlock(
  settings: DocumentSettings,
  citizen: DocumentCitizen | null,
  issuedOn: string,
  labels: CommonLabels = COMMON_FR,
  left: Content = '',
): Content {
  return {
    stack: [
      {
        columns: [
          { width: mm(98), stack: [letterhead(settings, labels)] },
          {
            width: '*',
            text: typeset(labels.placeAndDate(settings.city || settings.name, longDate(issuedOn))),
            alignment: 'right',
            fontSize: 9.5,
          },
        ],
        columnGap: mm(2),
      },
      {
        columns: [
          { width: mm(80), stack: [left], margin: [0, mm(5), 0, 0] },
          citizen
            ? { width: '*', stack: recipientLines(citizen, labels), fontSize: 10.5, lineHeight: 1.15, margin: [0, mm(4), 0, 0] }
            : { width: '*', text: '' },
        ],
        columnGap: mm(5),
      },
    ],
  };
}
