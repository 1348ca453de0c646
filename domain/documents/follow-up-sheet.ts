/**
 * The follow-up sheet (fiche de suivi) handed to a resident after an assisted
 * online procedure: what was done, what comes next, the documents to bring
 * next time, the tracking code, and the mairie's opening hours and phone.
 * Large type (14 pt and more) for residents who read with difficulty; A4.
 *
 * Never a password or a secret (domain.md): the definition refuses to be
 * built from a session whose free text holds one (domain/assisted.ts), on
 * top of the session screen refusing to save it.
 */
import { secretsInSession } from '../assisted';
import type { AssistedOutcome, AssistedSessionDoc, ProcedureDoc } from '../model';
import {
  A4_WIDTH,
  BASE_STYLES,
  COLORS,
  COMMON_FR,
  DEFAULT_STYLE,
  dateOf,
  documentInfo,
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

export const FOLLOW_UP_SHEET_FR = {
  common: COMMON_FR,
  title: 'Fiche de suivi',
  documentSubject: 'Fiche de suivi d’une démarche en ligne faite à la mairie',
  forResident: (name: string) => `Pour ${name}`,
  session: (date: string, agent: string) => `Démarche faite avec vous ${date} par ${agent}, de la mairie.`,
  procedure: 'Votre démarche',
  outcomeTitle: 'Où en est-elle ?',
  outcome: {
    done: 'La démarche est terminée.',
    to_finish: 'La démarche est commencée : il reste à la terminer.',
    blocked: 'La démarche est bloquée pour le moment.',
  } satisfies Record<AssistedOutcome, string>,
  blockedBecause: (reason: string) => `Raison : ${reason}`,
  done: 'Ce qui a été fait',
  nothingDone: 'Aucune étape n’a encore été faite.',
  next: 'Ce qui reste à faire',
  nothingNext: 'Rien : vous n’avez plus rien à faire pour cette démarche.',
  bring: 'À apporter la prochaine fois',
  followUp: (date: string) => `La mairie reprendra contact avec vous, ou vous attend, à partir du ${date}.`,
  trackingCode: 'Votre numéro de dossier',
  trackingHelp: 'Gardez ce numéro : il permet de retrouver votre démarche.',
  officialSite: 'Site officiel de la démarche',
  contactTitle: 'Votre mairie',
  phone: (phone: string) => `Téléphone : ${phone}`,
  noPassword: 'La mairie n’a noté ni conservé aucun de vos mots de passe ou codes secrets. Ne les communiquez à personne.',
  keep: 'Conservez cette fiche.',
};
export type FollowUpSheetLabels = typeof FOLLOW_UP_SHEET_FR;

export interface FollowUpSheetInput {
  settings: DocumentSettings;
  session: Pick<
    AssistedSessionDoc,
    | 'procedureTitle'
    | 'startedAt'
    | 'stepsDone'
    | 'outcome'
    | 'blockedReason'
    | 'nextSteps'
    | 'documentsNextTime'
    | 'followUpDate'
    | 'trackingCode'
    | 'agentName'
  >;
  /** the procedure as it is now, for the steps' labels and the official address; null when it was removed */
  procedure: Pick<ProcedureDoc, 'steps' | 'url'> | null;
  citizen: DocumentCitizen | null;
  issuedOn: string;
  labels?: FollowUpSheetLabels;
}

export class SecretInDocumentError extends Error {
  constructor(readonly fields: string[]) {
    super(`refusing to print what looks like a secret in: ${fields.join(', ')}`);
    this.name = 'SecretInDocumentError';
  }
}

const BODY = 14;

export function followUpSheetDefinition(input: FollowUpSheetInput): DocumentDefinition {
  const labels = input.labels ?? FOLLOW_UP_SHEET_FR;
  const common = labels.common;
  const { settings, session, procedure } = input;
  const secrets = Object.keys(secretsInSession(session));
  if (secrets.length > 0) throw new SecretInDocumentError(secrets);

  const margin = mm(15);
  const width = A4_WIDTH - 2 * margin;
  const ticked = new Set(session.stepsDone);
  const steps = procedure?.steps ?? [];
  const doneSteps = steps.filter((step) => ticked.has(step.id)).map((step) => step.label);
  const remaining = session.outcome === 'done' ? [] : steps.filter((step) => !ticked.has(step.id)).map((step) => step.label);
  const nextLines = [...remaining, ...(session.nextSteps.trim() ? [session.nextSteps.trim()] : [])];
  const startedOn = dateOf(session.startedAt);

  const heading = (text: string): Content => ({
    text: typeset(text),
    fontSize: 16,
    bold: true,
    color: COLORS.accent,
    margin: [0, mm(3), 0, mm(1)],
  });
  const list = (items: readonly string[]): Content => ({ ul: items.map((item) => typeset(item)), fontSize: BODY, margin: [0, 0, 0, 2] });

  const content: Content[] = [
    letterhead(settings, common, { compact: true }),
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 1.5, lineColor: COLORS.accent }], margin: [0, mm(2), 0, mm(3)] },
    { text: labels.title.toLocaleUpperCase('fr-FR'), fontSize: 26, bold: true, color: '#000000' },
    ...(input.citizen
      ? [
          {
            text: typeset(labels.forResident(shortName(input.citizen, common))),
            fontSize: 16,
            bold: true,
            margin: [0, mm(2), 0, 0],
          } as Content,
        ]
      : []),
    {
      text: typeset(labels.session(common.dateAndTime(longDate(startedOn), timeOf(session.startedAt, common)), session.agentName || '—')),
      fontSize: BODY,
      margin: [0, mm(1), 0, 0],
    },
    heading(labels.procedure),
    { text: typeset(session.procedureTitle), fontSize: 16, bold: true },
    {
      text: [{ text: `${labels.outcomeTitle} `, color: COLORS.accent }, labels.outcome[session.outcome]],
      fontSize: BODY,
      bold: true,
      margin: [0, mm(2), 0, 0],
    },
    ...(session.outcome === 'blocked' && session.blockedReason.trim()
      ? [{ text: typeset(labels.blockedBecause(session.blockedReason.trim())), fontSize: BODY } as Content]
      : []),
    heading(labels.done),
    doneSteps.length > 0 ? list(doneSteps) : { text: labels.nothingDone, fontSize: BODY, italics: true },
    heading(labels.next),
    nextLines.length > 0 ? list(nextLines) : { text: labels.nothingNext, fontSize: BODY },
  ];
  if (session.followUpDate)
    content.push({ text: typeset(labels.followUp(longDate(session.followUpDate))), fontSize: BODY, bold: true, margin: [0, mm(2), 0, 0] });
  if (session.documentsNextTime.length > 0) content.push(heading(labels.bring), list(session.documentsNextTime));
  if (procedure?.url) {
    content.push({
      text: [{ text: `${labels.officialSite} : `, bold: true }, unbroken(procedure.url, { color: COLORS.accent })],
      fontSize: 12,
      margin: [0, mm(3), 0, 0],
    });
  }
  // The code and the mairie side by side: the sheet stays on one page.
  content.push({
    columns: [
      { width: '*', stack: session.trackingCode.trim() ? [trackingBox(session.trackingCode.trim(), labels)] : [] },
      { width: '*', stack: [contactBlock(settings, labels)] },
    ],
    columnGap: mm(6),
    margin: [0, mm(4), 0, 0],
    unbreakable: true,
  });
  return {
    pageSize: 'A4',
    pageMargins: [margin, margin, margin, margin],
    ...documentInfo(`${labels.title} — ${session.procedureTitle}`, settings, labels.documentSubject, common),
    images: logoImages(settings),
    content,
    styles: BASE_STYLES,
    defaultStyle: { ...DEFAULT_STYLE, fontSize: BODY, lineHeight: 1.15 },
  };
}

