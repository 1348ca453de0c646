/**
 * Enrollment of this device with a sync server (architecture.md, "The sync
 * protocol": POST /api/v1/enroll). Every expected failure is a kind the
 * screen turns into plain French; nothing here touches the database.
 */
import { API_PREFIX, isErrorBody, type EnrollRequest, type EnrollResponse } from '../../../domain/protocol';
import { checkSyncServerUrl } from '../platform';

export type EnrollFailure =
  /** the address is not one Guichet accepts (https, or http on this computer only) */
  | 'invalid-url'
  | 'not-https'
  /** no answer: wrong address, no network, server stopped */
  | 'unreachable'
  /** the code is unknown, already used or expired */
  | 'invalid-code'
  | 'rate-limited'
  /** it answered, but not as a Guichet sync server does */
  | 'not-a-server'
  | 'server-error';

export type EnrollOutcome = { ok: true; serverUrl: string; response: EnrollResponse } | { ok: false; failure: EnrollFailure };

/** Codes are printed as AAAA-BBBB-CCCC; people type them with spaces, in lower case, or without dashes. */
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase().replace(/\s+/g, '');
}

export async function enrollDevice(
  serverAddress: string,
  code: string,
  deviceName: string,
  doFetch: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<EnrollOutcome> {
  const checked = checkSyncServerUrl(serverAddress);
  if (!checked.ok) return { ok: false, failure: checked.reason === 'not-https' ? 'not-https' : 'invalid-url' };
  const body: EnrollRequest = { code: normaliseCode(code), deviceName: deviceName.trim() };
  let response: Response;
  try {
    response = await doFetch(`${checked.url}${API_PREFIX}/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, failure: 'unreachable' };
  }
  const answer: unknown = await response.json().catch(() => null);
  if (response.status === 201 && isEnrollResponse(answer)) return { ok: true, serverUrl: checked.url, response: answer };
  return { ok: false, failure: failureOf(response.status, answer) };
}

function failureOf(status: number, answer: unknown): EnrollFailure {
  if (!isErrorBody(answer)) return status >= 500 ? 'server-error' : 'not-a-server';
  if (answer.error.code === 'invalid_code') return 'invalid-code';
  if (answer.error.code === 'rate_limited') return 'rate-limited';
  // A body the server refused (a code too long): the code is not one it issued.
  if (status === 400) return 'invalid-code';
  return 'server-error';
}

function isEnrollResponse(value: unknown): value is EnrollResponse {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<EnrollResponse>;
  return (
    typeof candidate.deviceId === 'string' &&
    typeof candidate.token === 'string' &&
    typeof candidate.commune?.id === 'string' &&
    typeof candidate.commune.name === 'string'
  );
}
