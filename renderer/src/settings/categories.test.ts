import { describe, expect, it } from 'vitest';
import { sampleDocuments } from '../../../domain/schemas/samples';
import { categoryCode, categoryFields, categoryFormOf, EMPTY_CATEGORY, newCategory, validateCategory, wholeNumber } from './categories';

describe('category form', () => {
  const form = categoryFormOf(sampleDocuments.categories);

  it('round-trips a stored category', () => {
    const fields = categoryFields(form);
    const {
      id: _id,
      communeId: _communeId,
      code: _code,
      extraFields: _extra,
      updatedAt: _updatedAt,
      ...stored
    } = sampleDocuments.categories;
    expect(fields).toEqual(stored);
  });

  it('wants the delay as a whole number of days from 0 to 365', () => {
    for (const delay of ['0', '10', '365', ' 30 '])
      expect(validateCategory({ ...form, delayDays: delay }).delayDays, delay).toBeUndefined();
    for (const delay of ['', '-1', '366', '2.5', '2,5', 'dix', '1e2']) {
      expect(validateCategory({ ...form, delayDays: delay }).delayDays, delay).toBe('settings.categories.errors.delay');
    }
  });

  it('checks the months of an implicit decision only when there is one', () => {
    expect(validateCategory({ ...form, implicitDecision: 'none', implicitDecisionMonths: '' })).toEqual({});
    expect(validateCategory({ ...form, implicitDecision: 'rejection', implicitDecisionMonths: '0' })).toEqual({
      implicitDecisionMonths: 'settings.categories.errors.months',
    });
  });

  it('wants a label, a group and a retention period', () => {
    expect(validateCategory({ ...EMPTY_CATEGORY, retentionMonths: '0' })).toEqual({
      label: 'settings.categories.errors.labelRequired',
      group: 'settings.categories.errors.groupRequired',
      retentionMonths: 'settings.categories.errors.retention',
    });
  });

  it('stores the required pieces one per line, without blank lines', () => {
    expect(categoryFields({ ...form, requiredPieces: ' Pièce d’identité \n\n Justificatif de domicile\n' }).requiredPieces).toEqual([
      'Pièce d’identité',
      'Justificatif de domicile',
    ]);
  });

  it('gives a new category a unique code of its own', () => {
    expect(categoryCode('Marché de Noël', new Set())).toBe('commune-marche-de-noel');
    expect(categoryCode('Marché de Noël', new Set(['commune-marche-de-noel']))).toBe('commune-marche-de-noel-2');
    const created = newCategory(
      { ...EMPTY_CATEGORY, label: 'Marché de Noël', group: 'Animations' },
      'c1',
      new Set(),
      new Date('2026-03-12T10:00:00Z'),
    );
    expect(created).toMatchObject({
      communeId: 'c1',
      code: 'commune-marche-de-noel',
      delayDays: 10,
      extraFields: [],
      updatedAt: '2026-03-12T10:00:00.000Z',
    });
  });

  it('reads whole numbers strictly', () => {
    expect(wholeNumber('007', 0, 10)).toBe(7);
    expect(wholeNumber('11', 0, 10)).toBeNull();
    expect(wholeNumber('+1', 0, 10)).toBeNull();
  });
});
