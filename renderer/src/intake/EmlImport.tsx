import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseEml, type ImportedEmail } from './eml';

/** Drop a .eml here, or choose it: the email's facts fill the form. */
export function EmlImport({ onImported }: { onImported: (email: ImportedEmail) => Promise<void> }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [active, setActive] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function read(file: File | undefined) {
    if (!file) return;
    const result = await parseEml(await file.arrayBuffer());
    if (!result.ok) {
      setMessage({ kind: 'error', text: t(result.error, { name: file.name }) });
      return;
    }
    await onImported(result.email);
    setMessage({ kind: 'ok', text: t('intake.emlImported', { name: file.name, count: result.email.attachments.length }) });
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setActive(false);
    void read(event.dataTransfer.files[0]);
  }

  return (
    <div
      className={active ? 'dropzone dropzone--active' : 'dropzone'}
      onDragOver={(event) => {
        event.preventDefault();
        setActive(true);
      }}
      onDragLeave={() => setActive(false)}
      onDrop={onDrop}
    >
      <p>{t('intake.emlDrop')}</p>
      <label htmlFor={inputId} className="button">
        {t('intake.emlChoose')}
      </label>
      <input
        id={inputId}
        className="visually-hidden"
        type="file"
        accept=".eml,message/rfc822"
        onChange={(event) => {
          void read(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      {message ? (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`notice notice--${message.kind}`}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
