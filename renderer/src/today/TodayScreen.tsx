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

function Section({ id, title, requests, empty }: { id: string; title: string; requests: RequestDoc[] | undefined; empty: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="count">{requests ? requests.length : '…'}</span>
      </h2>
      {requests === undefined ? (
        <p>{t('common.loading')}</p>
      ) : requests.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <RequestTable requests={requests} caption={title} />
      )}
    </section>
  );
}

/** The assisted sessions whose follow-up date has come: the resident is to be called back. */
function FollowUpsSection({ today }: { today: string }) {
  const { t } = useTranslation();
  const sessions = useFollowUpsDue(today, SECTION_LIMIT);
  const residents = useResidentsOf(sessions);
  return (
    <section className="panel" aria-labelledby="today-follow-ups">
      <h2 id="today-follow-ups">
        {t('today.followUps')} <span className="count">{sessions ? sessions.length : '…'}</span>
      </h2>
      {sessions === undefined ? (
        <p>{t('common.loading')}</p>
      ) : sessions.length === 0 ? (
        <p className="muted">{t('today.noneFollowUps')}</p>
      ) : (
        <SessionTable sessions={sessions} caption={t('today.followUps')} residentOf={(session) => citizenDisplayName(residents?.get(session.citizenId)) || '—'} />
      )}
    </section>
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
      <Section id="today-late" title={t('today.late')} requests={late} empty={t('today.noneLate')} />
      <Section id="today-due" title={t('today.dueToday')} requests={dueToday} empty={t('today.noneDueToday')} />
      <Section id="today-new" title={t('today.new')} requests={fresh} empty={t('today.noneNew')} />
      <Section id="today-waiting" title={t('today.waiting')} requests={waiting} empty={t('today.noneWaiting')} />
      <FollowUpsSection today={today} />
    </div>
  );
}
