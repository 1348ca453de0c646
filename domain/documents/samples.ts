/**
 * One document of each kind from the demo commune (domain/demo.ts), for
 * `npm run documents -- --samples`, the rendering tests and the benchmark.
 * Pure: the same demo gives the same definitions' inputs.
 *
 * The acknowledgement comes in the cases that print different mentions:
 * silence worth acceptance (a déclaration préalable, complete), silence
 * worth rejection (a subsidy asked online, incomplete: R112-11-1 and
 * L114-5), and no implicit decision (the electoral list, at the counter).
 */
import { addDays, addMonths, requestDueAt } from '../calendar';
import { formatReference, highestSequence, nextMailRegisterNumber, STANDALONE_PREFIX } from '../references';
import type { DemoCommune } from '../demo';
import type { CategoryDoc, CitizenDoc, RequestDoc } from '../model';
import { buildTemplateContext, renderTemplate } from '../templates';
import type { AcknowledgementInput } from './acknowledgement';
import type { DepositReceiptInput } from './deposit-receipt';
import { mailRegisterEntries, type MailRegisterInput } from './mail-register';
import type { ReplyLetterInput } from './reply-letter';

export interface DocumentSamples {
  acknowledgementAcceptance: AcknowledgementInput;
  acknowledgementRejection: AcknowledgementInput;
  acknowledgementNone: AcknowledgementInput;
  depositReceipt: DepositReceiptInput;
  replyLetter: ReplyLetterInput;
  mailRegister: MailRegisterInput;
}

function categoryOf(demo: DemoCommune, code: string): CategoryDoc {
  const category = demo.categories.find((candidate) => candidate.code === code);
  if (!category) throw new Error(`demo commune: no category ${code}`);
  return category;
}

function citizenNamed(demo: DemoCommune, firstName: string, lastName: string): CitizenDoc {
  const citizen = demo.citizens.find((candidate) => candidate.firstName === firstName && candidate.lastName === lastName);
  if (!citizen) throw new Error(`demo commune: no resident ${firstName} ${lastName}`);
  return citizen;
}

/**
 * A request of the demo turned into a new one as the sample needs it: its own
 * reference (after the demo's last one), received when `changes` says, due
 * when the category's delay says.
 */
function sampleRequest(
  demo: DemoCommune,
  category: CategoryDoc,
  index: number,
  changes: Partial<RequestDoc> & Pick<RequestDoc, 'receivedAt'>,
): RequestDoc {
  const found =
    [...demo.requests].reverse().find((request) => request.categoryId === category.id) ?? demo.requests[demo.requests.length - 1];
  if (!found) throw new Error('demo commune: no request');
  const year = Number(changes.receivedAt.slice(0, 4));
  const reference = formatReference(
    year,
    STANDALONE_PREFIX,
    highestSequence(
      demo.requests.map((request) => request.reference),
      year,
      STANDALONE_PREFIX,
    ) + index,
  );
  const dueAt = requestDueAt(changes.receivedAt, category, { alsaceMoselle: demo.settings.alsaceMoselle });
  return {
    ...found,
    id: `sample-${index}`,
    reference,
    categoryId: category.id,
    dueAt,
    competence: category.competence,
    transfer: null,
    onBehalf: null,
    attachments: [],
    answer: null,
    status: 'new',
    statusReason: '',
    ...changes,
  };
}

