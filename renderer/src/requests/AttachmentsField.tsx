import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../domain/model';
import { useApp } from '../session/AppContext';
import { AttachmentTooLargeError, MAX_ATTACHMENT_BYTES, storeAttachment } from '../db/blobs';
import { formatBytes } from '../ui/format';

interface Props {
  attachments: AttachmentRef[];
  onChange: (attachments: AttachmentRef[]) => void;
}

/** Scans, photos and PDFs: stored at once (so a draft keeps them), listed, removable. */
export function AttachmentsField({ attachments, onChange }: Props) {
  const { t } = useTranslation();
  const { db, currentUser } = useApp();
  const inputId = useId();
  const [error, setError] = useState<string | null>(null);

  async function add(files: FileList | null) {
    if (!files) return;
    setError(null);
    const added: AttachmentRef[] = [];
    for (const file of Array.from(files)) {
      try {
        if (file.size > MAX_ATTACHMENT_BYTES) throw new AttachmentTooLargeError(file.name);
        added.push(await storeAttachment(db, { name: file.name, type: file.type, bytes: await file.arrayBuffer() }, currentUser.id));
      } catch (failure) {
        setError(
          failure instanceof AttachmentTooLargeError
            ? t('intake.attachmentTooLarge', { name: file.name, max: formatBytes(MAX_ATTACHMENT_BYTES) })
            : t('intake.attachmentFailed', { name: file.name }),
        );
      }
    }
    const known = new Set(attachments.map((attachment) => attachment.sha256));
    onChange([...attachments, ...added.filter((attachment) => !known.has(attachment.sha256))]);
  }

  return (
    <div className="field">
      <label htmlFor={inputId}>{t('intake.attachments')}</label>
      <input
        id={inputId}
        type="file"
        multiple
        accept="image/*,application/pdf"
        aria-describedby={`${inputId}-hint`}
        onChange={(event) => {
          void add(event.target.files);
          event.target.value = '';
        }}
      />
      <p className="field__hint" id={`${inputId}-hint`}>
        {t('intake.attachmentsHint', { max: formatBytes(MAX_ATTACHMENT_BYTES) })}
      </p>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {attachments.length > 0 ? (
        <ul aria-label={t('intake.attachedFiles')}>
          {attachments.map((attachment) => (
            <li key={attachment.sha256}>
              {attachment.name} ({formatBytes(attachment.size)}){' '}
              <button
                type="button"
                className="button button--small"
                aria-label={t('intake.removeAttachment', { name: attachment.name })}
                onClick={() => onChange(attachments.filter((other) => other.sha256 !== attachment.sha256))}
              >
                {t('common.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
