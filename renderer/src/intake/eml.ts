import PostalMime from 'postal-mime';

/** Largest .eml accepted: a message with a few scanned pages. */
export const MAX_EML_BYTES = 30 * 1024 * 1024;

export interface ImportedEmail {
  sender: string;
  senderName: string;
  subject: string;
  body: string;
  messageId: string;
  /** ISO date-time of the Date header, or null when missing or unreadable */
  date: string | null;
  attachments: Array<{ name: string; type: string; bytes: ArrayBuffer }>;
}

export type EmlResult = { ok: true; email: ImportedEmail } | { ok: false; error: 'intake.emlTooLarge' | 'intake.emlInvalid' };

/**
 * Reads an email saved as .eml. MIME is parsed by postal-mime (maintained,
 * runs in the browser with no Node API). A file with no sender, no subject and
 * no date is not an email: it is refused rather than half-imported.
 */
export async function parseEml(bytes: ArrayBuffer): Promise<EmlResult> {
  if (bytes.byteLength > MAX_EML_BYTES) return { ok: false, error: 'intake.emlTooLarge' };
  if (bytes.byteLength === 0 || looksBinary(bytes)) return { ok: false, error: 'intake.emlInvalid' };
  try {
    const parsed = await PostalMime.parse(bytes);
    const sender = parsed.from?.address ?? '';
    if (!sender && !parsed.subject && !parsed.date) return { ok: false, error: 'intake.emlInvalid' };
    const date = parsed.date ? new Date(parsed.date) : null;
    return {
      ok: true,
      email: {
        sender,
        senderName: parsed.from?.name ?? '',
        subject: parsed.subject ?? '',
        body: (parsed.text ?? stripHtml(parsed.html ?? '')).trim(),
        messageId: parsed.messageId ?? '',
        date: date && !Number.isNaN(date.getTime()) ? date.toISOString() : null,
        attachments: parsed.attachments
          .filter((attachment) => attachment.disposition !== 'inline' || attachment.filename)
          .map((attachment, index) => ({
            name: attachment.filename ?? `piece-jointe-${index + 1}`,
            type: attachment.mimeType,
            bytes: toArrayBuffer(attachment.content),
          })),
      },
    };
  } catch {
    return { ok: false, error: 'intake.emlInvalid' };
  }
}

/** A text email has no NUL bytes in its first kilobytes; a PDF or an image renamed .eml has. */
function looksBinary(bytes: ArrayBuffer): boolean {
  return new Uint8Array(bytes.slice(0, 4096)).includes(0);
}

function toArrayBuffer(content: ArrayBuffer | Uint8Array | string): ArrayBuffer {
  if (typeof content === 'string') return new TextEncoder().encode(content).buffer as ArrayBuffer;
  if (content instanceof ArrayBuffer) return content;
  return content.slice().buffer as ArrayBuffer;
}

function stripHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return doc.body.textContent ?? '';
}
