import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import type { MangoQuery } from 'rxdb';
import type { RequestDoc } from '../../../domain/model';
import { useApp } from '../app/AppContext';
import { routeHref } from '../app/router';
import { useObservable } from '../db/hooks';
import { OPEN_STATUSES } from '../db/queries';
import { RequestTable } from '../requests/RequestTable';
import { todayISO } from '../ui/format';
import { BackupNotice } from '../backup/BackupNotice';
import { SessionTable } from '../assisted/SessionTable';
import { useFollowUpsDue, useResidentsOf } from '../assisted/repository';
import { citizenDisplayName } from '../db/queries';

const SECTION_LIMIT = 20;

function useRequests(query: MangoQuery<RequestDoc>, key: string): RequestDoc[] | undefined {
  const { db } = useApp();
  return useObservable(
    () => db.requests.find(query).$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as RequestDoc))),
    [db, key],
  );
}

/** One part of Aujourd'hui: its title with a count, then its items, or a line saying there are none. */
function Section<Item>({ id, title, items, empty, children }: { id: string; title: string; items: Item[] | undefined; empty: string; children: (items: Item[]) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="count">{items ? items.length : '…'}</span>
      </h2>
      {items === undefined ? <p>{t('common.loading')}</p> : items.length === 0 ? <p className="muted">{empty}</p> : children(items)}
    </section>
  );
}

function RequestSection({ id, title, requests, empty }: { id: string; title: string; requests: RequestDoc[] | undefined; empty: string }) {
  return (
    <Section id={id} title={title} items={requests} empty={empty}>
      {(found) => <RequestTable requests={found} caption={title} />}
    </Section>
  );
}

/** The assisted sessions whose follow-up date has come: the resident is to be called back. */
function FollowUpsSection({ today }: { today: string }) {
  const { t } = useTranslation();
  const sessions = useFollowUpsDue(today, SECTION_LIMIT);
  const residents = useResidentsOf(sessions);
  const title = t('today.followUps');
  return (
    <Section id="today-follow-ups" title={title} items={sessions} empty={t('today.noneFollowUps')}>
      {(found) => <SessionTable sessions={found} caption={title} residentOf={(session) => citizenDisplayName(residents?.get(session.citizenId)) || '—'} />}
    </Section>
  );
}

/** Aujourd'hui: what needs the secretary now, and one key to record a new request. */
export function TodayScreen() {
  const { t } = useTranslation();
  const today = todayISO();
  const fresh = useRequests({ selector: { status: 'new' }, sort: [{ receivedAt: 'desc' }], limit: SECTION_LIMIT }, 'new');
  const late = useRequests(
    { selector: { status: { $in: OPEN_STATUSES }, dueAt: { $lt: today } }, sort: [{ dueAt: 'asc' }], limit: SECTION_LIMIT },
    `late-${today}`,
  );
  const dueToday = useRequests(
    { selector: { status: { $in: OPEN_STATUSES }, dueAt: today }, sort: [{ receivedAt: 'asc' }], limit: SECTION_LIMIT },
    `due-${today}`,
  );
  const waiting = useRequests(
    { selector: { status: 'waiting_citizen' }, sort: [{ dueAt: 'asc' }], limit: SECTION_LIMIT },
    'waiting',
  );
  return (
    <div className="screen">
      <div className="screen__header">
        <h1>{t('today.title')}</h1>
        <a className="button button--primary" href={routeHref({ name: 'intake' })} aria-keyshortcuts="N Alt+N">
          {t('today.newRequest')} <kbd>N</kbd>
        </a>
      </div>
      <BackupNotice />
      <RequestSection id="today-late" title={t('today.late')} requests={late} empty={t('today.noneLate')} />
      <RequestSection id="today-due" title={t('today.dueToday')} requests={dueToday} empty={t('today.noneDueToday')} />
      <RequestSection id="today-new" title={t('today.new')} requests={fresh} empty={t('today.noneNew')} />
      <RequestSection id="today-waiting" title={t('today.waiting')} requests={waiting} empty={t('today.noneWaiting')} />
      <FollowUpsSection today={today} />
    </div>
  );
}
