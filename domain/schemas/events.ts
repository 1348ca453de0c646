/**
 * The `events` collection: the append-only journal. Events are written once
 * and never changed, so they never conflict in replication.
 *
 * Version history
 * - 0: `requestId` and `citizenId` were nullable (so not indexable, and
 *   opening a request's journal scanned every event); one `field` name per
 *   event; no `deviceId`.
 * - 1: `requestId` / `citizenId` are `''` for none and indexed with `at`;
 *   `fields` lists every field concerned; `deviceId` says which device wrote it.
 */
import { EVENT_TYPES, NO_ID, STATUSES, type EventDoc } from '../model';
import { id, instant, list, nullableId, nullableOneOf, oneOf, reference, text, LONG_TEXT } from './fields';
import type { CollectionDefinition, CollectionSchema } from './types';

const commonProperties = {
  id: id('primary key (UUID)'),
  communeId: id('tenant'),
  type: oneOf('what happened', EVENT_TYPES),
  at: instant('when it happened (device clock)'),
  actorId: id('who did it'),
  actorName: text('who did it, by name, as it was at the time'),
  fromStatus: nullableOneOf('status before a status change', STATUSES),
  toStatus: nullableOneOf('status after a status change', STATUSES),
  text: text("reason, note, or a conflict's lost value; never personal data copied for its own sake", LONG_TEXT),
  updatedAt: instant('stamped by the sync server on push'),
} as const;

export const eventSchema: CollectionSchema<EventDoc> = {
  title: 'events',
  description: 'The append-only journal of what was done to requests and residents',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...commonProperties,
    requestId: reference("the request, '' for an event about a resident only"),
    citizenId: reference("the resident, '' when none"),
    fields: list('names of the fields concerned', text('field name', 64), 100),
    deviceId: text('device that wrote it', 64),
  },
  required: [
    'id',
    'communeId',
    'requestId',
    'citizenId',
    'type',
    'at',
    'actorId',
    'actorName',
    'fromStatus',
    'toStatus',
    'text',
    'fields',
    'deviceId',
    'updatedAt',
  ],
  indexes: [['requestId', 'at'], ['citizenId', 'at'], ['at'], ['updatedAt']],
  additionalProperties: false,
};

/** An event as version 0 stored it. */
export type EventDocV0 = Omit<EventDoc, 'requestId' | 'citizenId' | 'fields' | 'deviceId'> & {
  requestId: string | null;
  citizenId: string | null;
  field: string | null;
};

export const eventSchemaV0: CollectionSchema<EventDocV0> = {
  title: 'events',
  description: 'The journal (version 0)',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...commonProperties,
    requestId: nullableId('the request, or null'),
    citizenId: nullableId('the resident, or null'),
    field: { type: ['string', 'null'], description: 'the field concerned', maxLength: 64 },
  },
  required: [
    'id',
    'communeId',
    'requestId',
    'citizenId',
    'type',
    'at',
    'actorId',
    'actorName',
    'fromStatus',
    'toStatus',
    'text',
    'field',
    'updatedAt',
  ],
  indexes: [['at'], ['updatedAt']],
  additionalProperties: false,
};

/** Version 0 → 1. The device of old events is unknown: '' says so rather than inventing one. */
export function migrateEventV0(oldDoc: EventDocV0): EventDoc {
  const { requestId, citizenId, field, ...kept } = oldDoc;
  return {
    ...kept,
    requestId: requestId ?? NO_ID,
    citizenId: citizenId ?? NO_ID,
    fields: field ? [field] : [],
    deviceId: '',
  };
}

export const eventsCollection: CollectionDefinition<EventDoc> = {
  schema: eventSchema,
  migrationStrategies: { 1: migrateEventV0 },
  previousSchemas: { 0: eventSchemaV0 },
};
