import { describe, expect, it } from 'vitest';
import { addDays, workingDaysBetween } from './calendar';
import {
  createRequestStats,
  csvBytes,
  csvNumber,
  csvText,
  median,
  monthsOf,
  presetPeriod,
  requestStats,
  sessionStats,
  toCsv,
  type StatsAssistedSession,
  type StatsRequest,
} from './stats';

// Instants at 10:00 UTC fall on the same calendar day in every zone from UTC-9 to UTC+13,
// so the expected days hold wherever the tests run. March 2026 has no public holiday;
// 1 March 2026 is a Sunday.
function request(partial: Partial<StatsRequest> & Pick<StatsRequest, 'receivedAt'>): StatsRequest {
  return { channel: 'counter', categoryId: 'cat-a', status: 'new', dueAt: '2026-12-31', answer: null, ...partial };
}
const at = (date: string) => `${date}T10:00:00.000Z`;
const answered = (date: string) => ({ answeredAt: at(date), kind: 'final' as const });

/** A hand-made month: the expected figures below are counted by hand. */
const MARCH: StatsRequest[] = [
  // answered the same day: 0 working days, on time
  request({
    receivedAt: at('2026-03-02'),
    channel: 'counter',
    categoryId: 'cat-a',
    status: 'answered',
    dueAt: '2026-03-16',
    answer: answered('2026-03-02'),
  }),
  // Friday to Monday: 1 working day, on time
  request({
    receivedAt: at('2026-03-06'),
    channel: 'phone',
    categoryId: 'cat-a',
    status: 'closed',
    dueAt: '2026-03-10',
    answer: answered('2026-03-09'),
  }),
  // 10 working days, past its due date
  request({
    receivedAt: at('2026-03-02'),
    channel: 'mail',
    categoryId: 'cat-b',
    status: 'answered',
    dueAt: '2026-03-09',
    answer: answered('2026-03-16'),
  }),
  // not answered and late today (2026-03-20)
  request({ receivedAt: at('2026-03-04'), channel: 'email', categoryId: 'cat-b', status: 'in_progress', dueAt: '2026-03-11' }),
  // not answered, not due yet: in neither delay figure
  request({ receivedAt: at('2026-03-17'), channel: 'web', categoryId: 'cat-a', status: 'new', dueAt: '2026-03-31' }),
  // rejected without an answer: counted, but no delay
  request({ receivedAt: at('2026-03-05'), channel: 'counter', categoryId: 'cat-c', status: 'rejected', dueAt: '2026-03-06' }),
  // answered (the mayor has not approved yet, so still in progress): 1 working day, on time
  request({
    receivedAt: at('2026-03-18'),
    channel: 'phone',
    categoryId: 'cat-a',
    status: 'in_progress',
    dueAt: '2026-03-25',
    answer: answered('2026-03-19'),
  }),
];
const OUTSIDE: StatsRequest[] = [
  request({ receivedAt: at('2026-02-27'), channel: 'elected', categoryId: 'cat-c' }),
  request({ receivedAt: at('2026-04-01'), channel: 'elected', categoryId: 'cat-c' }),
];
const MARCH_PERIOD = { from: '2026-03-01', to: '2026-03-31' };
const TODAY = '2026-03-20';

