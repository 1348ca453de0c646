/**
 * The `requests` collection: one document per request from a resident.
 *
 * Version history
 * - 0: the resident's name was copied into `citizenName`; `citizenId` was
 *   nullable (and so could not be indexed); `needsMayor` was a top-level
 *   boolean; no `flags`, `onBehalf` or `searchText`.
 * - 1: `citizenId` is `''` for an anonymous request and is indexed with
 *   `receivedAt` (the resident's file lists their requests); `flags` groups
 *   `needsMayor` and `sensitive`; `onBehalf` records filing for a resident;
 *   `searchText` holds the normalised words to search by.
 * - 2: `answer.kind` says whether the reply is a holding reply, a request for
 *   pieces or the final answer (domain/replies.ts); earlier answers moved the
 *   request to `answered`, so they are final.
 */
import { CHANNELS, COMPETENCES, NO_ID, REPLY_KINDS, STATUSES, type Answer, type RequestDoc } from '../model';
import { requestSearchText } from '../search';
import {
  date,
  flag,
  id,
  instant,
  list,
  nullableId,
  oneOf,
  record,
  reference,
  text,
  count,
  LINE_TEXT,
  LONG_TEXT,
  SHORT_TEXT,
} from './fields';
import type { CollectionDefinition, CollectionSchema, JsonSchemaProperty } from './types';

/** `2026-AB-00042`: year, device prefix, sequence (domain/references.ts). */
export const REFERENCE_MAX_LENGTH = 24;
/** `K7MQ-4QX2` (domain/references.ts) */
export const TRACKING_CODE_MAX_LENGTH = 16;

const channelFacts = record(
  "the facts of the request's channel; only those of its channel are set",
  {
    residentPresent: flag('counter: the resident was there in person'),
    phoneNumber: text('phone: the number the call came from', 40),
    postmarkDate: date('mail: the postmark date'),
    sender: text('mail and email: who sent it', LINE_TEXT),
    mailRegisterNumber: text('mail: number in the mail register', 32),
    emailSubject: text('email: subject line', LINE_TEXT),
    emailMessageId: text('email: Message-ID header', LINE_TEXT),
    emailBody: text('email: the original message as text', 1_000_000),
  },
  {
    optional: [
      'residentPresent',
      'phoneNumber',
      'postmarkDate',
      'sender',
      'mailRegisterNumber',
      'emailSubject',
      'emailMessageId',
      'emailBody',
    ],
  },
);

const location = record(
  'where the request is about, or null',
  {
    address: text('postal address or place description', LINE_TEXT),
    lat: { type: 'number', description: 'latitude (WGS 84)', minimum: -90, maximum: 90 },
    lon: { type: 'number', description: 'longitude (WGS 84)', minimum: -180, maximum: 180 },
  },
  { nullable: true, optional: ['lat', 'lon'] },
);

const transfer = record(
  'forwarding to the body holding the competence, or null',
  {
    to: oneOf('the competence forwarded to', COMPETENCES),
    toId: nullableId("the receiving body's id on the sync server"),
    toName: text("the receiving body's name"),
    at: instant('when it was forwarded'),
    by: id('user who forwarded it'),
    note: text('note sent with it', LONG_TEXT),
  },
  { nullable: true },
);

const answerPropertiesV1 = {
  text: text('the answer as sent', LONG_TEXT),
  templateId: nullableId('the reply template used'),
  answeredAt: instant('when it was answered'),
  by: id('user who answered'),
  approvedBy: nullableId("the mayor's approval"),
  approvedAt: { ...instant('when it was approved'), type: ['string', 'null'] },
} as const satisfies Record<string, JsonSchemaProperty>;

const answerV1 = record('the recorded answer, or null', answerPropertiesV1, { nullable: true });

const answer = record(
  'the recorded reply, or null',
  { ...answerPropertiesV1, kind: oneOf('holding reply, request for pieces or final answer', REPLY_KINDS) },
  { nullable: true },
);

export const attachmentRef: JsonSchemaProperty = record('metadata of an attached file; the bytes are a blob', {
  sha256: { type: 'string', description: 'hex SHA-256 of the bytes: the blob name', pattern: '^[0-9a-f]{64}$', maxLength: 64 },
  name: text('file name', 255),
  mimeType: text('MIME type', 255),
  size: count('size in bytes', Number.MAX_SAFE_INTEGER),
  addedAt: instant('when it was attached'),
  addedBy: id('user who attached it'),
});

const commonProperties = {
  id: id('primary key (UUID)'),
  communeId: id('tenant: the commune that owns the request'),
  reference: { ...text('human reference, unique within the commune', REFERENCE_MAX_LENGTH), minLength: 1 },
  trackingCode: { ...text('code the resident quotes', TRACKING_CODE_MAX_LENGTH), minLength: 1 },
  channel: oneOf('how it arrived', CHANNELS),
  channelFacts,
  receivedAt: instant('when it was received'),
  categoryId: id('category'),
  categoryFields: {
    type: 'object',
    description: "answers to the category's extra fields, by key",
    additionalProperties: { type: 'string', maxLength: LONG_TEXT },
  },
  subject: text('subject', LINE_TEXT),
  description: text('description', LONG_TEXT),
  location,
  competence: oneOf('who is responsible', COMPETENCES),
  transfer,
  status: oneOf('where it stands', STATUSES),
  statusReason: text('reason of the last status change', LONG_TEXT),
  assigneeId: nullableId('user in charge'),
  dueAt: date('due date'),
  answer: answerV1,
  attachments: list('attached files', attachmentRef),
  createdAt: instant('created at'),
  createdBy: id('user who created it'),
  updatedAt: instant('stamped by the sync server on push'),
} as const satisfies Record<string, JsonSchemaProperty>;

