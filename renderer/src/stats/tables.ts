import type { TFunction } from 'i18next';
import type { CategoryDoc } from '../../../domain/model';
import type { CsvTable, RequestFigures, SessionFigures } from '../../../domain/stats';

/**
 * One table of the Chiffres screen. The same rows feed the table on screen,
 * the chart drawn from it and its CSV export, so that the three never
 * disagree.
 */
export interface StatsTable extends CsvTable {
  /** stable id: element ids and the CSV file's name */
  id: 'byMonth' | 'byChannel' | 'byCategory' | 'delays' | 'sessions';
  title: string;
}

/** A share as a percentage with one decimal, or null when there is nothing to share. */
function percent(count: number, total: number): number | null {
  return total === 0 ? null : Math.round((count / total) * 1000) / 10;
}

export function monthLabel(month: string, language: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric' }).format(new Date(year, monthNumber - 1, 15));
}

/** "janv. 26": short enough for twelve bars side by side; the table gives the month in full. */
export function shortMonthLabel(month: string, language: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(language, { month: 'short', year: '2-digit' }).format(new Date(year, monthNumber - 1, 15));
}

export function byMonthTable(figures: RequestFigures, t: TFunction, language: string): StatsTable {
  return {
    id: 'byMonth',
    title: t('stats.tables.byMonth'),
    headers: [t('stats.columns.month'), t('stats.columns.requests')],
    rows: figures.byMonth.map((row) => [monthLabel(row.key, language), row.count]),
  };
}

export function byChannelTable(figures: RequestFigures, t: TFunction): StatsTable {
  return {
    id: 'byChannel',
    title: t('stats.tables.byChannel'),
    headers: [t('stats.columns.channel'), t('stats.columns.requests'), t('stats.columns.share')],
    rows: figures.byChannel.map((row) => [t(`channel.${row.key}`), row.count, percent(row.count, figures.total)]),
  };
}

export function byCategoryTable(figures: RequestFigures, categories: Map<string, CategoryDoc>, t: TFunction): StatsTable {
  return {
    id: 'byCategory',
    title: t('stats.tables.byCategory'),
    headers: [t('stats.columns.category'), t('stats.columns.requests'), t('stats.columns.share')],
    rows: figures.byCategory.map((row) => [
      categories.get(row.key)?.label ?? t('stats.columns.unknownCategory'),
      row.count,
      percent(row.count, figures.total),
    ]),
  };
}

export function delaysTable(figures: RequestFigures, t: TFunction): StatsTable {
  const { answeredOnTime, answeredLate, unansweredLate } = figures.delays;
  const known = answeredOnTime + answeredLate + unansweredLate;
  return {
    id: 'delays',
    title: t('stats.tables.delays'),
    headers: [t('stats.columns.outcome'), t('stats.columns.requests'), t('stats.columns.share')],
    rows: [
      [t('stats.delays.answeredOnTime'), answeredOnTime, percent(answeredOnTime, known)],
      [t('stats.delays.answeredLate'), answeredLate, percent(answeredLate, known)],
      [t('stats.delays.unansweredLate'), unansweredLate, percent(unansweredLate, known)],
    ],
  };
}

export function sessionsTable(figures: SessionFigures, t: TFunction): StatsTable {
  return {
    id: 'sessions',
    title: t('stats.tables.sessions'),
    headers: [
      t('stats.columns.procedure'),
      t('stats.columns.sessions'),
      t('stats.columns.done'),
      t('stats.columns.toFinish'),
      t('stats.columns.blocked'),
      t('stats.columns.minutes'),
    ],
    rows: figures.byProcedure.map((row) => [row.procedureTitle, row.sessions, row.done, row.toFinish, row.blocked, row.minutesSpent]),
  };
}
