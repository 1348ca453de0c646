import { useTranslation } from 'react-i18next';
import { suggestedFollowUpDate, type SessionErrors } from '../../../domain/assisted';
import type { SessionFormValues } from '../../../domain/session-form';
import { Field } from '../ui/Field';
import { SecretCheckedText } from './SecretCheckedText';

/** The follow-up: when to call the resident back (a date suggested by the outcome), and the tracking code. */
export function FollowUpFields({
  form,
  errors,
  sessionDate,
  update,
}: {
  form: Pick<SessionFormValues, 'outcome' | 'followUpDate' | 'trackingCode'>;
  errors: SessionErrors;
  /** the session's day, YYYY-MM-DD: the suggestion counts working days from it */
  sessionDate: string;
  update: (patch: Partial<SessionFormValues>) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('assisted.session.followUpDate')} error={errors.followUpDate} hint={t('assisted.session.followUpHint')}>
        {(props) => (
          <input {...props} type="date" value={form.followUpDate} onChange={(event) => update({ followUpDate: event.target.value })} />
        )}
      </Field>
      <div className="actions actions--inline">
        <button
          type="button"
          className="button button--small"
          onClick={() => update({ followUpDate: suggestedFollowUpDate(form.outcome, sessionDate) })}
        >
          {t('assisted.session.suggest')}
        </button>
      </div>
      <SecretCheckedText
        label={t('assisted.session.trackingCode')}
        hint={t('assisted.session.trackingHint')}
        value={form.trackingCode}
        error={errors.trackingCode}
        onChange={(trackingCode) => update({ trackingCode })}
      />
    </>
  );
}
