import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

// The charts library is large and only this screen needs it: it is loaded when Chiffres is first opened,
// not at start (quality.md, app.start.ms).
const StatsScreen = lazy(() => import('./StatsScreen').then((module) => ({ default: module.StatsScreen })));

export function LazyStatsScreen() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
      <StatsScreen />
    </Suspense>
  );
}
