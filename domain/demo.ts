/**
 * The demo commune: Saint-Aubin-sur-Meuse, a fictional village of the Meuse,
 * with its residents, a year's worth of requests over every channel, status
 * and category, and their journal. The renderer loads it ("Essayer d'abord"),
 * `npm run documents -- --samples` prints its documents, tests start from it.
 *
 * Pure and deterministic: the same seed and the same `today` give the same
 * commune, ids included (UUID-shaped, drawn from the seed). The identity,
 * residents and streets are data in `resources/demo/commune.json`; the
 * categories and reply templates are the shipped catalogue.
 */
import categoryCatalogue from '../resources/catalogue/categories.json';
import replyTemplateCatalogue from '../resources/catalogue/reply-templates.json';
import demoData from '../resources/demo/commune.json';
import { addDays, isWorkingDay, requestDueAt } from './calendar';
import {
  NO_ID,
  type AppUser,
  type CategoryDoc,
  type Channel,
  type CitizenDoc,
  type Civility,
  type EventDoc,
  type EventType,
  type ReplyTemplateDoc,
  type RequestDoc,
  type RequestStatus,
  type SettingsDoc,
  type UserRole,
} from './model';
import { formatReference, nextMailRegisterNumber, STANDALONE_PREFIX, TRACKING_ALPHABET } from './references';
import { citizenSearchName, phoneDigits, requestSearchText } from './search';
import { renderTemplate, buildTemplateContext } from './templates';
import { seededRandom } from './random';
import { demoAssistedSessions, demoProcedures } from './assisted-demo';
import type { AssistedSessionDoc, ProcedureDoc, ReplyKind } from './model';

export interface DemoCommuneOptions {
  /** seed of the generator; the same seed gives the same commune (default 2026) */
  seed?: number;
  /** `YYYY-MM-DD`, "today" at the mairie: requests are received over the year before it (default 2026-11-20) */
  today?: string;
  /** the commune's id (tenant); default a fixed UUID */
  communeId?: string;
  /** how many requests (default 120) */
  requests?: number;
  /** the device id written in the journal (default `demo-device`) */
  deviceId?: string;
}

export interface DemoUsers {
  secretary: AppUser;
  mayor: AppUser;
  deputy: AppUser;
  agent: AppUser;
}

export interface DemoCommune {
  settings: SettingsDoc;
  users: DemoUsers;
  categories: CategoryDoc[];
  replyTemplates: ReplyTemplateDoc[];
  citizens: CitizenDoc[];
  /** sorted by receipt, oldest first */
  requests: RequestDoc[];
  /** sorted by time */
  events: EventDoc[];
  /** the assisted-procedure catalogue (accompagnement numérique) */
  procedures: ProcedureDoc[];
  /** online procedures done with residents at the counter, oldest first */
  assistedSessions: AssistedSessionDoc[];
  /** the `today` the commune was generated for */
  today: string;
}

export const DEMO_COMMUNE_ID = '5a1b0000-0000-4000-8000-000000055999';
export const DEMO_SEED = 2026;
export const DEMO_TODAY = '2026-11-20';
/** The settings document's id (domain/schemas/settings.ts `SETTINGS_ID`). */
const SETTINGS_ID = 'commune';

type CatalogueCategory = Omit<CategoryDoc, 'id' | 'communeId' | 'updatedAt'>;
interface CatalogueTemplate {
  title: string;
  kind: ReplyKind;
  categoryCodes: string[];
  body: string;
}
interface DemoResident {
  civility: string;
  firstName: string;
  lastName: string;
}
interface DemoData {
  name: string;
  inseeCode: string;
  address: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  openingHours: string;
  logoDataUrl: string;
  epciName: string;
  alsaceMoselle: boolean;
  users: Array<{ key: keyof DemoUsers; name: string; role: string }>;
  streets: string[];
  places: string[];
  residents: DemoResident[];
}

const DATA = demoData as DemoData;

