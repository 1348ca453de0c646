import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getPlatform } from '../platform';

/** The procedure's official site, opened outside the app through the platform's allow-list. */
export function OfficialLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<'opened' | 'refused' | null>(null);
  return (
    <div>
      <p className="assisted__url">{url}</p>
      <button
        type="button"
        className="button"
        onClick={() => {
          void getPlatform()
            .openExternal(url)
            .then((answer) => setResult(answer.status));
        }}
      >
        {t('assisted.session.openOfficial')}
      </button>
      <div role="status">
        {result === 'opened' ? <p className="notice notice--ok">{t('assisted.session.officialOpened')}</p> : null}
        {result === 'refused' ? <p className="notice notice--error">{t('assisted.session.officialRefused')}</p> : null}
      </div>
    </div>
  );
}
