/**
 * Guichet's printed documents, as pdfmake document definitions: plain
 * objects built from plain data, with no pdfmake, no I/O and no clock.
 * Render them with `renderer/src/documents/render.ts` (browser, Electron) or
 * `scripts/pdf-node.ts` (Node).
 */
export * from './acknowledgement';
export * from './deposit-receipt';
export * from './reply-letter';
export * from './mail-register';
export * from './council-bordereau';
export * from './follow-up-sheet';
export * from './follow-up-sample';
export * from './samples';
export {
  COMMON_FR,
  STATUS_FR,
  formalName,
  mayorName,
  ofCommune,
  recipientLines,
  shortName,
  type CommonLabels,
  type DocumentCitizen,
  type DocumentSettings,
} from './common';
export type { Content, DocumentDefinition } from './pdfmake-types';

export const DOCUMENT_KINDS = [
  'acknowledgement',
  'depositReceipt',
  'replyLetter',
  'mailRegister',
  'councilBordereau',
  'followUpSheet',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const FILE_PREFIX: Readonly<Record<DocumentKind, string>> = {
  acknowledgement: 'accuse-reception',
  depositReceipt: 'recepisse',
  replyLetter: 'lettre-reponse',
  mailRegister: 'registre-courrier',
  councilBordereau: 'bordereau-du-jour',
  followUpSheet: 'fiche-suivi',
};

/**
 * A file name for the save dialog: `accuse-reception-2026-A-0042.pdf`,
 * `fiche-suivi-Lefèvre-2026-03-12.pdf`. Letters of any alphabet are kept
 * (composed, NFC, so « è » is one character on every system); everything
 * else, separators and characters Windows or macOS refuse included, becomes `-`.
 */
export function documentFileName(kind: DocumentKind, key: string): string {
  const safe = key
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${FILE_PREFIX[kind]}${safe ? `-${safe}` : ''}.pdf`;
}
