import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import { CHANNELS, COMPETENCES, STATUSES } from '../../../domain/model';
import { useApp } from '../session/AppContext';
import { useObservable } from '../db/hooks';
import { OPEN_STATUSES, useCategories } from '../session/queries';
import { MailRegisterPanel } from '../documents';
import { Field } from '../ui/Field';
import { todayISO } from '../ui/format';
import { buildRequestQuery, DEFAULT_FILTERS, presetFilters, type RequestFilters, type RequestPreset } from '../db/request-filters';
import { RequestTable } from './RequestTable';
import { toPlain } from '../db/plain';

const PAGE = 50;
const FILTERS_KEY = 'guichet.requestFilters';

function savedFilters(): RequestFilters {
  try {
    return { ...DEFAULT_FILTERS, ...(JSON.parse(sessionStorage.getItem(FILTERS_KEY) ?? '{}') as Partial<RequestFilters>) };
  } catch {
    return DEFAULT_FILTERS;
  }
}

/** Ids matching the words typed, from the in-memory index, recomputed as the index fills. */
function useSearchIds(query: string): string[] | null {
  const { searchIndex } = useApp();
  const [ids, setIds] = useState<string[] | null>(null);
  useEffect(() => {
    if (!query.trim()) {
      setIds(null);
      return;
    }
    let cancelled = false;
    setIds(searchIndex.search(query));
    if (!searchIndex.ready) void searchIndex.load().then(() => !cancelled && setIds(searchIndex.search(query)));
    return () => {
      cancelled = true;
    };
  }, [query, searchIndex]);
  return ids;
}

/** Demandes: every request, filtered, searched and sorted, with counts. */
export function RequestListScreen({ preset }: { preset?: RequestPreset | undefined }) {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const categories = useCategories();
  const [filters, setFilters] = useState<RequestFilters>(() => (preset ? presetFilters(preset) : savedFilters()));
  const [query, setQuery] = useState('');
  const [pages, setPages] = useState(1);
  const ids = useSearchIds(query);
  const today = todayISO();

  useEffect(() => sessionStorage.setItem(FILTERS_KEY, JSON.stringify(filters)), [filters]);
  useEffect(() => setPages(1), [filters, query]);

  const queryKey = JSON.stringify([filters, ids, pages, today]);
  const requests = useObservable(
    () => db.requests.find(buildRequestQuery(filters, today, ids, PAGE * pages)).$.pipe(map((docs) => docs.map((doc) => toPlain(doc)))),
    [db, queryKey],
  );
  const total = useObservable(() => db.requests.count(countQuery(filters, today, ids)).$, [db, queryKey]);

  const set = <K extends keyof RequestFilters>(key: K, value: RequestFilters[K]) => setFilters((current) => ({ ...current, [key]: value }));
  const option = (value: string, label: string) => (
    <option key={value} value={value}>
      {label}
    </option>
  );

  return (
    <div className="screen">
      <div className="screen__header">
        <h1>{t('requests.title')}</h1>
      </div>
      <div className="panel">
        <Field label={t('requests.search')} hint={t('requests.searchHint')}>
          {(props) => <input {...props} type="search" value={query} onChange={(event) => setQuery(event.target.value)} autoFocus />}
        </Field>
        <div className="filters" role="group" aria-label={t('requests.filters')}>
          <Field label={t('request.status')}>
            {(props) => (
              <select {...props} value={filters.status} onChange={(event) => set('status', event.target.value as RequestFilters['status'])}>
                {option('', t('requests.all'))}
                {/* the name lists exactly the statuses the filter holds (issue 13: « non closes » also hid Répondue) */}
                {option('open', t('requests.open', { statuses: OPEN_STATUSES.map((status) => t(`status.${status}`)).join(', ') }))}
                {STATUSES.map((status) => option(status, t(`status.${status}`)))}
              </select>
            )}
          </Field>
          <Field label={t('request.channel')}>
            {(props) => (
              <select
                {...props}
                value={filters.channel}
                onChange={(event) => set('channel', event.target.value as RequestFilters['channel'])}
              >
                {option('', t('requests.all'))}
                {CHANNELS.map((channel) => option(channel, t(`channel.${channel}`)))}
              </select>
            )}
          </Field>
          <Field label={t('request.category')}>
            {(props) => (
              <select {...props} value={filters.categoryId} onChange={(event) => set('categoryId', event.target.value)}>
                {option('', t('requests.all'))}
                {(categories ?? []).map((category) => option(category.id, category.label))}
              </select>
            )}
          </Field>
          <Field label={t('request.competence')}>
            {(props) => (
              <select
                {...props}
                value={filters.competence}
                onChange={(event) => set('competence', event.target.value as RequestFilters['competence'])}
              >
                {option('', t('requests.all'))}
                {COMPETENCES.map((competence) => option(competence, t(`competence.${competence}`)))}
              </select>
            )}
          </Field>
          <Field label={t('request.assignee')}>
            {(props) => (
              <select {...props} value={filters.assigneeId} onChange={(event) => set('assigneeId', event.target.value)}>
                {option('', t('requests.all'))}
                {settings.users.map((user) => option(user.id, user.name))}
              </select>
            )}
          </Field>
          <Field label={t('requests.sort')}>
            {(props) => (
              <select {...props} value={filters.sort} onChange={(event) => set('sort', event.target.value as RequestFilters['sort'])}>
                {option('dueAt', t('requests.sortDue'))}
                {option('receivedAt', t('requests.sortReceived'))}
                {option('reference', t('requests.sortReference'))}
              </select>
            )}
          </Field>
          <label className="checkbox">
            <input type="checkbox" checked={filters.lateOnly} onChange={(event) => set('lateOnly', event.target.checked)} />
            {t('requests.lateOnly')}
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={filters.dueToday} onChange={(event) => set('dueToday', event.target.checked)} />
            {t('requests.dueTodayOnly')}
          </label>
          <button type="button" className="button button--small" onClick={() => setFilters(DEFAULT_FILTERS)}>
            {t('requests.resetFilters')}
          </button>
        </div>
      </div>
      <details className="panel">
        <summary>{t('documents.mailRegister')}</summary>
        <MailRegisterPanel />
      </details>
      <p role="status" aria-live="polite">
        {total === undefined ? t('common.loading') : t('requests.count', { count: total })}
      </p>
      {requests && requests.length > 0 ? <RequestTable requests={requests} caption={t('requests.title')} /> : null}
      {requests && requests.length === 0 ? <p className="muted">{t('requests.none')}</p> : null}
      {requests && total !== undefined && requests.length < total ? (
        <button type="button" className="button" onClick={() => setPages((current) => current + 1)}>
          {t('requests.more')}
        </button>
      ) : null}
    </div>
  );
}

function countQuery(filters: RequestFilters, today: string, ids: string[] | null) {
  const { selector } = buildRequestQuery(filters, today, ids, 1);
  return { selector };
}
