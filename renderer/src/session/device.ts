import type { GuichetDatabase } from '../db/database';
import { newId } from '../../../domain/ids';
import type { UserRole } from '../../../domain/model';

/**
 * What this computer is, kept in an RxDB local document: it belongs to the
 * device and never replicates.
 * - deviceId: names the device in the journal;
 * - devicePrefix: the letter(s) in the references it creates, so that two
 *   devices working offline never give the same reference (the sync server
 *   hands out a unique prefix at enrollment; a lone device uses "A");
 * - currentUserId: who is at the keyboard now, so the journal says who did what.
 */
export interface DeviceState {
  deviceId: string;
  devicePrefix: string;
  communeId: string;
  currentUserId: string;
  /** the role the sync server's enrollment code carried (`enroll-code --role mayor`), when enrolled with one */
  enrolledRole?: UserRole;
  /** set once the device is enrolled with a sync server (Réglages › Synchronisation); the token is kept by the platform */
  sync?: DeviceSync;
}

/** What enrollment told this device (domain/protocol.ts, EnrollResponse), minus the token. */
export interface DeviceSync {
  serverUrl: string;
  /** the server's id of this device (devices list / revoke) */
  serverDeviceId: string;
  deviceName: string;
  /** the tenant: a commune, or an intercommunality (EPCI) */
  tenantId: string;
  tenantName: string;
  kind: 'commune' | 'epci';
  /** the commune's intercommunality, when the server names it */
  epci: { id: string; name: string } | null;
  /** optional role the enrollment code was issued for (e.g. 'mayor'); absent on older servers */
  role?: UserRole;
  enrolledAt: string;
  tokenExpiresAt: string;
}

const DEVICE_DOC = 'device';

export async function readDevice(db: GuichetDatabase): Promise<DeviceState | null> {
  const doc = await db.getLocal<DeviceState>(DEVICE_DOC);
  return doc ? (doc.toJSON().data as DeviceState) : null;
}

export async function writeDevice(db: GuichetDatabase, state: DeviceState): Promise<void> {
  await db.upsertLocal<DeviceState>(DEVICE_DOC, state);
}

export async function updateDevice(db: GuichetDatabase, patch: Partial<DeviceState>): Promise<DeviceState> {
  const current = await readDevice(db);
  if (!current) throw new Error('device not set up');
  const next = { ...current, ...patch };
  await writeDevice(db, next);
  return next;
}

export function newDeviceState(communeId: string, currentUserId: string): DeviceState {
  return { deviceId: newId(), devicePrefix: 'A', communeId, currentUserId };
}
