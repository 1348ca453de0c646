import { useCallback, useEffect, useRef, useState } from 'react';
import type { BackupListing } from '../../../electron/common/api';
import type { GuichetDatabase } from '../db/database';
import type { Actor } from '../db/journal';
import { getPlatform } from '../platform';
import { BACKUP_STATE_DOC, dailyBackupIfDue, EMPTY_BACKUP_STATE, newestBackupAt, type BackupState } from './run';

export interface BackupOverview {
  state: BackupState;
  /** undefined while the platform answers */
  listing: BackupListing | undefined;
  /** the newest backup known: in the folder, or remembered by this device */
  newest: string | null;
  refresh: () => void;
}

/** What this device knows of its backups, kept up to date as backups are made (by hand or daily). */
export function useBackupOverview(db: GuichetDatabase): BackupOverview {
  const [state, setState] = useState<BackupState>(EMPTY_BACKUP_STATE);
  const [listing, setListing] = useState<BackupListing | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    const subscription = db.getLocal$<BackupState>(BACKUP_STATE_DOC).subscribe((doc) => {
      setState(doc ? { ...EMPTY_BACKUP_STATE, ...(doc.toJSON().data as BackupState) } : EMPTY_BACKUP_STATE);
    });
    return () => subscription.unsubscribe();
  }, [db]);

  // The folder's listing, again whenever a backup was made or failed.
  useEffect(() => {
    let live = true;
    void getPlatform()
      .listBackups()
      .then((result) => {
        if (live) setListing(result);
      })
      .catch(() => {
        if (live) setListing({ supported: false, folder: null, folderAvailable: false, backups: [] });
      });
    return () => {
      live = false;
    };
  }, [tick, state.lastBackupAt, state.lastFailureAt]);

  return { state, listing, newest: newestBackupAt(state, listing?.backups[0]?.createdAt ?? null), refresh };
}

/** First look a minute after start (the secretary's first screen comes first), then every hour. */
const FIRST_CHECK_MS = 60_000;
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * The daily backup, in the background: never blocks the secretary, never
 * throws; a failure is kept in the backup state, shown in Réglages and on
 * Aujourd'hui. `actor` is null until a commune is set up.
 */
export function useDailyBackup(db: GuichetDatabase, actor: Actor | null): void {
  const actorRef = useRef(actor);
  actorRef.current = actor;
  const ready = actor !== null;
  useEffect(() => {
    if (!ready) return;
    let stopped = false;
    const check = () => {
      const current = actorRef.current;
      if (stopped || !current) return;
      void dailyBackupIfDue(db, getPlatform(), current).catch(() => undefined);
    };
    const first = setTimeout(check, FIRST_CHECK_MS);
    const every = setInterval(check, CHECK_EVERY_MS);
    return () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
    };
  }, [db, ready]);
}
