/** Checks shared by printing and saving: the bytes must be a PDF, and of a sane size. */
export const MAX_PDF_BYTES = 64 * 1024 * 1024;

export function isPdf(bytes: unknown): bytes is Uint8Array {
  return (
    bytes instanceof Uint8Array &&
    bytes.byteLength >= 5 &&
    bytes.byteLength <= MAX_PDF_BYTES &&
    // %PDF-
    bytes[0] === 0x25 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x44 &&
    bytes[3] === 0x46 &&
    bytes[4] === 0x2d
  );
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** Files the secretary saves (attachments, exports): the same bound as PDFs. */
export const MAX_SAVED_FILE_BYTES = MAX_PDF_BYTES;

/**
 * A file name that is safe on Windows and Linux, from what the renderer
 * suggests ("Accusé de réception 2025-0042.pdf"): no folder, no control or
 * reserved character, no reserved device name, not too long. A short plain
 * extension (".pdf", ".csv", ".jpeg") is kept. Accents are kept: the
 * secretary reads these names.
 */
export function safeFileName(suggested: unknown, fallback = 'document'): string {
  let name = typeof suggested === 'string' ? suggested : '';
  name = name.normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, ' ');
  name = name.replace(/\s+/g, ' ').trim();
  const extension = /\.[a-z0-9]{1,8}$/i.exec(name)?.[0].toLowerCase() ?? '';
  name = name.slice(0, name.length - extension.length).replace(/^[.\s]+|[.\s]+$/g, '');
  if (name === '' || WINDOWS_RESERVED.test(name)) name = fallback;
  if (name.length > 120) name = name.slice(0, 120).trim();
  return `${name}${extension}`;
}

/** As safeFileName, always ending in .pdf. */
export function safePdfFileName(suggested: unknown, fallback = 'document'): string {
  const name = safeFileName(typeof suggested === 'string' ? suggested.replace(/\.pdf$/i, '') : suggested, fallback);
  return `${name}.pdf`;
}
