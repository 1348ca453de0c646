import { describe, expect, it } from 'vitest';
import type { Strings } from '../i18n/resources';
import { resources } from '../shell/strings';
import { placeholderLabelKey } from '../../../domain/templates';
import { insertPlaceholder, PLACEHOLDERS, unknownPlaceholders, validateTemplate } from './templates';

describe('reply template form', () => {
  it('reports unknown placeholders and stray braces before saving', () => {
    expect(unknownPlaceholders('Bonjour {{usager.civilite}} {{ usager.nom }},')).toEqual([]);
    expect(unknownPlaceholders('Bonjour {{usager.nmo}}, {{commune.nom}}')).toEqual(['usager.nmo']);
    expect(unknownPlaceholders('Bonjour {{usager.nom')).not.toEqual([]);
    const errors = validateTemplate({ title: 'Réponse', kind: 'final', body: 'Bonjour {{usager.nmo}}', categoryIds: [] });
    expect(errors).toEqual({ body: 'settings.templates.errors.unknownPlaceholder', unknown: ['usager.nmo'] });
  });

  it('wants a title and a text', () => {
    expect(validateTemplate({ title: ' ', kind: 'final', body: '', categoryIds: [] })).toEqual({
      title: 'settings.templates.errors.titleRequired',
      body: 'settings.templates.errors.bodyRequired',
      unknown: [],
    });
  });

  it('inserts a placeholder where the caret is', () => {
    expect(insertPlaceholder('Bonjour ,', 'usager.nom', 8, 8)).toEqual({ body: 'Bonjour {{usager.nom}},', caret: 22 });
    expect(insertPlaceholder('Bonjour XX', 'usager.nom', 8, 10)).toEqual({ body: 'Bonjour {{usager.nom}}', caret: 22 });
  });

  it('describes every placeholder in both languages', () => {
    const lookup = (strings: Strings, key: string) =>
      key.split('.').reduce<Strings | string | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), strings);
    for (const name of PLACEHOLDERS) {
      expect(typeof lookup(resources.fr, placeholderLabelKey(name)), name).toBe('string');
      expect(typeof lookup(resources.en, placeholderLabelKey(name)), name).toBe('string');
    }
  });
});
