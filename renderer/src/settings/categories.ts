import { COMPETENCES, IMPLICIT_DECISIONS, type CategoryDoc, type Competence, type ImplicitDecision } from '../../../domain/model';
import { newId } from '../../../domain/ids';
import { normaliseSearch } from '../../../domain/search';

/** A category as its form edits it: numbers as typed, pieces one per line. */
export interface CategoryForm {
  label: string;
  group: string;
  delayDays: string;
  competence: Competence;
  needsAcknowledgement: boolean;
  implicitDecision: ImplicitDecision;
  implicitDecisionMonths: string;
  remedies: string;
  requiredPieces: string;
  needsMayorApproval: boolean;
  retentionMonths: string;
  active: boolean;
}

export type CategoryErrors = Partial<Record<keyof CategoryForm, string>>;

export const EMPTY_CATEGORY: CategoryForm = {
  label: '',
  group: '',
  delayDays: '10',
  competence: 'commune',
  needsAcknowledgement: true,
  implicitDecision: 'none',
  implicitDecisionMonths: '2',
  remedies: '',
  requiredPieces: '',
  needsMayorApproval: false,
  retentionMonths: '24',
  active: true,
};

export function categoryFormOf(category: CategoryDoc): CategoryForm {
  return {
    label: category.label,
    group: category.group,
    delayDays: String(category.delayDays),
    competence: category.competence,
    needsAcknowledgement: category.needsAcknowledgement,
    implicitDecision: category.implicitDecision,
    implicitDecisionMonths: String(category.implicitDecisionMonths),
    remedies: category.remedies,
    requiredPieces: category.requiredPieces.join('\n'),
    needsMayorApproval: category.needsMayorApproval,
    retentionMonths: String(category.retentionMonths),
    active: category.active,
  };
}

/** A whole number written with digits only, within bounds; null otherwise ("2,5", "-1", "dix"). */
export function wholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

export const DELAY_MAX = 365;

export function validateCategory(form: CategoryForm): CategoryErrors {
  const errors: CategoryErrors = {};
  if (!form.label.trim()) errors.label = 'settings.categories.errors.labelRequired';
  else if (form.label.trim().length > 1_000) errors.label = 'settings.errors.tooLong';
  if (!form.group.trim()) errors.group = 'settings.categories.errors.groupRequired';
  else if (form.group.trim().length > 200) errors.group = 'settings.errors.tooLong';
  if (wholeNumber(form.delayDays, 0, DELAY_MAX) === null) errors.delayDays = 'settings.categories.errors.delay';
  if (!(COMPETENCES as readonly string[]).includes(form.competence)) errors.competence = 'settings.errors.choice';
  if (!(IMPLICIT_DECISIONS as readonly string[]).includes(form.implicitDecision)) errors.implicitDecision = 'settings.errors.choice';
  if (form.implicitDecision !== 'none' && wholeNumber(form.implicitDecisionMonths, 1, 120) === null) {
    errors.implicitDecisionMonths = 'settings.categories.errors.months';
  }
  if (wholeNumber(form.retentionMonths, 1, 1_200) === null) errors.retentionMonths = 'settings.categories.errors.retention';
  if (form.remedies.length > 100_000) errors.remedies = 'settings.errors.tooLong';
  const pieces = piecesOf(form.requiredPieces);
  if (pieces.length > 200 || pieces.some((piece) => piece.length > 1_000)) errors.requiredPieces = 'settings.errors.tooLong';
  return errors;
}

function piecesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The stored fields a valid form gives. Call only once `validateCategory` found nothing. */
export function categoryFields(form: CategoryForm): Omit<CategoryDoc, 'id' | 'communeId' | 'code' | 'extraFields' | 'updatedAt'> {
  return {
    label: form.label.trim(),
    group: form.group.trim(),
    delayDays: wholeNumber(form.delayDays, 0, DELAY_MAX) ?? 0,
    competence: form.competence,
    needsAcknowledgement: form.needsAcknowledgement,
    implicitDecision: form.implicitDecision,
    // Kept as it was when silence means nothing, so switching back restores it.
    implicitDecisionMonths: wholeNumber(form.implicitDecisionMonths, 1, 120) ?? 2,
    remedies: form.remedies.trim(),
    requiredPieces: piecesOf(form.requiredPieces),
    needsMayorApproval: form.needsMayorApproval,
    retentionMonths: wholeNumber(form.retentionMonths, 1, 1_200) ?? 24,
    active: form.active,
  };
}

/** A stable code for a category the commune adds itself: "Marché de Noël" → "marche-de-noel", made unique. */
export function categoryCode(label: string, taken: ReadonlySet<string>): string {
  const base = `commune-${normaliseSearch(label).replace(/ /g, '-').slice(0, 48) || 'categorie'}`;
  let code = base;
  for (let n = 2; taken.has(code); n += 1) code = `${base}-${n}`;
  return code;
}

export function newCategory(form: CategoryForm, communeId: string, takenCodes: ReadonlySet<string>, now: Date = new Date()): CategoryDoc {
  const fields = categoryFields(form);
  return {
    id: newId(),
    communeId,
    code: categoryCode(fields.label, takenCodes),
    ...fields,
    extraFields: [],
    updatedAt: now.toISOString(),
  };
}
