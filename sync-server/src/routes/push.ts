import type { FastifyInstance } from 'fastify';
import type { ReplicatedCollection } from '../../../domain/model';
import { API_PREFIX } from '../../../domain/protocol';
import { isJsonObject, type DocState, type JsonObject } from '../canonical';
import { checkSchemaVersion, collectionParam, principalOf, type ServerContext } from '../context';
import { ApiError } from '../errors';
import { applyPush, type PushItem } from '../push';
import { pushScope, type Principal } from '../tenancy';
import { validateDocument } from '../validation';

/** RxDB's local bookkeeping, never part of what replicates (attachments travel as blobs). */
const LOCAL_FIELDS = ['_meta', '_rev', '_attachments'];

function stripLocal(doc: JsonObject): JsonObject {
  const copy = { ...doc };
  for (const field of LOCAL_FIELDS) delete copy[field];
  return copy;
}

function toState(doc: JsonObject): DocState {
  const { _deleted: deleted, ...data } = doc;
  return { data, deleted: deleted === true };
}

function invalid(index: number, id: unknown, message: string, details: string[] = []): ApiError {
  return new ApiError('invalid_document', message, { index, ...(typeof id === 'string' ? { id } : {}), details });
}

/** Reads one row of a push: validates the new state, brings both states to the current schema version. */
export function parseRow(collection: ReplicatedCollection, row: unknown, index: number, version: number): Omit<PushItem, 'scope'> {
  if (!isJsonObject(row) || !isJsonObject(row['newDocumentState'])) {
    throw invalid(index, undefined, `push row ${index}: newDocumentState must be an object`);
  }
  const assumedRaw = row['assumedMasterState'];
  if (assumedRaw !== undefined && assumedRaw !== null && !isJsonObject(assumedRaw)) {
    throw invalid(index, undefined, `push row ${index}: assumedMasterState must be an object or null`);
  }
  const raw = stripLocal(row['newDocumentState']);
  const result = validateDocument(collection, raw, version);
  if (!result.ok)
    throw invalid(index, raw['id'], `document ${index} (${String(raw['id'])}) does not match the ${collection} schema`, result.reasons);
  const next = toState(result.doc);
  return {
    index,
    id: String(next.data['id']),
    communeId: String(next.data['communeId']),
    next,
    assumed: assumedRaw ? assumedState(collection, stripLocal(assumedRaw), version) : null,
  };
}

/**
 * What the device believes the server holds is not validated (it came from
 * the server), only brought to the current version so that it compares with
 * what is stored. If it cannot be, it matches nothing: a conflict, never a
 * blind overwrite.
 */
function assumedState(collection: ReplicatedCollection, doc: JsonObject, version: number): DocState | null {
  const result = validateDocument(collection, doc, version);
  if (result.ok) return toState(result.doc);
  return toState(doc);
}

function scoped(principal: Principal, collection: ReplicatedCollection, item: Omit<PushItem, 'scope'>): PushItem {
  const scope = pushScope(principal, collection, item.next.data);
  if (scope === 'forbidden') {
    throw new ApiError('forbidden', `document ${item.index} belongs to another commune`, { index: item.index, id: item.id });
  }
  return { ...item, scope };
}

/**
 * POST /api/v1/:collection/push: all or nothing. One invalid document and
 * the whole push is refused (400, which and why); one document of another
 * tenant and it is refused (403); else the answer lists the server's state of
 * every document that conflicted.
 */
export function registerPush(app: FastifyInstance, context: ServerContext): void {
  app.post<{ Params: { collection: string } }>(`${API_PREFIX}/:collection/push`, async (request) => {
    const principal = principalOf(request);
    const collection = collectionParam(request.params.collection);
    const version = checkSchemaVersion(request, collection, 'write');
    const body: unknown = request.body;
    if (!Array.isArray(body)) throw new ApiError('invalid_request', 'The body must be an array of {newDocumentState, assumedMasterState}.');
    if (body.length > context.limits.pushDocuments) {
      throw new ApiError('payload_too_large', `At most ${context.limits.pushDocuments} documents per push.`);
    }
    const items = body.map((row, index) => scoped(principal, collection, parseRow(collection, row, index, version)));
    const outcome = await applyPush(context.storage, principal, collection, items, context.now());
    request.log.info({ collection, documents: items.length, written: outcome.written, conflicts: outcome.conflicts.length }, 'push');
    return outcome.conflicts;
  });
}
