import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REPLY_KINDS, type ReplyKind, type ReplyTemplateDoc } from '../../../domain/model';
import { replyKindLabelKey } from '../../../domain/replies';
import { placeholderLabelKey } from '../../../domain/templates';
import { useApp } from '../session/AppContext';
import { describeStorageError } from '../db/errors';
import { useCategories, useCategoryMap, useReplyTemplates } from '../session/queries';
import { Field } from '../ui/Field';
import { SaveMessage, type SaveState } from '../ui/Saved';
import { saveTemplate } from './store';
import {
  EMPTY_TEMPLATE,
  hasTemplateErrors,
  insertPlaceholder,
  PLACEHOLDERS,
  templateFormOf,
  validateTemplate,
  type TemplateErrors,
  type TemplateForm,
} from './templates';

type Editing = { id: string | null; form: TemplateForm } | null;

/** Reply templates: standard answers with placeholders filled from the request, the resident and the commune. */
export function TemplatesSection() {
  const { t } = useTranslation();
  const templates = useReplyTemplates();
  const categories = useCategoryMap();
  const [editing, setEditing] = useState<Editing>(null);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const returnFocus = useRef<string | null>(null);

  useEffect(() => {
    if (editing || !returnFocus.current) return;
    document.getElementById(returnFocus.current)?.focus();
    returnFocus.current = null;
  }, [editing]);

  const categoryNames = (template: ReplyTemplateDoc) =>
    template.categoryIds.length === 0
      ? t('settings.templates.allCategories')
      : template.categoryIds
          .map((id) => categories.get(id)?.label)
          .filter(Boolean)
          .join(', ');

  return (
    <section className="panel" aria-labelledby="settings-templates-title">
      <h2 id="settings-templates-title">{t('settings.sections.modeles')}</h2>
      <p>{t('settings.templates.intro')}</p>
      <SaveMessage state={state} />
      {editing ? (
        <TemplateEditor
          key={editing.id ?? 'new'}
          editing={editing}
          onDone={(message) => {
            returnFocus.current = editing.id ? `template-edit-${editing.id}` : 'template-add';
            setEditing(null);
            if (message) setState({ kind: 'saved', message });
          }}
        />
      ) : (
        <div className="actions">
          <button
            id="template-add"
            type="button"
            className="button button--primary"
            onClick={() => {
              setState({ kind: 'idle' });
              setEditing({ id: null, form: EMPTY_TEMPLATE });
            }}
          >
            {t('settings.templates.add')}
          </button>
        </div>
      )}
      {templates === undefined ? (
        <p>{t('common.loading')}</p>
      ) : templates.length === 0 ? (
        <p className="muted">{t('settings.templates.none')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('settings.sections.modeles')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.templates.title')}</th>
              <th scope="col">{t('settings.templates.categories')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('settings.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {templates.map((template) => (
              <tr key={template.id}>
                <th scope="row">{template.title}</th>
                <td>{categoryNames(template)}</td>
                <td>
                  <button
                    id={`template-edit-${template.id}`}
                    type="button"
                    className="button button--small"
                    aria-label={t('settings.templates.editNamed', { title: template.title })}
                    onClick={() => {
                      setState({ kind: 'idle' });
                      setEditing({ id: template.id, form: templateFormOf(template) });
                    }}
                  >
                    {t('settings.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TemplateEditor({ editing, onDone }: { editing: NonNullable<Editing>; onDone: (message?: string) => void }) {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const categories = useCategories();
  const [form, setForm] = useState<TemplateForm>(editing.form);
  const [errors, setErrors] = useState<TemplateErrors>({ unknown: [] });
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const body = useRef<HTMLTextAreaElement>(null);

  useEffect(() => heading.current?.focus(), []);

  const update = (patch: Partial<TemplateForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setState({ kind: 'idle' });
    if (patch.title !== undefined && errors.title) setErrors((current) => ({ ...current, title: undefined }));
  };

  function insert(name: string) {
    const textarea = body.current;
    const start = textarea?.selectionStart ?? form.body.length;
    const end = textarea?.selectionEnd ?? form.body.length;
    const next = insertPlaceholder(form.body, name, start, end);
    update({ body: next.body });
    requestAnimationFrame(() => {
      textarea?.focus();
      textarea?.setSelectionRange(next.caret, next.caret);
    });
  }

  function toggleCategory(id: string, checked: boolean) {
    update({ categoryIds: checked ? [...form.categoryIds, id] : form.categoryIds.filter((other) => other !== id) });
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validateTemplate(form);
    setErrors(found);
    if (hasTemplateErrors(found)) {
      const target = event.currentTarget;
      queueMicrotask(() => target.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      setState({ kind: 'error', message: 'settings.errors.fix' });
      return;
    }
    setBusy(true);
    try {
      await saveTemplate(db, editing.id, form, settings.communeId);
      onDone(editing.id ? 'settings.templates.saved' : 'settings.templates.added');
    } catch (error) {
      setState({ kind: 'error', message: describeStorageError(error) });
      setBusy(false);
    }
  }

  const unknownHint =
    errors.unknown.length > 0
      ? t('settings.templates.unknownList', { names: errors.unknown.join(', ') })
      : t('settings.templates.bodyHint', { example: '{{usager.nom}}' });

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="template-editor-title">
      <h3 id="template-editor-title" ref={heading} tabIndex={-1}>
        {editing.id ? t('settings.templates.editTitle', { title: editing.form.title }) : t('settings.templates.addTitle')}
      </h3>
      <p className="muted">{t('common.requiredHint')}</p>
      <Field label={t('settings.templates.title')} error={errors.title} required>
        {(props) => <input {...props} autoComplete="off" value={form.title} onChange={(event) => update({ title: event.target.value })} />}
      </Field>
      <Field label={t('request.replyKind')} hint={t('request.replyKindHint')}>
        {(props) => (
          <select {...props} value={form.kind} onChange={(event) => update({ kind: event.target.value as ReplyKind })}>
            {REPLY_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(replyKindLabelKey(kind))}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('settings.templates.body')} error={errors.body} hint={unknownHint} required>
        {(props) => (
          <textarea {...props} ref={body} rows={10} value={form.body} onChange={(event) => update({ body: event.target.value })} />
        )}
      </Field>
      <fieldset>
        <legend>{t('settings.templates.placeholders')}</legend>
        <p className="field__hint">{t('settings.templates.placeholdersHint')}</p>
        <ul className="journal">
          {PLACEHOLDERS.map((name) => (
            <li key={name}>
              <code>{`{{${name}}}`}</code> — {t(placeholderLabelKey(name))}{' '}
              <button
                type="button"
                className="button button--small"
                aria-label={t('settings.templates.insertNamed', { label: t(placeholderLabelKey(name)) })}
                onClick={() => insert(name)}
              >
                {t('settings.templates.insert')}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>{t('settings.templates.offeredFor')}</legend>
        <p className="field__hint">{t('settings.templates.offeredForHint')}</p>
        {(categories ?? []).map((category) => (
          <label key={category.id} className="checkbox">
            <input
              type="checkbox"
              checked={form.categoryIds.includes(category.id)}
              onChange={(event) => toggleCategory(category.id, event.target.checked)}
            />
            {category.group} — {category.label}
            {category.active ? '' : ` (${t('settings.templates.inactiveCategory')})`}
          </label>
        ))}
      </fieldset>
      <SaveMessage state={state} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => onDone()}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
