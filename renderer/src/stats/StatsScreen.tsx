import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { debounceTime, merge } from 'rxjs';
import { presetPeriod, sessionStats, type RequestFigures, type SessionFigures, type StatsPeriod } from '../../../domain/stats';
import { useApp } from '../session/AppContext';
import { useCategories } from '../session/queries';
import type { CategoryDoc } from '../../../domain/model';
import { formatDate, todayISO } from '../ui/format';
import { ChartPatterns, ColumnChart, RowChart, StackedRowChart } from './Charts';
import { countLateNow, loadAssistedSessions, loadRequestFigures } from './load';
import { PeriodPicker } from './PeriodPicker';
import { StatsSection } from './StatsTableView';
import { byCategoryTable, byChannelTable, byMonthTable, delaysTable, sessionsTable, shortMonthLabel, type StatsTable } from './tables';
import './stats.css';

interface Figures {
  period: StatsPeriod;
  requests: RequestFigures;
  sessions: SessionFigures;
  lateNow: number;
}

type Loaded = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; figures: Figures };

/** How long after the last write the figures are computed again: a synced batch of changes gives one recomputation, not hundreds. */
const REFRESH_AFTER_MS = 1_500;

/**
 * A number that goes up a little after requests or assisted sessions are
 * written, here, in another window or by the sync: the figures follow the
 * data while the screen is open.
 */
function useDataVersion(): number {
  const { db } = useApp();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const subscription = merge(db.requests.$, db.assistedsessions.$)
      .pipe(debounceTime(REFRESH_AFTER_MS))
      .subscribe(() => setVersion((current) => current + 1));
    return () => subscription.unsubscribe();
  }, [db]);
  return version;
}

/**
 * Computes the figures of the period, again when the data changes; a newer
 * period makes the older computation stop and be dropped. While the same
 * period is computed again, its figures stay on screen.
 */
function useFigures(period: StatsPeriod, today: string): Loaded {
  const { db, settings } = useApp();
  const version = useDataVersion();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let stale = false;
    setLoaded((previous) => (previous.state === 'ready' && previous.figures.period === period ? previous : { state: 'loading' }));
    const calendar = { alsaceMoselle: settings.alsaceMoselle };
    Promise.all([
      loadRequestFigures(db, period, { today, calendar }, () => stale),
      loadAssistedSessions(db, period),
      countLateNow(db, today),
    ])
      .then(([requests, sessions, lateNow]) => {
        if (stale || !requests) return;
        setLoaded({ state: 'ready', figures: { period, requests, sessions: sessionStats(sessions, period), lateNow } });
      })
      .catch(() => !stale && setLoaded({ state: 'failed' }));
    return () => {
      stale = true;
    };
  }, [db, settings.alsaceMoselle, period, today, version]);
  return loaded;
}

function chartData(table: StatsTable) {
  return table.rows.map((row) => ({ label: String(row[0]), value: Number(row[1] ?? 0) }));
}

function Card({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="stats-card">
      <dt>{label}</dt>
      <dd className="stats-card__value">{value}</dd>
      {note ? <dd className="stats-card__note">{note}</dd> : null}
    </div>
  );
}

function KeyFigures({ figures }: { figures: Figures }) {
  const { t, i18n } = useTranslation();
  const number = (value: number, digits = 1) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(value);
  const { delays } = figures.requests;
  const known = delays.answeredOnTime + delays.answeredLate + delays.unansweredLate;
  const minutes = figures.sessions.minutesSpent;
  return (
    <section aria-labelledby="stats-cards">
      <h2 id="stats-cards" className="visually-hidden">
        {t('stats.cards.label')}
      </h2>
      <dl className="stats-cards">
        <Card label={t('stats.cards.received')} value={number(figures.requests.total)} />
        <Card
          label={t('stats.cards.median')}
          value={
            delays.medianWorkingDays === null
              ? t('stats.cards.none')
              : t('stats.cards.medianValue', { count: delays.medianWorkingDays, value: number(delays.medianWorkingDays) })
          }
          note={t('stats.cards.medianSample', { count: delays.answered })}
        />
        <Card
          label={t('stats.cards.onTime')}
          value={delays.onTimeShare === null ? t('stats.cards.none') : `${number(delays.onTimeShare * 100)} %`}
          note={t('stats.cards.onTimeSample', { onTime: number(delays.answeredOnTime), count: known })}
        />
        <Card label={t('stats.cards.lateNow')} value={number(figures.lateNow)} note={t('stats.cards.lateNowNote')} />
        <Card
          label={t('stats.cards.sessions')}
          value={number(figures.sessions.total)}
          note={t('stats.cards.sessionsTime', { hours: Math.floor(minutes / 60), minutes: minutes % 60 })}
        />
      </dl>
    </section>
  );
}

