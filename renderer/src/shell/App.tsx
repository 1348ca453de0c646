import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsDoc } from '../../../domain/model';
import { SETTINGS_ID } from '../../../domain/schemas';
import type { GuichetDatabase } from '../db/database';
import { readDevice, updateDevice, type DeviceState } from '../session/device';
import { SetupScreen } from '../setup';
import { AppContext, type AppContextValue } from '../session/AppContext';
import { Layout } from './Layout';
import { Screens } from './Screens';
import { useRoute } from '../session/router';
import { RequestSearchIndex } from '../db/search-index';
import { citizenWordIndex } from '../citizens';
import { useDailyBackup } from '../backup';
import { CouncilScreen } from '../council';
import { startHash } from '../council';
import { SyncProvider } from '../sync/SyncProvider';
import { SyncStatusLine } from '../sync/SyncStatusLine';
import { toPlain } from '../db/plain';

/** How long after start the search index begins to load: the first screen's reads come first. */
const SEARCH_INDEX_DELAY_MS = 2_000;

/** Runs `work` when the browser has nothing else to do (at most a second later); where it cannot tell, now. */
function whenIdle(work: () => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(work, { timeout: 1_000 });
  else work();
}

/**
 * Loads this device's state and the commune's settings, then shows either the
 * first-start set-up or the app. Settings are watched, so a change made in
 * Réglages (or pulled from the sync server) shows at once.
 */
export function App({ db }: { db: GuichetDatabase }) {
  const { t } = useTranslation();
  const route = useRoute();
  const [device, setDevice] = useState<DeviceState | null | undefined>(undefined);
  const [settings, setSettings] = useState<SettingsDoc | null | undefined>(undefined);

  useEffect(() => {
    void readDevice(db).then((state) => {
      // a tablet enrolled for the mayor opens on the council table
      const hash = startHash(state?.enrolledRole, window.location.hash);
      if (hash) window.location.hash = hash;
      setDevice(state);
    });
  }, [db]);

  // The commune's settings document (one per commune; the sync server keys documents by commune).
  useEffect(() => {
    if (device === undefined) return;
    if (device === null) {
      setSettings(null);
      return;
    }
    const subscription = db.settings.findOne(SETTINGS_ID).$.subscribe((doc) => setSettings(doc ? toPlain(doc) : null));
    return () => subscription.unsubscribe();
  }, [db, device]);

  // The search index loads in the background once the first screen is up, never before it: its pages of
  // 5,000 requests share IndexedDB and the main thread with the first screen's queries (started 50 ms
  // after mount, it made app.start 1.15 s instead of 0.74–0.80 s on the same 100,000 requests, bench/run.ts).
  // A search typed before then loads it at once (RequestListScreen).
  const searchIndex = useMemo(() => new RequestSearchIndex(db), [db]);
  useEffect(() => {
    let closed = false;
    const load = () => {
      if (!closed) void searchIndex.load().then(() => citizenWordIndex(db).load());
    };
    const timer = setTimeout(() => whenIdle(load), SEARCH_INDEX_DELAY_MS);
    return () => {
      closed = true;
      clearTimeout(timer);
      searchIndex.close();
    };
  }, [db, searchIndex]);

  const setCurrentUser = useCallback(async (userId: string) => setDevice(await updateDevice(db, { currentUserId: userId })), [db]);
  const refreshDevice = useCallback(async () => setDevice(await readDevice(db)), [db]);

  const context = useMemo<AppContextValue | null>(() => {
    if (!device || !settings) return null;
    const currentUser =
      settings.users.find((user) => user.id === device.currentUserId && user.active) ??
      settings.users.find((user) => user.active) ??
      settings.users[0];
    if (!currentUser) return null;
    return { db, device, settings, currentUser, setCurrentUser, refreshDevice, searchIndex };
  }, [db, device, settings, setCurrentUser, refreshDevice, searchIndex]);

  // The daily backup, in the background, once a commune is set up.
  const backupActor = useMemo(
    () =>
      context
        ? {
            actorId: context.currentUser.id,
            actorName: context.currentUser.name,
            deviceId: context.device.deviceId,
            communeId: context.settings.communeId,
          }
        : null,
    [context],
  );
  useDailyBackup(db, backupActor);

  if (device === undefined || settings === undefined) {
    return <p className="loading">{t('common.loading')}</p>;
  }
  if (!context) {
    return <SetupScreen db={db} onDone={setDevice} />;
  }
  if (route.name === 'council') {
    // the council table is its own full-screen mode, without the counter's navigation
    return (
      <AppContext.Provider value={context}>
        <CouncilScreen />
      </AppContext.Provider>
    );
  }
  return (
    <AppContext.Provider value={context}>
      <SyncProvider>
        <Layout route={route} status={<SyncStatusLine />}>
          <Screens route={route} />
        </Layout>
      </SyncProvider>
    </AppContext.Provider>
  );
}
