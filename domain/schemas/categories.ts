/**
 * The `categories` collection: the kinds of request the commune handles,
 * with their delay, competence and what the acknowledgement of receipt says.
 *
 * Version history
 * - 0: delay, competence, acknowledgement, mayor approval and extra fields only.
 * - 1: what silence means (`implicitDecision`, `implicitDecisionMonths`,
 *   `remedies`: CRPA R112-5 asks the receipt to say it), the `requiredPieces`
 *   listed on the receipt, and `retentionMonths` for RGPD erasure.
 */
import { COMPETENCES, IMPLICIT_DECISIONS, type CategoryDoc } from '../model';
import { count, flag, id, instant, list, oneOf, record, text, LINE_TEXT, LONG_TEXT } from './fields';
import type { CollectionDefinition, CollectionSchema } from './types';

const extraField = record('an extra field the intake form asks for this category', {
  key: { ...text('stable key in categoryFields', 64), minLength: 1 },
  label: text('label shown', LINE_TEXT),
  type: oneOf('input kind', ['text', 'date', 'select', 'textarea']),
  options: list('choices of a select', text('choice', LINE_TEXT), 200),
  required: flag('must be filled'),
});

const commonProperties = {
  id: id('primary key'),
  communeId: id('tenant'),
  code: { ...text('stable code from the catalogue', 64), minLength: 1 },
  label: text('label', LINE_TEXT),
  group: text('group in pickers'),
  delayDays: count('delay to answer, in working days', 3_650),
  competence: oneOf('who is responsible', COMPETENCES),
  needsAcknowledgement: flag('an acknowledgement of receipt is owed'),
  needsMayorApproval: flag('replies need the mayor’s approval'),
  extraFields: list('extra fields of the intake form', extraField, 100),
  active: flag('offered at intake'),
  updatedAt: instant('stamped by the sync server on push'),
} as const;

export const categorySchema: CollectionSchema<CategoryDoc> = {
  title: 'categories',
  description: 'Kinds of request, with their delays and legal consequences',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...commonProperties,
    implicitDecision: oneOf('what silence means', IMPLICIT_DECISIONS),
    implicitDecisionMonths: count('months after which silence is a decision', 120),
    remedies: text('remedies and their delays', LONG_TEXT),
    requiredPieces: list('pieces usually asked for', text('piece', LINE_TEXT), 200),
    retentionMonths: count('months kept before anonymisation', 1_200),
  },
  required: [
    'id',
    'communeId',
    'code',
    'label',
    'group',
    'delayDays',
    'competence',
    'needsAcknowledgement',
    'implicitDecision',
    'implicitDecisionMonths',
    'remedies',
    'requiredPieces',
    'needsMayorApproval',
    'retentionMonths',
    'extraFields',
    'active',
    'updatedAt',
  ],
  indexes: [],
  additionalProperties: false,
};

export type CategoryDocV0 = Omit<
  CategoryDoc,
  'implicitDecision' | 'implicitDecisionMonths' | 'remedies' | 'requiredPieces' | 'retentionMonths'
>;

export const categorySchemaV0: CollectionSchema<CategoryDocV0> = {
  title: 'categories',
  description: 'Kinds of request (version 0)',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: commonProperties,
  required: [
    'id',
    'communeId',
    'code',
    'label',
    'group',
    'delayDays',
    'competence',
    'needsAcknowledgement',
    'needsMayorApproval',
    'extraFields',
    'active',
    'updatedAt',
  ],
  indexes: [],
  additionalProperties: false,
};

/** Two months: the CRPA's default delay before silence is worth a decision (L231-1). */
export const DEFAULT_IMPLICIT_DECISION_MONTHS = 2;
/** Five years: a prudent default until the commune sets each category's retention. */
export const DEFAULT_RETENTION_MONTHS = 60;

/**
 * Version 0 → 1. Old categories said nothing about silence: 'none' prints no
 * implicit-decision date on receipts rather than a wrong one; the secretary
 * sets the right value per category.
 */
export function migrateCategoryV0(oldDoc: CategoryDocV0): CategoryDoc {
  return {
    ...oldDoc,
    implicitDecision: 'none',
    implicitDecisionMonths: DEFAULT_IMPLICIT_DECISION_MONTHS,
    remedies: '',
    requiredPieces: [],
    retentionMonths: DEFAULT_RETENTION_MONTHS,
  };
}

export const categoriesCollection: CollectionDefinition<CategoryDoc> = {
  schema: categorySchema,
  migrationStrategies: { 1: migrateCategoryV0 },
  previousSchemas: { 0: categorySchemaV0 },
};