export function documentSamples(demo: DemoCommune): DocumentSamples {
  const { settings, today } = demo;
  const agentName = demo.users.secretary.name;
  const helene = citizenNamed(demo, 'Hélène', 'Lefèvre');
  const gaetan = citizenNamed(demo, 'Gaëtan', 'Œuvray');
  const receivedAt = (daysAgo: number, time = '08:40'): string => `${addDays(today, -daysAgo)}T${time}:00.000Z`;

  // the letter acknowledged below is the latest one entered in the mail register
  const letterYear = Number(addDays(today, -1).slice(0, 4));
  const nextLetterNumber = nextMailRegisterNumber(
    letterYear,
    STANDALONE_PREFIX,
    highestSequence(
      demo.requests.map((request) => request.channelFacts.mailRegisterNumber ?? ''),
      letterYear,
      STANDALONE_PREFIX,
    ),
  );
  const dp = categoryOf(demo, 'urbanisme-declaration-prealable');
  const subsidy = categoryOf(demo, 'associations-subventions');
  const electoral = categoryOf(demo, 'listes-electorales');
  const naissance = categoryOf(demo, 'etat-civil-naissance');

  const acknowledgementAcceptance: AcknowledgementInput = {
    settings,
    request: sampleRequest(demo, dp, 1, {
      channel: 'mail',
      channelFacts: { postmarkDate: addDays(today, -3), sender: 'Mme Hélène Lefèvre', mailRegisterNumber: nextLetterNumber },
      receivedAt: receivedAt(1),
      subject: 'Déclaration préalable : clôture sur rue',
      citizenId: helene.id,
      competence: 'commune',
      transfer: null,
    }),
    citizen: helene,
    category: dp,
    issuedOn: today,
    agentName,
  };

  const subsidyRequest = sampleRequest(demo, subsidy, 2, {
    channel: 'web',
    channelFacts: {},
    receivedAt: receivedAt(2, '19:05'),
    subject: 'Subvention exceptionnelle pour la fête du village',
    citizenId: gaetan.id,
    competence: 'commune',
    transfer: null,
  });
  const acknowledgementRejection: AcknowledgementInput = {
    settings,
    request: subsidyRequest,
    citizen: gaetan,
    category: subsidy,
    missingPieces: ['Budget prévisionnel de la manifestation', 'Relevé d’identité bancaire de l’association'],
    piecesDueOn: addMonths(today, 1),
    issuedOn: today,
    agentName,
  };

  const acknowledgementNone: AcknowledgementInput = {
    settings,
    request: sampleRequest(demo, electoral, 3, {
      channel: 'counter',
      channelFacts: { residentPresent: true },
      receivedAt: receivedAt(0, '09:15'),
      subject: 'Inscription sur la liste électorale',
      citizenId: helene.id,
      competence: 'commune',
      transfer: null,
    }),
    citizen: helene,
    category: electoral,
    issuedOn: today,
    agentName,
  };

  const depositRequest = sampleRequest(demo, naissance, 4, {
    channel: 'counter',
    channelFacts: { residentPresent: true },
    receivedAt: receivedAt(0, '14:20'),
    subject: 'Copie intégrale d’acte de naissance',
    citizenId: gaetan.id,
    onBehalf: { agentId: demo.users.secretary.id, at: receivedAt(0, '14:35') },
    competence: 'commune',
    transfer: null,
  });
  const depositReceipt: DepositReceiptInput = {
    settings,
    request: depositRequest,
    citizen: gaetan,
    category: naissance,
    deposited: ['Copie de la carte nationale d’identité', 'Livret de famille (présenté, non conservé)'],
    onBehalfAgentName: agentName,
    issuedOn: today,
  };

  const template =
    demo.replyTemplates.find((candidate) => candidate.categoryIds.includes(dp.id) && candidate.title.includes('incomplet')) ??
    demo.replyTemplates[0];
  if (!template) throw new Error('demo commune: no reply template');
  const letterRequest = acknowledgementAcceptance.request as RequestDoc;
  const rendered = renderTemplate(
    template.body,
    buildTemplateContext({ request: letterRequest, citizen: helene, settings, agentName, today }),
  );
  if (!rendered.ok) throw new Error(`demo reply template does not render: ${[...rendered.missing, ...rendered.unknown].join(', ')}`);
  const replyLetter: ReplyLetterInput = {
    settings,
    request: letterRequest,
    citizen: helene,
    body: rendered.text,
    issuedOn: today,
    agentName,
  };

  const from = addDays(addMonths(today, -12), 1);
  const mailRegister: MailRegisterInput = {
    settings,
    entries: mailRegisterEntries({
      requests: [...demo.requests, letterRequest],
      categories: demo.categories,
      citizens: demo.citizens,
      from,
      to: today,
    }),
    from,
    to: today,
    issuedOn: today,
  };

  return { acknowledgementAcceptance, acknowledgementRejection, acknowledgementNone, depositReceipt, replyLetter, mailRegister };
}
