import { addDays } from '../../../domain/calendar';
import { OPEN_STATUSES } from '../../../domain/statuses';
import {
  createRequestStats,
  monthsOf,
  type RequestFigures,
  type RequestStatsOptions,
  type StatsAssistedSession,
  type StatsPeriod,
  type StatsRequest,
} from '../../../domain/stats';
import type { GuichetDatabase } from '../db/database';

/** The instant of local midnight (the mairie's) starting a `YYYY-MM-DD`, as stored instants are written (toISOString). */
export function localMidnightInstant(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day).toISOString();
}

/**
 * The period cut at month ends: one `receivedAt` index range per month, so
 * that a year of a large commune (quality.md: 100,000 requests) is read a
 * month at a time and the page stays responsive between reads.
 */
export function monthSlices(period: StatsPeriod): Array<{ fromInstant: string; toInstant: string }> {
  return monthsOf(period).map((month) => {
    const first = `${month}-01`;
    const start = first < period.from ? period.from : first;
    const nextMonth = addDays(`${month}-28`, 7).slice(0, 7);
    const end = addDays(`${nextMonth}-01`, -1);
    const last = end > period.to ? period.to : end;
    return { fromInstant: localMidnightInstant(start), toInstant: localMidnightInstant(addDays(last, 1)) };
  });
}

function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The few facts the figures read, without copying the whole document (toJSON clones it deeply). */
function statsFacts(doc: StatsRequest): StatsRequest {
  return {
    receivedAt: doc.receivedAt,
    channel: doc.channel,
    categoryId: doc.categoryId,
    status: doc.status,
    dueAt: doc.dueAt,
    answer: doc.answer ? { answeredAt: doc.answer.answeredAt, kind: doc.answer.kind } : null,
  };
}

/**
 * The figures of the requests received in `period`, in one pass: each month
 * is one indexed range query on `receivedAt`, its requests are added to the
 * running figures, then the page gets the hand back. `isStale` stops the work
 * when the secretary already chose another period.
 */
export async function loadRequestFigures(
  db: GuichetDatabase,
  period: StatsPeriod,
  options: RequestStatsOptions,
  isStale: () => boolean = () => false,
): Promise<RequestFigures | null> {
  const stats = createRequestStats(period, options);
  for (const slice of monthSlices(period)) {
    const docs = await db.requests.find({ selector: { receivedAt: { $gte: slice.fromInstant, $lt: slice.toInstant } } }).exec();
    if (isStale()) return null;
    for (const doc of docs) stats.add(statsFacts(doc));
    await yieldToPage();
  }
  return stats.result();
}

/**
 * Requests late today, whenever received: the rule of `calendar.isLate`
 * (open and past the due date) as a selector on the [status, dueAt] index,
 * counted status by status without reading a document.
 */
export async function countLateNow(db: GuichetDatabase, today: string): Promise<number> {
  return db.requests.count({ selector: { status: { $in: [...OPEN_STATUSES] }, dueAt: { $lt: today } } }).exec();
}

/**
 * The assisted sessions started in `period` (accompagnement numérique), one
 * range query on the `startedAt` index; only the facts the figures read are kept.
 */
export async function loadAssistedSessions(db: GuichetDatabase, period: StatsPeriod): Promise<StatsAssistedSession[]> {
  const from = localMidnightInstant(period.from);
  const to = localMidnightInstant(addDays(period.to, 1));
  const docs = await db.assistedsessions.find({ selector: { startedAt: { $gte: from, $lt: to } } }).exec();
  return docs.map((doc) => ({
    procedureId: doc.procedureId,
    procedureTitle: doc.procedureTitle,
    startedAt: doc.startedAt,
    outcome: doc.outcome,
    minutesSpent: doc.minutesSpent,
  }));
}
