import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import type { MangoQuery } from 'rxdb';
import type { RequestDoc } from '../../../domain/model';
import { useApp } from '../session/AppContext';
import { routeHref } from '../session/router';
import { useObservable } from '../db/hooks';
import { buildRequestQuery, presetFilters, type RequestPreset } from '../db/request-filters';
import { RequestTable } from '../requests';
import { todayISO } from '../ui/format';
import { BackupNotice } from '../backup';
import { SessionTable } from '../assisted';
import { useFollowUpsDue, useResidentsOf } from '../assisted';
import { citizenDisplayName } from '../../../domain/citizens';
import { toPlain } from '../db/plain';

/** How many rows a section shows; it says how many more there are and leads to them. */
export const SECTION_LIMIT = 20;

/** A first page of the list Demandes shows on the same preset, and the true count of that list. */
function usePresetRequests(preset: RequestPreset, today: string): { requests: RequestDoc[] | undefined; total: number | undefined } {
  const { db } = useApp();
  const query: MangoQuery<RequestDoc> = buildRequestQuery(presetFilters(preset), today, null, SECTION_LIMIT);
  const key = `${preset}-${today}`;
  const requests = useObservable(() => db.requests.find(query).$.pipe(map((docs) => docs.map((doc) => toPlain(doc)))), [db, key]);
  const total = useObservable(() => db.requests.count({ selector: query.selector }).$, [db, key]);
  return { requests, total };
}

interface SectionProps<Item> {
  id: string;
  title: string;
  items: Item[] | undefined;
  /** the true count of the list, of which `items` may be a first page */
  total: number | undefined;
  empty: string;
  /** what leads to the rest when `items` is a first page */
  more: (hidden: number) => ReactNode;
  children: (items: Item[]) => ReactNode;
}

/** One part of Aujourd'hui: its title with the true count, its first items, and how many more with a way to them. */
function Section<Item>({ id, title, items, total, empty, more, children }: SectionProps<Item>) {
  const { t } = useTranslation();
  const hidden = items && total !== undefined ? total - items.length : 0;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="count">{total ?? '…'}</span>
      </h2>
      {items === undefined ? <p>{t('common.loading')}</p> : items.length === 0 ? <p className="muted">{empty}</p> : children(items)}
      {hidden > 0 ? <p>{more(hidden)}</p> : null}
    </section>
  );
}

function RequestSection({
  id,
  title,
  preset,
  today,
  empty,
}: {
  id: string;
  title: string;
  preset: RequestPreset;
  today: string;
  empty: string;
}) {
  const { t } = useTranslation();
  const { requests, total } = usePresetRequests(preset, today);
  return (
    <Section
      id={id}
      title={title}
      items={requests}
      total={total}
      empty={empty}
      more={(hidden) => <a href={routeHref({ name: 'requests', preset })}>{t('today.more', { count: hidden, total })}</a>}
    >
      {(found) => <RequestTable requests={found} caption={title} />}
    </Section>
  );
}

/** The assisted sessions whose follow-up date has come: the resident is to be called back. No other screen lists them, so the rest opens here. */
function FollowUpsSection({ today }: { today: string }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const due = useFollowUpsDue(today);
  const sessions = all ? due : due?.slice(0, SECTION_LIMIT);
  const residents = useResidentsOf(sessions);
  const title = t('today.followUps');
  return (
    <Section
      id="today-follow-ups"
      title={title}
      items={sessions}
      total={due?.length}
      empty={t('today.noneFollowUps')}
      more={(hidden) => (
        <button type="button" className="button button--small" onClick={() => setAll(true)}>
          {t('today.showMore', { count: hidden })}
        </button>
      )}
    >
      {(found) => (
        <SessionTable
          sessions={found}
          caption={title}
          residentOf={(session) => citizenDisplayName(residents?.get(session.citizenId)) || '—'}
        />
      )}
    </Section>
  );
}

/** Aujourd'hui: what needs the secretary now, and one key to record a new request. */
export function TodayScreen() {
  const { t } = useTranslation();
  const today = todayISO();
  return (
    <div className="screen">
      <div className="screen__header">
        <h1>{t('today.title')}</h1>
        <a className="button button--primary" href={routeHref({ name: 'intake' })} aria-keyshortcuts="N Alt+N">
          {t('today.newRequest')} <kbd>N</kbd>
        </a>
      </div>
      <BackupNotice />
      <RequestSection id="today-late" title={t('today.late')} preset="late" today={today} empty={t('today.noneLate')} />
      <RequestSection id="today-due" title={t('today.dueToday')} preset="dueToday" today={today} empty={t('today.noneDueToday')} />
      <RequestSection id="today-new" title={t('today.new')} preset="new" today={today} empty={t('today.noneNew')} />
      <RequestSection id="today-waiting" title={t('today.waiting')} preset="waiting" today={today} empty={t('today.noneWaiting')} />
      <FollowUpsSection today={today} />
    </div>
  );
}
