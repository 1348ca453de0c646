import { useTranslation } from 'react-i18next';
import { sessionProgress } from '../../../domain/assisted';
import { localDateOf } from '../../../domain/calendar';
import type { AssistedSessionDoc, CitizenDoc, ProcedureDoc } from '../../../domain/model';
import { FollowUpSheetPanel } from '../documents';
import { OutcomePanel } from './OutcomePanel';
import { Panel } from './Panel';
import { ProcedurePanel } from './ProcedurePanel';
import { StepsPanel } from './StepsPanel';
import { TimePanel } from './TimePanel';
import { type SaveOutcome, useSessionForm } from './useSessionForm';
import { useSessionTimer } from './useSessionTimer';

/** The session's form (steps, procedure, time, outcome and follow-up, saved together) and the printed sheet. */
export function SessionForm({
  session,
  procedure,
  citizen,
}: {
  session: AssistedSessionDoc;
  procedure: ProcedureDoc | null;
  citizen: CitizenDoc | null;
}) {
  const { t } = useTranslation();
  const { form, errors, outcome, dirty, busy, startsTimed, update, addTimedMinutes, submit } = useSessionForm(session, procedure);
  const timer = useSessionTimer(addTimedMinutes, startsTimed);
  const sessionDate = localDateOf(session.startedAt);
  const steps = procedure?.steps ?? [];
  const progress = sessionProgress({ steps }, form.stepsDone);
  return (
    <>
      <form
        className="form"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label={t('assisted.session.title', { procedure: session.procedureTitle })}
      >
        <div className="grid-2">
          <StepsPanel steps={steps} stepsDone={form.stepsDone} progress={progress} onChange={(stepsDone) => update({ stepsDone })} />
          <ProcedurePanel procedure={procedure} />
        </div>
        <TimePanel timer={timer} minutes={form.minutes} error={errors.minutesSpent} onMinutesTyped={(minutes) => update({ minutes })} />
        <OutcomePanel form={form} errors={errors} missingRequired={progress.missingRequired} sessionDate={sessionDate} update={update} />
        <SaveNotice outcome={outcome} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('common.saving') : t('assisted.session.save')}
          </button>
        </div>
      </form>
      <Panel id="assisted-sheet" title={t('assisted.session.sheet')}>
        <p className="muted">{t('assisted.session.sheetHint')}</p>
        {dirty ? <p className="notice notice--warn">{t('assisted.session.unsaved')}</p> : null}
        <FollowUpSheetPanel session={session} procedure={procedure} citizen={citizen} />
      </Panel>
    </>
  );
}

/** What the last save said: "saved" as a status, a refusal or a failure as an alert. */
function SaveNotice({ outcome }: { outcome: SaveOutcome }) {
  const { t } = useTranslation();
  if (outcome.kind === 'saved') {
    return (
      <p role="status" className="notice notice--ok">
        {t('assisted.session.saved')}
      </p>
    );
  }
  if (outcome.kind === 'error') {
    return (
      <p role="alert" className="notice notice--error">
        {t(outcome.message)}
      </p>
    );
  }
  return null;
}
