/**
 * The commune's figures (issue 5, « Les chiffres de la commune »): for a
 * period, requests by channel, category and month, the time to answer, the
 * share answered within the delay, and assisted sessions by procedure; and
 * the CSV export of each table.
 *
 * What the figures mean (the README says the same to the secretary):
 * - A period is two local dates `from`..`to`, both included. A request
 *   belongs to it by the day of its receipt at the mairie
 *   (`localDateOf(receivedAt)`), an assisted session by the day it started.
 * - A request is answered when its answer is recorded: `RequestDoc.answer`
 *   with `answer.answeredAt`, written by `saveAnswer` together with the
 *   journal's `answered` event and then (unless the mayor must approve) the
 *   move to `answered`. The recorded answer is the one fact every answered
 *   request carries, also when it was later closed or reopened, so the
 *   figures read it rather than the journal. Requests closed or rejected
 *   without an answer have no time to answer and are left out of both
 *   delay figures.
 * - The time to answer is counted in WORKING days, the way delays are
 *   (`calendar.workingDaysBetween`: weekends and public holidays excluded,
 *   Alsace-Moselle's two more when the commune says so), from the day of
 *   receipt (not counted) to the day of the answer: answered the same day is
 *   0, received on Friday and answered on Monday is 1. The median is the
 *   middle value (the mean of the two middle ones for an even count).
 * - Within the delay: answered on or before the due date (`dueAt`). The
 *   share is taken over the requests whose outcome is known: answered (on
 *   time or not) plus those still unanswered and already late today
 *   (`calendar.isLate`); an open request not yet due is not counted either
 *   way.
 * - Late now is not a figure of the period: every request late today,
 *   whenever received (`calendar.isLate`, the rule of the lists).
 *
 * The figures are built in one pass over the period's requests
 * (`createRequestStats().add()` per request), so that the renderer can feed
 * them month by month and never hold the UI for long.
 */
import { addDays, addMonths, isLate, isWorkingDay, localDateOf, workingDaysBetween, type CalendarOptions } from './calendar';
import { CHANNELS, type Channel, type RequestDoc } from './model';
import { isFinalAnswer } from './answers';

export interface StatsPeriod {
  /** first day, `YYYY-MM-DD`, included */
  from: string;
  /** last day, `YYYY-MM-DD`, included */
  to: string;
}

export const PERIOD_PRESETS = ['thisMonth', 'lastMonth', 'thisYear', 'last12Months'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

function firstOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}

/**
 * The period a preset stands for, seen from `today`. The current month and
 * year end today (there is nothing after it); last month is the whole
 * calendar month; the last 12 months are the current month and the eleven
 * before it, whole, so that the chart by month has twelve full bars but the
 * last.
 */
export function presetPeriod(preset: PeriodPreset, today: string): StatsPeriod {
  switch (preset) {
    case 'thisMonth':
      return { from: firstOfMonth(today), to: today };
    case 'lastMonth': {
      const from = addMonths(firstOfMonth(today), -1);
      return { from, to: addDays(firstOfMonth(today), -1) };
    }
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'last12Months':
      return { from: addMonths(firstOfMonth(today), -11), to: today };
  }
}

export function isValidPeriod(period: StatsPeriod): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(period.from) && /^\d{4}-\d{2}-\d{2}$/.test(period.to) && period.from <= period.to;
}

/** The months a period touches, `YYYY-MM`, in order. */
export function monthsOf(period: StatsPeriod): string[] {
  const months: string[] = [];
  for (let month = firstOfMonth(period.from); month <= period.to; month = addMonths(month, 1)) months.push(month.slice(0, 7));
  return months;
}

/** What the figures read of a request: nothing personal. */
export type StatsRequest = Pick<RequestDoc, 'receivedAt' | 'channel' | 'categoryId' | 'status' | 'dueAt'> & {
  answer: Pick<NonNullable<RequestDoc['answer']>, 'answeredAt' | 'kind'> | null;
};

export interface CountRow<K extends string = string> {
  key: K;
  count: number;
}

export interface DelayFigures {
  /** answered requests of the period (the median's sample) */
  answered: number;
  /** median working days from receipt to answer, null when none was answered */
  medianWorkingDays: number | null;
  answeredOnTime: number;
  answeredLate: number;
  /** not answered and late today */
  unansweredLate: number;
  /** answeredOnTime / (answeredOnTime + answeredLate + unansweredLate), null when that is 0 */
  onTimeShare: number | null;
}

