/**
 * First start, joining a commune that is already on the sync server (the
 * mayor's tablet, a second computer): enroll, fetch the commune's settings so
 * the app can open at once, and let replication bring the rest. Nothing is
 * created locally that the server does not already have.
 */
import { newId } from '../../../domain/ids';
import type { SettingsDoc } from '../../../domain/model';
import { pullPath, SCHEMA_VERSION_HEADER, type PullResponse } from '../../../domain/protocol';
import { SETTINGS_ID, settingsSchema } from '../../../domain/schemas';
import type { GuichetDatabase } from '../db/database';
import { getPlatform, type SecretStorage } from '../platform';
import { writeDevice, type DeviceState } from '../session/device';
import { deviceSyncOf } from './adopt';
import { enrollDevice, type EnrollFailure } from './enroll';

export type JoinFailure = EnrollFailure | 'no-commune-data';
export type JoinResult =
  | { ok: true; device: DeviceState; storage: SecretStorage; reloadRequired: boolean }
  | { ok: false; failure: JoinFailure };

/** The tenant's settings document as the server holds it, or null (nothing there yet, or no answer). */
async function fetchSettings(serverUrl: string, token: string, doFetch: typeof fetch): Promise<SettingsDoc | null> {
  const response = await doFetch(`${serverUrl}${pullPath('settings')}?limit=50`, {
    headers: { authorization: `Bearer ${token}`, [SCHEMA_VERSION_HEADER]: String(settingsSchema.version) },
  }).catch(() => null);
  if (!response?.ok) return null;
  const body = (await response.json().catch(() => null)) as PullResponse<SettingsDoc> | null;
  const found = body?.documents.find((doc) => doc.id === SETTINGS_ID && !doc._deleted);
  if (!found) return null;
  const { _deleted: _ignored, ...settings } = found;
  return settings;
}

export async function joinCommune(
  db: GuichetDatabase,
  serverAddress: string,
  code: string,
  deviceName: string,
  doFetch: typeof fetch = globalThis.fetch.bind(globalThis),
  now: Date = new Date(),
): Promise<JoinResult> {
  const outcome = await enrollDevice(serverAddress, code, deviceName, doFetch);
  if (!outcome.ok) return outcome;
  const { serverUrl, response } = outcome;
  const platform = getPlatform();
  const settings = await fetchSettings(serverUrl, response.token, doFetch);
  // A tenant with nothing on the server yet is set up on this device first (the form above), then enrolled.
  if (!settings) return { ok: false, failure: 'no-commune-data' };
  const allowed = await platform.setSyncServer(serverUrl);
  if (allowed.status === 'refused') return { ok: false, failure: allowed.reason === 'not-https' ? 'not-https' : 'invalid-url' };
  const stored = await platform.storeDeviceToken(response.token);
  await db.settings.upsert(settings);
  const user = settings.users.find((candidate) => candidate.active) ?? settings.users[0];
  const device: DeviceState = {
    deviceId: newId(),
    devicePrefix: response.devicePrefix || 'A',
    communeId: response.commune.id,
    currentUserId: user?.id ?? '',
    sync: deviceSyncOf(serverUrl, deviceName.trim(), response, now),
  };
  await writeDevice(db, device);
  return { ok: true, device, storage: stored.storage, reloadRequired: allowed.reloadRequired };
}
