import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../domain/calendar';
import { mailRegisterDefinition, mailRegisterEntries } from '../../../domain/documents';
import type { CategoryDoc } from '../../../domain/model';
import { useActor, useApp } from '../session/AppContext';
import { useCategories } from '../session/queries';
import { Field } from '../ui/Field';
import { todayISO } from '../ui/format';
import { issueDocument, type IssueMode, type IssueOutcome } from './issue';
import { toPlain } from '../db/plain';

function firstOfMonth(today: string): string {
  return `${today.slice(0, 8)}01`;
}

/** The mail register (registre du courrier) for a chosen period, printed or saved. */
export function MailRegisterPanel() {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const actor = useActor();
  const categories = useCategories();
  const today = todayISO();
  const [from, setFrom] = useState(firstOfMonth(today));
  const [to, setTo] = useState(today);
  const [error, setError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<IssueOutcome | null>(null);

  async function issue(event: FormEvent, mode: IssueMode) {
    event.preventDefault();
    if (!from || !to || to < from) {
      setError('documents.registerPeriodInvalid');
      return;
    }
    setError(undefined);
    // Letters received in the period: the receivedAt index bounds the read, a day wider on each side
    // because instants are UTC; mailRegisterEntries keeps the exact local days.
    const docs = await db.requests
      .find({
        selector: { channel: 'mail', receivedAt: { $gte: `${addDays(from, -1)}T00:00:00.000Z`, $lte: `${addDays(to, 1)}T23:59:59.999Z` } },
        sort: [{ receivedAt: 'asc' }],
      })
      .exec();
    const requests = docs.map((doc) => toPlain(doc));
    const citizenIds = [...new Set(requests.map((request) => request.citizenId).filter(Boolean))];
    const citizens = [...(await db.citizens.findByIds(citizenIds).exec()).values()].map((doc) => toPlain(doc));
    const entries = mailRegisterEntries({ requests, citizens, categories: (categories ?? []) as CategoryDoc[], from, to });
    setOutcome(
      await issueDocument(
        db,
        actor,
        {
          kind: 'mailRegister',
          key: `${from}-${to}`,
          title: t('documents.mailRegister'),
          definition: () => mailRegisterDefinition({ settings, entries, from, to, issuedOn: today }),
        },
        mode,
      ),
    );
  }

  return (
    <form className="filters" onSubmit={(event) => void issue(event, 'print')} noValidate aria-label={t('documents.mailRegister')}>
      <Field label={t('documents.from')} error={error}>
        {(props) => <input {...props} type="date" value={from} onChange={(event) => setFrom(event.target.value)} />}
      </Field>
      <Field label={t('documents.to')}>
        {(props) => <input {...props} type="date" value={to} onChange={(event) => setTo(event.target.value)} />}
      </Field>
      <button type="submit" className="button button--small" aria-label={t('documents.printNamed', { name: t('documents.mailRegister') })}>
        {t('documents.print')}
      </button>
      <button
        type="button"
        className="button button--small"
        onClick={(event) => void issue(event, 'save')}
        aria-label={t('documents.saveNamed', { name: t('documents.mailRegister') })}
      >
        {t('documents.save')}
      </button>
      {outcome ? (
        <p role={outcome === 'documents.failed' ? 'alert' : 'status'} className="muted">
          {t(outcome)}
        </p>
      ) : null}
    </form>
  );
}
