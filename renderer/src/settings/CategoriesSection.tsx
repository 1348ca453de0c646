import { useTranslation } from 'react-i18next';
import { COMPETENCES, IMPLICIT_DECISIONS, type CategoryDoc, type Competence, type ImplicitDecision } from '../../../domain/model';
import { useApp } from '../session/AppContext';
import { describeStorageError } from '../db/errors';
import { useCategories } from '../session/queries';
import { Field } from '../ui/Field';
import { clearChangedErrors, ListEditor, type EditorFieldsProps } from '../ui/ListEditor';
import { categoryFormOf, DELAY_MAX, EMPTY_CATEGORY, validateCategory, type CategoryErrors, type CategoryForm } from './categories';
import { saveCategory } from './store';

/** Categories: their delays, who is competent, what the receipt must say, and whether they are still offered. */
export function CategoriesSection() {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const categories = useCategories();

  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const implicit = (category: CategoryDoc) =>
    category.implicitDecision === 'none'
      ? t('settings.categories.implicit.none')
      : t('settings.categories.implicitAfter', {
          decision: t(`settings.categories.implicit.${category.implicitDecision}`),
          count: category.implicitDecisionMonths,
        });

  return (
    <ListEditor<CategoryDoc, CategoryForm, CategoryErrors>
      name="category"
      headingId="settings-categories-title"
      title={t('settings.sections.categories')}
      intro={t('settings.categories.intro')}
      items={categories}
      columns={[
        { header: t('settings.categories.label'), cell: (category) => category.label },
        { header: t('settings.categories.group'), cell: (category) => category.group },
        { header: t('settings.categories.delayShort'), cell: (category) => t('settings.categories.days', { count: category.delayDays }) },
        { header: t('settings.categories.competence'), cell: (category) => t(`competence.${category.competence}`) },
        { header: t('settings.categories.acknowledgementShort'), cell: (category) => yesNo(category.needsAcknowledgement) },
        { header: t('settings.categories.implicitDecision'), cell: implicit },
        { header: t('settings.categories.mayorShort'), cell: (category) => yesNo(category.needsMayorApproval) },
        { header: t('settings.categories.activeShort'), cell: (category) => yesNo(category.active) },
      ]}
      labels={{
        add: t('settings.categories.add'),
        edit: t('settings.edit'),
        actions: t('settings.actions'),
        editNamed: (category) => t('settings.categories.editNamed', { label: category.label }),
      }}
      editor={{
        empty: EMPTY_CATEGORY,
        formOf: categoryFormOf,
        Fields: CategoryFields,
        noErrors: {},
        validate: validateCategory,
        clearErrors: clearChangedErrors,
        keepsMessageOnChange: true,
        save: (id, form) => saveCategory(db, id, form, settings.communeId),
        describeError: describeStorageError,
        addTitle: t('settings.categories.addTitle'),
        editTitle: (form) => t('settings.categories.editTitle', { label: form.label }),
        messages: { fix: 'settings.errors.fix', saved: 'settings.categories.saved', added: 'settings.categories.added' },
      }}
    />
  );
}

function CategoryFields({ form, errors, update: change }: EditorFieldsProps<CategoryForm, CategoryErrors>) {
  const { t } = useTranslation();
  const update = <K extends keyof CategoryForm>(key: K, value: CategoryForm[K]) => change({ [key]: value } as Pick<CategoryForm, K>);

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
    <>
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
    </>
  );
}