describe('requestStats', () => {
  const figures = requestStats([...OUTSIDE, ...MARCH], MARCH_PERIOD, { today: TODAY });

  it('counts the requests received in the period only', () => {
    expect(figures.total).toBe(7);
    expect(figures.byMonth).toEqual([{ key: '2026-03', count: 7 }]);
  });

  it('counts every channel, in order, zeros included', () => {
    expect(figures.byChannel).toEqual([
      { key: 'counter', count: 2 },
      { key: 'phone', count: 2 },
      { key: 'mail', count: 1 },
      { key: 'email', count: 1 },
      { key: 'web', count: 1 },
      { key: 'elected', count: 0 },
    ]);
  });

  it('counts categories, most first', () => {
    expect(figures.byCategory).toEqual([
      { key: 'cat-a', count: 4 },
      { key: 'cat-b', count: 2 },
      { key: 'cat-c', count: 1 },
    ]);
  });

  it('gives the median time to answer in working days and the share answered within the delay', () => {
    // answer times 0, 1, 10, 1 → sorted 0, 1, 1, 10 → median (1 + 1) / 2
    expect(figures.delays).toEqual({
      answered: 4,
      medianWorkingDays: 1,
      answeredOnTime: 3,
      answeredLate: 1,
      unansweredLate: 1,
      onTimeShare: 3 / 5,
    });
  });

  it('does not count a holding reply or a request for pieces as an answer (issue 13)', () => {
    const holding = request({
      receivedAt: at('2026-03-02'),
      status: 'in_progress',
      dueAt: '2026-03-09',
      answer: { answeredAt: at('2026-03-02'), kind: 'holding' },
    });
    const pieces = request({
      receivedAt: at('2026-03-03'),
      status: 'in_progress',
      dueAt: '2026-03-31',
      answer: { answeredAt: at('2026-03-03'), kind: 'pieces' },
    });
    const delays = requestStats([holding, pieces], MARCH_PERIOD, { today: TODAY }).delays;
    // neither is answered; the holding one is late today, so the share is 0 %, not 100 %
    expect(delays).toMatchObject({ answered: 0, answeredOnTime: 0, unansweredLate: 1, onTimeShare: 0 });
  });

  it('lists every month of a longer period, zeros included', () => {
    const spring = requestStats([...OUTSIDE, ...MARCH], { from: '2026-01-15', to: '2026-04-30' }, { today: TODAY });
    expect(spring.total).toBe(9);
    expect(spring.byMonth).toEqual([
      { key: '2026-01', count: 0 },
      { key: '2026-02', count: 1 },
      { key: '2026-03', count: 7 },
      { key: '2026-04', count: 1 },
    ]);
    expect(spring.byChannel.find((row) => row.key === 'elected')?.count).toBe(2);
  });

  it('does not count public holidays as working days (Easter Monday 2026)', () => {
    // Friday 3 April to Tuesday 7 April: the weekend and Easter Monday are not counted
    const easter = requestStats(
      [request({ receivedAt: at('2026-04-03'), dueAt: '2026-04-17', status: 'answered', answer: answered('2026-04-07') })],
      { from: '2026-04-01', to: '2026-04-30' },
      { today: '2026-04-20' },
    );
    expect(easter.delays.medianWorkingDays).toBe(1);
  });

  it('counts Alsace-Moselle’s Good Friday when the commune says so', () => {
    // Thursday 2 April to Tuesday 7 April 2026: Friday is a working day except in Alsace-Moselle
    const sample = [request({ receivedAt: at('2026-04-02'), dueAt: '2026-04-17', status: 'answered', answer: answered('2026-04-07') })];
    const period = { from: '2026-04-01', to: '2026-04-30' };
    expect(requestStats(sample, period, { today: '2026-04-20' }).delays.medianWorkingDays).toBe(2);
    expect(requestStats(sample, period, { today: '2026-04-20', calendar: { alsaceMoselle: true } }).delays.medianWorkingDays).toBe(1);
  });

  it('has no median and no share when nothing is known yet', () => {
    const empty = requestStats([], MARCH_PERIOD, { today: TODAY });
    expect(empty.total).toBe(0);
    expect(empty.delays.medianWorkingDays).toBeNull();
    expect(empty.delays.onTimeShare).toBeNull();
    expect(empty.byCategory).toEqual([]);
  });

  it('gives the same figures fed one request at a time, and says which were counted', () => {
    const stats = createRequestStats(MARCH_PERIOD, { today: TODAY });
    expect(OUTSIDE.map((item) => stats.add(item))).toEqual([false, false]);
    expect(MARCH.every((item) => stats.add(item))).toBe(true);
    expect(stats.result()).toEqual(figures);
  });

  it('reads 100,000 requests in well under a second', () => {
    const many: StatsRequest[] = Array.from({ length: 100_000 }, (_, index) => {
      const day = `2026-03-${String((index % 28) + 1).padStart(2, '0')}`;
      return request({ receivedAt: at(day), dueAt: '2026-03-31', status: 'answered', answer: answered(addDays(day, index % 40)) });
    });
    const started = performance.now();
    const result = requestStats(many, MARCH_PERIOD, { today: TODAY });
    expect(result.total).toBe(100_000);
    expect(performance.now() - started).toBeLessThan(3_000); // generous: shared CI machines
  });

  it('counts the same working days as the calendar, over a year of holidays', () => {
    const period = { from: '2026-01-01', to: '2026-12-31' };
    for (let offset = 0; offset < 365; offset += 7) {
      const received = addDays('2026-01-01', offset);
      const answer = addDays(received, (offset * 13) % 60);
      const figures = requestStats([request({ receivedAt: at(received), answer: answered(answer), status: 'answered' })], period, {
        today: '2027-03-01',
      });
      expect(figures.delays.medianWorkingDays).toBe(workingDaysBetween(received, answer));
    }
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([10, 0, 2])).toBe(2);
    expect(median([0, 1, 2, 10])).toBe(1.5);
  });
});

