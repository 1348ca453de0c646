import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDoc } from '../../../domain/model';
import { isOpen } from '../../../domain/statuses';
import { useActor, useApp } from '../session/AppContext';
import { changeStatus } from './repository';
import { formatDateTime } from '../ui/format';
import { useApprovalState } from '../approval';

/**
 * What the secretary sees under the answer of a request that needs the
 * mayor: that it waits for the mayor (and why it cannot go out yet), that it
 * was sent back, or that it is approved, with the button that sends it.
 */
export function MayorApprovalNotice({ request }: { request: RequestDoc }) {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const actor = useActor();
  const state = useApprovalState(request);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);

  async function send() {
    const result = await changeStatus(db, request.id, 'answered', '', actor);
    setOutcome(result.ok ? { ok: true, message: 'council.sent' } : { ok: false, message: result.error });
  }

  if (state === 'not_needed') return null;
  const approver = settings.users.find((user) => user.id === request.answer?.approvedBy)?.name ?? '';
  return (
    <div>
      {state === 'awaiting_answer' ? <p className="notice notice--warn">{t('request.waitsForMayor')}</p> : null}
      {state === 'awaiting_mayor' ? (
        <p className="notice notice--warn">
          <strong>{t('council.state.awaiting_mayor')}.</strong> {t('council.error.awaitingMayor')}
        </p>
      ) : null}
      {state === 'returned' ? (
        <p className="notice notice--warn">
          <strong>{t('council.state.returned')}.</strong> {t('council.error.returned')}
        </p>
      ) : null}
      {state === 'approved' ? (
        <div className="notice notice--ok">
          <p>
            <strong>{t('council.state.approved')}</strong>{' '}
            {approver ? `(${approver}, ${formatDateTime(request.answer?.approvedAt)})` : null}
          </p>
          {isOpen(request.status) ? (
            <button type="button" className="button button--primary" onClick={() => void send()}>
              {t('council.send')}
            </button>
          ) : null}
        </div>
      ) : null}
      {outcome ? (
        <p role={outcome.ok ? 'status' : 'alert'} className={`notice notice--${outcome.ok ? 'ok' : 'error'}`}>
          {t(outcome.message)}
        </p>
      ) : null}
    </div>
  );
}
