import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';

interface EnrollFormProps {
  defaultServer: string;
  title: string;
  submitLabel: string;
  /** enrolls; resolves to null when done, or to what went wrong */
  onSubmit: (server: string, code: string, deviceName: string) => Promise<string | null>;
}

/** Server address, one-time code and device name, with every failure said next to its field. */
export function EnrollForm({ defaultServer, title, submitLabel, onSubmit }: EnrollFormProps) {
  const { t } = useTranslation();
  const [server, setServer] = useState(defaultServer);
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState(t('sync.defaultDeviceName'));
  const [errors, setErrors] = useState<{ server?: string; code?: string; deviceName?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const titleId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = {
      ...(server.trim() === '' ? { server: 'sync.errors.serverRequired' } : {}),
      ...(code.trim() === '' ? { code: 'sync.errors.codeRequired' } : {}),
      ...(deviceName.trim() === '' ? { deviceName: 'sync.errors.deviceNameRequired' } : {}),
    };
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    const failure = await onSubmit(server, code, deviceName).finally(() => setBusy(false));
    if (failure === null) {
      setCode('');
      return;
    }
    const key = `sync.errors.${failure}`;
    setErrors(
      failure === 'invalid-code' ? { code: key } : failure === 'invalid-url' || failure === 'not-https' ? { server: key } : { form: key },
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      <Field label={t('sync.serverLabel')} hint={t('sync.serverHint')} error={errors.server} required>
        {(props) => (
          <input
            {...props}
            type="url"
            inputMode="url"
            autoComplete="url"
            value={server}
            onChange={(event) => setServer(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('sync.codeLabel')} hint={t('sync.codeHint')} error={errors.code} required>
        {(props) => (
          <input {...props} autoComplete="off" spellCheck={false} value={code} onChange={(event) => setCode(event.target.value)} />
        )}
      </Field>
      <Field label={t('sync.deviceNameLabel')} hint={t('sync.deviceNameHint')} error={errors.deviceName} required>
        {(props) => <input {...props} maxLength={100} value={deviceName} onChange={(event) => setDeviceName(event.target.value)} />}
      </Field>
      {errors.form ? (
        <p role="alert" className="notice notice--error">
          {t(errors.form)}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t('sync.enrolling') : submitLabel}
      </button>
    </form>
  );
}