class Draw {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  /** a version-4-shaped UUID drawn from the seed */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = ((this.int(0, 15) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
  trackingCode(): string {
    const characters = Array.from({ length: 8 }, () => TRACKING_ALPHABET.charAt(this.int(0, TRACKING_ALPHABET.length - 1)));
    return `${characters.slice(0, 4).join('')}-${characters.slice(4).join('')}`;
  }
}

/** What residents ask, per category code: subject, description. */
const SUBJECTS: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  'etat-civil-naissance': [
    ['Copie intégrale d’acte de naissance', 'Demande d’une copie intégrale pour un dossier de mariage.'],
    ['Extrait d’acte de naissance avec filiation', 'Pour une demande de carte nationale d’identité.'],
  ],
  'etat-civil-mariage': [
    ['Extrait d’acte de mariage', 'Pour un dossier de pension de réversion.'],
    ['Copie intégrale d’acte de mariage', 'Demandée par le notaire pour une succession.'],
  ],
  'etat-civil-deces': [['Copie d’acte de décès', 'Pour les démarches auprès de la banque et de la caisse de retraite.']],
  'listes-electorales': [
    ['Inscription sur la liste électorale', 'Arrivée dans la commune ; souhaite voter aux prochaines élections.'],
    ['Changement d’adresse sur la liste électorale', 'Déménagement à l’intérieur de la commune.'],
  ],
  'signalement-voirie': [
    ['Nid-de-poule dangereux', 'Un trou profond dans la chaussée ; les cyclistes font des écarts.'],
    ['Panneau stop couché', 'Le panneau a été renversé, sans doute par un engin agricole.'],
    ['Trottoir effondré', 'Une partie du trottoir s’est affaissée après les pluies.'],
  ],
  'signalement-eclairage': [
    ['Lampadaire éteint', 'Le lampadaire est éteint depuis plusieurs soirs ; la rue est dans le noir.'],
    ['Éclairage allumé en plein jour', 'Les lampadaires restent allumés toute la journée.'],
  ],
  'signalement-proprete': [
    ['Haie débordant sur le trottoir', 'Les piétons doivent marcher sur la chaussée.'],
    ['Poubelle publique pleine', 'La corbeille déborde depuis le week-end.'],
    ['Herbes hautes au cimetière', 'Les allées du cimetière sont envahies par les herbes.'],
  ],
  'signalement-depot-sauvage': [
    ['Dépôt sauvage de gravats', 'Des sacs de gravats et un vieux matelas ont été déposés.'],
    ['Pneus abandonnés', 'Une dizaine de pneus abandonnés au bord du chemin.'],
  ],
  'dechets-bac-badge': [
    ['Badge de déchetterie', 'Nouvel arrivant ; demande un badge d’accès à la déchetterie.'],
    ['Bac jaune cassé', 'Le couvercle du bac de tri est cassé.'],
    ['Bac d’ordures ménagères plus grand', 'Famille de cinq personnes ; le bac de 120 litres ne suffit plus.'],
  ],
  'reservation-salle': [
    ['Réservation de la salle des fêtes', 'Pour un repas de famille (une cinquantaine de personnes).'],
    ['Réservation de la salle associative', 'Assemblée générale de l’association.'],
  ],
  'urbanisme-cu-information': [
    ['Certificat d’urbanisme d’information', 'Vente d’un terrain ; le notaire demande un certificat d’urbanisme.'],
  ],
  'urbanisme-cu-operationnel': [
    ['Certificat d’urbanisme opérationnel', 'Projet de construction d’une maison individuelle sur le terrain.'],
  ],
  'urbanisme-declaration-prealable': [
    ['Déclaration préalable : clôture', 'Remplacement de la clôture sur rue par un muret surmonté d’une grille.'],
    ['Déclaration préalable : abri de jardin', 'Abri de jardin en bois de 12 m².'],
    ['Déclaration préalable : panneaux solaires', 'Pose de panneaux photovoltaïques sur le toit.'],
  ],
  'cantine-periscolaire': [
    ['Inscription à la cantine', 'Inscription pour la rentrée, quatre jours par semaine.'],
    ['Inscription au périscolaire du soir', 'Accueil du soir, lundi et jeudi.'],
  ],
  'associations-subventions': [
    ['Demande de subvention annuelle', 'Subvention de fonctionnement pour l’année.'],
    ['Subvention exceptionnelle pour la fête du village', 'Organisation de la fête patronale de la Saint-Aubin.'],
  ],
  autre: [
    ['Bruit de voisinage', 'Aboiements répétés la nuit ; demande l’intervention du maire.'],
    ['Chien errant', 'Un chien sans collier erre près de l’école depuis deux jours.'],
    ['Demande de rendez-vous avec le maire', 'Souhaite présenter un projet de jardin partagé.'],
  ],
};

const CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  'etat-civil-naissance': 10,
  'etat-civil-mariage': 5,
  'etat-civil-deces': 4,
  'listes-electorales': 8,
  'signalement-voirie': 10,
  'signalement-eclairage': 8,
  'signalement-proprete': 7,
  'signalement-depot-sauvage': 6,
  'dechets-bac-badge': 10,
  'reservation-salle': 8,
  'urbanisme-cu-information': 4,
  'urbanisme-cu-operationnel': 2,
  'urbanisme-declaration-prealable': 6,
  'cantine-periscolaire': 5,
  'associations-subventions': 4,
  autre: 6,
};

