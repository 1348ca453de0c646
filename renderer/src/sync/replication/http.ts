/** The sync server's HTTP API as the replication calls it: the token, the schema version, errors in the protocol's shape. */
import type { RxCollection } from 'rxdb';
import { isErrorBody, SCHEMA_VERSION_HEADER } from '../../../../domain/protocol';
import { SyncHttpError, type ReplicationOptions } from './types';

export interface Http {
  get<T>(path: string, collection: RxCollection): Promise<T>;
  post<T>(path: string, collection: RxCollection, body: unknown): Promise<T>;
  headers(extra?: Record<string, string>): Record<string, string>;
  url(path: string): string;
  fetch: typeof fetch;
}

export function makeHttp(options: ReplicationOptions): Http {
  const base = options.serverUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({ authorization: `Bearer ${options.token}`, ...extra });
  const call = async <T>(path: string, collection: RxCollection, init: RequestInit): Promise<T> => {
    const response = await doFetch(`${base}${path}`, {
      ...init,
      headers: headers({
        [SCHEMA_VERSION_HEADER]: String(collection.schema.version),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      }),
    }).catch((error: unknown) => {
      throw new SyncHttpError(null, 'network', error instanceof Error ? error.message : 'network error');
    });
    if (!response.ok) throw await httpError(response);
    return (await response.json()) as T;
  };
  return {
    get: (path, collection) => call(path, collection, { method: 'GET' }),
    post: (path, collection, body) => call(path, collection, { method: 'POST', body: JSON.stringify(body) }),
    headers,
    url: (path) => `${base}${path}`,
    fetch: doFetch,
  };
}

export async function httpError(response: Response): Promise<SyncHttpError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) return new SyncHttpError(response.status, body.error.code, body.error.message);
  return new SyncHttpError(response.status, response.status >= 500 ? 'unavailable' : 'invalid_request', `HTTP ${response.status}`);
}
