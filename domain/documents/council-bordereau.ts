/**
 * The "bordereau du jour": the day's dossiers as one printed list the mayor
 * takes to the council room or signs at the end of the day. Three parts, the
 * same as the council table: the dossiers of the day, the late ones, and the
 * answers waiting for the mayor. A4 portrait, the header row repeated on
 * every page, pages numbered, a "Vu, le Maire" box at the end.
 *
 * `bordereauSections` picks and describes the lines (domain/council.ts's
 * selections); `bordereauDefinition` lays them out. Both are pure.
 */
import { approvalState, awaitingMayor, lateDossiers, todaysDossiers } from '../council';
import type { CategoryDoc, CitizenDoc, RequestDoc } from '../model';
import {
  BASE_STYLES,
  COLORS,
  COMMON_FR,
  STATUS_FR,
  DEFAULT_STYLE,
  dateOf,
  documentInfo,
  letterhead,
  logoImages,
  longDate,
  mayorName,
  shortName,
  signatureName,
  typeset,
  unbroken,
  type DocumentSettings,
} from './common';
import type { Content, ContentTable, DocumentDefinition, TableCell } from './pdfmake-types';
import { mm } from './pdfmake-types';

export const BORDEREAU_FR = {
  common: COMMON_FR,
  title: 'Bordereau du jour',
  documentSubject: 'Dossiers du jour pour le maire',
  /** "Dossiers du jeudi 12 mars 2026" */
  ofDay: (date: string) => `Dossiers du ${date}`,
  sections: {
    today: 'Dossiers du jour (reçus ou à échéance)',
    late: 'Dossiers en retard',
    awaiting: 'Réponses en attente du maire',
  },
  columns: {
    reference: 'Référence',
    received: 'Reçue le',
    subject: 'Objet',
    resident: 'Usager',
    category: 'Catégorie',
    status: 'Statut',
    due: 'Échéance',
  },
  status: STATUS_FR,
  awaitingMayor: 'en attente du maire',
  late: 'en retard',
  anonymous: 'Anonyme',
  none: 'Aucun dossier.',
  total: (count: number) => `${count} dossier${count > 1 ? 's' : ''}`,
  seen: 'Vu, le Maire',
  date: 'Date :',
  printedOn: (date: string) => `Édité le ${date}`,
};
export type BordereauLabels = typeof BORDEREAU_FR;

export interface BordereauEntry {
  reference: string;
  /** `YYYY-MM-DD` */
  receivedOn: string;
  subject: string;
  resident: string;
  category: string;
  /** the status in words, with "en attente du maire" or "en retard" when it is */
  status: string;
  /** `YYYY-MM-DD` */
  dueOn: string;
  late: boolean;
}

export interface BordereauSections {
  today: BordereauEntry[];
  late: BordereauEntry[];
  awaiting: BordereauEntry[];
}

type BordereauRequest = Pick<
  RequestDoc,
  'id' | 'reference' | 'receivedAt' | 'subject' | 'citizenId' | 'categoryId' | 'status' | 'dueAt' | 'flags' | 'answer'
>;

export interface BordereauSource {
  requests: readonly BordereauRequest[];
  categories: readonly Pick<CategoryDoc, 'id' | 'label' | 'needsMayorApproval'>[];
  citizens?: readonly Pick<CitizenDoc, 'id' | 'civility' | 'firstName' | 'lastName'>[];
  /** the latest send-back of each request that has one (domain/council.ts, lastReturnedAt) */
  returnedAt?: ReadonlyMap<string, string>;
  /** `YYYY-MM-DD`, the day of the bordereau */
  today: string;
  labels?: BordereauLabels;
}

export function bordereauSections(source: BordereauSource): BordereauSections {
  const labels = source.labels ?? BORDEREAU_FR;
  const categories = new Map(source.categories.map((category) => [category.id, category]));
  const citizens = new Map((source.citizens ?? []).map((citizen) => [citizen.id, citizen]));
  const returnedAt = source.returnedAt ?? new Map<string, string>();
  const describe = (request: BordereauRequest): BordereauEntry => {
    const citizen = request.citizenId ? citizens.get(request.citizenId) : undefined;
    const late = lateDossiers([request], source.today).length === 1;
    const waiting = approvalState(request, categories.get(request.categoryId), returnedAt.get(request.id)) === 'awaiting_mayor';
    const status = [labels.status[request.status], waiting ? labels.awaitingMayor : '', late ? labels.late : ''].filter(Boolean).join(', ');
    return {
      reference: request.reference,
      receivedOn: dateOf(request.receivedAt),
      subject: request.subject,
      resident: citizen ? shortName(citizen, labels.common) : labels.anonymous,
      category: categories.get(request.categoryId)?.label ?? '',
      status,
      dueOn: request.dueAt,
      late,
    };
  };
  return {
    today: todaysDossiers(source.requests, source.today, dateOf).map(describe),
    late: lateDossiers(source.requests, source.today).map(describe),
    awaiting: awaitingMayor(source.requests, categories, returnedAt).map(describe),
  };
}

