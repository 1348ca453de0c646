import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPETENCES, IMPLICIT_DECISIONS, type CategoryDoc, type Competence, type ImplicitDecision } from '../../../domain/model';
import { useApp } from '../session/AppContext';
import { describeStorageError } from '../db/errors';
import { useCategories } from '../session/queries';
import { Field } from '../ui/Field';
import { categoryFormOf, DELAY_MAX, EMPTY_CATEGORY, validateCategory, type CategoryErrors, type CategoryForm } from './categories';
import { SaveMessage, type SaveState } from '../ui/Saved';
import { saveCategory } from './store';

type Editing = { id: string | null; form: CategoryForm } | null;

/** Categories: their delays, who is competent, what the receipt must say, and whether they are still offered. */
export function CategoriesSection() {
  const { t } = useTranslation();
  const categories = useCategories();
  const [editing, setEditing] = useState<Editing>(null);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const returnFocus = useRef<string | null>(null);

  useEffect(() => {
    if (editing || !returnFocus.current) return;
    document.getElementById(returnFocus.current)?.focus();
    returnFocus.current = null;
  }, [editing]);

  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const implicit = (category: CategoryDoc) =>
    category.implicitDecision === 'none'
      ? t('settings.categories.implicit.none')
      : t('settings.categories.implicitAfter', {
          decision: t(`settings.categories.implicit.${category.implicitDecision}`),
          count: category.implicitDecisionMonths,
        });

  return (
    <section className="panel" aria-labelledby="settings-categories-title">
      <h2 id="settings-categories-title">{t('settings.sections.categories')}</h2>
      <p>{t('settings.categories.intro')}</p>
      <SaveMessage state={state} />
      {editing ? (
        <CategoryEditor
          key={editing.id ?? 'new'}
          editing={editing}
          onDone={(message) => {
            returnFocus.current = editing.id ? `category-edit-${editing.id}` : 'category-add';
            setEditing(null);
            if (message) setState({ kind: 'saved', message });
          }}
        />
      ) : (
        <div className="actions">
          <button
            id="category-add"
            type="button"
            className="button button--primary"
            onClick={() => {
              setState({ kind: 'idle' });
              setEditing({ id: null, form: EMPTY_CATEGORY });
            }}
          >
            {t('settings.categories.add')}
          </button>
        </div>
      )}
      {categories === undefined ? (
        <p>{t('common.loading')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('settings.sections.categories')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.categories.label')}</th>
              <th scope="col">{t('settings.categories.group')}</th>
              <th scope="col">{t('settings.categories.delayShort')}</th>
              <th scope="col">{t('settings.categories.competence')}</th>
              <th scope="col">{t('settings.categories.acknowledgementShort')}</th>
              <th scope="col">{t('settings.categories.implicitDecision')}</th>
              <th scope="col">{t('settings.categories.mayorShort')}</th>
              <th scope="col">{t('settings.categories.activeShort')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('settings.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {categories.map((category) => (
              <tr key={category.id}>
                <th scope="row">{category.label}</th>
                <td>{category.group}</td>
                <td>{t('settings.categories.days', { count: category.delayDays })}</td>
                <td>{t(`competence.${category.competence}`)}</td>
                <td>{yesNo(category.needsAcknowledgement)}</td>
                <td>{implicit(category)}</td>
                <td>{yesNo(category.needsMayorApproval)}</td>
                <td>{yesNo(category.active)}</td>
                <td>
                  <button
                    id={`category-edit-${category.id}`}
                    type="button"
                    className="button button--small"
                    aria-label={t('settings.categories.editNamed', { label: category.label })}
                    onClick={() => {
                      setState({ kind: 'idle' });
                      setEditing({ id: category.id, form: categoryFormOf(category) });
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

function CategoryEditor({ editing, onDone }: { editing: NonNullable<Editing>; onDone: (message?: string) => void }) {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const [form, setForm] = useState<CategoryForm>(editing.form);
  const [errors, setErrors] = useState<CategoryErrors>({});
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  const update = <K extends keyof CategoryForm>(key: K, value: CategoryForm[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    if (errors[key]) setErrors((current) => ({ ...current, [key]: undefined }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validateCategory(form);
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      const target = event.currentTarget;
      queueMicrotask(() => target.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      setState({ kind: 'error', message: 'settings.errors.fix' });
      return;
    }
    setBusy(true);
    try {
      await saveCategory(db, editing.id, form, settings.communeId);
      onDone(editing.id ? 'settings.categories.saved' : 'settings.categories.added');
    } catch (error) {
      setState({ kind: 'error', message: describeStorageError(error) });
      setBusy(false);
    }
  }

  const text = (key: 'label' | 'group', label: string) => (
    <Field label={label} error={errors[key]} required>
      {(props) => <input {...props} autoComplete="off" value={form[key]} onChange={(event) => update(key, event.target.value)} />}
    </Field>
  );
  const number = (key: 'delayDays' | 'implicitDecisionMonths' | 'retentionMonths', label: string, hint: string) => (
    <Field label={label} error={errors[key]} hint={hint} required>
      {(props) => (
        <input {...props} inputMode="numeric" autoComplete="off" value={form[key]} onChange={(event) => update(key, event.target.value)} />
      )}
    </Field>
  );
  const checkbox = (key: 'needsAcknowledgement' | 'needsMayorApproval' | 'active', label: string) => (
    <label className="checkbox">
      <input type="checkbox" checked={form[key]} onChange={(event) => update(key, event.target.checked)} />
      {label}
    </label>
  );

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="category-editor-title">
      <h3 id="category-editor-title" ref={heading} tabIndex={-1}>
        {editing.id ? t('settings.categories.editTitle', { label: editing.form.label }) : t('settings.categories.addTitle')}
      </h3>
      <p className="muted">{t('common.requiredHint')}</p>
      <fieldset>
        <legend>{t('settings.categories.what')}</legend>
        <div className="row">
          {text('label', t('settings.categories.label'))}
          {text('group', t('settings.categories.group'))}
        </div>
        <div className="row">
          {number('delayDays', t('settings.categories.delay'), t('settings.categories.delayHint', { max: DELAY_MAX }))}
          <Field label={t('settings.categories.competence')} error={errors.competence}>
            {(props) => (
              <select {...props} value={form.competence} onChange={(event) => update('competence', event.target.value as Competence)}>
                {COMPETENCES.map((competence) => (
                  <option key={competence} value={competence}>
                    {t(`competence.${competence}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {checkbox('needsMayorApproval', t('settings.categories.mayor'))}
        {checkbox('active', t('settings.categories.active'))}
      </fieldset>
      <fieldset>
        <legend>{t('settings.categories.receipt')}</legend>
        {checkbox('needsAcknowledgement', t('settings.categories.acknowledgement'))}
        <div className="row">
          <Field
            label={t('settings.categories.implicitDecision')}
            error={errors.implicitDecision}
            hint={t('settings.categories.implicitHint')}
          >
            {(props) => (
              <select
                {...props}
                value={form.implicitDecision}
                onChange={(event) => update('implicitDecision', event.target.value as ImplicitDecision)}
              >
                {IMPLICIT_DECISIONS.map((decision) => (
                  <option key={decision} value={decision}>
                    {t(`settings.categories.implicit.${decision}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {form.implicitDecision === 'none'
            ? null
            : number('implicitDecisionMonths', t('settings.categories.implicitMonths'), t('settings.categories.implicitMonthsHint'))}
        </div>
        {form.implicitDecision === 'rejection' ? (
          <Field label={t('settings.categories.remedies')} error={errors.remedies} hint={t('settings.categories.remediesHint')}>
            {(props) => <textarea {...props} value={form.remedies} onChange={(event) => update('remedies', event.target.value)} />}
          </Field>
        ) : null}
        <Field
          label={t('settings.categories.requiredPieces')}
          error={errors.requiredPieces}
          hint={t('settings.categories.requiredPiecesHint')}
        >
          {(props) => (
            <textarea {...props} value={form.requiredPieces} onChange={(event) => update('requiredPieces', event.target.value)} />
          )}
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('settings.categories.rgpd')}</legend>
        {number('retentionMonths', t('settings.categories.retention'), t('settings.categories.retentionHint'))}
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
