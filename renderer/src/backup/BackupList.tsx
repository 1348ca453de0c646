import { useTranslation } from 'react-i18next';
import type { BackupListing } from '../../../electron/common/api';
import { formatBytes, formatDateTime } from '../ui/format';
import type { BackupSource } from './useBackupCheck';

/** The backups of the folder, newest first, each with a button to check it. */
export function BackupList({ backups, onPick }: { backups: BackupListing['backups']; onPick: (source: BackupSource) => void }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="backup-list-title">
      <h3 id="backup-list-title">{t('backup.list.title')}</h3>
      {backups.length === 0 ? (
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
            {backups.map((backup) => (
              <tr key={backup.name}>
                <td>{formatDateTime(backup.createdAt)}</td>
                <td>{formatBytes(backup.size)}</td>
                <td>
                  <button
                    type="button"
                    className="button"
                    aria-label={t('backup.list.checkLabel', { date: formatDateTime(backup.createdAt) })}
                    onClick={() => onPick({ kind: 'listed', name: backup.name, label: formatDateTime(backup.createdAt) })}
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
  );
}
