/**
 * Attachments travel as blobs by hash (architecture.md: PUT and GET
 * /api/v1/blobs/:sha256): documents carry only their metadata, the bytes go
 * up when the line is up, and come down when someone opens the file on a
 * device that does not have it yet.
 */
import { blobPath } from '../../../domain/protocol';
import { sha256Hex } from '../db/blobs';
import type { GuichetDatabase } from '../db/database';

export interface BlobServer {
  serverUrl: string;
  token: string;
  fetch?: typeof fetch;
}

function request(server: BlobServer, sha256: string, init: RequestInit): Promise<Response> {
  const doFetch = server.fetch ?? globalThis.fetch.bind(globalThis);
  return doFetch(`${server.serverUrl}${blobPath(sha256)}`, {
    ...init,
    headers: { authorization: `Bearer ${server.token}`, ...(init.headers ?? {}) },
  });
}

/**
 * Sends every blob this device holds that the server does not have yet.
 * Returns how many went up; stops at the first failure (the line dropped, the
 * token was refused): the rest waits for the next try.
 */
export async function uploadPendingBlobs(db: GuichetDatabase, server: BlobServer): Promise<number> {
  const pending = (await db.blobs.find().exec()).filter((doc) => !doc.uploaded);
  let sent = 0;
  for (const doc of pending) {
    const attachment = doc.getAttachment('content');
    if (!attachment) continue;
    const bytes = await (await attachment.getData()).arrayBuffer();
    const response = await request(server, doc.id, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    }).catch(() => null);
    if (!response || !response.ok) return sent;
    await doc.incrementalPatch({ uploaded: true });
    sent += 1;
  }
  return sent;
}

export type DownloadOutcome = { status: 'downloaded'; blob: Blob } | { status: 'unavailable' } | { status: 'offline' };

/** Fetches an attachment's bytes from the server, checks they hash to their name, and keeps them on this device. */
export async function downloadBlob(
  db: GuichetDatabase,
  server: BlobServer,
  sha256: string,
  mimeType: string,
  now: Date = new Date(),
): Promise<DownloadOutcome> {
  const response = await request(server, sha256, { method: 'GET' }).catch(() => null);
  if (!response) return { status: 'offline' };
  if (!response.ok) return { status: 'unavailable' };
  const bytes = await response.arrayBuffer();
  if ((await sha256Hex(bytes)) !== sha256) return { status: 'unavailable' };
  const type = mimeType || 'application/octet-stream';
  const existing = await db.blobs.findOne(sha256).exec();
  if (!existing) {
    const doc = await db.blobs.insert({ id: sha256, mimeType: type, size: bytes.byteLength, uploaded: true, createdAt: now.toISOString() });
    await doc.putAttachment({ id: 'content', data: new Blob([bytes], { type }), type });
  }
  return { status: 'downloaded', blob: new Blob([bytes], { type }) };
}
