import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../ui/format';
import type { SecretStorage } from '../platform';
import type { DeviceSync } from '../session/device';
import { describeSync, type SyncView } from './status';
import { useSync } from './SyncProvider';
import { EnrollForm } from './EnrollForm';

/**
 * Réglages › Synchronisation: enroll this device with the intercommunality's
 * sync server (its address and a one-time code), see what it is enrolled
 * with and how it is going, and stop.
 */
export function SyncSection() {
  const { t } = useTranslation();
  const { enrolled, view, enroll } = useSync();
  const [justEnrolled, setJustEnrolled] = useState<SecretStorage | null>(null);
  return (
    <section className="panel" aria-labelledby="settings-sync-title">
      <h2 id="settings-sync-title">{t('sync.title')}</h2>
      {enrolled ? <EnrolledPanel enrolled={enrolled} /> : <p>{t('sync.intro')}</p>}
      {justEnrolled ? <EnrolledNotice storage={justEnrolled} /> : null}
      {!enrolled || needsNewCode(view) ? (
        <EnrollForm
          defaultServer={enrolled?.serverUrl ?? ''}
          title={t(enrolled ? 'sync.enrollAgainTitle' : 'sync.enrollTitle')}
          submitLabel={t('sync.enroll')}
          onSubmit={async (server, code, deviceName) => {
            const result = await enroll(server, code, deviceName);
            if (result.ok) setJustEnrolled(result.storage);
            return result.ok ? null : result.failure;
          }}
        />
      ) : null}
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
