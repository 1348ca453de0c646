import { useTranslation } from 'react-i18next';

/** A real toggle button (aria-pressed), reachable by Tab and by Alt+G. */
export function LargeDisplayToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <div className="assisted__toggle">
      <button
        type="button"
        className={on ? 'button button--primary' : 'button'}
        aria-pressed={on}
        aria-describedby="large-display-hint"
        aria-keyshortcuts="Alt+G"
        onClick={() => onChange(!on)}
      >
        {t('assisted.display.large')}
      </button>
      <p id="large-display-hint" className="field__hint">
        {t('assisted.display.largeHint')}
      </p>
    </div>
  );
}
