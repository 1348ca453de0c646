import { useTranslation } from 'react-i18next';
import type { AssistedSessionDoc } from '../../../domain/model';
import { routeHref } from '../session/router';
import { formatDate } from '../ui/format';

/** Sessions as a table: on Aujourd'hui and the Accompagnement screen (with the resident), and in the resident's file (without). */
export function SessionTable({
  sessions,
  caption,
  residentOf,
}: {
  sessions: AssistedSessionDoc[];
  caption: string;
  residentOf?: (session: AssistedSessionDoc) => string;
}) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('assisted.table.date')}</th>
          <th scope="col">{t('assisted.table.procedure')}</th>
          {residentOf ? <th scope="col">{t('assisted.table.resident')}</th> : null}
          <th scope="col">{t('assisted.table.outcome')}</th>
          <th scope="col">{t('assisted.table.minutes')}</th>
          <th scope="col">{t('assisted.table.followUp')}</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((session) => (
          <tr key={session.id}>
            <td>{formatDate(session.startedAt)}</td>
            <th scope="row">
              <a
                href={routeHref({ name: 'assisted', sessionId: session.id })}
                aria-label={t('assisted.table.openNamed', { procedure: session.procedureTitle, date: formatDate(session.startedAt) })}
              >
                {session.procedureTitle}
              </a>
            </th>
            {residentOf ? <td>{residentOf(session)}</td> : null}
            <td>{t(`assisted.outcomes.${session.outcome}`)}</td>
            <td>{t('assisted.minutesShort', { count: session.minutesSpent })}</td>
            <td>{session.followUpDate ? formatDate(session.followUpDate) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
