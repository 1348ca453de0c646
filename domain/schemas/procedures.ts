/**
 * The `procedures` collection: the online procedures the secretary helps
 * residents with (accompagnement numérique), seeded from
 * resources/catalogue/procedures.json and edited in Réglages.
 *
 * Version history
 * - 0: the first version.
 */
import type { ProcedureDoc } from '../model';
import { count, flag, id, instant, list, record, text, LINE_TEXT } from './fields';
import type { CollectionDefinition, CollectionSchema } from './types';

const step = record('one step of the procedure', {
  id: { ...text('stable id within the procedure', 64), minLength: 1 },
  label: { ...text('what the step is', LINE_TEXT), minLength: 1 },
  required: flag('must be ticked for the procedure to be done'),
});

export const procedureSchema: CollectionSchema<ProcedureDoc> = {
  title: 'procedures',
  description: 'Online procedures done with residents at the counter',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: id('primary key'),
    communeId: id('tenant'),
    code: { ...text('stable code from the catalogue', 64), minLength: 1 },
    title: { ...text('title', LINE_TEXT), minLength: 1 },
    summary: text('what it is for', LINE_TEXT),
    steps: list('steps, in order', step, 100),
    documents: list('documents to bring', text('document', LINE_TEXT), 100),
    url: { ...text('official https address', 2_048), pattern: '^https://' },
    durationMinutes: count('usual duration in minutes', 600),
    active: flag('offered when starting a session'),
    updatedAt: instant('stamped by the sync server on push'),
  },
  required: ['id', 'communeId', 'code', 'title', 'summary', 'steps', 'documents', 'url', 'durationMinutes', 'active', 'updatedAt'],
  indexes: [],
  additionalProperties: false,
};

export const proceduresCollection: CollectionDefinition<ProcedureDoc> = {
  schema: procedureSchema,
  migrationStrategies: {},
  previousSchemas: {},
};
