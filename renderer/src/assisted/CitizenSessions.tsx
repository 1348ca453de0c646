import { useTranslation } from 'react-i18next';
import { routeHref } from '../session/router';
import { SessionTable } from './SessionTable';
import { useSessionsOf } from './repository';

/** The resident's assisted sessions in their 360° file, and where to start a new one. */
export function CitizenSessions({ citizenId, name, canStart }: { citizenId: string; name: string; canStart: boolean }) {
  const { t } = useTranslation();
  const sessions = useSessionsOf(citizenId);
  return (
    <div>
      {canStart ? (
        <p>
          <a className="button button--primary" href={routeHref({ name: 'assisted', citizenId })}>
            {t('assisted.file.start')}
          </a>
        </p>
      ) : null}
      {sessions === undefined ? (
        <p>{t('common.loading')}</p>
      ) : sessions.length === 0 ? (
        <p className="muted">{t('assisted.file.none')}</p>
      ) : (
        <SessionTable sessions={sessions} caption={t('assisted.file.caption', { name })} />
      )}
    </div>
  );
}
