import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  acknowledgementDefinition,
  depositReceiptDefinition,
  replyLetterDefinition,
  type DocumentDefinition,
  type DocumentKind,
} from '../../../domain/documents';
import type { CategoryDoc, CitizenDoc, RequestDoc } from '../../../domain/model';
import { useActor, useApp } from '../session/AppContext';
import { todayISO } from '../ui/format';
import { issueDocument, type IssueMode, type IssueOutcome } from './issue';
import { releaseRefusal } from '../../../domain/council';
import { useApprovalState } from '../approval';

interface Offered {
  kind: DocumentKind;
  label: string;
  definition: () => DocumentDefinition;
}

/**
 * The documents of a request: the legal acknowledgement of receipt (for
 * categories that need one), the counter's deposit receipt, the reply letter
 * once an answer is recorded. Each can be printed or saved as a PDF.
 */
export function DocumentsPanel({
  request,
  citizen,
  category,
}: {
  request: RequestDoc;
  citizen: CitizenDoc | null;
  category: CategoryDoc | undefined;
}) {
  const { t } = useTranslation();
  const { db, settings, currentUser } = useApp();
  const actor = useActor();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<IssueOutcome | null>(null);
  // The reply letter is the answer going out: not before the mayor's approval (domain/council.ts).
  const letterHeld = releaseRefusal(useApprovalState(request), { document: 'replyLetter' }, request.answer !== null);
  if (!category) return null;
  const issuedOn = todayISO();
  const common = { settings, citizen, issuedOn };

  const offered: Offered[] = [];
  if (category.needsAcknowledgement) {
    offered.push({
      kind: 'acknowledgement',
      label: t('documents.acknowledgement'),
      definition: () => acknowledgementDefinition({ ...common, request, category, agentName: currentUser.name }),
    });
  }
  offered.push({
    kind: 'depositReceipt',
    label: t('documents.depositReceipt'),
    definition: () => depositReceiptDefinition({ ...common, request, category }),
  });
  if (request.answer && !letterHeld) {
    const body = request.answer.text;
    offered.push({
      kind: 'replyLetter',
      label: t('documents.replyLetter'),
      definition: () => replyLetterDefinition({ ...common, request, body, agentName: currentUser.name }),
    });
  }

  async function issue(document: Offered, mode: IssueMode) {
    setBusy(true);
    setOutcome(null);
    setOutcome(
      await issueDocument(
        db,
        actor,
        {
          kind: document.kind,
          key: request.reference,
          title: `${document.label} ${request.reference}`,
          definition: document.definition,
          requestId: request.id,
          citizenId: request.citizenId,
        },
        mode,
      ),
    );
    setBusy(false);
  }

  return (
    <div>
      <ul className="documents">
        {offered.map((document) => (
          <li key={document.kind}>
            <span>{document.label}</span>
            <span className="actions actions--inline">
              <button
                type="button"
                className="button button--small"
                disabled={busy}
                onClick={() => void issue(document, 'print')}
                aria-label={t('documents.printNamed', { name: document.label })}
              >
                {t('documents.print')}
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={busy}
                onClick={() => void issue(document, 'save')}
                aria-label={t('documents.saveNamed', { name: document.label })}
              >
                {t('documents.save')}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {request.answer && letterHeld ? (
        <p className="notice notice--warn">
          {t('documents.replyLetter')} : {t(letterHeld)}
        </p>
      ) : null}
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
