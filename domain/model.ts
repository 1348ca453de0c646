/**
 * The shapes of Guichet's documents: one interface per collection.
 *
 * This file is the contract shared by the renderer, the main process and the
 * sync server. The JSON schemas in `domain/schemas/` describe the same shapes
 * for RxDB (client) and for validation (server); a test checks they agree.
 *
 * Conventions:
 * - every replicated document has `id` (primary key), `communeId` (tenant) and
 *   `updatedAt` (ISO date-time; the server stamps it on push);
 * - dates without a time (`dueAt`, `postmarkDate`) are `YYYY-MM-DD`;
 * - optional facts are `null` rather than absent when "unknown" and "empty"
 *   must be told apart;
 * - references to another document that are INDEXED (`RequestDoc.citizenId`,
 *   `EventDoc.requestId`, `EventDoc.citizenId`) use `''` (`NO_ID`) for "none",
 *   never `null`: RxDB can only index fields of a single type ('string'), and
 *   these lookups (a resident's requests, a request's journal) must not scan
 *   every document. Test with truthiness (`if (request.citizenId)`), not `=== null`.
 */

/** The value of an indexed reference that points at no document. */
export const NO_ID = '';

export const CHANNELS = ['counter', 'phone', 'mail', 'email', 'web', 'elected'] as const;
export type Channel = (typeof CHANNELS)[number];

export const STATUSES = ['new', 'in_progress', 'waiting_citizen', 'transferred', 'answered', 'closed', 'rejected'] as const;
export type RequestStatus = (typeof STATUSES)[number];

export const COMPETENCES = ['commune', 'epci', 'departement', 'etat', 'other'] as const;
export type Competence = (typeof COMPETENCES)[number];

