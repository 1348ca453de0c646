import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDoc } from '../../../domain/model';
import { useActor, useApp } from '../session/AppContext';
import { Field } from '../ui/Field';
import { addNote } from './repository';

export function NotesPanel({ request }: { request: RequestDoc }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const actor = useActor();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setError('errors.noteEmpty');
      return;
    }
    await addNote(db, request, text.trim(), actor);
    setText('');
    setError(undefined);
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Field label={t('request.note')} error={error}>
        {(props) => <textarea {...props} value={text} onChange={(event) => setText(event.target.value)} />}
      </Field>
      <button type="submit" className="button">
        {t('request.addNote')}
      </button>
    </form>
  );
}
