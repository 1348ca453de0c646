/**
 * Who may read and write what (architecture.md; quality.md security 5).
 *
 * - A device belongs to one tenant: a commune or an intercommunality (EPCI).
 * - It reads and writes its tenant's documents: those whose communeId is its
 *   tenant's id.
 * - A request whose transfer names an EPCI (transfer.toId) that the commune
 *   belongs to is shared with that EPCI: its devices read it and may change
 *   only how it is handled (EDITABLE_WHEN_SHARED), never delete it; they
 *   read the request's journal and may add events to it.
 * - Nothing else of a commune is ever visible to another tenant.
 */
import type { ReplicatedCollection } from '../../domain/model';
import type { TenantKind } from '../../domain/protocol';
import { changedFields, isJsonObject, type JsonObject } from './canonical';
import type { StoredDocument } from './storage/documents';

export interface Principal {
  deviceId: string;
  tenantId: string;
  tenantKind: TenantKind;
}

/** What an intercommunality may change on a request shared with it (updatedAt is the server's anyway). */
export const EDITABLE_WHEN_SHARED: readonly string[] = ['status', 'statusReason', 'answer', 'transfer', 'updatedAt'];

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
 * Checks an intercommunality's write to a commune's request: the request must
 * be shared with it, stay undeleted, and differ only in editable fields.
 * Returns the reason of a refusal, or null.
 */
export function checkSharedRequestWrite(principal: Principal, stored: StoredDocument | undefined, next: JsonObject, deleted: boolean): string | null {
  if (!stored || stored.sharedWith !== principal.tenantId) return 'this request is not shared with your intercommunality';
  if (deleted) return 'an intercommunality cannot delete a commune’s request';
  const forbidden = changedFields(stored.data, next).filter((field) => !EDITABLE_WHEN_SHARED.includes(field));
  if (forbidden.length > 0) return `an intercommunality may not change ${forbidden.join(', ')}`;
  return null;
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
