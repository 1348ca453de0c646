import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeychainStatus, ReadBackupResult } from '../../../electron/common/api';
import { useActor, useApp } from '../session/AppContext';
import { getPlatform, isDesktop } from '../platform';
import { MIN_PASSPHRASE_LENGTH } from '../platform/backup-crypto';
import { Field } from '../ui/Field';
import { formatBytes, formatDateTime } from '../ui/format';
import type { BackupCounts } from './bundle';
import { CountsList } from './CountsList';
import { useBackupOverview } from './hooks';
import { inspectBackup, refusalKey, refusalOf, runBackupNow } from './run';

/** A message to show: an i18n key and its values; `alert` for failures. */
interface Message {
  key: string;
  values?: Record<string, string | number>;
  alert?: boolean;
}

function Announce({ message }: { message: Message | null }) {
  const { t } = useTranslation();
  return (
    <>
      <div role="status">{message && !message.alert ? <p className="notice notice--ok">{t(message.key, message.values)}</p> : null}</div>
      {message?.alert ? (
        <p role="alert" className="notice notice--error">
          {t(message.key, message.values)}
        </p>
      ) : null}
    </>
  );
}

type Source = { kind: 'listed'; name: string; label: string } | { kind: 'file'; name: string; bytes: Uint8Array };

/**
 * Réglages › Sauvegardes: the folder (a USB key), the passphrase, a backup
 * now, the backups of the folder, and checking one. Restoring is done at
 * first start on an empty Guichet (SetupScreen): this database holds a
 * commune, and a backup never mixes with one.
 */
