/**
 * The acknowledgement of receipt (accusé de réception) of a request, with the
 * mentions of the code des relations entre le public et l’administration
 * (CRPA), see docs/domain.md:
 *
 * - L112-3 / R112-5 1°: the date of receipt, and the date on which, without
 *   an express decision, the request will be deemed accepted or rejected;
 * - R112-5 2°: the designation, postal address, email and phone of the
 *   service handling it;
 * - R112-5 3° / L114-5: the missing pieces, the time given to provide them,
 *   and what that does to the implicit-decision delay (it starts only once
 *   they arrive for an acceptance; it is suspended for a rejection);
 * - R112-5 last paragraph: whether silence is worth rejection (then the
 *   remedies and their delays, L232-4's right to the reasons) or acceptance
 *   (then the attestation of L232-3);
 * - R112-11-1: for a request made electronically (email, online form), the
 *   date of the implicit decision is given "sous réserve que la demande soit
 *   complète";
 * - L112-6: without a complete receipt the appeal delays cannot be held
 *   against the resident, which the footnote says.
 *
 * `acknowledgementFacts` computes the legal facts (tested on their own);
 * `acknowledgementDefinition` lays them out as a letter on the letterhead.
 */
import { addMonths, capAtImplicitDecision, implicitDecisionDate } from '../calendar';
import type { CategoryDoc, Channel, ImplicitDecision, RequestDoc } from '../model';
import {
  A4_WIDTH,
  BASE_STYLES,
  COLORS,
  COMMON_FR,
  DEFAULT_STYLE,
  communeAddressLine,
  keepingTogether,
  contactFooter,
  dateOf,
  letterBlock,
  rule,
  documentInfo,
  legalText,
  logoImages,
  longDate,
  timeOf,
  typeset,
  unbroken,
  type DocumentCitizen,
  type DocumentSettings,
} from './common';
import type { Content, ContentTable, DocumentDefinition } from './pdfmake-types';
import { mm } from './pdfmake-types';

export const ACKNOWLEDGEMENT_FR = {
  common: COMMON_FR,
  title: 'Accusé de réception',
  titleElectronic: 'Accusé de réception d’une demande électronique',
  legalBasis: 'Code des relations entre le public et l’administration (CRPA), articles L112-3 et R112-5',
  legalBasisElectronic: 'Code des relations entre le public et l’administration (CRPA), articles L112-3, L112-11, R112-5 et R112-11-1',
  documentSubject: 'Accusé de réception d’une demande',
  /** "La mairie de Saint-Aubin-sur-Meuse accuse réception de votre demande, reçue par courrier le 12 mars 2026." */
  intro: (townHall: string, channel: string, date: string) => `${townHall} accuse réception de votre demande, reçue ${channel} le ${date}.`,
  yourRequest: 'Votre demande',
  reference: 'Référence',
  trackingCode: 'Code de suivi',
  subject: 'Objet',
  procedure: 'Démarche',
  receivedOn: 'Date de réception',
  postmark: 'Cachet de la poste',
  dueAt: 'Réponse au plus tard le',
  service: 'Service chargé de votre demande',
  serviceName: (townHall: string) => `Secrétariat de mairie — ${townHall}`,
  email: 'Courriel',
  phone: 'Téléphone',
  openingHours: 'Accueil du public',
  transferred: (body: string, date: string) =>
    `Votre demande relève de la compétence de la ${body}. Elle lui a été transmise le ${date} (CRPA, article L114-2) ; la mairie continue d’en suivre l’avancement.`,
  toTransfer: (body: string) =>
    `Votre demande relève de la compétence de la ${body}. La mairie la lui transmet (CRPA, article L114-2) et continue d’en suivre l’avancement.`,
  missingPieces: 'Pièces manquantes',
  missingIntro: (date: string) =>
    `Votre demande est incomplète. Pour qu’elle puisse être instruite, merci de fournir les pièces suivantes au plus tard le ${date} :`,
  missingAcceptance:
    'Le délai au terme duquel votre demande sera réputée acceptée ne court qu’à compter de la réception de ces pièces (CRPA, article L114-5).',
  missingRejection:
    'Le délai au terme duquel votre demande sera réputée rejetée est suspendu pendant le délai fixé pour produire ces pièces ; leur production avant l’expiration de ce délai met fin à la suspension (CRPA, article L114-5).',
  missingNone: 'L’instruction de votre demande commencera à la réception de ces pièces (CRPA, article L114-5).',
  implicitDecision: 'En l’absence de réponse de la mairie',
  electronicReserve: ', sous réserve que la demande soit complète',
  acceptance: (months: string) =>
    `Le silence gardé pendant ${months} par l’administration sur votre demande vaut décision d’acceptation (CRPA, article L231-1).`,
  acceptanceOn: (date: string, reserve: string) => `Sans décision expresse, votre demande sera réputée acceptée le ${date}${reserve}.`,
  acceptanceAfterPieces: (months: string) =>
    `Sans décision expresse, votre demande sera réputée acceptée ${months} après la réception des pièces manquantes.`,
  attestation:
    'Vous pourrez alors obtenir, sur simple demande auprès de la mairie, une attestation de cette décision implicite d’acceptation (CRPA, article L232-3).',
  rejection: (months: string) =>
    `Le silence gardé pendant ${months} par l’administration sur votre demande vaut décision de rejet (CRPA, article L231-4).`,
  rejectionOn: (date: string, reserve: string) => `Sans décision expresse, votre demande sera réputée rejetée le ${date}${reserve}.`,
  rejectionOnSuspended: (date: string, reserve: string) =>
    `Sans décision expresse, votre demande sera réputée rejetée le ${date}${reserve} ; cette date est reportée de la durée de la suspension ci-dessus.`,
  remedies: 'Voies et délais de recours',
  defaultRemedies:
    'Vous pouvez contester une décision implicite de rejet dans un délai de deux mois à compter de la date à laquelle elle est née : par un recours gracieux auprès du maire, et par un recours contentieux devant le tribunal administratif territorialement compétent, y compris par l’application Télérecours citoyens (www.telerecours.fr).',
  expressRemedies: 'En cas de refus',
  reasons:
    'Dans le délai du recours contentieux, vous pouvez demander la communication des motifs de la décision implicite de rejet ; ils vous seront communiqués dans le mois qui suit votre demande (CRPA, article L232-4).',
  trackingText: (code: string) =>
    `Pour connaître l’état d’avancement de votre demande, rappelez sa référence ou son code de suivi ${code} au secrétariat de mairie.`,
  signedBy: 'Pour le maire, le secrétariat de mairie',
  footnote:
    'Accusé de réception délivré en application des articles L112-3 et R112-5 du code des relations entre le public et l’administration. Les délais de recours ne sont pas opposables à l’auteur d’une demande dont l’accusé de réception ne comporte pas ces indications (article L112-6).',
};
export type AcknowledgementLabels = typeof ACKNOWLEDGEMENT_FR;

