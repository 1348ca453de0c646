import { useTranslation } from 'react-i18next';
import { toggleStep, type SessionProgress } from '../../../domain/assisted';
import type { ProcedureStep } from '../../../domain/model';
import { Panel } from './Panel';

/** The procedure's steps, ticked one by one, and how many are done. */
export function StepsPanel({
  steps,
  stepsDone,
  progress,
  onChange,
}: {
  steps: ProcedureStep[];
  stepsDone: string[];
  progress: SessionProgress;
  onChange: (stepsDone: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Panel id="assisted-steps" title={t('assisted.session.steps')}>
      <fieldset className="assisted__steps">
        <legend>{t('assisted.session.stepsHint')}</legend>
        {steps.map((step) => (
          <label key={step.id} className="checkbox assisted__step">
            <input
              type="checkbox"
              checked={stepsDone.includes(step.id)}
              onChange={(event) => onChange(toggleStep({ steps }, stepsDone, step.id, event.target.checked))}
            />
            <span>
              {step.label} {step.required ? null : <span className="muted">{t('assisted.session.optional')}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <p role="status" className="assisted__progress">
        {t('assisted.session.progress', { count: progress.done, total: progress.total })}
      </p>
    </Panel>
  );
}
