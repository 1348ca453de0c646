import { useTranslation } from 'react-i18next';
import { map, of } from 'rxjs';
import { ConflictLines } from '../ui/ConflictLines';
import { useApp } from '../session/AppContext';
import { useObservable } from '../db/hooks';
import { formatDateTime } from '../ui/format';
import { journalLine, journalText } from './journal-line';
import { toPlain } from '../db/plain';

/** The journal of a request or a resident, oldest first: who did what, when, and why. */
export function Journal({ requestId, citizenId }: { requestId?: string; citizenId?: string }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const events = useObservable(
    () =>
      db.events
        .find({ selector: requestId ? { requestId } : { citizenId: citizenId ?? '' }, sort: [{ at: 'asc' }] })
        .$.pipe(map((docs) => docs.map((doc) => toPlain(doc)))),
    [db, requestId, citizenId],
  );
  // On a resident's file, lines of several requests meet: each says which request it is about.
  const references = useObservable(
    () =>
      citizenId
        ? db.requests.find({ selector: { citizenId } }).$.pipe(map((docs) => new Map(docs.map((doc) => [doc.id, doc.reference] as const))))
        : of(new Map<string, string>()),
    [db, citizenId],
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
          <div>{journalLine(event, t, citizenId ? references?.get(event.requestId) : '')}</div>
          {event.type === 'conflict' ? <ConflictLines text={event.text} /> : null}
          {journalText(event) ? <div className="journal__text">{journalText(event)}</div> : null}
        </li>
      ))}
    </ol>
  );
}
