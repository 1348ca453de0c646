import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from './strings';

async function translator(language: 'fr' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({
    resources: { [language]: { translation: resources[language] } },
    lng: language,
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  return (key: string, options: Record<string, unknown>) => instance.t(key, options);
}

describe('plurals and agreement through i18next (issue 13: « 0 étape(s) faite(s) », « Civilité non renseigné »)', () => {
  it('counts the steps of an assisted session in words', async () => {
    const fr = await translator('fr');
    expect(fr('assisted.session.progress', { count: 0, total: 4 })).toBe('Aucune étape faite sur 4');
    expect(fr('assisted.session.progress', { count: 1, total: 4 })).toBe('1 étape faite sur 4');
    expect(fr('assisted.session.progress', { count: 3, total: 4 })).toBe('3 étapes faites sur 4');
    const en = await translator('en');
    expect(en('assisted.session.progress', { count: 1, total: 4 })).toBe('1 step done out of 4');
    expect(en('assisted.session.progress', { count: 3, total: 4 })).toBe('3 steps done out of 4');
  });

  it('agrees « non renseigné » with the label it follows', async () => {
    const fr = await translator('fr');
    expect(fr('citizen.unknown', {})).toBe('non renseigné');
    expect(fr('citizen.unknown', { context: 'f' })).toBe('non renseignée');
    expect(fr('citizen.unknown', { context: 'fp' })).toBe('non renseignées');
    expect((await translator('en'))('citizen.unknown', { context: 'f' })).toBe('not given');
  });
});
