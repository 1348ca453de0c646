import { useTranslation } from 'react-i18next';
import { suggestedFollowUpDate, type SessionErrors } from '../../../domain/assisted';
import { ASSISTED_OUTCOMES, type ProcedureStep } from '../../../domain/model';
import type { SessionFormValues } from '../../../domain/session-form';
import { FollowUpFields } from './FollowUpFields';
import { Panel } from './Panel';
import { SecretCheckedText } from './SecretCheckedText';

interface OutcomeProps {
  form: SessionFormValues;
  errors: SessionErrors;
  /** required steps not ticked: "done" then asks for a confirmation */
  missingRequired: ProcedureStep[];
  sessionDate: string;
  update: (patch: Partial<SessionFormValues>) => void;
}

/** How the session ended, what is left to do, and the follow-up. */
export function OutcomePanel({ form, errors, missingRequired, sessionDate, update }: OutcomeProps) {
  const { t } = useTranslation();
  return (
    <Panel id="assisted-outcome" title={t('assisted.session.outcome')}>
      <OutcomeChoice form={form} errors={errors} sessionDate={sessionDate} update={update} />
      {form.outcome === 'done' && missingRequired.length > 0 ? (
        <ConfirmDone missingRequired={missingRequired} confirmed={form.confirmedDone} invalid={Boolean(errors.outcome)} update={update} />
      ) : null}
      {errors.outcome ? (
        <p id="assisted-outcome-error" className="field__error" role="alert">
          {t(errors.outcome)}
        </p>
      ) : null}
      {form.outcome === 'blocked' ? (
        <SecretCheckedText
          label={t('assisted.session.blockedReason')}
          value={form.blockedReason}
          error={errors.blockedReason}
          required
          onChange={(blockedReason) => update({ blockedReason })}
        />
      ) : null}
      <SecretCheckedText
        label={t('assisted.session.nextSteps')}
        value={form.nextSteps}
        error={errors.nextSteps}
        multiline
        onChange={(nextSteps) => update({ nextSteps })}
      />
      <SecretCheckedText
        label={t('assisted.session.documentsNextTime')}
        value={form.documentsNextTime}
        error={errors.documentsNextTime}
        multiline
        onChange={(documentsNextTime) => update({ documentsNextTime })}
      />
      <FollowUpFields form={form} errors={errors} sessionDate={sessionDate} update={update} />
    </Panel>
  );
}

/** The outcomes as radio buttons; choosing one fills in its follow-up date if none is set yet. */
function OutcomeChoice({ form, errors, sessionDate, update }: Omit<OutcomeProps, 'missingRequired'>) {
  const { t } = useTranslation();
  return (
    <fieldset aria-describedby={errors.outcome ? 'assisted-outcome-error' : undefined}>
      <legend>{t('assisted.session.outcome')}</legend>
      {ASSISTED_OUTCOMES.map((outcome) => (
        <label key={outcome} className="checkbox">
          <input
            type="radio"
            name="outcome"
            value={outcome}
            checked={form.outcome === outcome}
            onChange={() => update({ outcome, followUpDate: form.followUpDate || suggestedFollowUpDate(outcome, sessionDate) })}
          />
          {t(`assisted.outcomes.${outcome}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** "Done" with required steps not ticked: the secretary names them and confirms. */
function ConfirmDone({
  missingRequired,
  confirmed,
  invalid,
  update,
}: {
  missingRequired: ProcedureStep[];
  confirmed: boolean;
  invalid: boolean;
  update: (patch: Partial<SessionFormValues>) => void;
}) {
  const { t } = useTranslation();
  const missingNames = missingRequired.map((step) => step.label).join(' ; ');
  return (
    <div className="notice notice--warn">
      <p>{t('assisted.session.missingRequired', { steps: missingNames })}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={confirmed}
          aria-invalid={invalid ? true : undefined}
          onChange={(event) => update({ confirmedDone: event.target.checked })}
        />
        {t('assisted.session.confirmDone')}
      </label>
    </div>
  );
}
