/**
 * A generated commune for the benchmarks (quality.md: 100,000 requests,
 * 30,000 residents and their events). Deterministic for a given seed, so
 * every run measures the same data. Runs in Node and in the browser.
 */
import { CHANNELS, STATUSES, type CategoryDoc, type CitizenDoc, type EventDoc, type RequestDoc } from '../domain/model';
import { citizenSearchName, phoneDigits, requestSearchText } from '../domain/search';
import { seededRandom } from '../domain/random';

export { seededRandom };

const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Œuvray',
  'Légaré',
  'Chevalier',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
  'Perrin',
];
const FIRST_NAMES = [
  'Hélène',
  'Jean',
  'Marie',
  'Pierre',
  'Françoise',
  'Michel',
  'Monique',
  'André',
  'Jeanne',
  'Louis',
  'Chloé',
  'Zoé',
  'Gaëlle',
  'Noël',
  'Jérôme',
  'Cécile',
  'Agnès',
  'Joël',
  'Benoît',
  'Léa',
  'Éric',
  'Anaïs',
  'Raphaël',
  'Inès',
];
const STREETS = [
  'rue de l’Église',
  'Grande Rue',
  'rue des Écoles',
  'chemin du Moulin',
  'place de la Mairie',
  'rue du Château',
  'allée des Tilleuls',
  'route de Saint-Étienne',
];
const SUBJECTS = [
  'Copie intégrale d’acte de naissance',
  'Inscription sur la liste électorale',
  'Lampadaire éteint',
  'Nid-de-poule',
  'Dépôt sauvage près du lavoir',
  'Badge de déchetterie',
  'Réservation de la salle des fêtes',
  'Certificat d’urbanisme',
  'Inscription à la cantine',
  'Demande de subvention',
  'Haie débordant sur le trottoir',
  'Bac jaune cassé',
  'Extrait d’acte de mariage',
  'Chien errant',
  'Bruit de voisinage',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function hexId(prefix: string, n: number): string {
  return `${prefix}${n.toString(16).padStart(12, '0')}`;
}

export interface GeneratedCommune {
  citizens: CitizenDoc[];
  requests: RequestDoc[];
  events: EventDoc[];
}

export interface GenerateOptions {
  communeId: string;
  categories: CategoryDoc[];
  citizens: number;
  requests: number;
  seed?: number;
  /** the generated requests are received over the N days before this date */
  until?: Date;
  days?: number;
}

export function generateCommune(options: GenerateOptions): GeneratedCommune {
  const random = seededRandom(options.seed ?? 42);
  const until = options.until ?? new Date('2026-11-20T12:00:00Z');
  const days = options.days ?? 4 * 365;
  const now = until.toISOString();
  const citizens: CitizenDoc[] = [];
  for (let i = 0; i < options.citizens; i += 1) {
    const firstName = pick(random, FIRST_NAMES);
    const lastName = pick(random, LAST_NAMES);
    const phone = `06 ${String(10 + Math.floor(random() * 89))} ${String(i % 100).padStart(2, '0')} ${String(Math.floor(i / 100) % 100).padStart(2, '0')} ${String(Math.floor(random() * 100)).padStart(2, '0')}`;
    citizens.push({
      id: hexId('c-', i),
      communeId: options.communeId,
      firstName,
      lastName,
      phone,
      email: '',
      address: `${1 + Math.floor(random() * 80)} ${pick(random, STREETS)}`,
      postalCode: '55230',
      city: 'Saint-Aubin-sur-Meuse',
      birthDate: '',
      notes: '',
      searchName: citizenSearchName(firstName, lastName),
      searchPhone: phoneDigits(phone),
      mergedInto: null,
      createdAt: now,
      updatedAt: now,
    });
  }
  const requests: RequestDoc[] = [];
  const events: EventDoc[] = [];
  for (let i = 0; i < options.requests; i += 1) {
    const citizen = citizens[Math.floor(random() * citizens.length)];
    const category = pick(random, options.categories);
    const received = new Date(until.getTime() - Math.floor(random() * days * 86_400_000));
    const due = new Date(received.getTime() + (category.delayDays + 4) * 86_400_000);
    const status = pick(random, STATUSES);
    const year = received.getUTCFullYear();
    const reference = `${year}-A-${String(i + 1).padStart(6, '0')}`;
    const trackingCode = `${hexCode(random)}-${hexCode(random)}`;
    const subject = pick(random, SUBJECTS);
    const request: RequestDoc = {
      id: hexId('r-', i),
      communeId: options.communeId,
      reference,
      trackingCode,
      channel: pick(random, CHANNELS),
      channelFacts: {},
      receivedAt: received.toISOString(),
      categoryId: category.id,
      categoryFields: {},
      subject,
      description: '',
      citizenId: citizen?.id ?? '',
      location: null,
      competence: category.competence,
      transfer: null,
      status,
      statusReason: status === 'rejected' ? 'Hors compétence' : '',
      assigneeId: null,
      dueAt: due.toISOString().slice(0, 10),
      answer: null,
      attachments: [],
      flags: { needsMayor: false, sensitive: false },
      onBehalf: null,
      searchText: '',
      createdAt: received.toISOString(),
      createdBy: 'bench',
      updatedAt: received.toISOString(),
    };
    request.searchText = requestSearchText({
      reference,
      trackingCode,
      subject,
      citizenName: citizen ? `${citizen.lastName.toUpperCase()} ${citizen.firstName}` : '',
    });
    requests.push(request);
    events.push({
      id: hexId('e-', i),
      communeId: options.communeId,
      requestId: request.id,
      citizenId: request.citizenId,
      type: 'created',
      at: request.receivedAt,
      actorId: 'bench',
      actorName: 'Banc d’essai',
      fromStatus: null,
      toStatus: 'new',
      text: '',
      fields: [],
      deviceId: 'bench',
      updatedAt: request.receivedAt,
    });
  }
  return { citizens, requests, events };
}

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
function hexCode(random: () => number): string {
  let out = '';
  for (let i = 0; i < 4; i += 1) out += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
  return out;
}
