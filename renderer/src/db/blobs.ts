import type { AttachmentRef } from '../../../domain/model';
import type { GuichetDatabase } from './database';

/** Largest file accepted as an attachment: a scan or a phone photo is far smaller. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class AttachmentTooLargeError extends Error {
  constructor(readonly fileName: string) {
    super(`attachment too large: ${fileName}`);
  }
}

/**
 * Stores a file's bytes once, under their sha256 (content-addressed, as the
 * sync server stores them), and returns the metadata a request keeps.
 */
export async function storeAttachment(
  db: GuichetDatabase,
  file: { name: string; type: string; bytes: ArrayBuffer },
  addedBy: string,
  now: Date = new Date(),
): Promise<AttachmentRef> {
  if (file.bytes.byteLength > MAX_ATTACHMENT_BYTES) throw new AttachmentTooLargeError(file.name);
  const sha256 = await sha256Hex(file.bytes);
  const mimeType = file.type || 'application/octet-stream';
  const existing = await db.blobs.findOne(sha256).exec();
  if (!existing) {
    const doc = await db.blobs.insert({
      id: sha256,
      mimeType,
      size: file.bytes.byteLength,
      uploaded: false,
      createdAt: now.toISOString(),
    });
    await doc.putAttachment({ id: 'content', data: new Blob([file.bytes], { type: mimeType }), type: mimeType });
  }
  return { sha256, name: file.name, mimeType, size: file.bytes.byteLength, addedAt: now.toISOString(), addedBy };
}

/** The bytes of an attachment, or null when this device does not have them (yet). */
export async function readAttachment(db: GuichetDatabase, sha256: string): Promise<Blob | null> {
  const doc = await db.blobs.findOne(sha256).exec();
  const attachment = doc?.getAttachment('content');
  if (!doc || !attachment) return null;
  return new Blob([await attachment.getData()], { type: doc.mimeType });
}
