import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuichetDatabase } from '../db/database';
import type { DeviceState } from '../session/device';
import { Field } from '../ui/Field';
import { RestoreBackupPanel } from '../backup';
import { JoinPanel } from '../sync/JoinPanel';
import { createCommune, loadDemoCommune, validateCommuneIdentity, type CommuneIdentity } from './seed';

const EMPTY: CommuneIdentity = {
  name: '',
  inseeCode: '',
  address: '',
  postalCode: '',
  city: '',
  phone: '',
  email: '',
  epciName: '',
  secretaryName: '',
};

/** First start: a short set-up of the commune, or a demo commune to try Guichet. */
export function SetupScreen({ db, onDone }: { db: GuichetDatabase; onDone: (device: DeviceState) => void }) {
  const { t } = useTranslation();
  const [identity, setIdentity] = useState<CommuneIdentity>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof CommuneIdentity, string>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  // Each refused submit takes the keyboard to the first field in error, once it is rendered as such.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  const set = (key: keyof CommuneIdentity) => (event: { target: { value: string } }) =>
    setIdentity((current) => ({ ...current, [key]: event.target.value }));

  async function run(action: () => Promise<DeviceState>) {
    setBusy(true);
    setFailure(null);
    try {
      onDone(await action());
    } catch {
      setFailure('setup.failed');
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateCommuneIdentity(identity);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setRefusals((count) => count + 1);
      return;
    }
    void run(() => createCommune(db, identity));
  }

  const text = (key: keyof CommuneIdentity, label: string, options: { required?: boolean; type?: string; autoComplete?: string } = {}) => (
    <Field label={t(label)} error={errors[key]} required={options.required}>
      {(props) => (
        <input
          {...props}
          type={options.type ?? 'text'}
          autoComplete={options.autoComplete ?? 'off'}
          value={identity[key]}
          onChange={set(key)}
        />
      )}
    </Field>
  );

  return (
    <main className="setup" id="main">
      <h1>{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form ref={form} onSubmit={submit} noValidate className="form" aria-describedby="setup-required">
        <p id="setup-required" className="muted">
          {t('common.requiredHint')}
        </p>
        <fieldset>
          <legend>{t('setup.commune')}</legend>
          {text('name', 'setup.communeName', { required: true })}
          {text('inseeCode', 'setup.inseeCode', { required: true })}
          {text('address', 'setup.address')}
          <div className="row">
            {text('postalCode', 'setup.postalCode')}
            {text('city', 'setup.city')}
          </div>
          <div className="row">
            {text('phone', 'setup.phone', { type: 'tel' })}
            {text('email', 'setup.email', { type: 'email' })}
          </div>
          {text('epciName', 'setup.epciName')}
        </fieldset>
        <fieldset>
          <legend>{t('setup.you')}</legend>
          {text('secretaryName', 'setup.secretaryName', { required: true })}
        </fieldset>
        {failure ? (
          <p role="alert" className="notice notice--error">
            {t(failure)}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('setup.create')}
          </button>
        </div>
      </form>
      <section className="panel" aria-labelledby="demo-title">
        <h2 id="demo-title">{t('setup.demoTitle')}</h2>
        <p>{t('setup.demoText')}</p>
        <button type="button" className="button" disabled={busy} onClick={() => void run(() => loadDemoCommune(db))}>
          {t('setup.loadDemo')}
        </button>
      </section>
      <RestoreBackupPanel db={db} onDone={onDone} disabled={busy} />
      <JoinPanel db={db} onDone={onDone} disabled={busy} />
    </main>
  );
}
