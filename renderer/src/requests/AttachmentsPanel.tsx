import { useTranslation } from 'react-i18next';
import type { RequestDoc } from '../../../domain/model';
import { useActor, useApp } from '../session/AppContext';
import { readAttachment } from '../db/blobs';
import { getPlatform } from '../platform';
import { AttachmentsField } from './AttachmentsField';
import { formatBytes } from '../ui/format';
import { addAttachments } from './repository';
import { useState } from 'react';
import { useOptionalSync } from '../sync/SyncProvider';

/** The request's files: open one, or add more. */
export function AttachmentsPanel({ request, canAdd = true }: { request: RequestDoc; canAdd?: boolean }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const actor = useActor();
  const [missing, setMissing] = useState<string | null>(null);
  const sync = useOptionalSync();

  /** The bytes on this device, or else from the sync server (attachments travel by hash, fetched when opened). */
  async function bytesOf(sha256: string, mimeType: string): Promise<Blob | null> {
    const local = await readAttachment(db, sha256);
    if (local || !sync) return local;
    const downloaded = await sync.download(sha256, mimeType);
    return downloaded?.status === 'downloaded' ? downloaded.blob : null;
  }

  async function open(sha256: string, name: string, mimeType: string) {
    setMissing(null);
    const blob = await bytesOf(sha256, mimeType);
    if (!blob) {
      setMissing(t('request.attachmentMissing', { name }));
      return;
    }
    // The desktop app asks where to save it (a download would be refused there); the browser downloads it.
    const result = await getPlatform().saveFile(new Uint8Array(await blob.arrayBuffer()), name);
    if (result.status === 'failed') setMissing(t('request.attachmentMissing', { name }));
  }

  return (
    <div>
      {request.attachments.length === 0 ? <p className="muted">{t('request.noAttachments')}</p> : null}
      <ul>
        {request.attachments.map((attachment) => (
          <li key={attachment.sha256}>
            <button
              type="button"
              className="button button--small"
              onClick={() => void open(attachment.sha256, attachment.name, attachment.mimeType)}
            >
              {t('request.openAttachment', { name: attachment.name })}
            </button>{' '}
            <span className="muted">{formatBytes(attachment.size)}</span>
          </li>
        ))}
      </ul>
      {missing ? (
        <p role="alert" className="notice notice--warn">
          {missing}
        </p>
      ) : null}
      {canAdd ? <AttachmentsField attachments={[]} onChange={(added) => void addAttachments(db, request, added, actor)} /> : null}
    </div>
  );
}
