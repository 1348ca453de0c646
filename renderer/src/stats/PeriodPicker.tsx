import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidPeriod, PERIOD_PRESETS, presetPeriod, type PeriodPreset, type StatsPeriod } from '../../../domain/stats';
import { Field } from '../ui/Field';

export type PeriodChoice = PeriodPreset | 'custom';

/**
 * The period of the figures: a preset (this month, last month, this year,
 * the last 12 months) fills the two dates; typing a date makes it "chosen
 * dates". The figures follow every valid change; an end before the start is
 * said next to the field and changes nothing.
 */
export function PeriodPicker({ today, period, onChange }: { today: string; period: StatsPeriod; onChange: (period: StatsPeriod) => void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<PeriodChoice>('thisMonth');
  const [draft, setDraft] = useState<StatsPeriod>(period);
  const invalid = !isValidPeriod(draft);

  function choose(next: PeriodChoice) {
    setChoice(next);
    if (next === 'custom') return;
    const chosen = presetPeriod(next, today);
    setDraft(chosen);
    onChange(chosen);
  }

  function type(next: StatsPeriod) {
    setChoice('custom');
    setDraft(next);
    if (isValidPeriod(next)) onChange(next);
  }

  return (
    <form className="filters stats-picker" onSubmit={(event) => event.preventDefault()} noValidate>
      <Field label={t('stats.period.preset')}>
        {(props) => (
          <select {...props} value={choice} onChange={(event) => choose(event.target.value as PeriodChoice)}>
            {PERIOD_PRESETS.map((preset) => (
              <option key={preset} value={preset}>
                {t(`stats.period.${preset}`)}
              </option>
            ))}
            <option value="custom">{t('stats.period.custom')}</option>
          </select>
        )}
      </Field>
      <Field label={t('stats.period.from')}>
        {(props) => (
          <input
            {...props}
            type="date"
            value={draft.from}
            max={draft.to || undefined}
            onChange={(event) => type({ ...draft, from: event.target.value })}
          />
        )}
      </Field>
      <Field label={t('stats.period.to')} error={invalid ? 'stats.period.invalid' : undefined}>
        {(props) => (
          <input
            {...props}
            type="date"
            value={draft.to}
            min={draft.from || undefined}
            onChange={(event) => type({ ...draft, to: event.target.value })}
          />
        )}
      </Field>
    </form>
  );
}
