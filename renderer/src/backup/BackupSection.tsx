import { useTranslation } from 'react-i18next';
import { isDesktop } from '../platform';
import { useActor, useApp } from '../session/AppContext';
import { BackupFolderSection } from './BackupFolderSection';
import { BackupList } from './BackupList';
import { BackupNowSection } from './BackupNowSection';
import { BackupStatus } from './BackupStatus';
import { CheckBackupSection } from './CheckBackupSection';
import { useBackupOverview } from './hooks';
import { PassphraseSection } from './PassphraseSection';
import { useBackupCheck } from './useBackupCheck';
import { useBackupSecrets } from './useBackupSecrets';

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
  const desktop = isDesktop();
  const { state, listing, newest, refresh } = useBackupOverview(db);
  const secrets = useBackupSecrets();
  const check = useBackupCheck();
  return (
    <section className="panel" aria-labelledby="settings-backup-title">
      <h2 id="settings-backup-title">{t('backup.title')}</h2>
      <p>{desktop ? t('backup.intro') : t('backup.browserIntro')}</p>
      <BackupStatus state={state} newest={newest} />
      {desktop ? <BackupFolderSection listing={listing} onChosen={refresh} /> : null}
      <PassphraseSection secrets={secrets} />
      <BackupNowSection db={db} actor={actor} hasPassphrase={secrets.hasPassphrase} onDone={refresh} />
      {listing?.supported ? <BackupList backups={listing.backups} onPick={check.pick} /> : null}
      <CheckBackupSection check={check} />
    </section>
  );
}
