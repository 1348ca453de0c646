import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsDoc } from '../../../domain/model';
import { SETTINGS_ID } from '../../../domain/schemas';
import type { GuichetDatabase } from '../db/database';
import { getPlatform } from '../platform';
import { newDeviceState, writeDevice, type DeviceState } from '../session/device';
import { Field } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import type { BackupCounts } from './bundle';
import { CountsList } from './CountsList';
import { refusalKey, refusalOf, restoreBackupFile } from './run';

/** The device state to open Guichet with: the backup's, or a new one for its commune (a bundle without one). */
async function deviceAfterRestore(db: GuichetDatabase, restored: DeviceState | null): Promise<DeviceState> {
  if (restored) return restored;
  const settings = (await db.settings.findOne(SETTINGS_ID).exec())?.toJSON() as SettingsDoc | undefined;
  const user = settings?.users.find((candidate) => candidate.active) ?? settings?.users[0];
  if (!settings || !user) throw new Error('restored without settings');
  const device = newDeviceState(settings.communeId, user.id);
  await writeDevice(db, device);
  return device;
}

/**
 * First start, third way: restore a backup (from the USB key) into this
 * empty Guichet. A wrong passphrase or a damaged file is refused with the
 * reason, and nothing is written.
 */
export function RestoreBackupPanel({
  db,
  onDone,
  disabled,
}: {
  db: GuichetDatabase;
  onDone: (device: DeviceState) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ key: string; values?: Record<string, string> } | null>(null);
  const [done, setDone] = useState<{ createdAt: string; counts: BackupCounts; device: DeviceState } | null>(null);

  function choose() {
    // Called straight from the click: the browser opens a file picker only during a user gesture.
    void getPlatform()
      .openBackupFile()
      .then((result) => {
        if (result.status === 'ok') {
          setFile({ name: result.name, bytes: result.bytes });
          setError(null);
        } else if (result.status === 'failed') {
          setError({ key: 'backup.errors.read-failed', values: { message: result.message } });
        }
      });
  }

  async function restore(event: FormEvent) {
    event.preventDefault();
    if (!file) return setError({ key: 'backup.restore.needFile' });
    if (!passphrase) return setError({ key: 'backup.restore.needPassphrase' });
    setBusy(true);
    setError(null);
    try {
      const restored = await restoreBackupFile(db, file.bytes, passphrase);
      setDone({ createdAt: restored.createdAt, counts: restored.counts, device: await deviceAfterRestore(db, restored.device) });
      setPassphrase('');
    } catch (failure) {
      setError({ key: refusalKey(refusalOf(failure)) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="restore-title">
      <h2 id="restore-title">{t('backup.restore.title')}</h2>
      {done ? (
        <>
          <div role="status">
            <p id="restore-done" className="notice notice--ok">
              {t('backup.restore.done', { date: formatDateTime(done.createdAt) })}
            </p>
            <CountsList counts={done.counts} labelledBy="restore-done" />
          </div>
          <div className="actions">
            <button type="button" className="button button--primary" onClick={() => onDone(done.device)}>
              {t('backup.restore.open')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{t('backup.restore.text')}</p>
          <form className="form" onSubmit={(event) => void restore(event)} noValidate>
            <p data-testid="restore-file">{file ? t('backup.restore.selected', { name: file.name }) : t('backup.restore.none')}</p>
            <div className="actions actions--inline">
              <button type="button" className="button" disabled={busy || disabled} onClick={choose}>
                {t('backup.restore.choose')}
              </button>
            </div>
            <Field label={t('backup.restore.passphrase')} required>
              {(props) => (
                <input {...props} type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
              )}
            </Field>
            {busy ? <p role="status">{t('backup.restore.running')}</p> : null}
            {error ? (
              <p role="alert" className="notice notice--error">
                {t(error.key, error.values)}
              </p>
            ) : null}
            <div className="actions">
              <button type="submit" className="button button--primary" disabled={busy || disabled}>
                {t('backup.restore.run')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
