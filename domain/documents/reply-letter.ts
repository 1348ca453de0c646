/**
 * The reply letter (lettre de réponse) on the commune's letterhead: logo and
 * address, the recipient's block where a window envelope shows it, the
 * references and "Objet", the body (a reply template already rendered with
 * domain/templates.ts), and the signature block of the mayor.
 */
import type { RequestDoc } from '../model';
import {
  BASE_STYLES,
  COMMON_FR,
  DEFAULT_STYLE,
  contactFooter,
  dateOf,
  documentInfo,
  legalText,
  letterBlock,
  logoImages,
  longDate,
  mayorName,
  signatureName,
  typeset,
  unbroken,
  type DocumentCitizen,
  type DocumentSettings,
} from './common';
import type { Content, ContentText, DocumentDefinition } from './pdfmake-types';
import { mm } from './pdfmake-types';

export const REPLY_LETTER_FR = {
  common: COMMON_FR,
  documentSubject: 'Réponse à une demande',
  handledBy: 'Affaire suivie par',
  reference: 'Nos réf.',
  yourRequest: 'Votre demande du',
  trackingCode: 'Code de suivi',
  subject: 'Objet',
  attachments: 'P. J.',
  mayorTitle: 'Le Maire',
};
export type ReplyLetterLabels = typeof REPLY_LETTER_FR;

export interface Signatory {
  /** e.g. "Le Maire", "Pour le Maire et par délégation, l’Adjointe" */
  title: string;
  name: string;
}

export interface ReplyLetterInput {
  settings: DocumentSettings;
  request: Pick<RequestDoc, 'reference' | 'trackingCode' | 'subject' | 'receivedAt'>;
  citizen: DocumentCitizen | null;
  /** the letter's text, placeholders already filled (renderTemplate); paragraphs separated by a blank line */
  body: string;
  /** `YYYY-MM-DD`, the date of the letter */
  issuedOn: string;
  /** "Affaire suivie par" */
  agentName?: string;
  /** who signs; default the mayor of the settings' users */
  signatory?: Signatory;
  /** names of the enclosed pieces ("P. J.") */
  enclosures?: readonly string[];
  labels?: ReplyLetterLabels;
}

/** The paragraphs of a rendered template: blank lines separate paragraphs, single line breaks are kept. */
export function letterParagraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}

export function replyLetterDefinition(input: ReplyLetterInput): DocumentDefinition {
  const labels = input.labels ?? REPLY_LETTER_FR;
  const common = labels.common;
  const { settings, request } = input;
  const margin = mm(20);
  const signatory = input.signatory ?? { title: labels.mayorTitle, name: mayorName(settings) };

  const reference = (label: string, value: string | ContentText): Content => ({
    text: [{ text: typeset(`${label} : `), style: 'label' }, ...(typeof value === 'string' ? [typeset(value)] : [value])],
    fontSize: 9,
    margin: [0, 0, 0, 1],
  });
  const references: Content[] = [
    ...(input.agentName ? [reference(labels.handledBy, input.agentName)] : []),
    reference(labels.reference, unbroken(request.reference)),
    reference(labels.yourRequest, longDate(dateOf(request.receivedAt))),
    reference(labels.trackingCode, unbroken(request.trackingCode)),
  ];

  const paragraphs = letterParagraphs(input.body).map(
    (paragraph): Content => ({ text: legalText(paragraph), style: 'letterBody', margin: [0, 0, 0, mm(3)] }),
  );

  const signature: Content = {
    columns: [
      { width: '*', text: '' },
      {
        width: mm(70),
        stack: [
          { text: typeset(signatory.title), alignment: 'center' },
          { text: signatory.name ? signatureName(signatory.name) : '', alignment: 'center', bold: true, margin: [0, mm(18), 0, 0] },
        ],
      },
    ],
    margin: [0, mm(4), 0, 0],
    unbreakable: true,
  };

  const content: Content[] = [
    letterBlock(settings, input.citizen, input.issuedOn, common, { stack: references }),
    {
      text: [
        { text: typeset(`${labels.subject} : `), bold: true },
        { text: typeset(request.subject), bold: true },
      ],
      margin: [0, mm(12), 0, mm(6)],
      fontSize: 10.5,
    },
    ...paragraphs,
    signature,
  ];
  if (input.enclosures && input.enclosures.length > 0) {
    content.push({ text: typeset(`${labels.attachments} : ${input.enclosures.join(' ; ')}`), fontSize: 9, margin: [0, mm(6), 0, 0] });
  }

  return {
    pageSize: 'A4',
    pageMargins: [margin, mm(12), margin, mm(20)],
    ...documentInfo(`${request.subject} — ${request.reference}`, settings, labels.documentSubject, common),
    images: logoImages(settings),
    footer: contactFooter(settings, common, margin),
    content,
    styles: { ...BASE_STYLES, letterBody: { fontSize: 10.5, lineHeight: 1.3 } },
    defaultStyle: DEFAULT_STYLE,
  };
}
