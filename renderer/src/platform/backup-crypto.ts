/**
 * The backup file format and its encryption. WebCrypto only (and
 * CompressionStream), so the same code runs in the desktop app's renderer, in
 * a plain browser and in Node ≥ 20 (the tests).
 *
 * A backup is: the renderer exports every collection and attachment into one
 * bundle (its shape is the caller's: a JSON value), then this module
 * compresses it, encrypts it with AES-256-GCM under a key derived from the
 * passphrase with PBKDF2-SHA-256, and frames it:
 *
 *   bytes 0..7    magic "GUICHETB"
 *   byte  8       format version (1)
 *   bytes 9..12   header length N, unsigned 32-bit big-endian
 *   bytes 13..    header: N bytes of UTF-8 JSON (BackupHeader), in clear but
 *                 authenticated (it is the AES-GCM additional data)
 *   then          ciphertext and its 16-byte GCM tag
 *
 * PBKDF2 yields 64 bytes: the first 32 are the AES key, the SHA-256 of the
 * last 32 is kept in the header as `check`. A wrong passphrase is therefore
 * told apart from a damaged file (the GCM tag alone cannot say which), and
 * the check reveals nothing an attacker could not get by running PBKDF2
 * himself. The header holds no personal data: dates, versions, parameters.
 */

export const BACKUP_MAGIC = 'GUICHETB';
export const BACKUP_FORMAT_VERSION = 1;
/** OWASP's figure for PBKDF2-HMAC-SHA256 (2023). About half a second on an office PC. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;
const MIN_ITERATIONS = 10_000; // below this, a file is not one Guichet wrote
const MAX_ITERATIONS = 10_000_000; // above this, a crafted file would just hang the app
const MAX_HEADER_BYTES = 16 * 1024;
export const MIN_PASSPHRASE_LENGTH = 8;

export interface BackupHeader {
  app: 'guichet';
  /** ISO 8601 date of the export. */
  createdAt: string;
  /** Version of the app that wrote it. */
  appVersion: string;
  /** Schema version of the bundle (the caller's). */
  bundleVersion: number;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  compression: 'gzip' | 'none';
  /** base64 SHA-256 of the verifier half of the derived bits. */
  check: string;
}

export type BackupErrorCode =
  /** Not a Guichet backup at all (another file picked, or the start of the file damaged). */
  | 'not-a-backup'
  /** Written by a newer Guichet: update first. */
  | 'unsupported-version'
  | 'wrong-passphrase'
  /** The passphrase is right but the content does not authenticate: the file was damaged or altered. */
  | 'corrupt'
  | 'weak-passphrase';

const MESSAGES: Record<BackupErrorCode, string> = {
  'not-a-backup': "Ce fichier n'est pas une sauvegarde de Guichet.",
  'unsupported-version': 'Cette sauvegarde a été faite par une version plus récente de Guichet : mettez Guichet à jour pour la restaurer.',
  'wrong-passphrase': "La phrase de passe n'est pas la bonne pour cette sauvegarde.",
  corrupt: 'Cette sauvegarde est endommagée ou a été modifiée : elle ne peut pas être restaurée.',
  'weak-passphrase': `La phrase de passe doit compter au moins ${MIN_PASSPHRASE_LENGTH} caractères.`,
};

/** Every failure of this module: `code` for the program, `message` in French for the secretary. */
export class BackupError extends Error {
  constructor(readonly code: BackupErrorCode) {
    super(MESSAGES[code]);
    this.name = 'BackupError';
  }
}

export interface EncryptOptions {
  appVersion?: string;
  bundleVersion?: number;
  createdAt?: Date;
  iterations?: number;
  /** Compression halves a JSON export; off only for tests of the framing. */
  compress?: boolean;
}

const subtle = () => {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto is not available (a secure context is needed)');
  return s;
};
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<{ key: CryptoKey; check: Uint8Array }> {
  const material = await subtle().importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(
    await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, material, 512),
  );
  const key = await subtle().importKey('raw', bits.slice(0, 32), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  const check = new Uint8Array(await subtle().digest('SHA-256', bits.slice(32)));
  return { key, check };
}

/** Encrypts a backup (the exported bundle's bytes) into the file format above. */
export async function encryptBackup(plain: Uint8Array, passphrase: string, options: EncryptOptions = {}): Promise<Uint8Array> {
  if (typeof passphrase !== 'string' || passphrase.length < MIN_PASSPHRASE_LENGTH) throw new BackupError('weak-passphrase');
  const iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new RangeError(`iterations must be between ${MIN_ITERATIONS} and ${MAX_ITERATIONS}`);
  }
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const { key, check } = await deriveKey(passphrase, salt, iterations);
  const compress = options.compress ?? true;
  const header: BackupHeader = {
    app: 'guichet',
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    appVersion: options.appVersion ?? '0.0.0',
    bundleVersion: options.bundleVersion ?? 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    compression: compress ? 'gzip' : 'none',
    check: toBase64(check),
  };
  const headerBytes = encoder.encode(JSON.stringify(header));
  const prefix = new Uint8Array(13 + headerBytes.length);
  prefix.set(encoder.encode(BACKUP_MAGIC), 0);
  prefix[8] = BACKUP_FORMAT_VERSION;
  new DataView(prefix.buffer).setUint32(9, headerBytes.length, false);
  prefix.set(headerBytes, 13);
  const body = compress ? await transform(plain, new CompressionStream('gzip')) : plain;
  const cipher = new Uint8Array(
    await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: prefix, tagLength: 128 }, key, body as BufferSource),
  );
  const file = new Uint8Array(prefix.length + cipher.length);
  file.set(prefix, 0);
  file.set(cipher, prefix.length);
  return file;
}

