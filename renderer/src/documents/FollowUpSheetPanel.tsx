import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { followUpSheetDefinition } from '../../../domain/documents';
import type { AssistedSessionDoc, CitizenDoc, ProcedureDoc } from '../../../domain/model';
import { useActor, useApp } from '../session/AppContext';
import { journal } from '../db/journal';
import { todayISO } from '../ui/format';
import { issueDocument, type IssueMode, type IssueOutcome } from './issue';

/**
 * The follow-up sheet of an assisted session (fiche de suivi), printed or
 * saved as a PDF from the session as it is stored: what the secretary has
 * not saved yet is not on it. Its issue is journaled on the resident's file.
 */
export function FollowUpSheetPanel({
  session,
  procedure,
  citizen,
}: {
  session: AssistedSessionDoc;
  procedure: ProcedureDoc | null;
  citizen: CitizenDoc | null;
}) {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const actor = useActor();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<IssueOutcome | null>(null);
  const name = t('assisted.session.sheet');

  async function issue(mode: IssueMode) {
    setBusy(true);
    setOutcome(null);
    const key = `${citizen?.lastName ?? ''} ${session.startedAt.slice(0, 10)}`;
    const definition = () => followUpSheetDefinition({ settings, session, procedure, citizen, issuedOn: todayISO() });
    const result = await issueDocument(
      db,
      actor,
      { kind: 'followUpSheet', key, title: `${name} ${session.procedureTitle}`, definition },
      mode,
    );
    if (result !== 'documents.failed' && result !== 'documents.cancelled') {
      await journal(db, actor, { type: 'document_issued', citizenId: session.citizenId, text: 'followUpSheet' }).catch(() => undefined);
    }
    setOutcome(result);
    setBusy(false);
  }

  return (
    <div>
      <div className="actions actions--inline">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => void issue('print')}
          aria-label={t('documents.printNamed', { name })}
        >
          {t('documents.print')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void issue('save')}
          aria-label={t('documents.saveNamed', { name })}
        >
          {t('documents.save')}
        </button>
      </div>
      {busy ? <p role="status">{t('documents.preparing')}</p> : null}
      {outcome ? (
        <p
          role={outcome === 'documents.failed' ? 'alert' : 'status'}
          className={`notice notice--${outcome === 'documents.failed' ? 'error' : 'ok'}`}
        >
          {t(outcome)}
        </p>
      ) : null}
    </div>
  );
}
