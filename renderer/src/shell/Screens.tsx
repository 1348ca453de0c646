import type { Route } from '../session/router';
import { TodayScreen } from '../today';
import { IntakeScreen } from '../intake';
import { RequestListScreen } from '../requests';
import { RequestScreen } from '../requests';
import { CitizenListScreen } from '../citizens';
import { CitizenScreen, type CitizenFileSlots } from '../citizens';
import { CitizenSessions } from '../assisted';

/** The assisted sessions on a resident's file: assisted builds on citizens, so the shell joins them. */
const CITIZEN_FILE_SLOTS: CitizenFileSlots = { sessions: (props) => <CitizenSessions {...props} /> };
import { SettingsScreen } from '../settings';
import { LazyStatsScreen } from '../stats';
import { AssistedScreen } from '../assisted';

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
      return <CitizenScreen key={route.id} id={route.id} slots={CITIZEN_FILE_SLOTS} />;
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
