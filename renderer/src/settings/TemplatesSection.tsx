import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { REPLY_KINDS, type ReplyKind, type ReplyTemplateDoc } from '../../../domain/model';
import { replyKindLabelKey } from '../../../domain/replies';
import { placeholderLabelKey } from '../../../domain/templates';
import { useApp } from '../session/AppContext';
import { describeStorageError } from '../db/errors';
import { useCategories, useCategoryMap, useReplyTemplates } from '../session/queries';
import { Field } from '../ui/Field';
import { ListEditor, type EditorFieldsProps } from '../ui/ListEditor';
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

/** Reply templates: standard answers with placeholders filled from the request, the resident and the commune. */
export function TemplatesSection() {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const templates = useReplyTemplates();
  const categories = useCategoryMap();

  const categoryNames = (template: ReplyTemplateDoc) =>
    template.categoryIds.length === 0
      ? t('settings.templates.allCategories')
      : template.categoryIds
          .map((id) => categories.get(id)?.label)
          .filter(Boolean)
          .join(', ');

  return (
    <ListEditor<ReplyTemplateDoc, TemplateForm, TemplateErrors>
      name="template"
      headingId="settings-templates-title"
      title={t('settings.sections.modeles')}
      intro={t('settings.templates.intro')}
      items={templates}
      columns={[
        { header: t('settings.templates.title'), cell: (template) => template.title },
        { header: t('settings.templates.categories'), cell: categoryNames },
      ]}
      none={t('settings.templates.none')}
      labels={{
        add: t('settings.templates.add'),
        edit: t('settings.edit'),
        actions: t('settings.actions'),
        editNamed: (template) => t('settings.templates.editNamed', { title: template.title }),
      }}
      editor={{
        empty: EMPTY_TEMPLATE,
        formOf: templateFormOf,
        Fields: TemplateFields,
        noErrors: { unknown: [] },
        validate: validateTemplate,
        hasErrors: hasTemplateErrors,
        clearErrors: (errors, patch) => (patch.title !== undefined && errors.title ? { ...errors, title: undefined } : errors),
        save: (id, form) => saveTemplate(db, id, form, settings.communeId),
        describeError: describeStorageError,
        addTitle: t('settings.templates.addTitle'),
        editTitle: (form) => t('settings.templates.editTitle', { title: form.title }),
        messages: { fix: 'settings.errors.fix', saved: 'settings.templates.saved', added: 'settings.templates.added' },
      }}
    />
  );
}

function TemplateFields({ form, errors, update }: EditorFieldsProps<TemplateForm, TemplateErrors>) {
  const { t } = useTranslation();
  const categories = useCategories();
  const body = useRef<HTMLTextAreaElement>(null);

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

  const unknownHint =
    errors.unknown.length > 0
      ? t('settings.templates.unknownList', { names: errors.unknown.join(', ') })
      : t('settings.templates.bodyHint', { example: '{{usager.nom}}' });

  return (
    <>
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
    </>
  );
}