function trackingBox(code: string, labels: FollowUpSheetLabels): Content {
  return {
    table: {
      widths: ['*'],
      body: [
        [
          {
            stack: [
              { text: labels.trackingCode.toLocaleUpperCase('fr-FR'), fontSize: 14, bold: true, alignment: 'center' },
              unbroken(code, { fontSize: 24, bold: true, alignment: 'center', color: '#000000', margin: [0, 4, 0, 2] }),
              { text: typeset(labels.trackingHelp), fontSize: 12, alignment: 'center' },
            ],
            fillColor: COLORS.fill,
            margin: [0, 6, 0, 6],
          },
        ],
      ],
    },
    layout: { hLineWidth: () => 1.5, vLineWidth: () => 1.5, hLineColor: () => COLORS.accent, vLineColor: () => COLORS.accent },
  };
}

function contactBlock(settings: DocumentSettings, labels: FollowUpSheetLabels): Content {
  const common = labels.common;
  return {
    stack: [
      { text: labels.contactTitle, fontSize: 16, bold: true, color: COLORS.accent },
      { text: typeset(common.townHall(settings.name)), fontSize: BODY, bold: true },
      ...(settings.phone.trim() ? [unbroken(labels.phone(settings.phone.trim()), { fontSize: 16, bold: true })] : []),
      ...(settings.openingHours.trim()
        ? [{ text: typeset(`${common.openingHours} : ${settings.openingHours.trim()}`), fontSize: BODY }]
        : []),
      { text: typeset(labels.noPassword), fontSize: BODY, bold: true, margin: [0, mm(3), 0, 0] as [number, number, number, number] },
      { text: labels.keep, fontSize: 12, italics: true, margin: [0, 2, 0, 0] as [number, number, number, number] },
    ],
  };
}
