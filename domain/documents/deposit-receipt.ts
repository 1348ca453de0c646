/**
 * The deposit receipt (récépissé de dépôt) handed over at the counter: what
 * was deposited, when, what comes next, and the tracking code in large type,
 * so the resident can ask where the request stands. A5, one page.
 *
 * It is not the acknowledgement of receipt of CRPA L112-3 (that one has legal
 * mentions and is its own document); when the category needs one, the
 * receipt says it is handed over separately.
 */
import type { CategoryDoc, RequestDoc } from '../model';
import {
  A5_WIDTH,
  BASE_STYLES,
  COLORS,
  COMMON_FR,
  DEFAULT_STYLE,
  dateOf,
  documentInfo,
  legalText,
  letterhead,
  logoImages,
  longDate,
  shortName,
  timeOf,
  typeset,
  unbroken,
  type DocumentCitizen,
  type DocumentSettings,
} from './common';
import type { Content, DocumentDefinition } from './pdfmake-types';
import { mm } from './pdfmake-types';

export const DEPOSIT_RECEIPT_FR = {
  common: COMMON_FR,
  title: 'Récépissé de dépôt',
  documentSubject: 'Récépissé de dépôt d’une demande',
  /** "Déposée le 12 mars 2026 à 9 h 15 au guichet de la mairie" */
  deposited: (when: string, channel: string) => `Demande déposée ${when} ${channel}`,
  by: 'Par',
  trackingCode: 'Votre code de suivi',
  trackingHelp: 'Rappelez ce code pour savoir où en est votre demande, au guichet ou par téléphone.',
  reference: 'Référence',
  subject: 'Objet',
  procedure: 'Démarche',
  pieces: 'Pièces déposées',
  noPieces: 'Aucune pièce déposée.',
  nextStep: 'Et maintenant ?',
  nextDue: (date: string) => `La mairie traite votre demande. Une réponse vous sera apportée au plus tard le ${date}.`,
  nextTransfer: (body: string) =>
    `Votre demande relève de la ${body}. La mairie la lui transmet et en suit l’avancement pour vous (CRPA, article L114-2).`,
  onBehalf: (agent: string, date: string) =>
    `Démarche en ligne effectuée pour vous par ${agent}, de la mairie, le ${date}. Aucun de vos mots de passe n’a été conservé par la mairie.`,
  acknowledgementApart:
    'L’accusé de réception prévu par le code des relations entre le public et l’administration (article L112-3) vous est remis séparément.',
  contact: (phone: string) => `Une question ? Secrétariat de mairie${phone ? ` : ${phone}` : ''}.`,
  keep: 'Conservez ce récépissé.',
};
export type DepositReceiptLabels = typeof DEPOSIT_RECEIPT_FR;

export interface DepositReceiptInput {
  settings: DocumentSettings;
  request: Pick<
    RequestDoc,
    'reference' | 'trackingCode' | 'channel' | 'receivedAt' | 'subject' | 'dueAt' | 'competence' | 'transfer' | 'attachments' | 'onBehalf'
  >;
  citizen: DocumentCitizen | null;
  category: Pick<CategoryDoc, 'label' | 'needsAcknowledgement'>;
  /** what was handed over; default the names of the request's attachments */
  deposited?: readonly string[];
  /** the next step in the secretary's words; default from the due date or the transfer */
  nextStep?: string;
  /** the agent who did the online procedure, when `request.onBehalf` is set */
  onBehalfAgentName?: string;
  issuedOn: string;
  labels?: DepositReceiptLabels;
}