export interface RequestFigures {
  period: StatsPeriod;
  total: number;
  /** every channel, in the order of CHANNELS, zeros included */
  byChannel: CountRow<Channel>[];
  /** categories that have requests, most first (ties by id, for a stable order) */
  byCategory: CountRow[];
  /** every month of the period, `YYYY-MM`, in order, zeros included */
  byMonth: CountRow[];
  delays: DelayFigures;
}

export interface RequestStatsOptions {
  /** today at the mairie, `YYYY-MM-DD`: lateness of unanswered requests */
  today: string;
  calendar?: CalendarOptions;
}

export interface RequestStatsAccumulator {
  /** Counts one request; a request received outside the period is ignored. Returns whether it was counted. */
  add(request: StatsRequest): boolean;
  result(): RequestFigures;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Working days from `anchor` (not counted) to a date, kept per date and
 * extended day by day as later dates come: a request's time to answer is
 * then two look-ups instead of a walk over its days (100,000 requests in
 * tens of milliseconds). The difference of two counts is
 * `workingDaysBetween` of the two dates.
 */
function workingDayCounter(anchor: string, calendar: CalendarOptions): (date: string) => number {
  const counts = new Map<string, number>([[anchor, 0]]);
  let last = anchor;
  let lastCount = 0;
  return (date) => {
    const known = counts.get(date);
    if (known !== undefined) return known;
    if (date < anchor) return -workingDaysBetween(date, anchor, calendar);
    while (last < date) {
      last = addDays(last, 1);
      if (isWorkingDay(last, calendar)) lastCount += 1;
      counts.set(last, lastCount);
    }
    return counts.get(date) ?? workingDaysBetween(anchor, date, calendar);
  };
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Figures of the requests received in `period`, one request at a time. */
export function createRequestStats(period: StatsPeriod, options: RequestStatsOptions): RequestStatsAccumulator {
  const calendar = options.calendar ?? {};
  const workingDaysTo = workingDayCounter(addDays(period.from, -1), calendar);
  const channels = new Map<string, number>();
  const categories = new Map<string, number>();
  const months = new Map<string, number>();
  const answerDays: number[] = [];
  let total = 0;
  let answeredOnTime = 0;
  let answeredLate = 0;
  let unansweredLate = 0;

  function addDelay(request: StatsRequest, receivedOn: string): void {
    // A holding reply or a request for pieces is not an answer (domain/replies.ts).
    if (request.answer && isFinalAnswer(request.answer)) {
      const answeredOn = localDateOf(request.answer.answeredAt);
      answerDays.push(Math.max(0, workingDaysTo(answeredOn) - workingDaysTo(receivedOn)));
      if (answeredOn <= request.dueAt) answeredOnTime += 1;
      else answeredLate += 1;
    } else if (isLate(request, options.today)) {
      unansweredLate += 1;
    }
  }

  return {
    add(request) {
      const receivedOn = localDateOf(request.receivedAt);
      if (receivedOn < period.from || receivedOn > period.to) return false;
      total += 1;
      increment(channels, request.channel);
      increment(categories, request.categoryId);
      increment(months, receivedOn.slice(0, 7));
      addDelay(request, receivedOn);
      return true;
    },
    result() {
      const decided = answeredOnTime + answeredLate + unansweredLate;
      return {
        period,
        total,
        byChannel: CHANNELS.map((key) => ({ key, count: channels.get(key) ?? 0 })),
        byCategory: [...categories.entries()]
          .map(([key, count]) => ({ key, count }))
          .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
        byMonth: monthsOf(period).map((key) => ({ key, count: months.get(key) ?? 0 })),
        delays: {
          answered: answerDays.length,
          medianWorkingDays: median(answerDays),
          answeredOnTime,
          answeredLate,
          unansweredLate,
          onTimeShare: decided === 0 ? null : answeredOnTime / decided,
        },
      };
    },
  };
}

/** The figures of a list of requests at once (tests, small communes). */
export function requestStats(requests: Iterable<StatsRequest>, period: StatsPeriod, options: RequestStatsOptions): RequestFigures {
  const stats = createRequestStats(period, options);
  for (const request of requests) stats.add(request);
  return stats.result();
}

// ---------------------------------------------------------------------------
// Assisted sessions (accompagnement numérique)
// ---------------------------------------------------------------------------

export const SESSION_OUTCOMES = ['done', 'to_finish', 'blocked'] as const;
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];

/**
 * What the figures read of an assisted session. The `assistedsessions`
 * collection is built alongside (issue 5, « L'accompagnement numérique »);
 * this is the least of its shape the figures need, so that any document of
 * that collection fits.
 */
export interface StatsAssistedSession {
  procedureId: string;
  procedureTitle: string;
  /** ISO instant */
  startedAt: string;
  outcome: SessionOutcome;
  minutesSpent: number;
}

export interface ProcedureRow {
  procedureId: string;
  procedureTitle: string;
  sessions: number;
  done: number;
  toFinish: number;
  blocked: number;
  minutesSpent: number;
}

export interface SessionFigures {
  total: number;
  minutesSpent: number;
  /** procedures with sessions in the period, most sessions first (ties by title) */
  byProcedure: ProcedureRow[];
}

const OUTCOME_FIELD: Record<SessionOutcome, 'done' | 'toFinish' | 'blocked'> = { done: 'done', to_finish: 'toFinish', blocked: 'blocked' };

/** Sessions started in `period`, by procedure. The title shown is the one of the most recent session. */
export function sessionStats(sessions: Iterable<StatsAssistedSession>, period: StatsPeriod): SessionFigures {
  const rows = new Map<string, ProcedureRow & { latest: string }>();
  let total = 0;
  let minutesSpent = 0;
  for (const session of sessions) {
    const startedOn = localDateOf(session.startedAt);
    if (startedOn < period.from || startedOn > period.to) continue;
    let row = rows.get(session.procedureId);
    if (!row) {
      row = {
        procedureId: session.procedureId,
        procedureTitle: session.procedureTitle,
        sessions: 0,
        done: 0,
        toFinish: 0,
        blocked: 0,
        minutesSpent: 0,
        latest: session.startedAt,
      };
      rows.set(session.procedureId, row);
    }
    if (session.startedAt > row.latest) Object.assign(row, { latest: session.startedAt, procedureTitle: session.procedureTitle });
    row.sessions += 1;
    row[OUTCOME_FIELD[session.outcome]] += 1;
    const minutes = Number.isFinite(session.minutesSpent) ? Math.max(0, session.minutesSpent) : 0;
    row.minutesSpent += minutes;
    total += 1;
    minutesSpent += minutes;
  }
  const byProcedure = [...rows.values()]
    .map(({ latest: _latest, ...row }) => row)
    .sort((a, b) => b.sessions - a.sessions || a.procedureTitle.localeCompare(b.procedureTitle, 'fr'));
  return { total, minutesSpent, byProcedure };
}

// ---------------------------------------------------------------------------
// CSV export
// ---------------------------------------------------------------------------

/** A cell: text, a number (written with a decimal comma), or empty. */
export type CsvCell = string | number | null;

export interface CsvTable {
  headers: string[];
  rows: CsvCell[][];
}

/**
 * Numbers with a decimal comma and no thousands separator: French Excel and
 * LibreOffice read `2,5` as a number in a French locale, and a space or
 * dot as a thousands separator would be read as text. At most two decimals.
 */
export function csvNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  const rounded = Math.round(value * 100) / 100;
  return String(rounded).replace('.', ',');
}

/**
 * A text cell. Quoted when it holds the separator, a quote, a line break or
 * edge spaces (RFC 4180, with `;`). A text starting with `=`, `+`, `-`, `@`,
 * tab or carriage return would be run as a formula by a spreadsheet (CSV
 * injection): a category label is typed by the commune, so such a text is
 * prefixed with an apostrophe, which the spreadsheet shows as text.
 */
export function csvText(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvCell(cell: CsvCell): string {
  if (cell === null) return '';
  return typeof cell === 'number' ? csvNumber(cell) : csvText(cell);
}

/**
 * The table as CSV text for French spreadsheets: `;` between cells (Excel in
 * a French locale expects it, the comma being the decimal mark), CRLF line
 * ends, no byte order mark (see `csvBytes`).
 */
export function toCsv(table: CsvTable): string {
  return [table.headers, ...table.rows].map((row) => row.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

/** The CSV file's bytes: UTF-8 with a byte order mark, without which Excel reads it as Windows-1252 and breaks the accents. */
export function csvBytes(table: CsvTable): Uint8Array {
  return new TextEncoder().encode(`\uFEFF${toCsv(table)}`);
}
