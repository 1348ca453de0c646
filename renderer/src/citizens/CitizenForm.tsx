import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CIVILITIES, type CitizenDoc } from '../../../domain/model';
import { describeStorageError } from '../db/errors';
import { Field } from '../ui/Field';
import type { CitizenFields } from './repository';
import { validateCitizen, type CitizenErrors } from './validation';

type FormFields = Required<CitizenFields>;

interface Props {
  initial: FormFields;
  submitLabel: string;
  /** saves; a thrown error is shown, and what was typed stays in the form */
  onSubmit: (fields: FormFields) => Promise<void>;
  onCancel?: () => void;
  onChange?: (fields: FormFields) => void;
  /** shown between the fields and the buttons (e.g. files that look like this one) */
  children?: ReactNode;
}

/** The resident's identity, for a new file and for editing one. Errors are shown next to each field, in words. */
export function CitizenForm({ initial, submitLabel, onSubmit, onCancel, onChange, children }: Props) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<FormFields>(initial);
  const [errors, setErrors] = useState<CitizenErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (key: keyof FormFields) => (event: { target: { value: string } }) => {
    const next = { ...fields, [key]: event.target.value };
    setFields(next);
    onChange?.(next);
    if (errors[key]) setErrors((current) => ({ ...current, [key]: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateCitizen(fields);
    setErrors(found);
    setFailure(null);
    if (Object.values(found).some(Boolean)) {
      // Take the keyboard to the first field to correct.
      const form = event.currentTarget as HTMLFormElement;
      queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      await onSubmit(fields);
    } catch (error) {
      setFailure(describeStorageError(error));
    } finally {
      setBusy(false);
    }
  }

  const text = (
    key: Exclude<keyof FormFields, 'civility'>,
    label: string,
    options: { type?: string; required?: boolean; autoComplete?: string; hint?: string } = {},
  ) => (
    <Field label={label} error={errors[key]} required={options.required} hint={options.hint}>
      {(props) => (
        <input
          {...props}
          type={options.type ?? 'text'}
          autoComplete={options.autoComplete ?? 'off'}
          value={fields[key]}
          onChange={set(key)}
        />
      )}
    </Field>
  );

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <p className="muted">{t('common.requiredHint')}</p>
      <div className="row">
        <Field label={t('citizens.civility')} error={errors.civility}>
          {(props) => (
            <select {...props} value={fields.civility} onChange={set('civility')}>
              <option value="">{t('citizens.civilityUnknown')}</option>
              {CIVILITIES.map((civility) => (
                <option key={civility} value={civility}>
                  {t(`citizens.civilities.${civility}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('lastName', t('person.lastName'), { required: true })}
        {text('firstName', t('person.firstName'))}
      </div>
      <div className="row">
        {text('phone', t('person.phone'), { type: 'tel', hint: t('citizens.phoneHint') })}
        {text('email', t('person.email'), { type: 'email' })}
      </div>
      {text('address', t('person.address'))}
      <div className="row">
        {text('postalCode', t('person.postalCode'))}
        {text('city', t('person.city'))}
        {text('birthDate', t('citizens.birthDate'), { type: 'date' })}
      </div>
      <Field label={t('citizens.notes')} error={errors.notes} hint={t('citizens.notesHint')}>
        {(props) => <textarea {...props} value={fields.notes} onChange={set('notes')} />}
      </Field>
      {children}
      {failure ? (
        <p role="alert" className="notice notice--error">
          {t(failure)}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The form's fields from a stored file. */
export function formFieldsOf(citizen: CitizenDoc): FormFields {
  return {
    civility: citizen.civility ?? '',
    lastName: citizen.lastName,
    firstName: citizen.firstName,
    phone: citizen.phone,
    email: citizen.email,
    address: citizen.address,
    postalCode: citizen.postalCode,
    city: citizen.city,
    birthDate: citizen.birthDate,
    notes: citizen.notes,
  };
}