describe('periods', () => {
  it('turns presets into dates', () => {
    expect(presetPeriod('thisMonth', '2026-03-15')).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(presetPeriod('lastMonth', '2026-03-15')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('lastMonth', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('thisYear', '2026-03-15')).toEqual({ from: '2026-01-01', to: '2026-03-15' });
    expect(presetPeriod('last12Months', '2026-03-15')).toEqual({ from: '2025-04-01', to: '2026-03-15' });
  });

  it('lists the months of a period across a year', () => {
    expect(monthsOf({ from: '2025-11-20', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsOf(presetPeriod('last12Months', '2026-03-15'))).toHaveLength(12);
  });
});

describe('sessionStats', () => {
  const session = (partial: Partial<StatsAssistedSession>): StatsAssistedSession => ({
    procedureId: 'ants-cni',
    procedureTitle: 'Carte d’identité',
    startedAt: at('2026-03-10'),
    outcome: 'done',
    minutesSpent: 20,
    ...partial,
  });

  it('counts the sessions of the period by procedure and outcome', () => {
    const figures = sessionStats(
      [
        session({}),
        session({ outcome: 'blocked', minutesSpent: 35 }),
        session({ outcome: 'to_finish', minutesSpent: 15, startedAt: at('2026-03-12'), procedureTitle: 'Carte nationale d’identité' }),
        session({ procedureId: 'impots', procedureTitle: 'Déclaration de revenus', minutesSpent: 45 }),
        session({ procedureId: 'impots', procedureTitle: 'Déclaration de revenus', startedAt: at('2026-04-02') }),
      ],
      MARCH_PERIOD,
    );
    expect(figures).toEqual({
      total: 4,
      minutesSpent: 115,
      byProcedure: [
        // the most recent session's title
        {
          procedureId: 'ants-cni',
          procedureTitle: 'Carte nationale d’identité',
          sessions: 3,
          done: 1,
          toFinish: 1,
          blocked: 1,
          minutesSpent: 70,
        },
        {
          procedureId: 'impots',
          procedureTitle: 'Déclaration de revenus',
          sessions: 1,
          done: 1,
          toFinish: 0,
          blocked: 0,
          minutesSpent: 45,
        },
      ],
    });
  });

  it('is empty without sessions', () => {
    expect(sessionStats([], MARCH_PERIOD)).toEqual({ total: 0, minutesSpent: 0, byProcedure: [] });
  });
});

describe('CSV', () => {
  it('writes decimal commas and no thousands separator', () => {
    expect(csvNumber(1.5)).toBe('1,5');
    expect(csvNumber(2 / 3)).toBe('0,67');
    expect(csvNumber(12000)).toBe('12000');
    expect(csvNumber(-3)).toBe('-3');
    expect(csvNumber(Number.NaN)).toBe('');
  });

  it('quotes what needs it and defuses formulas', () => {
    expect(csvText('Voirie')).toBe('Voirie');
    expect(csvText('État civil ; naissances')).toBe('"État civil ; naissances"');
    expect(csvText('Salle « des fêtes » "Jean"')).toBe('"Salle « des fêtes » ""Jean"""');
    expect(csvText('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvText(' espace')).toBe('" espace"');
    expect(csvText('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvText('-1')).toBe("'-1");
  });

  it('joins cells with semicolons and lines with CRLF', () => {
    const csv = toCsv({
      headers: ['Catégorie', 'Demandes', 'Part (%)'],
      rows: [
        ['Voirie', 3, 37.5],
        ['Autre; divers', 0, null],
      ],
    });
    expect(csv).toBe('Catégorie;Demandes;Part (%)\r\nVoirie;3;37,5\r\n"Autre; divers";0;\r\n');
  });

  it('starts the file with a UTF-8 byte order mark for Excel', () => {
    const bytes = csvBytes({ headers: ['Canal'], rows: [['Téléphone']] });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.subarray(3))).toBe('Canal\r\nTéléphone\r\n');
  });
});
