import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import type { EventDoc } from '../../../domain/model';
import { ConflictLines } from '../sync/ConflictLines';
import { useApp } from '../app/AppContext';
import { useObservable } from '../db/hooks';
import { formatDateTime } from '../ui/format';
import { isCouncilNote } from '../../../domain/council';

/** The journal of a request or a resident, oldest first: who did what, when, and why. */
export function Journal({ requestId, citizenId }: { requestId?: string; citizenId?: string }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const events = useObservable(
    () =>
      db.events
        .find({ selector: requestId ? { requestId } : { citizenId: citizenId ?? '' }, sort: [{ at: 'asc' }] })
        .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as EventDoc))),
    [db, requestId, citizenId],
  );
  if (!events) return <p>{t('common.loading')}</p>;
  if (events.length === 0) return <p className="muted">{t('journal.empty')}</p>;
  return (
    <ol className="journal">
      {events.map((event) => (
        <li key={event.id} className={event.type === 'conflict' ? 'journal__conflict' : undefined}>
          <div className="journal__meta">
            {formatDateTime(event.at)} · {event.actorName}
          </div>
          <div>{describeEvent(event, t)}</div>
          {event.type === 'conflict' ? <ConflictLines text={event.text} /> : null}
          {event.text && event.type !== 'attachment_added' && event.type !== 'conflict' ? <div className="journal__text">{event.text}</div> : null}
        </li>
      ))}
    </ol>
  );
}

function describeEvent(event: EventDoc, t: (key: string, options?: Record<string, unknown>) => string): string {
  switch (event.type) {
    case 'status_changed':
      return t('journal.status_changed', {
        from: event.fromStatus ? t(`status.${event.fromStatus}`) : '—',
        to: event.toStatus ? t(`status.${event.toStatus}`) : '—',
      });
    case 'updated':
    case 'conflict':
      return t(`journal.${event.type}`, { fields: event.fields.map((field) => t(`fields.${field}`, { defaultValue: field })).join(', ') });
    case 'note':
      return isCouncilNote(event) ? t('council.journalNote') : t('journal.note');
    case 'attachment_added':
      return t('journal.attachment_added', { count: Number(event.text) || 1 });
    default:
      return t(`journal.${event.type}`);
  }
}