export const requestSchema: CollectionSchema<RequestDoc> = {
  title: 'requests',
  description: 'Requests from residents, followed to their answer',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...commonProperties,
    answer,
    citizenId: reference("the resident's file, '' for an anonymous request"),
    flags: record('flags', {
      needsMayor: flag('the mayor must see it'),
      sensitive: flag('sensitive: restricted display, reply reviewed'),
    }),
    onBehalf: record(
      'filed online for the resident by an agent, or null',
      { agentId: id('agent'), at: instant('when') },
      { nullable: true },
    ),
    searchText: text('normalised words to search by (domain/search.ts)', 4 * LINE_TEXT),
  },
  required: [
    'id',
    'communeId',
    'reference',
    'trackingCode',
    'channel',
    'channelFacts',
    'receivedAt',
    'categoryId',
    'categoryFields',
    'subject',
    'description',
    'citizenId',
    'location',
    'competence',
    'transfer',
    'status',
    'statusReason',
    'assigneeId',
    'dueAt',
    'answer',
    'attachments',
    'flags',
    'onBehalf',
    'searchText',
    'createdAt',
    'createdBy',
    'updatedAt',
  ],
  indexes: [['status', 'dueAt'], ['receivedAt'], ['citizenId', 'receivedAt'], ['reference'], ['trackingCode'], ['updatedAt']],
  additionalProperties: false,
};

/** A request as version 1 stored it: its answer had no kind. */
export type RequestDocV1 = Omit<RequestDoc, 'answer'> & { answer: Omit<Answer, 'kind'> | null };

export const requestSchemaV1: CollectionSchema<RequestDocV1> = {
  title: 'requests',
  description: 'Requests from residents (version 1)',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...commonProperties,
    citizenId: reference("the resident's file, '' for an anonymous request"),
    flags: record('flags', {
      needsMayor: flag('the mayor must see it'),
      sensitive: flag('sensitive: restricted display, reply reviewed'),
    }),
    onBehalf: record(
      'filed online for the resident by an agent, or null',
      { agentId: id('agent'), at: instant('when') },
      { nullable: true },
    ),
    searchText: text('normalised words to search by (domain/search.ts)', 4 * LINE_TEXT),
  },
  required: [
    'id',
    'communeId',
    'reference',
    'trackingCode',
    'channel',
    'channelFacts',
    'receivedAt',
    'categoryId',
    'categoryFields',
    'subject',
    'description',
    'citizenId',
    'location',
    'competence',
    'transfer',
    'status',
    'statusReason',
    'assigneeId',
    'dueAt',
    'answer',
    'attachments',
    'flags',
    'onBehalf',
    'searchText',
    'createdAt',
    'createdBy',
    'updatedAt',
  ],
  indexes: [['status', 'dueAt'], ['receivedAt'], ['citizenId', 'receivedAt'], ['reference'], ['trackingCode'], ['updatedAt']],
  additionalProperties: false,
};

/** A request as version 0 stored it. */
export type RequestDocV0 = Omit<RequestDocV1, 'citizenId' | 'flags' | 'onBehalf' | 'searchText'> & {
  citizenId: string | null;
  citizenName: string;
  needsMayor: boolean;
};

export const requestSchemaV0: CollectionSchema<RequestDocV0> = {
  title: 'requests',
  description: 'Requests from residents (version 0)',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...commonProperties,
    citizenId: nullableId("the resident's file, null for an anonymous request"),
    citizenName: text("the resident's name, copied", SHORT_TEXT),
    needsMayor: flag('the mayor must see it'),
  },
  required: [
    'id',
    'communeId',
    'reference',
    'trackingCode',
    'channel',
    'channelFacts',
    'receivedAt',
    'categoryId',
    'categoryFields',
    'subject',
    'description',
    'citizenId',
    'citizenName',
    'location',
    'competence',
    'transfer',
    'status',
    'statusReason',
    'assigneeId',
    'dueAt',
    'answer',
    'attachments',
    'needsMayor',
    'createdAt',
    'createdBy',
    'updatedAt',
  ],
  indexes: [['status', 'dueAt'], ['receivedAt'], ['reference'], ['trackingCode'], ['updatedAt']],
  additionalProperties: false,
};

/** Version 0 → 1. The old copy of the name only feeds the search words: the resident's file holds the name. */
export function migrateRequestV0(oldDoc: RequestDocV0): RequestDocV1 {
  const { citizenId, citizenName, needsMayor, ...kept } = oldDoc;
  return {
    ...kept,
    citizenId: citizenId ?? NO_ID,
    flags: { needsMayor: needsMayor === true, sensitive: false },
    onBehalf: null,
    searchText: requestSearchText({
      reference: oldDoc.reference,
      trackingCode: oldDoc.trackingCode,
      subject: oldDoc.subject,
      citizenName: citizenName ?? '',
      extra: oldDoc.location ? [oldDoc.location.address] : [],
    }),
  };
}

/** Version 1 → 2. Every answer recorded before moved the request to `answered`: it was final. */
export function migrateRequestV1(oldDoc: RequestDocV1): RequestDoc {
  return { ...oldDoc, answer: oldDoc.answer ? { ...oldDoc.answer, kind: 'final' } : null };
}

export const requestsCollection: CollectionDefinition<RequestDoc> = {
  schema: requestSchema,
  migrationStrategies: { 1: migrateRequestV0, 2: migrateRequestV1 },
  previousSchemas: { 0: requestSchemaV0, 1: requestSchemaV1 },
};
