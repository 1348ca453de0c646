import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenDoc, RequestDoc } from '../../../domain/model';
import { useActor, useApp } from '../app/AppContext';
import { useReplyTemplates } from '../db/queries';
import { Field } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { fillTemplate, saveAnswer } from './answer';
import { MayorApprovalNotice } from '../council/MayorApprovalNotice';

/** The answer: written from a reply template (placeholders filled), then edited and recorded. */
export function AnswerPanel({ request, citizen }: { request: RequestDoc; citizen: CitizenDoc | null }) {
  const { t } = useTranslation();
  const { db, settings, currentUser } = useApp();
  const actor = useActor();
  const templates = useReplyTemplates();
  const [templateId, setTemplateId] = useState('');
  const [text, setText] = useState(request.answer?.text ?? '');
  const [error, setError] = useState<string | undefined>();
  const [templateProblem, setTemplateProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const offered = (templates ?? []).filter(
    (template) => template.categoryIds.length === 0 || template.categoryIds.includes(request.categoryId),
  );

  function applyTemplate(id: string) {
    setTemplateId(id);
    setTemplateProblem(null);
    const template = offered.find((item) => item.id === id);
    if (!template) return;
    const result = fillTemplate(template.body, request, citizen, settings, currentUser.name);
    if (result.ok) setText(result.text);
    else setTemplateProblem(t('request.templateMissing', { names: [...result.missing, ...result.unknown].join(', ') }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!text.trim()) {
      setError('errors.answerEmpty');
      return;
    }
    const result = await saveAnswer(db, request, { text: text.trim(), templateId: templateId || null }, actor);
    if (!result.ok) setError(result.error);
    else {
      setError(undefined);
      setSaved(true);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      {request.answer ? (
        <p className="muted">{t('request.answeredOn', { date: formatDateTime(request.answer.answeredAt) })}</p>
      ) : null}
      <Field label={t('request.replyTemplate')}>
        {(props) => (
          <select {...props} value={templateId} onChange={(event) => applyTemplate(event.target.value)}>
            <option value="">{t('request.noTemplate')}</option>
            {offered.map((template) => (
              <option key={template.id} value={template.id}>
                {template.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      {templateProblem ? (
        <p role="alert" className="notice notice--warn">
          {templateProblem}
        </p>
      ) : null}
      <Field label={t('request.answerText')} error={error}>
        {(props) => <textarea {...props} rows={10} value={text} onChange={(event) => setText(event.target.value)} />}
      </Field>
      <MayorApprovalNotice request={request} />
      <button type="submit" className="button button--primary">
        {t('request.saveAnswer')}
      </button>
      {saved ? (
        <p role="status" className="notice notice--ok">
          {t('request.answerSaved')}
        </p>
      ) : null}
    </form>
  );
}
