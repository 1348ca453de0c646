/**
 * The `replytemplates` collection: standard answers with placeholders
 * (domain/templates.ts).
 *
 * Version history
 * - 0: one `categoryId`, or null for every category.
 * - 1: `categoryIds`, a list (empty = every category): one answer often fits
 *   several categories (the signalement ones, for instance).
 * - 2: `kind`: holding reply, request for pieces or final answer
 *   (domain/replies.ts). Earlier templates are final answers, except the
 *   catalogue's own holding and pieces ones, known by their title.
 */
import { REPLY_KINDS, type ReplyKind, type ReplyTemplateDoc } from '../model';
import { id, instant, list, nullableId, oneOf, text, LINE_TEXT, LONG_TEXT } from './fields';
import type { CollectionDefinition, CollectionSchema } from './types';

const commonProperties = {
  id: id('primary key'),
  communeId: id('tenant'),
  title: text('title shown in pickers', LINE_TEXT),
  body: text('text with {{placeholders}}', LONG_TEXT),
  updatedAt: instant('stamped by the sync server on push'),
} as const;

const categoryIds = list('categories it is offered for; empty = all', id('category'), 500);

export const replyTemplateSchema: CollectionSchema<ReplyTemplateDoc> = {
  title: 'replytemplates',
  description: 'Standard answers with placeholders',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: { ...commonProperties, categoryIds, kind: oneOf('holding reply, request for pieces or final answer', REPLY_KINDS) },
  required: ['id', 'communeId', 'title', 'kind', 'categoryIds', 'body', 'updatedAt'],
  indexes: [],
  additionalProperties: false,
};

export type ReplyTemplateDocV1 = Omit<ReplyTemplateDoc, 'kind'>;

export const replyTemplateSchemaV1: CollectionSchema<ReplyTemplateDocV1> = {
  title: 'replytemplates',
  description: 'Standard answers with placeholders (version 1)',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: { ...commonProperties, categoryIds },
  required: ['id', 'communeId', 'title', 'categoryIds', 'body', 'updatedAt'],
  indexes: [],
  additionalProperties: false,
};

export type ReplyTemplateDocV0 = Omit<ReplyTemplateDocV1, 'categoryIds'> & { categoryId: string | null };

export const replyTemplateSchemaV0: CollectionSchema<ReplyTemplateDocV0> = {
  title: 'replytemplates',
  description: 'Standard answers (version 0)',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { ...commonProperties, categoryId: nullableId('the category, null for all') },
  required: ['id', 'communeId', 'title', 'categoryId', 'body', 'updatedAt'],
  indexes: [],
  additionalProperties: false,
};

export function migrateReplyTemplateV0(oldDoc: ReplyTemplateDocV0): ReplyTemplateDocV1 {
  const { categoryId, ...kept } = oldDoc;
  return { ...kept, categoryIds: categoryId ? [categoryId] : [] };
}

/** The catalogue's templates that are not final answers, as version 1 seeded them (resources/catalogue/reply-templates.json). */
const CATALOGUE_KINDS: Readonly<Record<string, ReplyKind>> = {
  'Demande bien reçue, en cours de traitement': 'holding',
  'Signalement : intervention programmée': 'holding',
  'Transmission à la communauté de communes': 'holding',
  'Pièces complémentaires à fournir': 'pieces',
  'Urbanisme : dossier incomplet': 'pieces',
};

/** Version 1 → 2: a template is a final answer unless it is one of the catalogue's holding or pieces ones. */
export function migrateReplyTemplateV1(oldDoc: ReplyTemplateDocV1): ReplyTemplateDoc {
  return { ...oldDoc, kind: CATALOGUE_KINDS[oldDoc.title] ?? 'final' };
}

export const replyTemplatesCollection: CollectionDefinition<ReplyTemplateDoc> = {
  schema: replyTemplateSchema,
  migrationStrategies: { 1: migrateReplyTemplateV0, 2: migrateReplyTemplateV1 },
  previousSchemas: { 0: replyTemplateSchemaV0, 1: replyTemplateSchemaV1 },
};
