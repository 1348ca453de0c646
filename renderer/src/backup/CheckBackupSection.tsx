import { useTranslation } from 'react-i18next';
import { Field } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { Announce } from './Announce';
import { CountsList } from './CountsList';
import type { BackupCheck } from './useBackupCheck';

/** Checking a backup (one of the folder's, or a file): the passphrase, the run, what it holds. */
export function CheckBackupSection({ check }: { check: BackupCheck }) {
  const { t } = useTranslation();
  const { source, passphrase, checking, message, checked } = check;
  return (
    <section aria-labelledby="backup-check-title">
      <h3 id="backup-check-title">{t('backup.check.title')}</h3>
      <p>{t('backup.check.intro')}</p>
      <form className="form" onSubmit={(event) => void check.check(event)} noValidate>
        <p data-testid="backup-check-source">
          {source ? t('backup.check.selected', { name: source.kind === 'listed' ? source.label : source.name }) : t('backup.check.none')}
        </p>
        <div className="actions actions--inline">
          <button type="button" className="button" onClick={() => void check.pickFile()}>
            {t('backup.check.fromFile')}
          </button>
        </div>
        <Field label={t('backup.check.passphrase')} required>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="off"
              value={passphrase}
              onChange={(e) => check.typePassphrase(e.target.value)}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={checking}>
            {checking ? t('backup.check.running') : t('backup.check.run')}
          </button>
        </div>
      </form>
      <Announce message={message} />
      {checked ? (
        <div role="status">
          <p id="backup-check-ok" className="notice notice--ok">
            {t('backup.check.ok', { date: formatDateTime(checked.createdAt) })}
          </p>
          <CountsList counts={checked.counts} labelledBy="backup-check-ok" />
        </div>
      ) : null}
    </section>
  );
}
