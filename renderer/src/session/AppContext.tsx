import { createContext, useContext } from 'react';
import type { GuichetDatabase } from '../db/database';
import type { AppUser, SettingsDoc } from '../../../domain/model';
import type { DeviceState } from './device';
import type { RequestSearchIndex } from '../db/search-index';

/** What every screen needs: the database, the commune's settings, this device, who is at the keyboard. */
export interface AppContextValue {
  db: GuichetDatabase;
  settings: SettingsDoc;
  device: DeviceState;
  currentUser: AppUser;
  setCurrentUser: (userId: string) => Promise<void>;
  /** reads this device's state again (after enrollment changed it) */
  refreshDevice: () => Promise<void>;
  /** words of every request, in memory, for search as you type */
  searchIndex: RequestSearchIndex;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside of <AppContext>');
  return value;
}

/** The actor recorded in the journal for what happens now. */
export function useActor() {
  const { currentUser, device, settings } = useApp();
  return { actorId: currentUser.id, actorName: currentUser.name, deviceId: device.deviceId, communeId: settings.communeId };
}
