/**
 * Schemas of the collections that stay on this device and never replicate:
 * - drafts: the intake form as it is typed, so that a crash loses nothing;
 * - blobs: attachment bytes, content-addressed by sha256 (documents carry only
 *   the metadata; bytes travel separately, see architecture.md).
 */

export interface DraftDoc {
  id: string;
  /** which form the draft belongs to, e.g. `intake` */
  form: string;
  /** the form's state as JSON */
  json: string;
  savedAt: string;
}

export interface BlobDoc {
  /** the sha256 of the bytes, lower-case hex */
  id: string;
  mimeType: string;
  size: number;
  /** whether the sync server has the bytes already */
  uploaded: boolean;
  createdAt: string;
}

export const draftSchema = {
  title: 'drafts',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 64 },
    form: { type: 'string', maxLength: 64 },
    json: { type: 'string' },
    savedAt: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'form', 'json', 'savedAt'],
} as const;

export const blobSchema = {
  title: 'blobs',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 64 },
    mimeType: { type: 'string', maxLength: 200 },
    size: { type: 'integer', minimum: 0 },
    uploaded: { type: 'boolean' },
    createdAt: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'mimeType', 'size', 'uploaded', 'createdAt'],
  attachments: {},
} as const;
