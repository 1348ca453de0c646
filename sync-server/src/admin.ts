/**
 * The administration of a sync server: intercommunalities, communes,
 * enrollment codes, devices. The CLI runs these directly on the storage, or,
 * when a PGlite server already holds the data directory, through the running
 * server's loopback-only admin route (routes/admin.ts): one code path either way.
 */
import { newId } from '../../domain/ids';
import { normaliseSearch } from '../../domain/search';
import { USER_ROLES, type UserRole } from '../../domain/model';
import { hashEnrollmentCode, newEnrollmentCode } from './auth';
import type { Storage } from './storage';
import {
  findTenant,
  insertEnrollmentCode,
  insertTenant,
  listDevices,
  listTenants,
  revokeDevice,
  type Device,
  type Tenant,
} from './storage/tenants';

export type AdminCommand =
  | { command: 'epci-add'; name: string }
  | { command: 'commune-add'; name: string; insee: string; epciId: string | null }
  | { command: 'enroll-code'; tenantId: string; ttlDays: number; role?: UserRole }
  | { command: 'tenants-list' }
  | { command: 'devices-list' }
  | { command: 'devices-revoke'; deviceId: string };

export class AdminError extends Error {
  override readonly name = 'AdminError';
}

export interface TenantView {
  id: string;
  kind: Tenant['kind'];
  name: string;
  insee: string | null;
  epciId: string | null;
}

export interface DeviceView {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
  role: UserRole | null;
}

export interface EnrollCodeView {
  code: string;
  tenantId: string;
  tenantName: string;
  expiresAt: string;
  /** present when the code gives its device a role (the mayor's tablet) */
  role?: UserRole;
}

export type AdminResult = TenantView | TenantView[] | DeviceView[] | EnrollCodeView | { id: string; revoked: true };

const INSEE_PATTERN = /^(\d{5}|2[AB]\d{3})$/;
const MAX_NAME = 200;
export const DEFAULT_ENROLL_TTL_DAYS = 7;

export async function runAdmin(storage: Storage, command: AdminCommand): Promise<AdminResult> {
  switch (command.command) {
    case 'epci-add':
      return addEpci(storage, checkName(command.name));
    case 'commune-add':
      return addCommune(storage, command);
    case 'enroll-code':
      return issueCode(storage, command.tenantId, command.ttlDays, command.role);
    case 'tenants-list':
      return (await listTenants(storage.db)).map(tenantView);
    case 'devices-list':
      return (await listDevices(storage.db)).map(deviceView);
    case 'devices-revoke':
      if (!(await revokeDevice(storage.db, command.deviceId))) throw new AdminError(`no device ${command.deviceId}`);
      return { id: command.deviceId, revoked: true };
  }
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > MAX_NAME) throw new AdminError(`a name of 1 to ${MAX_NAME} characters is required`);
  return trimmed;
}

/**
 * Two intercommunalities of one name would be told apart by nobody (the
 * enrollment screen and `communes list` show names), so the second is refused.
 * Names compare as the search does: case, accents, punctuation and spaces aside.
 */
async function addEpci(storage: Storage, name: string): Promise<TenantView> {
  const key = sameNameKey(name);
  const existing = (await listTenants(storage.db)).find((tenant) => tenant.kind === 'epci' && sameNameKey(tenant.name) === key);
  if (existing) throw new AdminError(`an intercommunality named “${existing.name}” already exists (${existing.id})`);
  return tenantView(await insertTenant(storage.db, { id: newId(), kind: 'epci', name, insee: null, epciId: null }));
}

function sameNameKey(name: string): string {
  return normaliseSearch(name).replaceAll(' ', '');
}

async function addCommune(storage: Storage, command: Extract<AdminCommand, { command: 'commune-add' }>): Promise<TenantView> {
  const insee = command.insee.trim().toUpperCase();
  if (!INSEE_PATTERN.test(insee)) throw new AdminError('the INSEE code is five characters, e.g. 54578 or 2A004');
  if (command.epciId) {
    const epci = await findTenant(storage.db, command.epciId);
    if (!epci || epci.kind !== 'epci') throw new AdminError(`no intercommunality ${command.epciId}`);
  }
  const taken = (await listTenants(storage.db)).some((tenant) => tenant.insee === insee);
  if (taken) throw new AdminError(`a commune with INSEE code ${insee} already exists`);
  return tenantView(
    await insertTenant(storage.db, { id: newId(), kind: 'commune', name: checkName(command.name), insee, epciId: command.epciId }),
  );
}

/** Reads a role given on the command line or to the admin route. */
export function parseRole(value: string): UserRole {
  if (!(USER_ROLES as readonly string[]).includes(value)) throw new AdminError(`a role is one of ${USER_ROLES.join(', ')}`);
  return value as UserRole;
}

async function issueCode(storage: Storage, tenantId: string, ttlDays: number, role?: UserRole): Promise<EnrollCodeView> {
  const tenant = await findTenant(storage.db, tenantId);
  if (!tenant) throw new AdminError(`no commune or intercommunality ${tenantId}`);
  if (!(ttlDays > 0 && ttlDays <= 90)) throw new AdminError('a code lives 1 to 90 days');
  const code = newEnrollmentCode();
  const expiresAt = new Date(Date.now() + ttlDays * 86_400_000);
  await insertEnrollmentCode(storage.db, hashEnrollmentCode(code), tenant.id, expiresAt, role ?? null);
  return { code, tenantId: tenant.id, tenantName: tenant.name, expiresAt: expiresAt.toISOString(), ...(role ? { role } : {}) };
}

function tenantView(tenant: Tenant): TenantView {
  return { id: tenant.id, kind: tenant.kind, name: tenant.name, insee: tenant.insee, epciId: tenant.epciId };
}

function deviceView(device: Device): DeviceView {
  return {
    id: device.id,
    tenantId: device.tenantId,
    name: device.name,
    prefix: device.prefix,
    createdAt: device.createdAt.toISOString(),
    lastSeenAt: device.lastSeenAt.toISOString(),
    expiresAt: device.expiresAt.toISOString(),
    revokedAt: device.revokedAt ? device.revokedAt.toISOString() : null,
    role: device.role,
  };
}

/** Reads an AdminCommand from untrusted JSON (the admin route). */
export function parseAdminCommand(value: unknown): AdminCommand {
  if (typeof value !== 'object' || value === null) throw new AdminError('a command object is required');
  const input = value as Record<string, unknown>;
  const string = (key: string): string => {
    const field = input[key];
    if (typeof field !== 'string') throw new AdminError(`${key} is required`);
    return field;
  };
  switch (input['command']) {
    case 'epci-add':
      return { command: 'epci-add', name: string('name') };
    case 'commune-add':
      return {
        command: 'commune-add',
        name: string('name'),
        insee: string('insee'),
        epciId: typeof input['epciId'] === 'string' ? input['epciId'] : null,
      };
    case 'enroll-code':
      return {
        command: 'enroll-code',
        tenantId: string('tenantId'),
        ttlDays: typeof input['ttlDays'] === 'number' ? input['ttlDays'] : DEFAULT_ENROLL_TTL_DAYS,
        ...(typeof input['role'] === 'string' ? { role: parseRole(input['role']) } : {}),
      };
    case 'tenants-list':
      return { command: 'tenants-list' };
    case 'devices-list':
      return { command: 'devices-list' };
    case 'devices-revoke':
      return { command: 'devices-revoke', deviceId: string('deviceId') };
    default:
      throw new AdminError('unknown command');
  }
}
