/**
 * The `replytemplates` collection: standard answers with placeholders
 * (domain/templates.ts).
 *
 * Version history
 * - 0: one `categoryId`, or null for every category.
 * - 1: `categoryIds`, a list (empty = every category): one answer often fits
 *   several categories (the signalement ones, for instance).
 */
import type { ReplyTemplateDoc } from '../model';
import { id, instant, list, nullableId, text, LINE_TEXT, LONG_TEXT } from './fields';
import type { CollectionDefinition, CollectionSchema } from './types';

const commonProperties = {
  id: id('primary key'),
  communeId: id('tenant'),
  title: text('title shown in pickers', LINE_TEXT),
  body: text('text with {{placeholders}}', LONG_TEXT),
  updatedAt: instant('stamped by the sync server on push'),
} as const;

export const replyTemplateSchema: CollectionSchema<ReplyTemplateDoc> = {
  title: 'replytemplates',
  description: 'Standard answers with placeholders',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: { ...commonProperties, categoryIds: list('categories it is offered for; empty = all', id('category'), 500) },
  required: ['id', 'communeId', 'title', 'categoryIds', 'body', 'updatedAt'],
  indexes: [],
  additionalProperties: false,
};

export type ReplyTemplateDocV0 = Omit<ReplyTemplateDoc, 'categoryIds'> & { categoryId: string | null };

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

export function migrateReplyTemplateV0(oldDoc: ReplyTemplateDocV0): ReplyTemplateDoc {
  const { categoryId, ...kept } = oldDoc;
  return { ...kept, categoryIds: categoryId ? [categoryId] : [] };
}

export const replyTemplatesCollection: CollectionDefinition<ReplyTemplateDoc> = {
  schema: replyTemplateSchema,
  migrationStrategies: { 1: migrateReplyTemplateV0 },
  previousSchemas: { 0: replyTemplateSchemaV0 },
};
