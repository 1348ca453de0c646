import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDoc, RequestStatus } from '../../../domain/model';
import { allowedTransitions, transitionNeedsReason, TRANSITION_ERRORS } from '../../../domain/statuses';
import { useActor, useApp } from '../session/AppContext';
import { Field } from '../ui/Field';
import { changeStatus } from './repository';

/** The refusals a reason would lift: shown under « Motif »; the others under the status chosen. */
const REASON_ERRORS: ReadonlySet<string> = new Set([TRANSITION_ERRORS.reasonRequired, TRANSITION_ERRORS.closeNeedsAnswerOrReason]);

/** Moves the request on: only the transitions the rules allow are offered; a reason when one is needed. */
export function StatusPanel({ request, onAnswerRequired }: { request: RequestDoc; onAnswerRequired: () => void }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const actor = useActor();
  const targets = allowedTransitions(request.status);
  const [to, setTo] = useState<RequestStatus | ''>('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (!to) {
      setError('errors.chooseStatus');
      return;
    }
    const result = await changeStatus(db, request.id, to, reason.trim(), actor);
    if (!result.ok && result.error === TRANSITION_ERRORS.answerRequired) {
      // what is missing is the answer: say so where it is written
      setError(undefined);
      onAnswerRequired();
      return;
    }
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(undefined);
    setTo('');
    setReason('');
    setDone(t('request.statusChanged', { status: t(`status.${result.request.status}`) }));
  }

  if (targets.length === 0) return <p className="muted">{t('request.noTransition')}</p>;
  const needsReason = to !== '' && transitionNeedsReason(request.status, to);
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <div className="row">
        <Field label={t('request.newStatus')} error={error && !REASON_ERRORS.has(error) ? error : undefined}>
          {(props) => (
            <select {...props} value={to} onChange={(event) => setTo(event.target.value as RequestStatus | '')}>
              <option value="">{t('intake.choose')}</option>
              {targets.map((status) => (
                <option key={status} value={status}>
                  {t(`status.${status}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('request.reason')} error={error && REASON_ERRORS.has(error) ? error : undefined} required={needsReason}>
          {(props) => <input {...props} value={reason} onChange={(event) => setReason(event.target.value)} />}
        </Field>
      </div>
      <button type="submit" className="button button--primary">
        {t('request.changeStatus')}
      </button>
      {done ? (
        <p role="status" className="notice notice--ok">
          {done}
        </p>
      ) : null}
    </form>
  );
}