export function BackupSection() {
  const { t } = useTranslation();
  const { db } = useApp();
  const actor = useActor();
  const platform = getPlatform();
  const desktop = isDesktop();
  const { state, listing, newest, refresh } = useBackupOverview(db);

  const [keychain, setKeychain] = useState<KeychainStatus | null>(null);
  const [hasPassphrase, setHasPassphrase] = useState<boolean | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [passphraseError, setPassphraseError] = useState<{ field: 'passphrase' | 'confirm'; key: string } | null>(null);
  const [passphraseMessage, setPassphraseMessage] = useState<Message | null>(null);
  const [folderMessage, setFolderMessage] = useState<Message | null>(null);
  const [running, setRunning] = useState(false);
  const [runMessage, setRunMessage] = useState<Message | null>(null);
  const [source, setSource] = useState<Source | null>(null);
  const [checkPassphrase, setCheckPassphrase] = useState('');
  const [checking, setChecking] = useState(false);
  const [checkMessage, setCheckMessage] = useState<Message | null>(null);
  const [checked, setChecked] = useState<{ createdAt: string; counts: BackupCounts } | null>(null);

  const reloadSecrets = useCallback(async () => {
    setKeychain(await platform.keychainStatus());
    setHasPassphrase((await platform.readBackupPassphrase()) !== null);
  }, [platform]);
  useEffect(() => {
    void reloadSecrets();
  }, [reloadSecrets]);

  async function chooseFolder() {
    const result = await platform.chooseBackupFolder();
    if (result.status === 'chosen') {
      setFolderMessage({ key: 'backup.folder.chosen' });
      refresh();
    }
  }

  async function savePassphrase(event: FormEvent) {
    event.preventDefault();
    setPassphraseMessage(null);
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
      setPassphraseError({ field: 'passphrase', key: 'backup.passphrase.tooShort' });
      return;
    }
    if (confirm !== passphrase) {
      setPassphraseError({ field: 'confirm', key: 'backup.passphrase.mismatch' });
      return;
    }
    setPassphraseError(null);
    const stored = await platform.storeBackupPassphrase(passphrase);
    setPassphrase('');
    setConfirm('');
    setPassphraseMessage({ key: stored.storage === 'session-only' ? 'backup.passphrase.savedSession' : 'backup.passphrase.saved' });
    await reloadSecrets();
  }

  async function clearPassphrase() {
    await platform.clearBackupPassphrase();
    setPassphraseMessage({ key: 'backup.passphrase.cleared' });
    await reloadSecrets();
  }

  async function backUpNow() {
    setRunning(true);
    setRunMessage(null);
    try {
      const outcome = await runBackupNow(db, platform, actor);
      if (outcome.ok) {
        const { result } = outcome;
        setRunMessage({
          key: result.status === 'written' ? 'backup.now.written' : 'backup.now.downloaded',
          values: { name: result.name, size: formatBytes(result.size) },
        });
      } else {
        setRunMessage({ key: `backup.failure.${outcome.failure}`, alert: true });
      }
      refresh();
    } finally {
      setRunning(false);
    }
  }

  function pick(next: Source) {
    setSource(next);
    setChecked(null);
    setCheckMessage(null);
  }

  async function pickFile() {
    const result = await platform.openBackupFile();
    if (result.status === 'ok') pick({ kind: 'file', name: result.name, bytes: result.bytes });
    else if (result.status === 'failed')
      setCheckMessage({ key: 'backup.errors.read-failed', values: { message: result.message }, alert: true });
  }

  async function check(event: FormEvent) {
    event.preventDefault();
    if (!source) {
      setCheckMessage({ key: 'backup.check.none', alert: true });
      return;
    }
    if (!checkPassphrase) {
      setCheckMessage({ key: 'backup.restore.needPassphrase', alert: true });
      return;
    }
    setChecking(true);
    setChecked(null);
    setCheckMessage(null);
    try {
      let read: ReadBackupResult;
      if (source.kind === 'file') read = { status: 'ok', name: source.name, bytes: source.bytes };
      else read = await platform.readBackup(source.name);
      if (read.status === 'not-found') return setCheckMessage({ key: 'backup.errors.not-found', alert: true });
      if (read.status === 'failed')
        return setCheckMessage({ key: 'backup.errors.read-failed', values: { message: read.message }, alert: true });
      if (read.status !== 'ok') return;
      setChecked(await inspectBackup(read.bytes, checkPassphrase));
    } catch (error) {
      setCheckMessage({ key: refusalKey(refusalOf(error)), alert: true });
    } finally {
      setChecking(false);
    }
  }

  const keychainText =
    keychain === null
      ? null
      : !desktop
        ? 'backup.keychain.browser'
        : keychain === 'os-keychain'
          ? 'backup.keychain.os'
          : 'backup.keychain.none';
  const failed = state.lastFailure && state.lastFailureAt && (!newest || Date.parse(state.lastFailureAt) > Date.parse(newest));

  return (
    <section className="panel" aria-labelledby="settings-backup-title">
      <h2 id="settings-backup-title">{t('backup.title')}</h2>
      <p>{desktop ? t('backup.intro') : t('backup.browserIntro')}</p>
      <p data-testid="backup-last">{newest ? t('backup.last.at', { date: formatDateTime(newest) }) : t('backup.last.none')}</p>
      {failed && state.lastFailure ? (
        <p className="notice notice--error" data-testid="backup-failure">
          {t('backup.failure.title', { date: formatDateTime(state.lastFailureAt) })} {t(`backup.failure.${state.lastFailure}`)}
        </p>
      ) : null}

      {desktop ? (
        <section aria-labelledby="backup-folder-title">
          <h3 id="backup-folder-title">{t('backup.folder.title')}</h3>
          {listing === undefined ? (
            <p>{t('common.loading')}</p>
          ) : listing.folder ? (
            <p>
              {listing.folderAvailable
                ? t('backup.folder.current', { folder: listing.folder })
                : t('backup.folder.unavailable', { folder: listing.folder })}
            </p>
          ) : (
            <p>{t('backup.folder.none')}</p>
          )}
          <div className="actions actions--inline">
            <button type="button" className="button" onClick={() => void chooseFolder()}>
              {listing?.folder ? t('backup.folder.change') : t('backup.folder.choose')}
            </button>
          </div>
          <Announce message={folderMessage} />
        </section>
      ) : null}

      <section aria-labelledby="backup-passphrase-title">
        <h3 id="backup-passphrase-title">{t('backup.passphrase.title')}</h3>
        {hasPassphrase === null ? null : <p>{hasPassphrase ? t('backup.passphrase.isSet') : t('backup.passphrase.notSet')}</p>}
        {keychainText ? (
          <p className={keychain === 'os-keychain' && desktop ? 'muted' : 'notice notice--warn'} data-testid="backup-keychain">
            {t(keychainText)}
          </p>
        ) : null}
        <form className="form" onSubmit={(event) => void savePassphrase(event)} noValidate>
          <Field
            label={t('backup.passphrase.label')}
            hint={t('backup.passphrase.hint', { min: MIN_PASSPHRASE_LENGTH })}
            error={passphraseError?.field === 'passphrase' ? passphraseError.key : undefined}
            required
          >
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="new-password"
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('backup.passphrase.confirm')}
            error={passphraseError?.field === 'confirm' ? passphraseError.key : undefined}
            required
          >
            {(props) => (
              <input {...props} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button button--primary">
              {t('backup.passphrase.save')}
            </button>
            {hasPassphrase ? (
              <button type="button" className="button" onClick={() => void clearPassphrase()}>
                {t('backup.passphrase.clear')}
              </button>
            ) : null}
          </div>
        </form>
        <Announce message={passphraseMessage} />
      </section>

      <section aria-labelledby="backup-now-title">
        <h3 id="backup-now-title">{t('backup.now.title')}</h3>
        <div className="actions actions--inline">
          <button
            type="button"
            className="button button--primary"
            disabled={running || !hasPassphrase}
            aria-describedby={hasPassphrase ? undefined : 'backup-now-hint'}
            onClick={() => void backUpNow()}
          >
            {running ? t('backup.now.running') : desktop ? t('backup.now.run') : t('backup.now.download')}
          </button>
        </div>
        {hasPassphrase === false ? (
          <p id="backup-now-hint" className="field__hint">
            {t('backup.now.needsPassphrase')}
          </p>
        ) : null}
        <Announce message={runMessage} />
      </section>

      {listing?.supported ? (
        <section aria-labelledby="backup-list-title">
          <h3 id="backup-list-title">{t('backup.list.title')}</h3>
          {listing.backups.length === 0 ? (
            <p className="muted">{t('backup.list.empty')}</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">{t('backup.list.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('backup.list.date')}</th>
                  <th scope="col">{t('backup.list.size')}</th>
                  <th scope="col">{t('backup.list.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {listing.backups.map((backup) => (
                  <tr key={backup.name}>
                    <td>{formatDateTime(backup.createdAt)}</td>
                    <td>{formatBytes(backup.size)}</td>
                    <td>
                      <button
                        type="button"
                        className="button"
                        aria-label={t('backup.list.checkLabel', { date: formatDateTime(backup.createdAt) })}
                        onClick={() => pick({ kind: 'listed', name: backup.name, label: formatDateTime(backup.createdAt) })}
                      >
                        {t('backup.list.check')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}

      <section aria-labelledby="backup-check-title">
        <h3 id="backup-check-title">{t('backup.check.title')}</h3>
        <p>{t('backup.check.intro')}</p>
        <form className="form" onSubmit={(event) => void check(event)} noValidate>
          <p data-testid="backup-check-source">
            {source ? t('backup.check.selected', { name: source.kind === 'listed' ? source.label : source.name }) : t('backup.check.none')}
          </p>
          <div className="actions actions--inline">
            <button type="button" className="button" onClick={() => void pickFile()}>
              {t('backup.check.fromFile')}
            </button>
          </div>
          <Field label={t('backup.check.passphrase')} required>
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="off"
                value={checkPassphrase}
                onChange={(e) => setCheckPassphrase(e.target.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={checking}>
              {checking ? t('backup.check.running') : t('backup.check.run')}
            </button>
          </div>
        </form>
        <Announce message={checkMessage} />
        {checked ? (
          <div role="status">
            <p id="backup-check-ok" className="notice notice--ok">
              {t('backup.check.ok', { date: formatDateTime(checked.createdAt) })}
            </p>
            <CountsList counts={checked.counts} labelledBy="backup-check-ok" />
          </div>
        ) : null}
      </section>
    </section>
  );
}
