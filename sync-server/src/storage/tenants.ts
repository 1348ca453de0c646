import type { SqlExecutor } from './driver';
import { date, dateOrNull, integer, text, textOrNull } from './rows';
import type { Row } from './driver';
import type { TenantKind } from '../../../domain/protocol';
import { USER_ROLES, type UserRole } from '../../../domain/model';

export interface Tenant {
  id: string;
  kind: TenantKind;
  name: string;
  insee: string | null;
  epciId: string | null;
  createdAt: Date;
}

export interface Device {
  id: string;
  tenantId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** the role its enrollment code carried (a mayor's tablet), or null */
  role: UserRole | null;
}

/** A device found by its token, with what authentication needs about its tenant. */
export interface DeviceWithTenant extends Device {
  tenantKind: TenantKind;
  tenantName: string;
}

const TENANT_COLUMNS = 'id, kind, name, insee, epci_id, created_at';
const DEVICE_COLUMNS = 'd.id, d.tenant_id, d.name, d.prefix, d.created_at, d.last_seen_at, d.expires_at, d.revoked_at, d.role';

function toTenant(row: Row): Tenant {
  const kind = text(row, 'kind') === 'epci' ? 'epci' : 'commune';
  return {
    id: text(row, 'id'),
    kind,
    name: text(row, 'name'),
    insee: textOrNull(row, 'insee'),
    epciId: textOrNull(row, 'epci_id'),
    createdAt: date(row, 'created_at'),
  };
}

function toDevice(row: Row): Device {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    name: text(row, 'name'),
    prefix: text(row, 'prefix'),
    createdAt: date(row, 'created_at'),
    lastSeenAt: date(row, 'last_seen_at'),
    expiresAt: date(row, 'expires_at'),
    revokedAt: dateOrNull(row, 'revoked_at'),
    role: roleOrNull(textOrNull(row, 'role')),
  };
}

function roleOrNull(value: string | null): UserRole | null {
  return value !== null && (USER_ROLES as readonly string[]).includes(value) ? (value as UserRole) : null;
}

export async function insertTenant(db: SqlExecutor, tenant: Omit<Tenant, 'createdAt'>): Promise<Tenant> {
  const rows = await db.query(
    `INSERT INTO tenants (id, kind, name, insee, epci_id) VALUES ($1, $2, $3, $4, $5) RETURNING ${TENANT_COLUMNS}`,
    [tenant.id, tenant.kind, tenant.name, tenant.insee, tenant.epciId],
  );
  return toTenant(rows[0] ?? {});
}

export async function findTenant(db: SqlExecutor, id: string): Promise<Tenant | null> {
  const rows = await db.query(`SELECT ${TENANT_COLUMNS} FROM tenants WHERE id = $1`, [id]);
  return rows[0] ? toTenant(rows[0]) : null;
}

export async function listTenants(db: SqlExecutor): Promise<Tenant[]> {
  const rows = await db.query(`SELECT ${TENANT_COLUMNS} FROM tenants ORDER BY kind, name, id`);
  return rows.map(toTenant);
}

/** The intercommunality each of these communes belongs to (communes without one are absent). */
export async function epciOfCommunes(db: SqlExecutor, communeIds: readonly string[]): Promise<Map<string, string>> {
  if (communeIds.length === 0) return new Map();
  const rows = await db.query(
    `SELECT t.id, t.epci_id FROM tenants t
     JOIN jsonb_array_elements_text($1::jsonb) AS wanted(id) ON wanted.id = t.id
     WHERE t.epci_id IS NOT NULL`,
    [JSON.stringify(communeIds)],
  );
  return new Map(rows.map((row) => [text(row, 'id'), text(row, 'epci_id')]));
}

/** Takes the tenant's next device number, so that two enrollments never share a prefix. */
export async function takeDeviceIndex(db: SqlExecutor, tenantId: string): Promise<number> {
  const rows = await db.query(
    'UPDATE tenants SET next_device_index = next_device_index + 1 WHERE id = $1 RETURNING next_device_index - 1 AS taken',
    [tenantId],
  );
  return integer(rows[0] ?? {}, 'taken');
}

