import { useTranslation } from 'react-i18next';
import type { RequestStatus } from '../../../domain/model';

export function StatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{t(`status.${status}`)}</span>;
}

export function LateBadge() {
  const { t } = useTranslation();
  return <span className="badge badge--late">{t('common.late')}</span>;
}
