import { useTranslation } from 'react-i18next';
import { formatBytes } from '../ui/format';
import type { BackupCounts } from './bundle';

const SHOWN = ['requests', 'citizens', 'events', 'categories', 'replytemplates', 'assistedsessions', 'drafts'] as const;

/** What a backup holds or what a restore gave back, as the secretary counts it. */
export function CountsList({ counts, labelledBy }: { counts: BackupCounts; labelledBy: string }) {
  const { t } = useTranslation();
  const label = (name: (typeof SHOWN)[number]) => {
    switch (name) {
      case 'requests':
        return t('backup.counts.requests', { count: counts.requests });
      case 'citizens':
        return t('backup.counts.citizens', { count: counts.citizens });
      case 'events':
        return t('backup.counts.events', { count: counts.events });
      case 'categories':
        return t('backup.counts.categories', { count: counts.categories });
      case 'replytemplates':
        return t('backup.counts.replytemplates', { count: counts.replytemplates });
      case 'assistedsessions':
        return t('backup.counts.assistedsessions', { count: counts.assistedsessions });
      case 'drafts':
        return t('backup.counts.drafts', { count: counts.drafts });
    }
  };
  return (
    <ul aria-labelledby={labelledBy} data-testid="backup-counts">
      {SHOWN.map((name) => (
        <li key={name}>{label(name)}</li>
      ))}
      <li>{t('backup.counts.attachments', { count: counts.attachments, size: formatBytes(counts.attachmentBytes) })}</li>
    </ul>
  );
}
