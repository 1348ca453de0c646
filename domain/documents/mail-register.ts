/**
 * The mail register (registre du courrier arrivé) for a period: one numbered
 * line per letter received, in register order, with what was done with it.
 * A4 landscape; the header row is repeated on every page and every page is
 * numbered "Page n sur N", as a register printed for filing must be.
 *
 * `mailRegisterEntries` selects and describes the lines from the requests;
 * `mailRegisterDefinition` lays them out. Both are pure.
 */
import { formatFrenchDate } from '../calendar';
import type { CategoryDoc, CitizenDoc, RequestDoc } from '../model';
import { parseMailRegisterNumber } from '../references';
import {
  BASE_STYLES,
  COLORS,
  COMMON_FR,
  STATUS_FR,
  DEFAULT_STYLE,
  dateOf,
  documentInfo,
  logoImages,
  LOGO_IMAGE,
  longDate,
  shortName,
  typeset,
  unbroken,
  type DocumentSettings,
} from './common';
import type { Content, ContentTable, DocumentDefinition, TableCell } from './pdfmake-types';
import { mm } from './pdfmake-types';

export const MAIL_REGISTER_FR = {
  common: COMMON_FR,
  title: 'Registre du courrier arrivé',
  documentSubject: 'Registre du courrier',
  /** "du 1er janvier 2026 au 31 mars 2026" */
  period: (from: string, to: string) => `du ${from} au ${to}`,
  columns: {
    number: 'N° d’enregistrement',
    arrivedOn: 'Date d’arrivée',
    postmark: 'Date du cachet',
    sender: 'Expéditeur',
    subject: 'Objet',
    category: 'Catégorie',
    outcome: 'Suite donnée / statut',
  },
  status: STATUS_FR,
  answeredOn: (date: string) => `Réponse du ${date}`,
  transferredTo: (body: string, date: string) => `Transmise le ${date} à la ${body}`,
  unknownSender: 'Non identifié',
  none: '—',
  empty: 'Aucun courrier enregistré sur la période.',
  closing: (count: number, date: string) =>
    `Arrêté le présent registre le ${date} : ${count} courrier${count > 1 ? 's' : ''} enregistré${count > 1 ? 's' : ''} sur la période.`,
  printedOn: (date: string) => `Édité le ${date}`,
};
export type MailRegisterLabels = typeof MAIL_REGISTER_FR;

/** One line of the register, already in words (plain spaces: the renderer can show it as it is). */
export interface MailRegisterEntry {
  /** `C-2026-A-0017`, or the request's reference when the letter was never numbered */
  number: string;
  /** `YYYY-MM-DD` */
  arrivedOn: string;
  /** `YYYY-MM-DD` or '' */
  postmarkOn: string;
  sender: string;
  subject: string;
  category: string;
  /** what was done: the status, with the answer's date or the body it went to */
  outcome: string;
}

export interface MailRegisterSource {
  requests: readonly Pick<
    RequestDoc,
    | 'reference'
    | 'channel'
    | 'channelFacts'
    | 'receivedAt'
    | 'subject'
    | 'categoryId'
    | 'citizenId'
    | 'status'
    | 'statusReason'
    | 'answer'
    | 'transfer'
  >[];
  categories: readonly Pick<CategoryDoc, 'id' | 'label'>[];
  citizens?: readonly Pick<CitizenDoc, 'id' | 'civility' | 'firstName' | 'lastName'>[];
  /** `YYYY-MM-DD`, first and last day of the period, both included */
  from: string;
  to: string;
  labels?: MailRegisterLabels;
}

function registerOrder(a: MailRegisterEntry, b: MailRegisterEntry): number {
  const pa = parseMailRegisterNumber(a.number);
  const pb = parseMailRegisterNumber(b.number);
  if (pa && pb && pa.year === pb.year && pa.prefix === pb.prefix) return pa.seq - pb.seq;
  return a.arrivedOn.localeCompare(b.arrivedOn) || a.number.localeCompare(b.number, 'fr', { numeric: true });
}

/** The letters received by post during the period, in register order, described in words. */
export function mailRegisterEntries(source: MailRegisterSource): MailRegisterEntry[] {
  const labels = source.labels ?? MAIL_REGISTER_FR;
  const categoryLabel = new Map(source.categories.map((category) => [category.id, category.label]));
  const citizenById = new Map((source.citizens ?? []).map((citizen) => [citizen.id, citizen]));
  return source.requests
    .filter((request) => request.channel === 'mail')
    .map((request) => ({ request, arrivedOn: dateOf(request.receivedAt) }))
    .filter(({ arrivedOn }) => arrivedOn >= source.from && arrivedOn <= source.to)
    .map(({ request, arrivedOn }): MailRegisterEntry => {
      const citizen = request.citizenId ? citizenById.get(request.citizenId) : undefined;
      let outcome = labels.status[request.status];
      if (request.answer && (request.status === 'answered' || request.status === 'closed')) {
        outcome = `${outcome} · ${labels.answeredOn(formatFrenchDate(dateOf(request.answer.answeredAt)))}`;
      } else if (request.transfer && request.status === 'transferred') {
        outcome = labels.transferredTo(request.transfer.toName, formatFrenchDate(dateOf(request.transfer.at)));
      } else if (request.statusReason.trim() && (request.status === 'rejected' || request.status === 'waiting_citizen')) {
        outcome = `${outcome} : ${request.statusReason.trim()}`;
      }
      return {
        number: request.channelFacts.mailRegisterNumber || request.reference,
        arrivedOn,
        postmarkOn: request.channelFacts.postmarkDate ?? '',
        sender: request.channelFacts.sender?.trim() || (citizen ? shortName(citizen, labels.common) : labels.unknownSender),
        subject: request.subject,
        category: categoryLabel.get(request.categoryId) ?? labels.none,
        outcome,
      };
    })
    .sort(registerOrder);
}

