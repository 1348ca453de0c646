import { useTranslation } from 'react-i18next';
import type { ApprovalState } from '../../../domain/council';
import './badges.css';

/** "En attente du maire", "Renvoyée par le maire", "Approuvée par le maire": nothing when the mayor is not needed. */
export function ApprovalBadge({ state }: { state: ApprovalState }) {
  const { t } = useTranslation();
  if (state === 'not_needed') return null;
  return <span className={`badge badge--mayor badge--mayor-${state}`}>{t(`council.state.${state}`)}</span>;
}