export interface BordereauInput {
  settings: DocumentSettings;
  sections: BordereauSections;
  /** `YYYY-MM-DD`: the day the bordereau is about */
  day: string;
  /** `YYYY-MM-DD`: the day it is printed */
  issuedOn: string;
  labels?: BordereauLabels;
}

/** "12/03/2026" */
function shortDate(dateISO: string): string {
  const [year, month, day] = dateISO.split('-');
  return `${day}/${month}/${year}`;
}

function sectionTable(entries: readonly BordereauEntry[], labels: BordereauLabels): ContentTable {
  const head = (text: string): TableCell => ({ text: typeset(text), style: 'tableHead', fillColor: COLORS.fill });
  const columns = labels.columns;
  const header = [
    head(columns.reference),
    head(columns.received),
    head(columns.subject),
    head(columns.resident),
    head(columns.category),
    head(columns.status),
    head(columns.due),
  ];
  const rows: TableCell[][] = entries.map((entry) => [
    unbroken(entry.reference, { bold: true }),
    { text: shortDate(entry.receivedOn) },
    { text: typeset(entry.subject) },
    { text: typeset(entry.resident) },
    { text: typeset(entry.category) },
    { text: typeset(entry.status) },
    { text: shortDate(entry.dueOn), bold: entry.late, color: entry.late ? '#a4161a' : undefined },
  ]);
  if (rows.length === 0)
    rows.push([{ text: labels.none, colSpan: 7, italics: true, color: COLORS.muted, alignment: 'center' }, {}, {}, {}, {}, {}, {}]);
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: [mm(24), mm(16), '*', mm(30), mm(28), mm(28), mm(16)], body: [header, ...rows] },
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
}

export function bordereauDefinition(input: BordereauInput): DocumentDefinition {
  const labels = input.labels ?? BORDEREAU_FR;
  const common = labels.common;
  const { settings, sections } = input;
  const margin = mm(14);
  const townHall = common.townHall(settings.name);
  const ofDay = labels.ofDay(longDate(input.day));
  const section = (title: string, entries: readonly BordereauEntry[]): Content[] => [
    { text: typeset(`${title} — ${labels.total(entries.length)}`), style: 'heading', fontSize: 11, margin: [0, mm(4), 0, mm(1.5)] },
    sectionTable(entries, labels),
  ];
  const mayor = mayorName(settings);
  return {
    pageSize: 'A4',
    pageMargins: [margin, margin, margin, mm(16)],
    ...documentInfo(`${labels.title} — ${ofDay}`, settings, labels.documentSubject, common),
    images: logoImages(settings),
    footer: (page, pages) => ({
      columns: [
        { text: typeset(`${labels.title} · ${townHall} · ${ofDay}`), alignment: 'left' },
        { text: typeset(labels.printedOn(longDate(input.issuedOn))), alignment: 'center', width: mm(45) },
        { text: common.page(page, pages), alignment: 'right', width: mm(30) },
      ],
      fontSize: 7.5,
      color: COLORS.muted,
      margin: [margin, mm(5), margin, 0],
    }),
    content: [
      letterhead(settings, common, { compact: true }),
      { text: labels.title.toLocaleUpperCase('fr-FR'), style: 'title', margin: [0, mm(4), 0, 0] },
      { text: typeset(ofDay), fontSize: 10, color: COLORS.muted, margin: [0, 0, 0, mm(2)] },
      ...section(labels.sections.today, sections.today),
      ...section(labels.sections.late, sections.late),
      ...section(labels.sections.awaiting, sections.awaiting),
      {
        unbreakable: true,
        margin: [mm(100), mm(8), 0, 0],
        stack: [
          { text: labels.seen, bold: true },
          ...(mayor ? [{ text: signatureName(mayor) }] : []),
          { text: labels.date, margin: [0, mm(2), 0, mm(14)] },
        ],
      },
    ],
    styles: { ...BASE_STYLES, tableHead: { bold: true, fontSize: 8.5, color: COLORS.accent } },
    defaultStyle: DEFAULT_STYLE,
  };
}