export interface MailRegisterInput {
  settings: DocumentSettings;
  entries: readonly MailRegisterEntry[];
  /** `YYYY-MM-DD`, the period, both days included */
  from: string;
  to: string;
  /** `YYYY-MM-DD`, the day it is printed */
  issuedOn: string;
  labels?: MailRegisterLabels;
}

/** Short numeric date for the table: "12/03/2026". */
function shortDate(dateISO: string): string {
  if (!dateISO) return '';
  const [year, month, day] = dateISO.split('-');
  return `${day}/${month}/${year}`;
}

export function mailRegisterDefinition(input: MailRegisterInput): DocumentDefinition {
  const labels = input.labels ?? MAIL_REGISTER_FR;
  const common = labels.common;
  const { settings } = input;
  const margin = mm(12);
  const period = labels.period(longDate(input.from), longDate(input.to));
  const townHall = common.townHall(settings.name);
  const images = logoImages(settings);

  const head = (text: string): TableCell => ({ text: typeset(text), style: 'tableHead', fillColor: COLORS.fill });
  const header: TableCell[] = [
    head(labels.columns.number),
    head(labels.columns.arrivedOn),
    head(labels.columns.postmark),
    head(labels.columns.sender),
    head(labels.columns.subject),
    head(labels.columns.category),
    head(labels.columns.outcome),
  ];
  const rows: TableCell[][] = input.entries.map((entry) => [
    unbroken(entry.number, { bold: true }),
    { text: shortDate(entry.arrivedOn) },
    { text: shortDate(entry.postmarkOn) || labels.none, color: entry.postmarkOn ? undefined : COLORS.muted },
    { text: typeset(entry.sender) },
    { text: typeset(entry.subject) },
    { text: typeset(entry.category) },
    { text: typeset(entry.outcome) },
  ]);
  if (rows.length === 0)
    rows.push([{ text: labels.empty, colSpan: 7, italics: true, color: COLORS.muted, alignment: 'center' }, {}, {}, {}, {}, {}, {}]);

  const table: ContentTable = {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [mm(30), mm(19), mm(19), mm(45), '*', mm(42), mm(55)],
      body: [header, ...rows],
    },
    layout: {
      fillColor: (rowIndex) => (rowIndex > 0 && rowIndex % 2 === 0 ? COLORS.zebra : null),
      hLineWidth: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0.3),
      vLineWidth: () => 0.3,
      hLineColor: () => COLORS.line,
      vLineColor: () => COLORS.line,
      paddingTop: () => 2.5,
      paddingBottom: () => 2.5,
      paddingLeft: () => 3,
      paddingRight: () => 3,
    },
    fontSize: 8.5,
  };

  const titleBlock: Content = {
    columns: [
      ...(images[LOGO_IMAGE] ? [{ image: LOGO_IMAGE, fit: [mm(11), mm(13)] as [number, number], width: mm(11) }] : []),
      {
        width: '*',
        stack: [
          { text: labels.title.toLocaleUpperCase('fr-FR'), style: 'title', fontSize: 13 },
          { text: typeset(`${townHall} — ${period}`), fontSize: 9.5, color: COLORS.muted },
        ],
        margin: [images[LOGO_IMAGE] ? mm(3) : 0, 0, 0, 0],
      },
    ],
    margin: [0, 0, 0, mm(4)],
  };

  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [margin, margin, margin, mm(14)],
    ...documentInfo(`${labels.title} — ${period}`, settings, labels.documentSubject, common),
    images,
    footer: (page, pages) => ({
      columns: [
        { text: typeset(`${labels.title} · ${townHall} · ${period}`), alignment: 'left' },
        { text: typeset(labels.printedOn(longDate(input.issuedOn))), alignment: 'center', width: mm(50) },
        { text: common.page(page, pages), alignment: 'right', width: mm(40) },
      ],
      fontSize: 7.5,
      color: COLORS.muted,
      margin: [margin, mm(4), margin, 0],
    }),
    content: [
      titleBlock,
      table,
      {
        text: typeset(labels.closing(input.entries.length, longDate(input.issuedOn))),
        margin: [0, mm(4), 0, 0],
        fontSize: 9,
        italics: true,
      },
    ],
    styles: { ...BASE_STYLES, tableHead: { bold: true, fontSize: 8.5, color: COLORS.accent } },
    defaultStyle: DEFAULT_STYLE,
  };
}
