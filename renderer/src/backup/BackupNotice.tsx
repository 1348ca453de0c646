import { useTranslation } from 'react-i18next';
import { failedSinceNewest } from '../../../domain/backups';
import { useApp } from '../session/AppContext';
import { routeHref } from '../session/router';
import { formatDateTime } from '../ui/format';
import { useBackupOverview } from './hooks';
import { daysSince, STALE_MS } from './run';

/**
 * On Aujourd'hui: a backup that is missing, old (more than 2 days) or whose
 * last automatic attempt failed is pointed out, with the way to Réglages ›
 * Sauvegardes. Nothing is shown while all is well.
 */
export function BackupNotice({ now = new Date() }: { now?: Date }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const { state, listing, newest } = useBackupOverview(db);
  if (listing === undefined) return null;
  const failedSince = failedSinceNewest(state, newest);
  const stale = !newest || now.getTime() - Date.parse(newest) > STALE_MS;
  if (!stale && !failedSince) return null;
  const title = !newest
    ? t('backup.notice.none')
    : stale
      ? t('backup.notice.old', { count: daysSince(newest, now) })
      : t('backup.notice.failed');
  return (
    <section className="notice notice--warn" aria-labelledby="backup-notice-title" data-testid="backup-notice">
      <h2 id="backup-notice-title" style={{ fontSize: '1rem', margin: 0 }}>
        {title}
      </h2>
      <p style={{ margin: '0.25rem 0' }}>{!newest ? t('backup.notice.noneText') : stale ? t('backup.notice.oldText') : null}</p>
      {failedSince && state.lastFailure ? (
        <p style={{ margin: '0.25rem 0' }}>
          {t('backup.failure.title', { date: formatDateTime(state.lastFailureAt) })} {t(`backup.failure.${state.lastFailure}`)}
        </p>
      ) : null}
      <a href={routeHref({ name: 'settings', section: 'sauvegardes' })}>{t('backup.notice.link')}</a>
    </section>
  );
}