export async function insertDevice(
  db: SqlExecutor,
  device: { id: string; tenantId: string; name: string; prefix: string; tokenHash: string; expiresAt: Date; role?: UserRole | null },
): Promise<void> {
  await db.query('INSERT INTO devices (id, tenant_id, name, prefix, token_hash, expires_at, role) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    device.id,
    device.tenantId,
    device.name,
    device.prefix,
    device.tokenHash,
    device.expiresAt.toISOString(),
    device.role ?? null,
  ]);
}

export async function findDeviceByTokenHash(db: SqlExecutor, tokenHash: string): Promise<DeviceWithTenant | null> {
  const rows = await db.query(
    `SELECT ${DEVICE_COLUMNS}, t.kind AS tenant_kind, t.name AS tenant_name
     FROM devices d JOIN tenants t ON t.id = d.tenant_id WHERE d.token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return null;
  return { ...toDevice(row), tenantKind: text(row, 'tenant_kind') === 'epci' ? 'epci' : 'commune', tenantName: text(row, 'tenant_name') };
}

/** Slides the token's expiry: a device in use keeps working, an abandoned one expires. */
export async function touchDevice(db: SqlExecutor, deviceId: string, expiresAt: Date): Promise<void> {
  await db.query('UPDATE devices SET last_seen_at = now(), expires_at = $2 WHERE id = $1 AND revoked_at IS NULL', [
    deviceId,
    expiresAt.toISOString(),
  ]);
}

export async function listDevices(db: SqlExecutor): Promise<Device[]> {
  const rows = await db.query(`SELECT ${DEVICE_COLUMNS} FROM devices d ORDER BY d.tenant_id, d.prefix`);
  return rows.map(toDevice);
}

/** Returns false when no such device exists. Revoking twice keeps the first date. */
export async function revokeDevice(db: SqlExecutor, deviceId: string): Promise<boolean> {
  const rows = await db.query('UPDATE devices SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id', [deviceId]);
  return rows.length > 0;
}

/** Of these devices, those that may no longer connect (revoked, or their token expired): their streams must close. */
export async function devicesNoLongerValid(db: SqlExecutor, deviceIds: readonly string[], now: Date): Promise<string[]> {
  if (deviceIds.length === 0) return [];
  const rows = await db.query(
    `SELECT d.id FROM devices d
     JOIN jsonb_array_elements_text($1::jsonb) AS wanted(id) ON wanted.id = d.id
     WHERE d.revoked_at IS NOT NULL OR d.expires_at <= $2`,
    [JSON.stringify(deviceIds), now.toISOString()],
  );
  return rows.map((row) => text(row, 'id'));
}

export async function insertEnrollmentCode(
  db: SqlExecutor,
  codeHash: string,
  tenantId: string,
  expiresAt: Date,
  role: UserRole | null = null,
): Promise<void> {
  await db.query('INSERT INTO enrollment_codes (code_hash, tenant_id, expires_at, role) VALUES ($1, $2, $3, $4)', [
    codeHash,
    tenantId,
    expiresAt.toISOString(),
    role,
  ]);
}

/**
 * Marks a code used and returns its tenant, in the caller's transaction;
 * null when the code is unknown, used or expired. The UPDATE's WHERE makes
 * two simultaneous uses of one code impossible: only one row update wins.
 */
export async function claimEnrollmentCode(db: SqlExecutor, codeHash: string, deviceId: string): Promise<string | null> {
  const rows = await db.query(
    `UPDATE enrollment_codes SET used_at = now(), device_id = $2
     WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING tenant_id`,
    [codeHash, deviceId],
  );
  return rows[0] ? text(rows[0], 'tenant_id') : null;
}

/** The tenant of a valid (unused, unexpired) code; the claim itself is claimEnrollmentCode. */
export async function findUsableCode(db: SqlExecutor, codeHash: string): Promise<string | null> {
  const rows = await db.query('SELECT tenant_id FROM enrollment_codes WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()', [
    codeHash,
  ]);
  return rows[0] ? text(rows[0], 'tenant_id') : null;
}

/** The role a valid code gives its device, or null (a counter computer). */
export async function usableCodeRole(db: SqlExecutor, codeHash: string): Promise<UserRole | null> {
  const rows = await db.query('SELECT role FROM enrollment_codes WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()', [
    codeHash,
  ]);
  return rows[0] ? roleOrNull(textOrNull(rows[0], 'role')) : null;
}
