import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWorkingDays,
  computeDueAt,
  dayOfWeek,
  easterSunday,
  formatFrenchDate,
  implicitDecisionDate,
  isLate,
  isPublicHoliday,
  isValidDate,
  isWorkingDay,
  localDateOf,
  publicHolidays,
  workingDaysBetween,
} from './calendar';

describe('easterSunday', () => {
  it('gives the known dates', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
    // extremes of the Gregorian range: earliest (22 March) and latest (25 April)
    expect(easterSunday(2285)).toBe('2285-03-22');
    expect(easterSunday(1943)).toBe('1943-04-25');
  });
});

describe('publicHolidays', () => {
  it('lists the eleven holidays of 2026 in order', () => {
    expect(publicHolidays(2026).map((holiday) => holiday.date)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('adds Good Friday and 26 December in Alsace-Moselle', () => {
    const alsace = publicHolidays(2025, { alsaceMoselle: true });
    expect(alsace).toHaveLength(13);
    expect(alsace).toContainEqual({ date: '2025-04-18', key: 'holiday.goodFriday' });
    expect(isPublicHoliday('2025-12-26')).toBe(false);
    expect(isPublicHoliday('2025-12-26', { alsaceMoselle: true })).toBe(true);
  });

  it('puts Ascension on a Thursday and Whit Monday on a Monday', () => {
    expect(isPublicHoliday('2025-05-29')).toBe(true);
    expect(dayOfWeek('2025-05-29')).toBe(4);
    expect(isPublicHoliday('2025-06-09')).toBe(true);
    expect(dayOfWeek('2025-06-09')).toBe(1);
  });
});

describe('working days', () => {
  it('skips weekends and holidays', () => {
    expect(isWorkingDay('2026-03-13')).toBe(true); // Friday
    expect(isWorkingDay('2026-03-14')).toBe(false); // Saturday
    expect(isWorkingDay('2026-04-06')).toBe(false); // Easter Monday
  });

  it('does not count the day of receipt', () => {
    expect(addWorkingDays('2026-03-09', 1)).toBe('2026-03-10'); // Monday → Tuesday
    expect(addWorkingDays('2026-03-13', 1)).toBe('2026-03-16'); // Friday → Monday
    expect(addWorkingDays('2026-03-14', 1)).toBe('2026-03-16'); // Saturday → Monday
    expect(addWorkingDays('2026-03-09', 0)).toBe('2026-03-09');
  });

  it('jumps the May 2026 bridges: 1 May Friday, 8 May Friday, Ascension 14 May, Whit Monday 25 May', () => {
    expect(addWorkingDays('2026-04-30', 1)).toBe('2026-05-04');
    // 4,5,6,7 | 8 off | 11,12,13 | 14 off | 15, 18, 19
    expect(addWorkingDays('2026-04-30', 10)).toBe('2026-05-19');
    expect(addWorkingDays('2026-05-22', 1)).toBe('2026-05-26');
  });

  it('crosses the year end with holidays on both sides', () => {
    // 2026-12-24 Thursday; 25 Dec holiday; 26-27 weekend; 1 Jan 2027 Friday
    expect(addWorkingDays('2026-12-24', 5)).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-24', 5, { alsaceMoselle: true })).toBe('2027-01-04');
    expect(addWorkingDays('2025-12-24', 1, { alsaceMoselle: true })).toBe('2025-12-29');
    expect(addWorkingDays('2025-12-24', 1)).toBe('2025-12-26');
  });

  it('counts backwards with a negative number', () => {
    expect(addWorkingDays('2026-03-16', -1)).toBe('2026-03-13');
  });

  it('agrees with workingDaysBetween', () => {
    for (const start of ['2026-04-30', '2026-12-24', '2027-03-25', '2026-03-14']) {
      for (const n of [0, 1, 5, 15, 40]) {
        expect(workingDaysBetween(start, addWorkingDays(start, n)), `${start} + ${n}`).toBe(n);
      }
    }
    expect(workingDaysBetween('2026-03-16', '2026-03-13')).toBe(-1);
  });

  it('refuses fractional counts and impossible dates', () => {
    expect(() => addWorkingDays('2026-03-09', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('12/03/2026')).toBe(false);
  });
});

describe('computeDueAt and isLate', () => {
  it('counts the delay from the local day of receipt', () => {
    // local noon is the same day in every zone from UTC-11 to UTC+11
    const receivedAt = new Date(2026, 2, 12, 12, 0).toISOString();
    expect(localDateOf(receivedAt)).toBe('2026-03-12');
    expect(computeDueAt(receivedAt, 10)).toBe('2026-03-26');
    expect(computeDueAt('2026-03-12', 10)).toBe('2026-03-26');
  });

  it('is late only after the due date and while open', () => {
    const request = { status: 'in_progress' as const, dueAt: '2026-03-26' };
    expect(isLate(request, '2026-03-26')).toBe(false);
    expect(isLate(request, '2026-03-27')).toBe(true);
    expect(isLate({ ...request, status: 'waiting_citizen' }, '2026-04-01')).toBe(true);
    expect(isLate({ ...request, status: 'answered' }, '2026-04-01')).toBe(false);
    expect(isLate({ ...request, status: 'rejected' }, '2026-04-01')).toBe(false);
  });
});

describe('addMonths', () => {
  it('keeps the day of the month', () => {
    expect(addMonths('2026-03-12', 2)).toBe('2026-05-12');
    expect(addMonths('2026-11-30', 2)).toBe('2027-01-30');
  });

  it('ends at the end of a shorter month, never in the next one', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(addMonths('2025-12-31', 2)).toBe('2026-02-28');
  });

  it('goes backwards too', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -2)).toBe('2025-11-15');
  });

  it('gives the implicit decision date two months after receipt', () => {
    expect(implicitDecisionDate('2026-03-12', 2)).toBe('2026-05-12');
    expect(implicitDecisionDate('2025-12-31', 2)).toBe('2026-02-28');
  });
});

describe('formatFrenchDate', () => {
  it('writes French long dates', () => {
    expect(formatFrenchDate('2026-03-12')).toBe('12 mars 2026');
    expect(formatFrenchDate('2026-05-01')).toBe('1er mai 2026');
    expect(formatFrenchDate('2026-08-15')).toBe('15 août 2026');
    expect(formatFrenchDate('2026-12-02')).toBe('2 décembre 2026');
  });
});

describe('addDays', () => {
  it('is immune to daylight saving changes', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
  });
});
