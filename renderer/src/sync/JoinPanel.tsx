import { useTranslation } from 'react-i18next';
import type { GuichetDatabase } from '../db/database';
import type { DeviceState } from '../session/device';
import { EnrollForm } from './EnrollForm';
import { joinCommune } from './join';

/**
 * First start, another way: this device joins a commune already on the sync
 * server (the mayor's tablet, a second computer), with the code the
 * intercommunality gave. The commune's settings come from the server, the
 * rest follows by replication; nothing is typed twice.
 */
export function JoinPanel({ db, onDone, disabled }: { db: GuichetDatabase; onDone: (device: DeviceState) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="join-title">
      <h2 id="join-title">{t('sync.join.title')}</h2>
      <p>{t('sync.join.text')}</p>
      <fieldset disabled={disabled} className="fieldset--plain">
        <EnrollForm
          defaultServer=""
          title={t('sync.join.formTitle')}
          submitLabel={t('sync.join.submit')}
          onSubmit={async (server, code, deviceName) => {
            const result = await joinCommune(db, server, code, deviceName);
            if (!result.ok) return result.failure;
            // The desktop app reaches the server's origin only after a reload (its CSP); the device is saved already.
            if (result.reloadRequired) window.location.reload();
            else onDone(result.device);
            return null;
          }}
        />
      </fieldset>
    </section>
  );
}
