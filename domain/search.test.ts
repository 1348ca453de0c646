import { describe, expect, it } from 'vitest';
import { citizenSearchName, matchesQuery, normaliseSearch, phoneDigits, requestSearchText } from './search';

describe('normaliseSearch', () => {
  it('lower-cases, strips accents and collapses separators', () => {
    expect(normaliseSearch('  Élodie   LEFÈVRE-Çağlar ')).toBe('elodie lefevre caglar');
  });

  it('spells out ligatures', () => {
    expect(normaliseSearch('Lœtitia Cæsar Großmann ŒUVRE')).toBe('loetitia caesar grossmann oeuvre');
  });

  it('turns apostrophes, underscores and dots into spaces', () => {
    expect(normaliseSearch("L’Haÿ-les-Roses d'Arc jʼai a_b c.d")).toBe('l hay les roses d arc j ai a b c d');
  });

  it('expands st and ste as whole words only', () => {
    expect(normaliseSearch('St-Étienne')).toBe('saint etienne');
    expect(normaliseSearch('Ste Marie aux Mines')).toBe('sainte marie aux mines');
    expect(normaliseSearch('Stade Stéphane')).toBe('stade stephane');
  });

  it('gives an empty string for punctuation only', () => {
    expect(normaliseSearch(' - ’ . ')).toBe('');
  });
});

describe('matchesQuery', () => {
  const stEtienne = normaliseSearch('Saint-Étienne, rue de la Poste');

  it('finds Saint-Étienne by "st etienne" and "saint etienne"', () => {
    expect(matchesQuery(stEtienne, 'st etienne')).toBe(true);
    expect(matchesQuery(stEtienne, 'saint etienne')).toBe(true);
    expect(matchesQuery(stEtienne, 'ST-ÉTIENNE')).toBe(true);
    expect(matchesQuery(normaliseSearch('St-Étienne'), 'saint etienne')).toBe(true);
  });

  it('needs every query word to start some word, in any order', () => {
    expect(matchesQuery(stEtienne, 'pos eti')).toBe(true);
    expect(matchesQuery(stEtienne, 'etienne gare')).toBe(false);
    expect(matchesQuery(stEtienne, 'tienne')).toBe(false);
  });

  it('lets a typed "st" still reach words beginning with st', () => {
    expect(matchesQuery(normaliseSearch('Stade municipal'), 'st')).toBe(true);
  });

  it('matches everything with an empty query and nothing in an empty text', () => {
    expect(matchesQuery(stEtienne, '  ')).toBe(true);
    expect(matchesQuery('', 'a')).toBe(false);
  });
});

describe('citizenSearchName', () => {
  it('puts the last name first', () => {
    expect(citizenSearchName('Hélène', "D'Aubigné")).toBe('d aubigne helene');
  });
});

describe('phoneDigits', () => {
  it('gives the French national form however the number is written', () => {
    for (const written of ['+33 6 12 34 56 78', '06 12 34 56 78', '06.12.34.56.78', '0033612345678', '+33 (0)6 12 34 56 78']) {
      expect(phoneDigits(written)).toBe('0612345678');
    }
  });

  it('handles overseas departments on the French plan', () => {
    expect(phoneDigits('+262 692 12 34 56')).toBe('0692123456');
    expect(phoneDigits('+596 696 12 34 56')).toBe('0696123456');
  });

  it('keeps other countries behind 00', () => {
    expect(phoneDigits('+32 470 12 34 56')).toBe('0032470123456');
  });

  it('works on a number being typed', () => {
    expect(phoneDigits('+33 6 1')).toBe('061');
    expect(phoneDigits('06 1')).toBe('061');
    expect(phoneDigits('')).toBe('');
  });
});

describe('requestSearchText', () => {
  const text = requestSearchText({
    reference: '2026-A-0042',
    trackingCode: 'K7MQ-4QX2',
    subject: 'Lampadaire éteint rue Saint-Éloi',
    citizenName: 'DUPONT Marie',
    extra: ['12 rue St-Éloi'],
  });

  it('is found by reference and tracking code typed either way', () => {
    expect(matchesQuery(text, '2026-A-0042')).toBe(true);
    expect(matchesQuery(text, '2026a0042')).toBe(true);
    expect(matchesQuery(text, 'k7mq4qx2')).toBe(true);
    expect(matchesQuery(text, 'K7MQ-4QX')).toBe(true);
  });

  it('is found by the name and words of the subject', () => {
    expect(matchesQuery(text, 'dupont lampa')).toBe(true);
    expect(matchesQuery(text, 'st eloi eteint')).toBe(true);
  });

  it('keeps each word once', () => {
    const words = text.split(' ');
    expect(new Set(words).size).toBe(words.length);
    expect(words.filter((word) => word === 'eloi')).toHaveLength(1);
  });
});