export const USER_ROLES = ['secretary', 'mayor', 'deputy', 'agent'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** What silence of the administration means for a category (CRPA L231-1, L231-4). */
export const IMPLICIT_DECISIONS = ['none', 'acceptance', 'rejection'] as const;
export type ImplicitDecision = (typeof IMPLICIT_DECISIONS)[number];

/** The facts each channel brings with it. Only the ones of the request's channel are set. */
export interface ChannelFacts {
  /** counter: the resident was at the counter in person. */
  residentPresent?: boolean;
  /** phone: the number the call came from. */
  phoneNumber?: string;
  /** mail: the postmark date, `YYYY-MM-DD`. */
  postmarkDate?: string;
  /** mail and email: who sent it, as written on the envelope or in the From header. */
  sender?: string;
  /** mail: the number given in the mail register (registre du courrier). */
  mailRegisterNumber?: string;
  /** email: the subject line of the message. */
  emailSubject?: string;
  /** email: the Message-ID header, to recognise a message imported twice. */
  emailMessageId?: string;
  /** email: the original message, as text. */
  emailBody?: string;
}

export interface Location {
  address: string;
  lat?: number;
  lon?: number;
}

/** Metadata of a file attached to a request; the bytes live in a content-addressed blob. */
export interface AttachmentRef {
  sha256: string;
  name: string;
  mimeType: string;
  size: number;
  addedAt: string;
  addedBy: string;
}

export interface Transfer {
  /** the competence the request was forwarded to */
  to: Competence;
  /** the receiving body's id on the sync server (an intercommunality), when known */
  toId: string | null;
  /** its display name, e.g. "Communauté de communes du Val de Meuse" */
  toName: string;
  at: string;
  by: string;
  note: string;
}

/**
 * What a reply does for the request (issue 13): a holding reply (« bien reçue,
 * en cours ») and a request for pieces leave it open; only a final answer
 * answers it (domain/replies.ts).
 */
export const REPLY_KINDS = ['holding', 'pieces', 'final'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

export interface Answer {
  text: string;
  /** holding reply, request for pieces or final answer: only `final` answers the request */
  kind: ReplyKind;
  templateId: string | null;
  answeredAt: string;
  by: string;
  /** the mayor's approval, when the category or the request needs it */
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface RequestFlags {
  needsMayor: boolean;
  sensitive: boolean;
}

/** A request filed online for a resident by an agent at the counter (domain.md, "Filing on a resident's behalf"). */
export interface OnBehalf {
  agentId: string;
  at: string;
}

export interface RequestDoc {
  id: string;
  communeId: string;
  /** human reference, unique within the commune, e.g. `2026-A-0042` */
  reference: string;
  /** short code the resident quotes, e.g. `K7MQ-4QX2` (domain/references.ts) */
  trackingCode: string;
  channel: Channel;
  channelFacts: ChannelFacts;
  receivedAt: string;
  categoryId: string;
  /** answers to the category's own extra fields, by field key */
  categoryFields: Record<string, string>;
  subject: string;
  description: string;
  /** the resident's file, or `''` (NO_ID) for an anonymous report; indexed */
  citizenId: string;
  location: Location | null;
  competence: Competence;
  transfer: Transfer | null;
  status: RequestStatus;
  /** the reason given with the last status change (required for `rejected`) */
  statusReason: string;
  assigneeId: string | null;
  /** `YYYY-MM-DD`, from the category's delay in working days */
  dueAt: string;
  answer: Answer | null;
  attachments: AttachmentRef[];
  flags: RequestFlags;
  onBehalf: OnBehalf | null;
  /** normalised words of reference, tracking code, subject and resident's name, for search */
  searchText: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** How a letter addresses the resident: "Madame", "Monsieur". */
export const CIVILITIES = ['madame', 'monsieur'] as const;
export type Civility = (typeof CIVILITIES)[number];

export interface CitizenDoc {
  id: string;
  communeId: string;
  /** absent when not known: a reply template using `{{usager.civilite}}` then asks for it */
  civility?: Civility;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  address: string;
  postalCode: string;
  city: string;
  /** `YYYY-MM-DD` or empty */
  birthDate: string;
  notes: string;
  /** normalised "lastname firstname" for accent- and case-insensitive lookup */
  searchName: string;
  /** the phone's digits only, for lookup as it is typed */
  searchPhone: string;
  /** set when this file was merged into another one; the other one is the person's file */
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
}

export const EVENT_TYPES = [
  'created',
  'updated',
  'status_changed',
  'note',
  'answered',
  'transferred',
  'assigned',
  'attachment_added',
  'document_issued',
  'conflict',
  'viewed',
  'exported',
  'erased',
  'citizen_merged',
  'mayor_seen',
  'mayor_approved',
  'mayor_returned',
  'assisted_session',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * One line of the append-only journal. Events are never changed once written,
 * so they never conflict. They say who did what and when, and never copy the
 * personal data itself (quality.md, security 9).
 */
export interface EventDoc {
  id: string;
  communeId: string;
  /** the request the event belongs to, or `''` (NO_ID) for an event about a citizen only; indexed */
  requestId: string;
  /** the resident concerned, or `''` (NO_ID); indexed */
  citizenId: string;
  type: EventType;
  at: string;
  actorId: string;
  actorName: string;
  /** status changes: from and to */
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus | null;
  /** free text: the reason of a status change, a note, a conflict's lost value */
  text: string;
  /** the names of the fields concerned (updates, conflicts) */
  fields: string[];
  deviceId: string;
  updatedAt: string;
}

export interface CategoryExtraField {
  key: string;
  label: string;
  type: 'text' | 'date' | 'select' | 'textarea';
  options: string[];
  required: boolean;
}

export interface CategoryDoc {
  id: string;
  communeId: string;
  /** stable code from the catalogue, e.g. `etat-civil` */
  code: string;
  label: string;
  /** group shown in pickers, e.g. "Signalement" */
  group: string;
  /** delay to answer, in working days */
  delayDays: number;
  competence: Competence;
  /** whether an acknowledgement of receipt is owed (CRPA L112-3) */
  needsAcknowledgement: boolean;
  implicitDecision: ImplicitDecision;
  /** months after which silence is worth a decision (two by default in law) */
  implicitDecisionMonths: number;
  /** the remedies and their delays, printed on the receipt when silence means rejection */
  remedies: string;
  /** pieces usually asked for; the receipt lists the missing ones */
  requiredPieces: string[];
  needsMayorApproval: boolean;
  /** how long requests of this category are kept before anonymisation (RGPD) */
  retentionMonths: number;
  extraFields: CategoryExtraField[];
  active: boolean;
  updatedAt: string;
}

export interface ReplyTemplateDoc {
  id: string;
  communeId: string;
  title: string;
  /** the kind of reply it is; the secretary may change it when writing */
  kind: ReplyKind;
  /** categories the template is offered for; empty = every category */
  categoryIds: string[];
  /** text with placeholders such as `{{usager.nom}}`, see domain/templates.ts */
  body: string;
  updatedAt: string;
}

export interface AppUser {
  id: string;
  name: string;
  role: UserRole;
  active: boolean;
}

/** The commune's identity and the people who use Guichet: one document per commune, id `commune`. */
export interface SettingsDoc {
  id: string;
  communeId: string;
  name: string;
  inseeCode: string;
  address: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  openingHours: string;
  /** data: URL of the logo (PNG or JPEG), or empty */
  logoDataUrl: string;
  /** the intercommunality the commune belongs to (EPCI), for forwarding */
  epciName: string;
  epciId: string | null;
  /** Alsace-Moselle: 26 December and Good Friday are also public holidays */
  alsaceMoselle: boolean;
  users: AppUser[];
  updatedAt: string;
}

/** One step of an online procedure, ticked during an assisted session. */
export interface ProcedureStep {
  /** stable within the procedure: sessions record the ids of the steps done */
  id: string;
  label: string;
  /** an optional step (an appointment that is not always needed) does not keep a session from being done */
  required: boolean;
}

/**
 * An online procedure residents come to the counter for help with
 * (accompagnement numérique): shipped in resources/catalogue/procedures.json,
 * editable in Réglages › Démarches en ligne.
 */
export interface ProcedureDoc {
  id: string;
  communeId: string;
  /** stable code from the catalogue, e.g. `carte-identite` */
  code: string;
  title: string;
  /** what it is for, in one sentence */
  summary: string;
  steps: ProcedureStep[];
  /** what the resident must bring */
  documents: string[];
  /** the official address, https, on an allowed site (electron/common/external-urls.ts) */
  url: string;
  /** the usual time at the counter, in minutes */
  durationMinutes: number;
  active: boolean;
  updatedAt: string;
}

export const ASSISTED_OUTCOMES = ['done', 'to_finish', 'blocked'] as const;
export type AssistedOutcome = (typeof ASSISTED_OUTCOMES)[number];

/**
 * An online procedure done with or for a resident at the counter. It never
 * holds a password or a secret (domain.md; domain/assisted.ts refuses them).
 */
export interface AssistedSessionDoc {
  id: string;
  communeId: string;
  /** the resident's file; indexed for the 360° view */
  citizenId: string;
  procedureId: string;
  /** copied at start: the sheet and the figures still read it if the procedure is renamed or disabled */
  procedureTitle: string;
  startedAt: string;
  /** time spent with the resident, whole minutes */
  minutesSpent: number;
  /** ids of the procedure's steps ticked */
  stepsDone: string[];
  outcome: AssistedOutcome;
  /** why it is blocked; required when `outcome` is `blocked` */
  blockedReason: string;
  /** what comes next, in the secretary's words */
  nextSteps: string;
  documentsNextTime: string[];
  /** `YYYY-MM-DD` or `''` */
  followUpDate: string;
  /** the procedure's own file number (ANTS pre-application number, …) or Guichet's code; never a password */
  trackingCode: string;
  agentId: string;
  agentName: string;
  updatedAt: string;
}

/** Collections that replicate to the sync server. */
export const REPLICATED_COLLECTIONS = [
  'requests',
  'citizens',
  'events',
  'categories',
  'replytemplates',
  'settings',
  'procedures',
  'assistedsessions',
] as const;
export type ReplicatedCollection = (typeof REPLICATED_COLLECTIONS)[number];

export interface DocumentsByCollection {
  requests: RequestDoc;
  citizens: CitizenDoc;
  events: EventDoc;
  categories: CategoryDoc;
  replytemplates: ReplyTemplateDoc;
  settings: SettingsDoc;
  procedures: ProcedureDoc;
  assistedsessions: AssistedSessionDoc;
}