export interface AcknowledgementInput {
  settings: DocumentSettings;
  request: Pick<
    RequestDoc,
    'reference' | 'trackingCode' | 'channel' | 'channelFacts' | 'receivedAt' | 'subject' | 'dueAt' | 'competence' | 'transfer'
  >;
  /** null for an anonymous request: no address block */
  citizen: DocumentCitizen | null;
  category: Pick<CategoryDoc, 'label' | 'implicitDecision' | 'implicitDecisionMonths' | 'remedies'>;
  /** pieces the request lacks (CRPA L114-5); empty or absent when it is complete */
  missingPieces?: readonly string[];
  /** `YYYY-MM-DD`, the date by which they must be provided; default one month after `issuedOn` */
  piecesDueOn?: string;
  /** `YYYY-MM-DD`, the day the receipt is issued */
  issuedOn: string;
  /** who issues it, printed under the signature line */
  agentName?: string;
  labels?: AcknowledgementLabels;
}

export interface AcknowledgementFacts {
  /** `YYYY-MM-DD`, the day the request reached the mairie */
  receivedOn: string;
  /** sent by email or the online form: R112-11-1 */
  electronic: boolean;
  implicitDecision: ImplicitDecision;
  /**
   * `YYYY-MM-DD`: receipt + the category's months (CRPA L231-1, R112-5 1°);
   * null when silence is no decision, or when the delay only starts once
   * missing pieces arrive (acceptance and incomplete request, L114-5).
   */
  implicitDecisionOn: string | null;
  /** the request lacks pieces */
  incomplete: boolean;
  /** `YYYY-MM-DD`, by when the missing pieces are expected, or null */
  piecesDueOn: string | null;
  /** the body the request is or will be forwarded to, when it is not the commune's competence */
  forwardedTo: string | null;
  /**
   * `YYYY-MM-DD`, the date the receipt promises an answer by: the desk's due
   * date, never after the implicit decision (a request recorded before that
   * rule may carry a later one), or null without a due date.
   */
  answerBy: string | null;
}

const ELECTRONIC_CHANNELS: readonly Channel[] = ['email', 'web'];