function FigureSections({ figures, categories }: { figures: Figures; categories: Map<string, CategoryDoc> }) {
  const { t, i18n } = useTranslation();
  const chartLabel = (table: StatsTable) => t('stats.chart.label', { title: table.title });
  const tables = useMemo(
    () => ({
      byMonth: byMonthTable(figures.requests, t, i18n.language),
      byChannel: byChannelTable(figures.requests, t),
      byCategory: byCategoryTable(figures.requests, categories, t),
      delays: delaysTable(figures.requests, t),
      sessions: sessionsTable(figures.sessions, t),
    }),
    [figures, categories, t, i18n.language],
  );
  const monthBars = figures.requests.byMonth.map((row) => ({ label: shortMonthLabel(row.key, i18n.language), value: row.count }));
  const sessionRows = figures.sessions.byProcedure.map((row) => ({
    label: row.procedureTitle,
    done: row.done,
    toFinish: row.toFinish,
    blocked: row.blocked,
  }));
  const { period } = figures;
  return (
    <>
      <StatsSection table={tables.byMonth} period={period} chart={<ColumnChart data={monthBars} label={chartLabel(tables.byMonth)} />} />
      <div className="grid-2">
        <StatsSection
          table={tables.byChannel}
          period={period}
          chart={<RowChart data={chartData(tables.byChannel)} label={chartLabel(tables.byChannel)} labelWidth={150} />}
        />
        <StatsSection table={tables.delays} period={period} />
      </div>
      <StatsSection
        table={tables.byCategory}
        period={period}
        empty={t('stats.noRequests')}
        chart={<RowChart data={chartData(tables.byCategory)} label={chartLabel(tables.byCategory)} />}
      />
      <StatsSection
        table={tables.sessions}
        period={period}
        empty={t('stats.noSessions')}
        chart={
          <StackedRowChart
            data={sessionRows}
            label={chartLabel(tables.sessions)}
            series={[
              { key: 'done', name: t('stats.columns.done'), pattern: 'solid' },
              { key: 'toFinish', name: t('stats.columns.toFinish'), pattern: 'hatch' },
              { key: 'blocked', name: t('stats.columns.blocked'), pattern: 'dots' },
            ]}
          />
        }
      />
    </>
  );
}

/** Chiffres: the commune's activity for a chosen period, in cards, charts and tables, each exportable to CSV. */
export function StatsScreen() {
  const { t } = useTranslation();
  const today = todayISO();
  const [period, setPeriod] = useState<StatsPeriod>(() => presetPeriod('thisMonth', today));
  const loaded = useFigures(period, today);
  // The category labels are needed by the tables: wait for them rather than show ids.
  const categoryList = useCategories();
  const categories = useMemo(
    () => (categoryList ? new Map(categoryList.map((category) => [category.id, category])) : null),
    [categoryList],
  );
  return (
    <div className="screen stats">
      <ChartPatterns />
      <div className="screen__header">
        <h1>{t('stats.title')}</h1>
        <button type="button" className="button stats-print" onClick={() => window.print()}>
          {t('stats.print')}
        </button>
      </div>
      <PeriodPicker today={today} period={period} onChange={setPeriod} />
      <p className="stats-period">{t('stats.period.shown', { from: formatDate(period.from), to: formatDate(period.to) })}</p>
      <div aria-live="polite" className="stats-progress">
        {loaded.state === 'loading' || !categories ? <p>{t('stats.computing')}</p> : null}
      </div>
      {loaded.state === 'failed' ? (
        <p role="alert" className="notice notice--error">
          {t('stats.failed')}
        </p>
      ) : null}
      {loaded.state === 'ready' && categories ? (
        <>
          <KeyFigures figures={loaded.figures} />
          <FigureSections figures={loaded.figures} categories={categories} />
        </>
      ) : null}
    </div>
  );
}
