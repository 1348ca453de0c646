import { useTranslation } from 'react-i18next';
import { failedSinceNewest } from '../../../domain/backups';
import { formatDateTime } from '../ui/format';
import type { BackupState } from './run';

/** When the last backup was made, and why the last automatic attempt failed if it failed since. */
export function BackupStatus({ state, newest }: { state: BackupState; newest: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <p data-testid="backup-last">{newest ? t('backup.last.at', { date: formatDateTime(newest) }) : t('backup.last.none')}</p>
      {failedSinceNewest(state, newest) && state.lastFailure ? (
        <p className="notice notice--error" data-testid="backup-failure">
          {t('backup.failure.title', { date: formatDateTime(state.lastFailureAt) })} {t(`backup.failure.${state.lastFailure}`)}
        </p>
      ) : null}
    </>
  );
}
