import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDoc } from '../../../domain/model';
import { useActor, useApp } from '../session/AppContext';
import { Field } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { transferToEpci } from './transfer';

/**
 * "Transmettre à l'intercommunalité": the request stays in the commune's lists,
 * status `transferred`, and is shared with the EPCI through the sync server.
 */
export function TransferPanel({ request }: { request: RequestDoc }) {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const actor = useActor();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();

  if (request.transfer) {
    return (
      <p>
        {t('request.transferredTo', { name: request.transfer.toName, date: formatDateTime(request.transfer.at) })}
        {request.transfer.note ? ` — ${request.transfer.note}` : ''}
      </p>
    );
  }
  if (!settings.epciName) return <p className="muted">{t('request.noEpci')}</p>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await transferToEpci(db, request, settings, note.trim(), actor);
    if (!result.ok) setError(result.error);
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Field label={t('request.transferNote')} error={error}>
        {(props) => <input {...props} value={note} onChange={(event) => setNote(event.target.value)} />}
      </Field>
      <button type="submit" className="button">
        {t('request.transferToEpci', { name: settings.epciName })}
      </button>
    </form>
  );
}
