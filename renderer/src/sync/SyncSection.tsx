import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import type { SecretStorage } from '../platform';
import type { DeviceSync } from '../session/device';
import { describeSync, type SyncView } from './status';
import { useSync } from './SyncProvider';

/**
 * Réglages › Synchronisation: enroll this device with the intercommunality's
 * sync server (its address and a one-time code), see what it is enrolled
 * with and how it is going, and stop.
 */
export function SyncSection() {
  const { t } = useTranslation();
  const { enrolled, view } = useSync();
  const [justEnrolled, setJustEnrolled] = useState<SecretStorage | null>(null);
  return (
    <section className="panel" aria-labelledby="settings-sync-title">
      <h2 id="settings-sync-title">{t('sync.title')}</h2>
      {enrolled ? <EnrolledPanel enrolled={enrolled} /> : <p>{t('sync.intro')}</p>}
      {justEnrolled ? <EnrolledNotice storage={justEnrolled} /> : null}
      {!enrolled || needsNewCode(view) ? <EnrollForm defaultServer={enrolled?.serverUrl ?? ''} onEnrolled={setJustEnrolled} again={Boolean(enrolled)} /> : null}
    </section>
  );
}

function needsNewCode(view: SyncView): boolean {
  if (view.kind === 'no-token') return true;
  return view.kind === 'running' && view.status.state === 'error' && describeSync(view).actionKey === 'sync.action.enrollAgain';
}

function EnrolledNotice({ storage }: { storage: SecretStorage }) {
  const { t } = useTranslation();
  return (
    <div role="status">
      <p className="notice notice--ok">{t('sync.enrolledNotice')}</p>
      {storage !== 'os-keychain' ? <p className="notice notice--warn">{t(`sync.tokenStorage.${storage}`)}</p> : null}
    </div>
  );
}

function EnrolledPanel({ enrolled }: { enrolled: DeviceSync }) {
  const { t, i18n } = useTranslation();
  const { view, syncNow, leave } = useSync();
  const [confirming, setConfirming] = useState(false);
  const message = describeSync(view, i18n.language === 'en' ? 'en-GB' : 'fr-FR');
  return (
    <>
      <dl className="facts">
        <dt>{t('sync.server')}</dt>
        <dd>{enrolled.serverUrl}</dd>
        <dt>{t(enrolled.kind === 'epci' ? 'sync.tenantEpci' : 'sync.tenantCommune')}</dt>
        <dd>{enrolled.tenantName}</dd>
        {enrolled.epci ? (
          <>
            <dt>{t('sync.epci')}</dt>
            <dd>{enrolled.epci.name}</dd>
          </>
        ) : null}
        <dt>{t('sync.device')}</dt>
        <dd>{enrolled.deviceName}</dd>
        <dt>{t('sync.enrolledAt')}</dt>
        <dd>{formatDateTime(enrolled.enrolledAt)}</dd>
        <dt>{t('sync.state')}</dt>
        <dd>
          {t(message.key, message.values)}
          {message.actionKey ? <span className="field__hint"> {t(message.actionKey)}</span> : null}
        </dd>
      </dl>
      <div className="actions">
        <button type="button" className="button" onClick={syncNow}>
          {t('sync.syncNow')}
        </button>
        {confirming ? (
          <>
            <button type="button" className="button button--danger" onClick={() => void leave()}>
              {t('sync.leaveConfirm')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={() => setConfirming(true)}>
            {t('sync.leave')}
          </button>
        )}
      </div>
      {confirming ? <p className="field__hint">{t('sync.leaveHint')}</p> : null}
    </>
  );
}

function EnrollForm({ defaultServer, again, onEnrolled }: { defaultServer: string; again: boolean; onEnrolled: (storage: SecretStorage) => void }) {
  const { t } = useTranslation();
  const { enroll } = useSync();
  const [server, setServer] = useState(defaultServer);
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState(t('sync.defaultDeviceName'));
  const [errors, setErrors] = useState<{ server?: string; code?: string; deviceName?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

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
    const result = await enroll(server, code, deviceName).finally(() => setBusy(false));
    if (result.ok) {
      setCode('');
      onEnrolled(result.storage);
      return;
    }
    const key = `sync.errors.${result.failure}`;
    setErrors(result.failure === 'invalid-code' ? { code: key } : result.failure === 'invalid-url' || result.failure === 'not-https' ? { server: key } : { form: key });
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="sync-enroll-title">
      <h3 id="sync-enroll-title">{t(again ? 'sync.enrollAgainTitle' : 'sync.enrollTitle')}</h3>
      <Field label={t('sync.serverLabel')} hint={t('sync.serverHint')} error={errors.server} required>
        {(props) => <input {...props} type="url" inputMode="url" autoComplete="url" value={server} onChange={(event) => setServer(event.target.value)} />}
      </Field>
      <Field label={t('sync.codeLabel')} hint={t('sync.codeHint')} error={errors.code} required>
        {(props) => <input {...props} autoComplete="off" spellCheck={false} value={code} onChange={(event) => setCode(event.target.value)} />}
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
        {t(busy ? 'sync.enrolling' : 'sync.enroll')}
      </button>
    </form>
  );
}
