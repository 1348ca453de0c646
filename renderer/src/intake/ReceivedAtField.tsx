import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';
import { formatDateTime } from '../ui/format';

interface Props {
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
}

/**
 * « Reçue le »: now, unless the secretary says otherwise. A datetime-local input
 * takes five Tab stops (day, month, year, hours, minutes), and digits meant for
 * the next field land in it; so the date is shown as text with one button that
 * opens the input, and the keyboard path through the form never crosses it.
 * It is open from the start when it is in error.
 */
export function ReceivedAtField({ value, error, onChange }: Props) {
  const { t } = useTranslation();
  const labelId = useId();
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const shown = open || Boolean(error);
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  if (!shown) {
    return (
      <div className="field" role="group" aria-labelledby={labelId}>
        <div className="field__label" id={labelId}>
          {t('request.receivedAt')}
        </div>
        <p>
          <span>{formatDateTime(value)}</span>{' '}
          <button type="button" className="button button--small" onClick={() => setOpen(true)}>
            {t('intake.changeReceivedAt')}
          </button>
        </p>
      </div>
    );
  }
  return (
    <Field label={t('request.receivedAt')} error={error} required>
      {(props) => <input {...props} ref={input} type="datetime-local" value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  );
}
