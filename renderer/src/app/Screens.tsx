import type { Route } from './router';
import { TodayScreen } from '../today/TodayScreen';
import { IntakeScreen } from '../intake/IntakeScreen';
import { RequestListScreen } from '../requests/RequestListScreen';
import { RequestScreen } from '../requests/RequestScreen';
import { CitizenListScreen } from '../citizens/CitizenListScreen';
import { CitizenScreen } from '../citizens/CitizenScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { LazyStatsScreen } from '../stats/LazyStatsScreen';
import { AssistedScreen } from '../assisted/AssistedScreen';

/** One screen per route; each feature folder owns its screens. */
export function Screens({ route }: { route: Route }) {
  switch (route.name) {
    case 'today':
      return <TodayScreen />;
    case 'intake':
      return <IntakeScreen />;
    case 'requests':
      return <RequestListScreen key={route.preset ?? ''} preset={route.preset} />;
    case 'request':
      return <RequestScreen key={route.id} id={route.id} />;
    case 'citizens':
      return <CitizenListScreen />;
    case 'citizen':
      return <CitizenScreen key={route.id} id={route.id} />;
    case 'settings':
      return <SettingsScreen section={route.section} />;
    case 'stats':
      return <LazyStatsScreen />;
    case 'assisted':
      return <AssistedScreen sessionId={route.sessionId} citizenId={route.citizenId} />;
    default:
      return <TodayScreen />;
  }
}
