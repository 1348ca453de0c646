import { beforeAll, describe, expect, it } from 'vitest';
import { initAppI18n } from '../shell/strings';
import { formatBytes, formatCategoryField } from './format';

beforeAll(async () => {
  await initAppI18n('fr');
});

describe('formatBytes (issue 13: « 20.0 Mo »)', () => {
  it('writes French numbers and units in French', () => {
    expect(formatBytes(20 * 1024 * 1024, 'fr')).toBe('20,0 Mo');
    expect(formatBytes(1.5 * 1024 * 1024, 'fr')).toBe('1,5 Mo');
    expect(formatBytes(12 * 1024, 'fr')).toBe('12 Ko');
    expect(formatBytes(512, 'fr')).toBe('512 o');
  });

  it('writes English numbers and units in English', () => {
    expect(formatBytes(20 * 1024 * 1024, 'en')).toBe('20.0 MB');
    expect(formatBytes(12 * 1024, 'en')).toBe('12 KB');
    expect(formatBytes(512, 'en')).toBe('512 B');
  });
});

describe('formatCategoryField (issue 13: « 2099-03-14 » shown raw)', () => {
  it('formats a date answer like the other dates, and leaves other answers as typed', () => {
    expect(formatCategoryField('date', '2026-03-14')).toBe('14 mars 2026');
    expect(formatCategoryField('text', '2026-03-14')).toBe('2026-03-14');
  });
});
