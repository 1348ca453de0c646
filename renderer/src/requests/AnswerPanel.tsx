import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REPLY_KINDS, type CitizenDoc, type ReplyKind, type RequestDoc } from '../../../domain/model';
import { replyKindLabelKey } from '../../../domain/replies';
import { isFinalAnswer } from '../../../domain/answers';
import { useActor, useApp } from '../session/AppContext';
import { useReplyTemplates } from '../session/queries';
import { Field } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { fillTemplate, saveAnswer } from './answer';
import { MayorApprovalNotice } from './MayorApprovalNotice';

/** The answer: written from a reply template (placeholders filled), then edited and recorded. */
export function AnswerPanel({ request, citizen, asked = false }: { request: RequestDoc; citizen: CitizenDoc | null; asked?: boolean }) {
  const { t } = useTranslation();
  const { db, settings, currentUser } = useApp();
  const actor = useActor();
  const templates = useReplyTemplates();
  const [templateId, setTemplateId] = useState('');
  const [text, setText] = useState(request.answer?.text ?? '');
  const [kind, setKind] = useState<ReplyKind>(request.answer?.kind ?? 'final');
  const [error, setError] = useState<string | undefined>();
  const [templateProblem, setTemplateProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const textArea = useRef<HTMLTextAreaElement>(null);
  // Asked for by the status panel (Répondue without an answer): take the secretary to where it is written.
  useEffect(() => {
    if (asked) textArea.current?.focus();
  }, [asked]);

  const offered = (templates ?? []).filter(
    (template) => template.categoryIds.length === 0 || template.categoryIds.includes(request.categoryId),
  );

  function applyTemplate(id: string) {
    setTemplateId(id);
    setTemplateProblem(null);
    const template = offered.find((item) => item.id === id);
    if (!template) return;
    setKind(template.kind);
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
    const result = await saveAnswer(db, request, { text: text.trim(), templateId: templateId || null, kind }, actor);
    if (!result.ok) setError(result.error);
    else {
      setError(undefined);
      setSaved(true);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      {request.answer ? (
        <p className="muted">
          {t('request.answeredOn', { context: answeredContext(request.answer.kind), date: formatDateTime(request.answer.answeredAt) })}
        </p>
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
      <Field label={t('request.replyKind')} hint={t('request.replyKindHint')}>
        {(props) => (
          <select {...props} value={kind} onChange={(event) => setKind(event.target.value as ReplyKind)}>
            {REPLY_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(replyKindLabelKey(option))}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('request.answerText')}
        error={error ?? (asked && !isFinalAnswer(request.answer) ? 'status.error.answerRequired' : undefined)}
      >
        {(props) => <textarea {...props} ref={textArea} rows={10} value={text} onChange={(event) => setText(event.target.value)} />}
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

/** The i18next context of the « recorded on » line: none for a final answer. */
function answeredContext(kind: ReplyKind): string | undefined {
  return kind === 'final' ? undefined : kind;
}