const CHANNEL_WEIGHTS: ReadonlyArray<readonly [Channel, number]> = [
  ['counter', 32],
  ['phone', 20],
  ['mail', 16],
  ['email', 18],
  ['web', 9],
  ['elected', 5],
];

const ASSOCIATIONS = [
  'Foyer rural de Saint-Aubin',
  'Les Amis du lavoir',
  'Club du troisième âge « Les Bords de Meuse »',
  'Union sportive de Saint-Aubin',
];

function lastNameUpper(name: string): string {
  return name.toLocaleUpperCase('fr-FR');
}

function instantOn(date: string, hour: number, minute: number): string {
  // working hours at a French mairie are 8 h–18 h local, 7 h–16 h UTC: the UTC date is the local date
  return `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
}

function laterInstant(instant: string, minutes: number): string {
  return new Date(new Date(instant).getTime() + minutes * 60_000).toISOString();
}

/** `date` if the mairie works that day, else the working day before it. */
function workingDayOnOrBefore(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

export function generateDemoCommune(options: DemoCommuneOptions = {}): DemoCommune {
  const draw = new Draw(options.seed ?? DEMO_SEED);
  const today = options.today ?? DEMO_TODAY;
  const communeId = options.communeId ?? DEMO_COMMUNE_ID;
  const deviceId = options.deviceId ?? 'demo-device';
  const requestCount = options.requests ?? 120;
  const settingsStamp = `${addDays(today, -400)}T08:00:00.000Z`;
  /** the end of `today`'s opening hours: nothing in the demo happens after it */
  const nowStamp = `${today}T16:30:00.000Z`;

  const userOf = (key: keyof DemoUsers): AppUser => {
    const user = DATA.users.find((candidate) => candidate.key === key);
    if (!user) throw new Error(`demo commune: no user ${key}`);
    return { id: `demo-${key}`, name: user.name, role: user.role as UserRole, active: true };
  };
  const users: DemoUsers = { secretary: userOf('secretary'), mayor: userOf('mayor'), deputy: userOf('deputy'), agent: userOf('agent') };

  const settings: SettingsDoc = {
    id: SETTINGS_ID,
    communeId,
    name: DATA.name,
    inseeCode: DATA.inseeCode,
    address: DATA.address,
    postalCode: DATA.postalCode,
    city: DATA.city,
    phone: DATA.phone,
    email: DATA.email,
    openingHours: DATA.openingHours,
    logoDataUrl: DATA.logoDataUrl,
    epciName: DATA.epciName,
    epciId: null,
    alsaceMoselle: DATA.alsaceMoselle,
    users: [users.secretary, users.mayor, users.deputy, users.agent],
    updatedAt: settingsStamp,
  };

  const categories: CategoryDoc[] = (categoryCatalogue as CatalogueCategory[]).map((category) => ({
    ...category,
    id: `demo-cat-${category.code}`,
    communeId,
    updatedAt: settingsStamp,
  }));
  const categoryByCode = new Map(categories.map((category) => [category.code, category]));
  const replyTemplates: ReplyTemplateDoc[] = (replyTemplateCatalogue as CatalogueTemplate[]).map((template, index) => ({
    id: `demo-tpl-${String(index + 1).padStart(2, '0')}`,
    communeId,
    title: template.title,
    kind: template.kind,
    categoryIds: template.categoryCodes.map((code) => categoryByCode.get(code)?.id).filter((id): id is string => Boolean(id)),
    body: template.body,
    updatedAt: settingsStamp,
  }));

  const citizens: CitizenDoc[] = DATA.residents.map((resident, index) => {
    const street = DATA.streets[index % DATA.streets.length]!;
    const number = draw.int(1, 48);
    const mobile = draw.chance(0.7);
    const phone = mobile
      ? `06 39 98 ${String(draw.int(10, 99))} ${String(index).padStart(2, '0')}`
      : `03 53 01 ${String(draw.int(21, 99))} ${String(index).padStart(2, '0')}`;
    const plainFirst = citizenSearchName(resident.firstName, '').replace(/ /g, '-');
    const plainLast = citizenSearchName('', resident.lastName).replace(/ /g, '');
    const created = `${addDays(today, -draw.int(380, 900))}T10:00:00.000Z`;
    return {
      id: draw.uuid(),
      communeId,
      civility: resident.civility as Civility,
      firstName: resident.firstName,
      lastName: resident.lastName,
      phone,
      email: draw.chance(0.6) ? `${plainFirst}.${plainLast}@example.org` : '',
      address: `${number} ${street}`,
      postalCode: DATA.postalCode,
      city: DATA.city,
      birthDate: draw.chance(0.5)
        ? `${draw.int(1938, 2004)}-${String(draw.int(1, 12)).padStart(2, '0')}-${String(draw.int(1, 28)).padStart(2, '0')}`
        : '',
      notes: index === 0 ? 'Malentendante : parler lentement et face à elle.' : '',
      searchName: citizenSearchName(resident.firstName, resident.lastName),
      searchPhone: phoneDigits(phone),
      mergedInto: null,
      createdAt: created,
      updatedAt: created,
    };
  });

  // receipt days: working days over the year before today, the most recent weeks busier
  const receipts: string[] = [];
  for (let i = 0; i < requestCount; i += 1) {
    const daysAgo = draw.chance(0.35) ? draw.int(0, 30) : draw.int(0, 365);
    receipts.push(workingDayOnOrBefore(addDays(today, -daysAgo)));
  }
  receipts.sort();

  const requests: RequestDoc[] = [];
  const events: EventDoc[] = [];
  const sequenceByYear = new Map<number, number>();
  const mailSequenceByYear = new Map<number, number>();
  const event = (
    request: RequestDoc,
    type: EventType,
    at: string,
    actor: AppUser,
    extra: Partial<Pick<EventDoc, 'fromStatus' | 'toStatus' | 'text' | 'fields'>> = {},
  ): void => {
    events.push({
      id: draw.uuid(),
      communeId,
      requestId: request.id,
      citizenId: request.citizenId,
      type,
      at,
      actorId: actor.id,
      actorName: actor.name,
      fromStatus: extra.fromStatus ?? null,
      toStatus: extra.toStatus ?? null,
      text: extra.text ?? '',
      fields: extra.fields ?? [],
      deviceId,
      updatedAt: at,
    });
  };
  const categoryWeights = categories.map((category) => [category, CATEGORY_WEIGHTS[category.code] ?? 1] as const);

  for (const receivedOn of receipts) {
    const category = draw.weighted(categoryWeights);
    const isReport = category.group === 'Signalement';
    let channel = draw.weighted(CHANNEL_WEIGHTS);
    if (channel === 'elected' && !isReport) channel = 'phone';
    const anonymous = isReport && (channel === 'elected' || draw.chance(0.2));
    const citizen = anonymous ? null : draw.pick(citizens);
    const year = Number(receivedOn.slice(0, 4));
    const seq = (sequenceByYear.get(year) ?? 0) + 1;
    sequenceByYear.set(year, seq);
    const receivedAt = instantOn(receivedOn, draw.int(7, 15), draw.pick([0, 5, 10, 15, 20, 30, 40, 45, 50]));
    const [subject, description] = draw.pick(SUBJECTS[category.code] ?? [['Demande', '']]);
    // as written on the envelope
    const senderName = citizen ? `${citizen.civility === 'madame' ? 'Mme' : 'M.'} ${citizen.firstName} ${citizen.lastName}` : '';

    const channelFacts: RequestDoc['channelFacts'] = {};
    if (channel === 'counter') channelFacts.residentPresent = true;
    if (channel === 'phone') channelFacts.phoneNumber = citizen?.phone ?? '06 39 98 00 00';
    if (channel === 'mail') {
      const mailSeq = (mailSequenceByYear.get(year) ?? 0) + 1;
      mailSequenceByYear.set(year, mailSeq);
      channelFacts.postmarkDate = addDays(receivedOn, -draw.int(1, 3));
      channelFacts.sender = senderName || 'Expéditeur non identifié';
      channelFacts.mailRegisterNumber = nextMailRegisterNumber(year, STANDALONE_PREFIX, mailSeq - 1);
    }
    if (channel === 'email') {
      channelFacts.sender = citizen?.email || 'habitant@example.org';
      channelFacts.emailSubject = subject;
      channelFacts.emailMessageId = `<${draw.uuid()}@example.org>`;
      channelFacts.emailBody = `Bonjour,\n\n${description}\n\nCordialement,\n${citizen ? `${citizen.firstName} ${citizen.lastName}` : ''}`;
    }

    const categoryFields: Record<string, string> = {};
    for (const field of category.extraFields) {
      if (field.type === 'select') categoryFields[field.key] = draw.pick(field.options);
      else if (field.type === 'date')
        categoryFields[field.key] = addDays(receivedOn, field.key === 'date' ? draw.int(20, 90) : -draw.int(2_000, 20_000));
      else if (field.key === 'lieu') categoryFields[field.key] = draw.pick(DATA.places);
      else if (field.key === 'personne' || field.key === 'enfant')
        categoryFields[field.key] = citizen ? `${draw.pick(['Lucas', 'Emma', 'Jules', 'Léna', 'Noé'])} ${citizen.lastName}` : 'Non précisé';
      else if (field.key === 'horaire') categoryFields[field.key] = draw.pick(['de 10 h à 18 h', 'de 14 h à 23 h', 'de 18 h à 2 h']);
      else if (field.key === 'parcelle') categoryFields[field.key] = `Section ${draw.pick(['AB', 'ZC', 'A'])} n° ${draw.int(12, 480)}`;
      else if (field.key === 'association') categoryFields[field.key] = draw.pick(ASSOCIATIONS);
      else if (field.key === 'montant') categoryFields[field.key] = String(draw.pick([300, 500, 800, 1_200, 1_500]));
      else if (field.key === 'jours') categoryFields[field.key] = 'lundi, mardi, jeudi, vendredi';
      else if (field.key === 'adresse_terrain') categoryFields[field.key] = `${draw.pick(DATA.streets)}`;
      else if (field.required) categoryFields[field.key] = 'À préciser';
    }

    const location = isReport
      ? { address: `${categoryFields.lieu ?? draw.pick(DATA.places)}, ${draw.pick(DATA.streets)}` }
      : category.group === 'Urbanisme' && citizen
        ? { address: citizen.address }
        : null;
    const dueAt = requestDueAt(receivedOn, category, { alsaceMoselle: DATA.alsaceMoselle });
    const ageDays = Math.round((Date.parse(today) - Date.parse(receivedOn)) / 86_400_000);
    const reference = formatReference(year, STANDALONE_PREFIX, seq);
    const trackingCode = draw.trackingCode();
    const creator = channel === 'elected' ? users.deputy : users.secretary;

    // where it stands: old requests are mostly finished; a few are left late on purpose
    let status: RequestStatus;
    if (ageDays > 45)
      status = draw.weighted([
        ['closed', 55],
        ['answered', 25],
        ['rejected', 5],
        ['in_progress', 8],
        ['transferred', 4],
        ['waiting_citizen', 3],
      ]);
    else if (ageDays > 10)
      status = draw.weighted([
        ['answered', 30],
        ['closed', 15],
        ['in_progress', 25],
        ['waiting_citizen', 12],
        ['new', 8],
        ['transferred', 10],
      ]);
    else
      status = draw.weighted([
        ['new', 45],
        ['in_progress', 35],
        ['waiting_citizen', 10],
        ['answered', 10],
      ]);
    // the intercommunality's requests are forwarded to it, and followed there
    const forwarded = category.competence === 'epci';
    if (forwarded && ['in_progress', 'new', 'waiting_citizen', 'rejected'].includes(status) && ageDays > 1) status = 'transferred';
    if (status === 'transferred' && !forwarded) status = 'in_progress';

    const request: RequestDoc = {
      id: draw.uuid(),
      communeId,
      reference,
      trackingCode,
      channel,
      channelFacts,
      receivedAt,
      categoryId: category.id,
      categoryFields,
      subject,
      description,
      citizenId: citizen?.id ?? NO_ID,
      location,
      competence: category.competence,
      transfer: null,
      status,
      statusReason: '',
      assigneeId: isReport ? users.agent.id : users.secretary.id,
      dueAt,
      answer: null,
      attachments: [],
      flags: {
        needsMayor: category.needsMayorApproval || (category.code === 'autre' && draw.chance(0.3)),
        sensitive: category.code === 'autre' && subject.startsWith('Bruit'),
      },
      onBehalf:
        channel === 'counter' && ['listes-electorales', 'etat-civil-naissance'].includes(category.code) && draw.chance(0.5)
          ? { agentId: users.secretary.id, at: laterInstant(receivedAt, 10) }
          : null,
      searchText: '',
      createdAt: laterInstant(receivedAt, 1),
      createdBy: creator.id,
      updatedAt: laterInstant(receivedAt, 1),
    };
    request.searchText = requestSearchText({
      reference,
      trackingCode,
      subject,
      citizenName: citizen ? `${lastNameUpper(citizen.lastName)} ${citizen.firstName}` : '',
      extra: [location?.address ?? '', channelFacts.sender ?? ''],
    });

    event(request, 'created', request.createdAt, creator, { toStatus: 'new' });
    if (category.needsAcknowledgement && channel !== 'phone') {
      event(request, 'document_issued', laterInstant(receivedAt, 3), users.secretary, { text: 'acknowledgement' });
    }
    let current: RequestStatus = 'new';
    // the steps are spread between receipt and now, at most five days apart
    const spanMinutes = (Date.parse(nowStamp) - Date.parse(receivedAt)) / 60_000;
    const stepMinutes = Math.max(1, Math.min(5 * 24 * 60, Math.floor(spanMinutes / 5)));
    let clock = laterInstant(receivedAt, stepMinutes);
    const move = (to: RequestStatus, actor: AppUser, reason = ''): void => {
      event(request, 'status_changed', clock, actor, { fromStatus: current, toStatus: to, text: reason, fields: ['status'] });
      current = to;
      clock = laterInstant(clock, stepMinutes);
    };
    const path: Record<RequestStatus, RequestStatus[]> = {
      new: [],
      in_progress: ['in_progress'],
      waiting_citizen: ['in_progress', 'waiting_citizen'],
      transferred: ['transferred'],
      answered: ['in_progress', 'answered'],
      closed: ['in_progress', 'answered', 'closed'],
      rejected: ['in_progress', 'rejected'],
    };
    const steps = forwarded ? path[status].map((step) => (step === 'in_progress' ? 'transferred' : step)) : path[status];
    for (const step of steps) {
      if (step === 'transferred') {
        request.transfer = {
          to: 'epci',
          toId: null,
          toName: DATA.epciName,
          at: clock,
          by: users.secretary.id,
          note: 'Compétence de la communauté de communes (collecte des déchets).',
        };
        event(request, 'transferred', clock, users.secretary, { text: DATA.epciName, fields: ['transfer'] });
        move('transferred', users.secretary);
      } else if (step === 'waiting_citizen') {
        request.statusReason = 'Pièces manquantes demandées à l’usager.';
        move('waiting_citizen', users.secretary, request.statusReason);
      } else if (step === 'rejected') {
        request.statusReason = 'Demande sans objet : l’usager a été orienté vers le service compétent.';
        move('rejected', users.secretary, request.statusReason);
      } else if (step === 'answered') {
        const template =
          replyTemplates.find(
            (candidate) =>
              candidate.categoryIds.includes(category.id) &&
              !candidate.title.includes('impossible') &&
              !candidate.title.includes('incomplet'),
          ) ?? replyTemplates[2]!;
        const rendered = citizen
          ? renderTemplate(
              template.body,
              buildTemplateContext({ request, citizen, settings, agentName: users.secretary.name, today: clock.slice(0, 10) }),
            )
          : null;
        const approved = category.needsMayorApproval || request.flags.needsMayor;
        request.answer = {
          text: rendered?.ok ? rendered.text : 'Intervention réalisée par les services techniques.',
          templateId: rendered?.ok ? template.id : null,
          kind: 'final',
          answeredAt: clock,
          by: users.secretary.id,
          approvedBy: approved ? users.mayor.id : null,
          approvedAt: approved ? clock : null,
        };
        if (approved) event(request, 'mayor_approved', clock, users.mayor);
        event(request, 'answered', clock, users.secretary, { fields: ['answer'] });
        move('answered', users.secretary);
      } else if (step === 'closed') {
        move('closed', users.secretary);
      } else {
        move(step, isReport ? users.agent : users.secretary);
      }
    }
    const lastEvent = events[events.length - 1];
    if (lastEvent && lastEvent.at > request.updatedAt) request.updatedAt = lastEvent.at;
    requests.push(request);
  }

  events.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  const procedures = demoProcedures(communeId, settingsStamp);
  const assistedSessions = demoAssistedSessions({
    seed: options.seed ?? DEMO_SEED,
    today,
    communeId,
    procedures,
    citizens,
    agents: [users.secretary, users.agent],
  });
  return { settings, users, categories, replyTemplates, citizens, requests, events, procedures, assistedSessions, today };
}
