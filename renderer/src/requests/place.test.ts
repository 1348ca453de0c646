import { describe, expect, it } from 'vitest';
import type { CategoryExtraField } from '../../../domain/model';
import { hasPlaceField, locationOf } from './place';

const place: CategoryExtraField = { key: 'lieu', label: 'Lieu précis (adresse, repère)', type: 'text', options: [], required: true };
const roads = { extraFields: [place] };
const birth = { extraFields: [{ ...place, key: 'date_acte', label: 'Date de naissance', type: 'date' as const }] };

describe('one place field per request (issue 13: « Lieu précis » and « Lieu »)', () => {
  it('takes the place of a report from its « Lieu précis », whatever was in « Lieu »', () => {
    expect(hasPlaceField(roads)).toBe(true);
    expect(locationOf(roads, { lieu: ' rue des Écoles ' }, '')).toEqual({ address: 'rue des Écoles' });
    expect(locationOf(roads, { lieu: '' }, 'ancienne saisie')).toBeNull();
  });

  it('keeps the « Lieu » typed for a category without a place field of its own', () => {
    expect(hasPlaceField(birth)).toBe(false);
    expect(locationOf(birth, {}, ' 3 rue Haute ')).toEqual({ address: '3 rue Haute' });
    expect(locationOf(birth, {}, ' ')).toBeNull();
  });
});