export function acknowledgementFacts(input: AcknowledgementInput): AcknowledgementFacts {
  const { request, category } = input;
  const receivedOn = dateOf(request.receivedAt);
  const missing = (input.missingPieces ?? []).filter((piece) => piece.trim() !== '');
  const incomplete = missing.length > 0;
  const decisionDate = category.implicitDecision === 'none' ? null : implicitDecisionDate(receivedOn, category.implicitDecisionMonths);
  const forwardedTo = request.transfer?.toName || (request.competence === 'epci' ? input.settings.epciName || null : null);
  const implicitDecisionOn = category.implicitDecision === 'acceptance' && incomplete ? null : decisionDate;
  return {
    receivedOn,
    electronic: ELECTRONIC_CHANNELS.includes(request.channel),
    implicitDecision: category.implicitDecision,
    implicitDecisionOn,
    incomplete,
    piecesDueOn: incomplete ? (input.piecesDueOn ?? addMonths(input.issuedOn, 1)) : null,
    forwardedTo,
    answerBy: request.dueAt
      ? capAtImplicitDecision(request.dueAt, implicitDecisionOn, { alsaceMoselle: input.settings.alsaceMoselle === true })
      : null,
  };
}

/** A framed box: a tinted title row, then label / value rows. */
function factsBox(title: string, rows: Array<[string, Content]>, lead?: Content): ContentTable {
  const body: ContentTable['table']['body'] = [
    [{ text: title.toLocaleUpperCase('fr-FR'), style: 'boxTitle', colSpan: 2, fillColor: COLORS.fill }, {}],
  ];
  if (lead) body.push([{ stack: [lead], colSpan: 2 }, {}]);
  for (const [label, value] of rows) {
    body.push([{ text: typeset(label), style: 'label' }, typeof value === 'string' ? { text: typeset(value), style: 'value' } : value]);
  }
  return {
    table: { widths: [mm(29), '*'], body, dontBreakRows: true },
    layout: {
      hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0.8 : i === 1 ? 0.8 : 0),
      vLineWidth: (i, node) => (i === 0 || i === (node.table.widths?.length ?? 0) ? 0.8 : 0),
      hLineColor: () => COLORS.line,
      vLineColor: () => COLORS.line,
      paddingTop: () => 2.5,
      paddingBottom: () => 2.5,
      paddingLeft: () => 5,
      paddingRight: () => 5,
    },
  };
}

