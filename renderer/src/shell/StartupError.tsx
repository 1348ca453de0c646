import { useTranslation } from 'react-i18next';
import { describeStorageError } from '../db/errors';

/** Shown when the database cannot be opened: says why in plain French and what to do. */
export function StartupError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <main className="startup-error" role="alert">
      <h1>{t('startup.errorTitle')}</h1>
      <p>{t(describeStorageError(error))}</p>
      <p className="muted">{t('startup.errorHelp')}</p>
    </main>
  );
}
