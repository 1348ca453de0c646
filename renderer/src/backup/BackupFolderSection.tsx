import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupListing } from '../../../electron/common/api';
import { getPlatform } from '../platform';
import { Announce, type Message } from './Announce';

/** On the desktop: the folder backups go to (a USB key), and choosing another. */
export function BackupFolderSection({ listing, onChosen }: { listing: BackupListing | undefined; onChosen: () => void }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<Message | null>(null);

  async function chooseFolder() {
    const result = await getPlatform().chooseBackupFolder();
    if (result.status === 'chosen') {
      setMessage({ key: 'backup.folder.chosen' });
      onChosen();
    }
  }

  return (
    <section aria-labelledby="backup-folder-title">
      <h3 id="backup-folder-title">{t('backup.folder.title')}</h3>
      <FolderState listing={listing} />
      <div className="actions actions--inline">
        <button type="button" className="button" onClick={() => void chooseFolder()}>
          {listing?.folder ? t('backup.folder.change') : t('backup.folder.choose')}
        </button>
      </div>
      <Announce message={message} />
    </section>
  );
}

function FolderState({ listing }: { listing: BackupListing | undefined }) {
  const { t } = useTranslation();
  if (listing === undefined) return <p>{t('common.loading')}</p>;
  if (!listing.folder) return <p>{t('backup.folder.none')}</p>;
  return (
    <p>
      {listing.folderAvailable
        ? t('backup.folder.current', { folder: listing.folder })
        : t('backup.folder.unavailable', { folder: listing.folder })}
    </p>
  );
}
