/**
 * Dates of the French administrative calendar: public holidays, working
 * days, due dates and implicit-decision dates.
 *
 * Dates are `YYYY-MM-DD` strings in the commune's local calendar. Arithmetic
 * is done on UTC midnights of those dates, where every day has 24 hours: no
 * daylight-saving shift can move a date, whatever the machine's time zone.
 * Only `localDateOf` reads the machine's zone, to know which day an instant
 * falls on at the mairie.
 */
import type { ImplicitDecision, RequestDoc } from './model';
import { isOpen } from './statuses';

const DAY_MS = 86_400_000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarOptions {
  /** Moselle, Bas-Rhin, Haut-Rhin: Good Friday and 26 December are also holidays */
  alsaceMoselle?: boolean;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Days since 1970-01-01 of a valid `YYYY-MM-DD`, or null for anything else (including 2026-02-30). */
function dayNumberOrNull(dateISO: string): number | null {
  const match = DATE_SHAPE.exec(dateISO);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

function dayNumber(dateISO: string): number {
  const days = dayNumberOrNull(dateISO);
  if (days === null) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${dateISO}`);
  return days;
}

function fromDayNumber(days: number): string {
  const date = new Date(days * DAY_MS);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Whether the string is an existing calendar date `YYYY-MM-DD`. */
export function isValidDate(dateISO: string): boolean {
  return dayNumberOrNull(dateISO) !== null;
}

export function addDays(dateISO: string, days: number): string {
  return fromDayNumber(dayNumber(dateISO) + days);
}

/** 0 = Sunday … 6 = Saturday */
export function dayOfWeek(dateISO: string): number {
  // 1970-01-01 was a Thursday (4)
  return (((dayNumber(dateISO) + 4) % 7) + 7) % 7;
}

/** The calendar date at the mairie (the machine's time zone) of an instant. */
export function localDateOf(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an instant: ${String(instant)}`);
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today at the mairie. */
export function todayISO(now: Date = new Date()): string {
  return localDateOf(now);
}

/** Easter Sunday, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export interface PublicHoliday {
  date: string;
  /** i18n key of its name, e.g. `holiday.easterMonday` */
  key: string;
}

/**
 * The public holidays (jours fériés, Code du travail L3133-1) of a year, in
 * date order. Easter Monday and Whit Monday are included: the "journée de
 * solidarité" does not make Whit Monday a working day for a mairie's delays.
 */
export function publicHolidays(year: number, options: CalendarOptions = {}): PublicHoliday[] {
  const easter = easterSunday(year);
  const fixed = (monthDay: string, key: string): PublicHoliday => ({ date: `${pad(year, 4)}-${monthDay}`, key });
  const holidays: PublicHoliday[] = [
    fixed('01-01', 'holiday.newYear'),
    { date: addDays(easter, 1), key: 'holiday.easterMonday' },
    fixed('05-01', 'holiday.labourDay'),
    fixed('05-08', 'holiday.victory1945'),
    { date: addDays(easter, 39), key: 'holiday.ascension' },
    { date: addDays(easter, 50), key: 'holiday.whitMonday' },
    fixed('07-14', 'holiday.nationalDay'),
    fixed('08-15', 'holiday.assumption'),
    fixed('11-01', 'holiday.allSaints'),
    fixed('11-11', 'holiday.armistice'),
    fixed('12-25', 'holiday.christmas'),
  ];
  if (options.alsaceMoselle) {
    holidays.push({ date: addDays(easter, -2), key: 'holiday.goodFriday' }, fixed('12-26', 'holiday.saintStephen'));
  }
  return holidays.sort((x, y) => x.date.localeCompare(y.date));
}

const holidayCache = new Map<string, ReadonlySet<string>>();

function holidaySet(year: number, options: CalendarOptions): ReadonlySet<string> {
  const cacheKey = `${year}:${options.alsaceMoselle === true}`;
  let set = holidayCache.get(cacheKey);
  if (!set) {
    set = new Set(publicHolidays(year, options).map((holiday) => holiday.date));
    holidayCache.set(cacheKey, set);
  }
  return set;
}

export function isPublicHoliday(dateISO: string, options: CalendarOptions = {}): boolean {
  return holidaySet(Number(dateISO.slice(0, 4)), options).has(dateISO);
}

/** Monday to Friday, not a public holiday. */
export function isWorkingDay(dateISO: string, options: CalendarOptions = {}): boolean {
  const weekday = dayOfWeek(dateISO);
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(dateISO, options);
}

/**
 * The date `n` working days after `dateISO`, the day itself not counted (a
 * request received on Monday with a delay of 1 is due on Tuesday; received on
 * Saturday, on Monday... unless Monday is a holiday). A negative `n` counts
 * backwards; 0 gives the date itself.
 */
export function addWorkingDays(dateISO: string, n: number, options: CalendarOptions = {}): string {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = dayNumber(dateISO);
  for (let counted = 0; counted < Math.abs(n); ) {
    day += step;
    if (isWorkingDay(fromDayNumber(day), options)) counted += 1;
  }
  return fromDayNumber(day);
}

/**
 * The working days after `fromISO` up to and including `toISO`, so that
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n`. Negative when `toISO`
 * is before `fromISO` (how many working days late, for instance).
 */
export function workingDaysBetween(fromISO: string, toISO: string, options: CalendarOptions = {}): number {
  const from = dayNumber(fromISO);
  const to = dayNumber(toISO);
  if (to < from) return -workingDaysBetween(toISO, fromISO, options);
  let count = 0;
  for (let day = from + 1; day <= to; day += 1) {
    if (isWorkingDay(fromDayNumber(day), options)) count += 1;
  }
  return count;
}

/**
 * The due date of a request: the category's delay in working days from the
 * day of receipt (at the mairie), that day not counted.
 * `receivedAt` is an instant (`RequestDoc.receivedAt`) or a date.
 */
export function computeDueAt(receivedAt: string, delayDays: number, options: CalendarOptions = {}): string {
  const receivedOn = DATE_SHAPE.test(receivedAt) ? receivedAt : localDateOf(receivedAt);
  return addWorkingDays(receivedOn, delayDays, options);
}

/** The last working day strictly before `dateISO`. */
export function lastWorkingDayBefore(dateISO: string, options: CalendarOptions = {}): string {
  let day = addDays(dateISO, -1);
  while (!isWorkingDay(day, options)) day = addDays(day, -1);
  return day;
}

/**
 * The desk's answer date can never be later than the day the law turns
 * silence into a decision (issue 13: « Réponse au plus tard le 6 janvier »
 * beside « réputée acceptée le 4 janvier »): the answer is due by the last
 * working day before the implicit decision, when that comes first.
 */
export function capAtImplicitDecision(dueAt: string, implicitDecisionOn: string | null, options: CalendarOptions = {}): string {
  if (!implicitDecisionOn) return dueAt;
  const latest = lastWorkingDayBefore(implicitDecisionOn, options);
  return latest < dueAt ? latest : dueAt;
}

/**
 * The due date of a new request of `category`: its delay in working days,
 * capped so that the answer is due before silence is worth a decision.
 */
export function requestDueAt(
  receivedAt: string,
  category: { delayDays: number; implicitDecision: ImplicitDecision; implicitDecisionMonths: number },
  options: CalendarOptions = {},
): string {
  const due = computeDueAt(receivedAt, category.delayDays, options);
  const decision = category.implicitDecision === 'none' ? null : implicitDecisionDate(receivedAt, category.implicitDecisionMonths);
  return capAtImplicitDecision(due, decision, options);
}

/**
 * Late: still open and past its due date. The due date itself is not late.
 * A request waiting for the resident counts too: the secretary must chase
 * it, and the lists must show it.
 */
export function isLate(request: Pick<RequestDoc, 'status' | 'dueAt'>, today: string): boolean {
  return isOpen(request.status) && today > request.dueAt;
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * The same day `months` months later ("de quantième à quantième"). When that
 * day does not exist the result is the last day of the month: 31 January + 1
 * month is 28 (or 29) February, 31 August + 1 month is 30 September, as the
 * Code de procédure civile (art. 641) counts month delays. Never rolls over
 * into the next month, which would give the resident a later date than the law.
 */
export function addMonths(dateISO: string, months: number): string {
  dayNumber(dateISO);
  const [year, month, day] = dateISO.split('-').map(Number) as [number, number, number];
  const targetIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(targetIndex / 12);
  const targetMonth = targetIndex - targetYear * 12;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return `${pad(targetYear, 4)}-${pad(targetMonth + 1)}-${pad(targetDay)}`;
}

/**
 * The date on which silence is worth a decision (CRPA L231-1, L231-4): the
 * category's months (two by default) after the day of receipt. It is not
 * moved off a weekend or holiday: that rule (CPC art. 642) extends delays
 * given to a party to act, not the administration's time to decide.
 */
export function implicitDecisionDate(receivedAt: string, months: number): string {
  const receivedOn = DATE_SHAPE.test(receivedAt) ? receivedAt : localDateOf(receivedAt);
  return addMonths(receivedOn, months);
}

const FRENCH_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** "12 mars 2026", "1er mai 2026": the long date of French letters. */
export function formatFrenchDate(dateISO: string): string {
  dayNumber(dateISO);
  const [year, month, day] = dateISO.split('-').map(Number) as [number, number, number];
  return `${day === 1 ? '1er' : day} ${FRENCH_MONTHS[month - 1] ?? ''} ${year}`;
}
