import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { debounceTime } from 'rxjs';
import { useApp } from '../session/AppContext';
import type { GuichetDatabase } from '../db/database';
import { startReplication, type ReplicationHandle, type SyncStatus } from './replication';
import { getPlatform, type SecretStorage } from '../platform';
import type { DeviceSync } from '../session/device';
import { adoptEnrollment, forgetEnrollment } from './adopt';
import { downloadBlob, uploadPendingBlobs, type BlobServer, type DownloadOutcome } from './blob-sync';
import { enrollDevice, type EnrollFailure } from './enroll';
import type { SyncView } from './status';

export type EnrollResult = { ok: true; storage: SecretStorage } | { ok: false; failure: EnrollFailure };

export interface SyncContextValue {
  view: SyncView;
  /** what this device is enrolled with, or null */
  enrolled: DeviceSync | null;
  enroll(serverAddress: string, code: string, deviceName: string): Promise<EnrollResult>;
  /** stops replicating and forgets the server and the token; the data stays */
  leave(): Promise<void>;
  /** pulls everything new now */
  syncNow(): void;
  /** an attachment's bytes from the server, when this device does not have them; null when not enrolled */
  download(sha256: string, mimeType: string): Promise<DownloadOutcome | null>;
}

const SyncContext = createContext<SyncContextValue | null>(null);

export function useSync(): SyncContextValue {
  const value = useContext(SyncContext);
  if (!value) throw new Error('useSync outside of <SyncProvider>');
  return value;
}

/** The same, where a screen can also live without it (tests rendering one panel). */
export function useOptionalSync(): SyncContextValue | null {
  return useContext(SyncContext);
}

function replicatedCollections(db: GuichetDatabase) {
  return {
    requests: db.requests,
    citizens: db.citizens,
    events: db.events,
    categories: db.categories,
    replytemplates: db.replytemplates,
    settings: db.settings,
  };
}

/**
 * Runs replication while this device is enrolled, and gives the screens its
 * status and the enroll / leave actions. Never in the way: the app is shown
 * before anything is connected, and the line being down only changes the
 * status line.
 */
export function SyncProvider({ children }: { children: ReactNode }) {
  const { db, device, refreshDevice } = useApp();
  const enrolled = device.sync ?? null;
  const [view, setView] = useState<SyncView>({ kind: 'off' });
  const [token, setToken] = useState<string | null>(null);
  const handle = useRef<ReplicationHandle | null>(null);

  useReplication(db, enrolled, device.deviceId, setView, setToken, handle);
  const server = useMemo<BlobServer | null>(() => (enrolled && token ? { serverUrl: enrolled.serverUrl, token } : null), [enrolled, token]);
  useBlobUploads(db, server, view);

  const enroll = useCallback(
    async (serverAddress: string, code: string, deviceName: string): Promise<EnrollResult> => {
      const outcome = await enrollDevice(serverAddress, code, deviceName);
      if (!outcome.ok) return outcome;
      const platform = getPlatform();
      const allowed = await platform.setSyncServer(outcome.serverUrl);
      if (allowed.status === 'refused') return { ok: false, failure: allowed.reason === 'not-https' ? 'not-https' : 'invalid-url' };
      const stored = await platform.storeDeviceToken(outcome.response.token);
      await adoptEnrollment(db, outcome.serverUrl, deviceName.trim(), outcome.response);
      await refreshDevice();
      // The desktop app lets the page reach the server's origin only after a reload (its CSP).
      if (allowed.reloadRequired) window.location.reload();
      return { ok: true, storage: stored.storage };
    },
    [db, refreshDevice],
  );

  const leave = useCallback(async () => {
    await handle.current?.stop();
    handle.current = null;
    const platform = getPlatform();
    await platform.clearDeviceToken();
    await platform.setSyncServer(null);
    await forgetEnrollment(db);
    await refreshDevice();
  }, [db, refreshDevice]);

  const download = useCallback(
    async (sha256: string, mimeType: string) => (server ? downloadBlob(db, server, sha256, mimeType) : null),
    [db, server],
  );

  const value = useMemo<SyncContextValue>(
    () => ({ view, enrolled, enroll, leave, syncNow: () => handle.current?.reSync(), download }),
    [view, enrolled, enroll, leave, download],
  );
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

const INITIAL_STATUS: SyncStatus = { state: 'connecting', pending: 0, lastSyncAt: null, error: null };

/** Starts replication when the device is enrolled and its token is there; stops it on leave or unmount. */
function useReplication(
  db: GuichetDatabase,
  enrolled: DeviceSync | null,
  deviceId: string,
  setView: (view: SyncView) => void,
  setToken: (token: string | null) => void,
  handle: { current: ReplicationHandle | null },
): void {
  const serverUrl = enrolled?.serverUrl;
  const serverDeviceId = enrolled?.serverDeviceId;
  useEffect(() => {
    if (!serverUrl || !serverDeviceId) {
      setView({ kind: 'off' });
      setToken(null);
      return;
    }
    let cancelled = false;
    let started: ReplicationHandle | null = null;
    void getPlatform()
      .readDeviceToken()
      .then((token) => {
        if (cancelled) return;
        setToken(token);
        if (!token) {
          setView({ kind: 'no-token' });
          return;
        }
        setView({ kind: 'running', status: INITIAL_STATUS });
        started = startReplication({
          collections: replicatedCollections(db),
          serverUrl,
          token,
          actor: { deviceId },
          onStatus: (status) => {
            if (!cancelled) setView({ kind: 'running', status });
          },
        });
        handle.current = started;
      });
    return () => {
      cancelled = true;
      if (started) void started.stop();
      if (handle.current === started) handle.current = null;
    };
  }, [db, serverUrl, serverDeviceId, deviceId, setView, setToken, handle]);
}

/** Sends attachment bytes the server lacks: when replication is up, and whenever a file is added. */
function useBlobUploads(db: GuichetDatabase, server: BlobServer | null, view: SyncView): void {
  const running = useRef(false);
  const upToDate = view.kind === 'running' && view.status.state === 'idle';
  useEffect(() => {
    if (!server) return;
    const run = () => {
      if (running.current) return;
      running.current = true;
      void uploadPendingBlobs(db, server)
        .catch(() => 0)
        .finally(() => {
          running.current = false;
        });
    };
    if (upToDate) run();
    const subscription = db.blobs.$.pipe(debounceTime(200)).subscribe(run);
    return () => subscription.unsubscribe();
  }, [db, server, upToDate]);
}