export function acknowledgementDefinition(input: AcknowledgementInput): DocumentDefinition {
  const labels = input.labels ?? ACKNOWLEDGEMENT_FR;
  const common = labels.common;
  const { settings, request, category } = input;
  const facts = acknowledgementFacts(input);
  const townHall = common.townHall(settings.name);
  const margin = mm(20);
  const textWidth = A4_WIDTH - 2 * margin;
  const missing = (input.missingPieces ?? []).filter((piece) => piece.trim() !== '');
  const months = common.months(category.implicitDecisionMonths);
  const reserve = facts.electronic ? labels.electronicReserve : '';

  const receivedText =
    request.channel === 'counter' ? `${longDate(facts.receivedOn)}, ${timeOf(request.receivedAt, common)}` : longDate(facts.receivedOn);
  const requestRows: Array<[string, Content]> = [
    [labels.reference, unbroken(request.reference, { bold: true })],
    [labels.trackingCode, unbroken(request.trackingCode, { bold: true })],
    [labels.subject, request.subject],
    [labels.procedure, category.label],
    [labels.receivedOn, receivedText],
  ];
  if (request.channel === 'mail' && request.channelFacts.postmarkDate) {
    requestRows.push([labels.postmark, longDate(request.channelFacts.postmarkDate)]);
  }
  if (facts.answerBy) requestRows.push([labels.dueAt, { text: longDate(facts.answerBy), bold: true }]);

  const cityLine = [settings.postalCode, settings.city].filter((part) => part.trim() !== '').join(' ');
  const serviceLines: Content[] = [
    { text: keepingTogether(labels.serviceName(townHall), [townHall]), bold: true, margin: [0, 0, 0, 2] },
    { text: keepingTogether(communeAddressLine(settings), [cityLine]) },
  ];
  if (settings.email.trim()) serviceLines.push({ text: [{ text: typeset(`${labels.email} : `), style: 'label' }, settings.email] });
  if (settings.phone.trim())
    serviceLines.push({ text: [{ text: typeset(`${labels.phone} : `), style: 'label' }, unbroken(settings.phone)] });
  if (settings.openingHours.trim()) {
    serviceLines.push({
      text: [{ text: typeset(`${labels.openingHours} : `), style: 'label' }, typeset(settings.openingHours)],
      margin: [0, 2, 0, 0],
    });
  }

  const sections: Content[] = [
    {
      text: typeset(
        `${labels.intro(townHall.replace(/^Mairie/, 'La mairie'), common.channel[request.channel], longDate(facts.receivedOn))} ${labels.trackingText(request.trackingCode)}`,
      ),
      style: 'body',
      margin: [0, 0, 0, 6],
    },
    {
      columns: [
        { width: '*', stack: [factsBox(labels.yourRequest, requestRows)] },
        { width: mm(72), stack: [factsBox(labels.service, [], { stack: serviceLines, fontSize: 9.5 })] },
      ],
      columnGap: mm(5),
    },
  ];
  if (facts.forwardedTo) {
    const text = request.transfer
      ? labels.transferred(facts.forwardedTo, longDate(dateOf(request.transfer.at)))
      : labels.toTransfer(facts.forwardedTo);
    sections.push({ text: legalText(text), style: 'body', margin: [0, 6, 0, 0] });
  }

  if (facts.incomplete && facts.piecesDueOn) {
    const consequence =
      facts.implicitDecision === 'acceptance'
        ? labels.missingAcceptance
        : facts.implicitDecision === 'rejection'
          ? labels.missingRejection
          : labels.missingNone;
    sections.push(
      { text: labels.missingPieces, style: 'heading' },
      { text: typeset(labels.missingIntro(longDate(facts.piecesDueOn))), style: 'body' },
      { ul: missing.map((piece) => ({ text: typeset(piece), bold: true })), margin: [mm(4), 2, 0, 2], style: 'body' },
      { text: legalText(consequence), style: 'body' },
    );
  }

  if (facts.implicitDecision === 'acceptance') {
    const dateSentence = facts.implicitDecisionOn
      ? labels.acceptanceOn(longDate(facts.implicitDecisionOn), reserve)
      : labels.acceptanceAfterPieces(months);
    sections.push(
      { text: labels.implicitDecision, style: 'heading' },
      { text: legalText(labels.acceptance(months)), style: 'body' },
      { text: typeset(dateSentence), style: 'body', bold: true },
      { text: legalText(labels.attestation), style: 'body', margin: [0, 2, 0, 0] },
    );
  } else if (facts.implicitDecision === 'rejection' && facts.implicitDecisionOn) {
    const dateSentence = facts.incomplete
      ? labels.rejectionOnSuspended(longDate(facts.implicitDecisionOn), reserve)
      : labels.rejectionOn(longDate(facts.implicitDecisionOn), reserve);
    sections.push(
      { text: labels.implicitDecision, style: 'heading' },
      { text: legalText(labels.rejection(months)), style: 'body' },
      { text: typeset(dateSentence), style: 'body', bold: true },
      { text: labels.remedies, style: 'heading' },
      { text: legalText(category.remedies.trim() || labels.defaultRemedies), style: 'body' },
      { text: legalText(labels.reasons), style: 'body', margin: [0, 2, 0, 0] },
    );
  } else if (facts.implicitDecision === 'none' && category.remedies.trim()) {
    // not asked by R112-5 when silence is no decision, but short delays (the electoral list's five days) must be known in time
    sections.push({ text: labels.expressRemedies, style: 'heading' }, { text: legalText(category.remedies.trim()), style: 'body' });
  }

  // the signature on the right, the legal footnote beside it: one block, never split
  sections.push({
    margin: [0, mm(5), 0, 0],
    columns: [
      { width: '*', text: legalText(labels.footnote), style: 'small', margin: [0, mm(2), 0, 0] },
      {
        width: mm(70),
        stack: [
          { text: labels.signedBy, italics: true },
          ...(input.agentName ? [{ text: input.agentName, margin: [0, 2, 0, 0] as [number, number, number, number] }] : []),
        ],
      },
    ],
    columnGap: mm(8),
    unbreakable: true,
  });

  const title = facts.electronic ? labels.titleElectronic : labels.title;
  return {
    pageSize: 'A4',
    pageMargins: [margin, mm(10), margin, mm(16)],
    ...documentInfo(`${title} — ${request.reference}`, settings, labels.documentSubject, common),
    images: logoImages(settings),
    footer: contactFooter(settings, common, margin, { openingHours: false }),
    content: [
      letterBlock(settings, input.citizen, input.issuedOn, common),
      { text: title.toLocaleUpperCase('fr-FR'), style: 'title', margin: [0, mm(8), 0, 1] },
      { text: legalText(facts.electronic ? labels.legalBasisElectronic : labels.legalBasis), style: 'subtitle', margin: [0, 0, 0, 3] },
      rule(textWidth, COLORS.accent, 1),
      { text: '', margin: [0, 0, 0, 6] },
      ...sections,
    ],
    styles: BASE_STYLES,
    defaultStyle: DEFAULT_STYLE,
  };
}