interface Framed {
  header: BackupHeader;
  prefix: Uint8Array;
  cipher: Uint8Array;
}

function unframe(file: Uint8Array): Framed {
  if (!(file instanceof Uint8Array) || file.length < 13 + 2 + 16) throw new BackupError('not-a-backup');
  let magic = '';
  for (let i = 0; i < 8; i++) magic += String.fromCharCode(file[i]!);
  if (magic !== BACKUP_MAGIC) throw new BackupError('not-a-backup');
  if (file[8] !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(file[8]! > BACKUP_FORMAT_VERSION ? 'unsupported-version' : 'not-a-backup');
  }
  const length = new DataView(file.buffer, file.byteOffset, file.byteLength).getUint32(9, false);
  if (length < 2 || length > MAX_HEADER_BYTES || 13 + length + 16 > file.length) throw new BackupError('corrupt');
  let header: BackupHeader;
  try {
    header = JSON.parse(decoder.decode(file.subarray(13, 13 + length))) as BackupHeader;
  } catch {
    throw new BackupError('corrupt');
  }
  if (!isHeader(header)) throw new BackupError('corrupt');
  return { header, prefix: file.subarray(0, 13 + length), cipher: file.subarray(13 + length) };
}

function isHeader(h: BackupHeader): boolean {
  return (
    typeof h === 'object' &&
    h !== null &&
    h.app === 'guichet' &&
    typeof h.createdAt === 'string' &&
    typeof h.appVersion === 'string' &&
    typeof h.bundleVersion === 'number' &&
    h.kdf?.name === 'PBKDF2' &&
    h.kdf.hash === 'SHA-256' &&
    Number.isInteger(h.kdf.iterations) &&
    h.kdf.iterations >= MIN_ITERATIONS &&
    h.kdf.iterations <= MAX_ITERATIONS &&
    typeof h.kdf.salt === 'string' &&
    h.cipher?.name === 'AES-GCM' &&
    typeof h.cipher.iv === 'string' &&
    (h.compression === 'gzip' || h.compression === 'none') &&
    typeof h.check === 'string'
  );
}

/** The clear header of a backup (its date, the app version), without the passphrase. Throws BackupError. */
export function readBackupHeader(file: Uint8Array): BackupHeader {
  return unframe(file).header;
}

/** Decrypts a backup. Throws BackupError: not-a-backup, unsupported-version, wrong-passphrase, corrupt. */
export async function decryptBackup(file: Uint8Array, passphrase: string): Promise<{ header: BackupHeader; plain: Uint8Array }> {
  const { header, prefix, cipher } = unframe(file);
  let salt: Uint8Array;
  let iv: Uint8Array;
  let expected: Uint8Array;
  try {
    salt = fromBase64(header.kdf.salt);
    iv = fromBase64(header.cipher.iv);
    expected = fromBase64(header.check);
  } catch {
    throw new BackupError('corrupt');
  }
  if (iv.length !== 12 || salt.length < 16 || expected.length !== 32) throw new BackupError('corrupt');
  const { key, check } = await deriveKey(String(passphrase ?? ''), salt, header.kdf.iterations);
  if (!equalBytes(check, expected)) throw new BackupError('wrong-passphrase');
  let body: Uint8Array;
  try {
    body = new Uint8Array(
      await subtle().decrypt(
        { name: 'AES-GCM', iv: iv as BufferSource, additionalData: prefix as BufferSource, tagLength: 128 },
        key,
        cipher as BufferSource,
      ),
    );
  } catch {
    throw new BackupError('corrupt');
  }
  if (header.compression === 'none') return { header, plain: body };
  try {
    return { header, plain: await transform(body, new DecompressionStream('gzip')) };
  } catch {
    throw new BackupError('corrupt');
  }
}

/** Convenience: a JSON bundle in, a backup file out. */
export async function encryptBackupJson(bundle: unknown, passphrase: string, options?: EncryptOptions): Promise<Uint8Array> {
  return encryptBackup(encoder.encode(JSON.stringify(bundle)), passphrase, options);
}

/** Convenience: a backup file in, the JSON bundle out. Throws BackupError. */
export async function decryptBackupJson<T = unknown>(file: Uint8Array, passphrase: string): Promise<{ header: BackupHeader; bundle: T }> {
  const { header, plain } = await decryptBackup(file, passphrase);
  try {
    return { header, bundle: JSON.parse(decoder.decode(plain)) as T };
  } catch {
    throw new BackupError('corrupt');
  }
}

/** The file name a backup gets (browser downloads; the desktop app names files itself the same way). */
export function backupFileName(date: Date = new Date()): string {
  return `guichet-sauvegarde-${date.toISOString().replace(/:/g, '-').replace('.', '-')}.guichet-backup`;
}
