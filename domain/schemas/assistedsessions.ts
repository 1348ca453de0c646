/**
 * The `assistedsessions` collection: online procedures done with or for a
 * resident at the counter. The commune's figures count them by procedure,
 * month and outcome; the resident's file lists them.
 *
 * Version history
 * - 0: the first version.
 */
import { ASSISTED_OUTCOMES, type AssistedSessionDoc } from '../model';
import { count, id, instant, list, oneOf, reference, text, LINE_TEXT } from './fields';
import type { CollectionDefinition, CollectionSchema } from './types';

export const assistedSessionSchema: CollectionSchema<AssistedSessionDoc> = {
  title: 'assistedsessions',
  description: 'Online procedures done with residents at the counter',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: id('primary key (UUID)'),
    communeId: id('tenant'),
    citizenId: reference('the resident'),
    procedureId: id('the procedure'),
    procedureTitle: text('the procedure’s title when the session started', LINE_TEXT),
    startedAt: instant('when the session started'),
    minutesSpent: count('time spent, whole minutes', 1_440),
    stepsDone: list('ids of the steps ticked', text('step id', 64), 100),
    outcome: oneOf('how it ended', ASSISTED_OUTCOMES),
    blockedReason: text('why it is blocked', LINE_TEXT),
    nextSteps: text('what comes next', 4_000),
    documentsNextTime: list('documents to bring next time', text('document', LINE_TEXT), 100),
    followUpDate: { ...text('follow-up date, YYYY-MM-DD or empty', 10), pattern: '^$|^\\d{4}-\\d{2}-\\d{2}$' },
    trackingCode: text('the procedure’s file number or a tracking code; never a password', 64),
    agentId: id('the agent at the counter'),
    agentName: text('the agent, by name, at the time'),
    updatedAt: instant('stamped by the sync server on push'),
  },
  required: [
    'id',
    'communeId',
    'citizenId',
    'procedureId',
    'procedureTitle',
    'startedAt',
    'minutesSpent',
    'stepsDone',
    'outcome',
    'blockedReason',
    'nextSteps',
    'documentsNextTime',
    'followUpDate',
    'trackingCode',
    'agentId',
    'agentName',
    'updatedAt',
  ],
  indexes: [['citizenId', 'startedAt'], ['startedAt']],
  additionalProperties: false,
};

export const assistedSessionsCollection: CollectionDefinition<AssistedSessionDoc> = {
  schema: assistedSessionSchema,
  migrationStrategies: {},
  previousSchemas: {},
};
