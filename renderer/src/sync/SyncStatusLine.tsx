import { useTranslation } from 'react-i18next';
import { routeHref } from '../session/router';
import { describeSync } from './status';
import { useSync } from './SyncProvider';

/**
 * The synchronisation status, always in the top bar: a polite live region,
 * so a screen reader hears "Hors ligne" or "À jour à 14:32" without losing
 * its place. It links to Réglages › Synchronisation, where it can be fixed.
 */
export function SyncStatusLine() {
  const { t, i18n } = useTranslation();
  const { view } = useSync();
  const message = describeSync(view, i18n.language === 'en' ? 'en-GB' : 'fr-FR');
  return (
    <div className={`sync-status sync-status--${message.tone}`} role="status" aria-live="polite" aria-atomic="true">
      <a href={routeHref({ name: 'settings', section: 'synchronisation' })} className="sync-status__link">
        <span className="sync-status__dot" aria-hidden="true" />
        <span>{t(message.key, message.values)}</span>
      </a>
      {message.actionKey ? <span className="sync-status__action">{t(message.actionKey)}</span> : null}
    </div>
  );
}
