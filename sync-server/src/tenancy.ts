/**
 * Who may read and write what (architecture.md; quality.md security 5).
 *
 * - A device belongs to one tenant: a commune or an intercommunality (EPCI).
 * - It reads and writes its tenant's documents: those whose communeId is its
 *   tenant's id.
 * - A request whose transfer names an EPCI (transfer.toId) that the commune
 *   belongs to is shared with that EPCI: its devices read it and may change
 *   only how it is handled, never delete it; they read the request's journal
 *   and may add lines to it.
 * - Nothing else of a commune is ever visible to another tenant.
 * - What each kind of writer may change, and the append-only journal, are
 *   domain/write-rules.ts's list (writerKind picks the row).
 */
import type { ReplicatedCollection } from '../../domain/model';
import type { TenantKind } from '../../domain/protocol';
import type { UserRole } from '../../domain/model';
import type { WriterKind } from '../../domain/write-rules';
import { isJsonObject, type JsonObject } from './canonical';
import type { StoredDocument } from './storage/documents';

export interface Principal {
  deviceId: string;
  tenantId: string;
  tenantKind: TenantKind;
  /** the role its enrollment code carried (a mayor's tablet), or null */
  role: UserRole | null;
}

/** The row of domain/write-rules.ts that judges this device's write of a document of the given scope. */
export function writerKind(principal: Principal, scope: Exclude<PushScope, 'forbidden'>): WriterKind {
  if (scope === 'shared') return 'epci';
  return principal.role === 'mayor' || principal.role === 'deputy' ? 'mayor' : 'commune';
}

/** The tenant of a document: its communeId. */
export function documentTenant(doc: JsonObject): string | null {
  return typeof doc['communeId'] === 'string' ? doc['communeId'] : null;
}

export type PushScope = 'own' | 'shared' | 'forbidden';

/**
 * First sorting of a pushed document, before any database read: its own
 * tenant's, a candidate for an EPCI's shared write (checked later against
 * what is stored), or refused outright.
 */
export function pushScope(principal: Principal, collection: ReplicatedCollection, doc: JsonObject): PushScope {
  const tenant = documentTenant(doc);
  if (tenant === principal.tenantId) return 'own';
  if (principal.tenantKind === 'epci' && (collection === 'requests' || collection === 'events')) return 'shared';
  return 'forbidden';
}

/** The EPCI a request is shared with, or null: its transfer names the commune's own EPCI. */
export function requestSharedWith(request: JsonObject, communeEpciId: string | undefined): string | null {
  const transfer = request['transfer'];
  if (!communeEpciId || !isJsonObject(transfer)) return null;
  return transfer['toId'] === communeEpciId ? communeEpciId : null;
}

/** An event is visible where its request is. */
export function eventRequestId(event: JsonObject): string | null {
  const requestId = event['requestId'];
  return typeof requestId === 'string' && requestId !== '' ? requestId : null;
}

/**
 * Checks an intercommunality's event in a commune's journal: it must belong to
 * a request shared with it, and may not overwrite an event it cannot see.
 */
export function checkSharedEventWrite(
  principal: Principal,
  storedEvent: StoredDocument | undefined,
  request: { sharedWith: string | null } | undefined,
): string | null {
  if (!request || request.sharedWith !== principal.tenantId) return 'this event’s request is not shared with your intercommunality';
  if (storedEvent && storedEvent.sharedWith !== principal.tenantId) return 'this event is not visible to your intercommunality';
  return null;
}
