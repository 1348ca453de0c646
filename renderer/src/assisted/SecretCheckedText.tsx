import { useTranslation } from 'react-i18next';
import { findSecrets, type SecretFinding } from '../../../domain/assisted';
import { Field } from '../ui/Field';

/** A free-text field that says, as it is typed, what in it looks like a password or a secret. */
export function SecretCheckedText({
  label,
  value,
  error,
  hint,
  required,
  multiline,
  onChange,
}: {
  label: string;
  value: string;
  error: string | undefined;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const findings = findSecrets(value);
  const shownError = error ?? (findings.length > 0 ? 'assisted.errors.secret' : undefined);
  return (
    <div>
      <Field label={label} error={shownError} hint={hint} required={required}>
        {(props) =>
          multiline ? (
            <textarea {...props} rows={3} value={value} onChange={(event) => onChange(event.target.value)} />
          ) : (
            <input {...props} autoComplete="off" value={value} onChange={(event) => onChange(event.target.value)} />
          )
        }
      </Field>
      {findings.length > 0 ? (
        <p className="field__error">{t('assisted.session.secretFound', { what: describeFindings(findings, t) })}</p>
      ) : null}
    </div>
  );
}

function describeFindings(findings: SecretFinding[], t: (key: string, options?: Record<string, string>) => string): string {
  return findings.map((finding) => t(`assisted.session.secretKinds.${finding.kind}`, { clue: finding.clue })).join(' ; ');
}
