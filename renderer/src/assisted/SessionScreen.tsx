import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import { citizenDisplayName } from '../../../domain/citizens';
import { useObservable } from '../db/hooks';
import { toPlain } from '../db/plain';
import { useApp } from '../session/AppContext';
import { routeHref } from '../session/router';
import { formatDateTime } from '../ui/format';
import { LargeDisplayToggle } from './LargeDisplayToggle';
import { useLargeDisplay } from './large-display';
import { SessionForm } from './SessionForm';
import { useSession } from './repository';

/** One assisted session: steps ticked one by one, time spent, outcome, follow-up, and the printed sheet. */
export function SessionScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const session = useSession(id);
  const procedure = useObservable(
    () => db.procedures.findOne(session?.procedureId ?? '__none__').$.pipe(map((doc) => (doc ? toPlain(doc) : null))),
    [db, session?.procedureId],
  );
  const citizen = useObservable(
    () => db.citizens.findOne(session?.citizenId ?? '__none__').$.pipe(map((doc) => (doc ? toPlain(doc) : null))),
    [db, session?.citizenId],
  );
  const [large, setLarge] = useLargeDisplay();

  if (session === undefined || (session && (procedure === undefined || citizen === undefined))) return <p>{t('common.loading')}</p>;
  if (session === null) {
    return (
      <div className="screen">
        <h1>{t('assisted.title')}</h1>
        <p role="alert">{t('assisted.session.notFound')}</p>
        <a href={routeHref({ name: 'assisted' })}>{t('assisted.session.backToList')}</a>
      </div>
    );
  }
  const name = citizen ? citizenDisplayName(citizen) || t('citizens.unnamed') : '—';
  return (
    <div className={large ? 'screen assisted assisted--large' : 'screen assisted'} data-testid="assisted-session">
      <div className="screen__header">
        <div>
          <p className="muted">
            {citizen ? <a href={routeHref({ name: 'citizen', id: citizen.id })}>{t('assisted.session.backToFile')}</a> : null}{' '}
            <a href={routeHref({ name: 'assisted' })}>{t('assisted.session.backToList')}</a>
          </p>
          <h1>{t('assisted.session.title', { procedure: session.procedureTitle })}</h1>
          <p className="assisted__for">{t('assisted.session.for', { name })}</p>
          <p className="muted">{t('assisted.session.startedAt', { date: formatDateTime(session.startedAt), agent: session.agentName })}</p>
        </div>
        <LargeDisplayToggle on={large} onChange={setLarge} />
      </div>
      <p className="notice notice--warn assisted__no-secret">{t('assisted.session.noSecret')}</p>
      <SessionForm key={session.id} session={session} procedure={procedure ?? null} citizen={citizen ?? null} />
    </div>
  );
}