export function depositReceiptDefinition(input: DepositReceiptInput): DocumentDefinition {
  const labels = input.labels ?? DEPOSIT_RECEIPT_FR;
  const common = labels.common;
  const { settings, request, category } = input;
  const margin = mm(12);
  const width = A5_WIDTH - 2 * margin;
  const receivedOn = dateOf(request.receivedAt);
  const when = common.dateAndTime(longDate(receivedOn), timeOf(request.receivedAt, common));
  const deposited = input.deposited ?? request.attachments.map((attachment) => attachment.name);
  const forwardedTo = request.transfer?.toName || (request.competence === 'epci' ? settings.epciName : '');
  const nextStep =
    input.nextStep ?? (forwardedTo ? labels.nextTransfer(forwardedTo) : request.dueAt ? labels.nextDue(longDate(request.dueAt)) : '');

  const line = (label: string, value: Content): Content => ({
    columns: [
      { width: mm(24), text: label, style: 'label' },
      { width: '*', stack: [typeof value === 'string' ? { text: typeset(value) } : value] },
    ],
    columnGap: mm(2),
    margin: [0, 0, 0, 3],
  });

  const content: Content[] = [
    letterhead(settings, common, { compact: true }),
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 1, lineColor: COLORS.accent }], margin: [0, mm(3), 0, mm(3)] },
    { text: labels.title.toLocaleUpperCase('fr-FR'), style: 'title', fontSize: 14 },
    { text: typeset(labels.deposited(when, common.channel[request.channel])), margin: [0, 2, 0, mm(4)] },
    {
      table: {
        widths: ['*'],
        body: [
          [
            {
              stack: [
                { text: labels.trackingCode.toLocaleUpperCase('fr-FR'), style: 'boxTitle', alignment: 'center' },
                unbroken(request.trackingCode, { fontSize: 30, bold: true, alignment: 'center', color: '#000000', margin: [0, 3, 0, 2] }),
                { text: typeset(labels.trackingHelp), fontSize: 8.5, alignment: 'center', color: COLORS.muted },
              ],
              fillColor: COLORS.fill,
              margin: [0, 4, 0, 4],
            },
          ],
        ],
      },
      layout: { hLineWidth: () => 1.2, vLineWidth: () => 1.2, hLineColor: () => COLORS.accent, vLineColor: () => COLORS.accent },
      margin: [0, 0, 0, mm(4)],
    },
    line(labels.reference, unbroken(request.reference, { bold: true })),
    ...(input.citizen ? [line(labels.by, shortName(input.citizen, common))] : []),
    line(labels.subject, request.subject),
    line(labels.procedure, category.label),
    line(
      labels.pieces,
      deposited.length > 0
        ? { ul: deposited.map((piece) => typeset(piece)) }
        : { text: labels.noPieces, italics: true, color: COLORS.muted },
    ),
  ];
  if (nextStep) content.push({ text: labels.nextStep, style: 'heading' }, { text: legalText(nextStep), style: 'body' });
  if (request.onBehalf) {
    content.push({
      text: typeset(labels.onBehalf(input.onBehalfAgentName || '—', longDate(dateOf(request.onBehalf.at)))),
      style: 'body',
      margin: [0, 4, 0, 0],
    });
  }
  if (category.needsAcknowledgement)
    content.push({ text: legalText(labels.acknowledgementApart), style: 'small', margin: [0, mm(3), 0, 0] });
  content.push({
    stack: [
      { text: typeset(labels.contact(settings.phone)), bold: true },
      ...(settings.openingHours.trim() ? [{ text: typeset(`${common.openingHours} : ${settings.openingHours}`), fontSize: 8.5 }] : []),
      { text: labels.keep, fontSize: 8.5, italics: true, margin: [0, 2, 0, 0] as [number, number, number, number] },
    ],
    margin: [0, mm(4), 0, 0],
    unbreakable: true,
  });

  return {
    pageSize: 'A5',
    pageMargins: [margin, margin, margin, margin],
    ...documentInfo(`${labels.title} — ${request.reference}`, settings, labels.documentSubject, common),
    images: logoImages(settings),
    content,
    styles: BASE_STYLES,
    defaultStyle: { ...DEFAULT_STYLE, fontSize: 9.5 },
  };
}
