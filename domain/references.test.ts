import { describe, expect, it } from 'vitest';
import {
  enrolledDevicePrefix,
  highestSequence,
  isValidDevicePrefix,
  newTrackingCode,
  nextMailRegisterNumber,
  nextReference,
  normaliseTrackingCode,
  parseMailRegisterNumber,
  parseReference,
  TRACKING_ALPHABET,
} from './references';

describe('references', () => {
  it('numbers per year and device', () => {
    expect(nextReference(2026, 'A', 0)).toBe('2026-A-0001');
    expect(nextReference(2026, 'BC', 41)).toBe('2026-BC-0042');
    expect(nextReference(2026, 'B', 9999)).toBe('2026-B-10000');
  });

  it('reads back what it writes, forgiving case and spaces', () => {
    expect(parseReference(' 2026-bc-0042 ')).toEqual({ year: 2026, prefix: 'BC', seq: 42 });
    expect(parseReference('2026-B-10000')).toEqual({ year: 2026, prefix: 'B', seq: 10000 });
    expect(parseReference('2026-I-0001')).toBeNull();
    expect(parseReference('2026-A-42')).toBeNull();
    expect(parseReference('C-2026-A-0042')).toBeNull();
  });

  it('refuses prefixes outside the alphabet and impossible sequences', () => {
    expect(() => nextReference(2026, 'O', 0)).toThrow(RangeError);
    expect(() => nextReference(2026, 'ABC', 0)).toThrow(RangeError);
    expect(() => nextReference(2026, 'A', -1)).toThrow(RangeError);
    expect(isValidDevicePrefix('ZZ')).toBe(true);
    expect(isValidDevicePrefix('a')).toBe(false);
  });

  it('never gives two offline devices the same reference', () => {
    const deviceB = Array.from({ length: 50 }, (_, i) => nextReference(2026, enrolledDevicePrefix(0), i));
    const deviceC = Array.from({ length: 50 }, (_, i) => nextReference(2026, enrolledDevicePrefix(1), i));
    const standalone = Array.from({ length: 50 }, (_, i) => nextReference(2026, 'A', i));
    expect(new Set([...deviceB, ...deviceC, ...standalone]).size).toBe(150);
  });

  it('hands out prefixes B…Z, then pairs, never A alone', () => {
    expect(enrolledDevicePrefix(0)).toBe('B');
    expect(enrolledDevicePrefix(21)).toBe('Z');
    expect(enrolledDevicePrefix(22)).toBe('AA');
    expect(enrolledDevicePrefix(23)).toBe('AB');
    const all = Array.from({ length: 22 + 23 * 23 }, (_, i) => enrolledDevicePrefix(i));
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain('A');
    expect(all.every(isValidDevicePrefix)).toBe(true);
    expect(() => enrolledDevicePrefix(all.length)).toThrow(RangeError);
  });

  it('resumes a counter from the references found', () => {
    const found = ['2026-B-0007', '2026-B-0012', '2026-C-0099', '2025-B-0500', 'C-2026-B-0003', 'garbage'];
    expect(highestSequence(found, 2026, 'B')).toBe(12);
    expect(highestSequence([], 2026, 'B')).toBe(0);
  });
});

describe('mail register numbers', () => {
  it('have their own C- form', () => {
    expect(nextMailRegisterNumber(2026, 'A', 16)).toBe('C-2026-A-0017');
    expect(parseMailRegisterNumber('c-2026-a-0017')).toEqual({ year: 2026, prefix: 'A', seq: 17 });
    expect(parseMailRegisterNumber('2026-A-0017')).toBeNull();
  });
});

describe('tracking codes', () => {
  it('are XXXX-XXXX from the unambiguous alphabet', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = newTrackingCode();
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/);
      expect(normaliseTrackingCode(code)).toEqual({ ok: true, code });
    }
  });

  it('use every character about equally (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i += 1) {
      for (const character of newTrackingCode().replace('-', '')) counts.set(character, (counts.get(character) ?? 0) + 1);
    }
    // 32,000 draws over 31 characters, about 1,032 each. A plain modulo of
    // bytes would give the first 8 characters 9/256 each and the others 8/256:
    // their share would be 12.5 % higher. Unbiased, the ratio stays within a
    // few percent (its standard deviation is about 1.2 %).
    expect(counts.size).toBe(TRACKING_ALPHABET.length);
    const share = (characters: string) => [...characters].reduce((sum, c) => sum + (counts.get(c) ?? 0), 0) / characters.length;
    const ratio = share(TRACKING_ALPHABET.slice(0, 8)) / share(TRACKING_ALPHABET.slice(8));
    expect(ratio).toBeGreaterThan(0.94);
    expect(ratio).toBeLessThan(1.06);
  });

  it('are read however the resident types them', () => {
    for (const typed of ['k7mq-4qx2', 'K7MQ4QX2', ' k7mq 4qx2 ', 'K7M Q4 QX2', 'k7mq–4qx2']) {
      expect(normaliseTrackingCode(typed)).toEqual({ ok: true, code: 'K7MQ-4QX2' });
    }
  });

  it('refuse characters that are never in a code instead of guessing', () => {
    expect(normaliseTrackingCode('K7MO-4QX2')).toEqual({ ok: false, error: 'trackingCode.error.ambiguousCharacter' });
    expect(normaliseTrackingCode('K7M0-4QX2')).toEqual({ ok: false, error: 'trackingCode.error.ambiguousCharacter' });
    expect(normaliseTrackingCode('k7ml-4qx2')).toEqual({ ok: false, error: 'trackingCode.error.ambiguousCharacter' });
    expect(normaliseTrackingCode('K7MQ-4QX#')).toEqual({ ok: false, error: 'trackingCode.error.invalidCharacter' });
    expect(normaliseTrackingCode('K7MQ-4QX')).toEqual({ ok: false, error: 'trackingCode.error.length' });
    expect(normaliseTrackingCode(' - ')).toEqual({ ok: false, error: 'trackingCode.error.empty' });
  });
});
