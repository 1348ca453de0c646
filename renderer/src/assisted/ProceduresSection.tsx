import { useTranslation } from 'react-i18next';
import type { ProcedureDoc } from '../../../domain/model';
import { validateProcedureForm, type ProcedureForm, type ProcedureFormErrors } from '../../../domain/assisted';
import { useApp } from '../session/AppContext';
import { describeStorageError } from '../db/errors';
import { isAllowedExternalUrl } from '../platform';
import { Field } from '../ui/Field';
import { ListEditor, type EditorFieldsProps } from '../ui/ListEditor';
import type { SaveState } from '../ui/Saved';
import { addShippedCatalogue, EMPTY_PROCEDURE, procedureFormOf, saveProcedure, useProcedures } from './repository';

/** Réglages › Démarches en ligne: the catalogue of assisted procedures, added, edited, disabled. */
export function ProceduresSection() {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const procedures = useProcedures();

  async function loadCatalogue(say: (state: SaveState) => void) {
    try {
      await addShippedCatalogue(db, settings.communeId);
      say({ kind: 'saved', message: 'assisted.settings.loaded' });
    } catch (error) {
      say({ kind: 'error', message: describeStorageError(error) });
    }
  }

  return (
    <ListEditor<ProcedureDoc, ProcedureForm, ProcedureFormErrors>
      name="procedure"
      headingId="settings-procedures-title"
      title={t('assisted.settings.title')}
      intro={t('assisted.settings.intro')}
      items={procedures}
      columns={[
        { header: t('assisted.settings.procedureTitle'), cell: (procedure) => procedure.title },
        { header: t('assisted.settings.steps'), cell: (procedure) => procedure.steps.length },
        { header: t('assisted.settings.duration'), cell: (procedure) => t('assisted.minutesShort', { count: procedure.durationMinutes }) },
        {
          header: t('assisted.settings.status'),
          cell: (procedure) => (procedure.active ? t('assisted.settings.active') : t('assisted.settings.inactive')),
        },
      ]}
      none={t('assisted.settings.none')}
      labels={{
        add: t('assisted.settings.add'),
        edit: t('settings.edit'),
        actions: t('settings.actions'),
        editNamed: (procedure) => t('assisted.settings.editNamed', { title: procedure.title }),
      }}
      actions={(say) =>
        procedures !== undefined && procedures.length === 0 ? (
          <button type="button" className="button" onClick={() => void loadCatalogue(say)}>
            {t('assisted.settings.loadCatalogue')}
          </button>
        ) : null
      }
      editor={{
        empty: EMPTY_PROCEDURE,
        formOf: procedureFormOf,
        Fields: ProcedureFields,
        noErrors: {},
        validate: (form) => validateProcedureForm(form, (url) => isAllowedExternalUrl(url)),
        save: (id, form) => saveProcedure(db, id, form, settings.communeId),
        describeError: describeStorageError,
        addTitle: t('assisted.settings.addTitle'),
        editTitle: (form) => t('assisted.settings.editTitle', { title: form.title }),
        messages: { fix: 'settings.errors.fix', saved: 'assisted.settings.saved', added: 'assisted.settings.added' },
      }}
    />
  );
}

function ProcedureFields({ form, errors, update }: EditorFieldsProps<ProcedureForm, ProcedureFormErrors>) {
  const { t } = useTranslation();
  const updateStep = (index: number, patch: Partial<ProcedureForm['steps'][number]>) =>
    update({ steps: form.steps.map((step, at) => (at === index ? { ...step, ...patch } : step)) });
  const moveUp = (index: number) => {
    if (index === 0) return;
    const steps = [...form.steps];
    [steps[index - 1], steps[index]] = [steps[index]!, steps[index - 1]!];
    update({ steps });
  };

  return (
    <>
      <Field label={t('assisted.settings.procedureTitle')} error={errors.title} required>
        {(props) => <input {...props} autoComplete="off" value={form.title} onChange={(event) => update({ title: event.target.value })} />}
      </Field>
      <Field label={t('assisted.settings.summary')} error={errors.summary}>
        {(props) => (
          <input {...props} autoComplete="off" value={form.summary} onChange={(event) => update({ summary: event.target.value })} />
        )}
      </Field>
      <Field label={t('assisted.settings.url')} error={errors.url} hint={t('assisted.settings.urlHint')} required>
        {(props) => (
          <input {...props} type="url" autoComplete="off" value={form.url} onChange={(event) => update({ url: event.target.value })} />
        )}
      </Field>
      <Field label={t('assisted.settings.duration')} error={errors.durationMinutes} required>
        {(props) => (
          <input
            {...props}
            inputMode="numeric"
            value={form.durationMinutes}
            onChange={(event) => update({ durationMinutes: event.target.value })}
          />
        )}
      </Field>
      <fieldset aria-describedby={errors.steps ? 'procedure-steps-error' : undefined}>
        <legend>{t('assisted.settings.steps')}</legend>
        <ol className="assisted__matches">
          {form.steps.map((step, index) => (
            <li key={index} className="assisted__step-row">
              <Field label={t('assisted.settings.stepLabel', { number: index + 1 })}>
                {(props) => (
                  <input
                    {...props}
                    autoComplete="off"
                    value={step.label}
                    onChange={(event) => updateStep(index, { label: event.target.value })}
                  />
                )}
              </Field>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={step.required}
                  onChange={(event) => updateStep(index, { required: event.target.checked })}
                />
                {t('assisted.settings.stepRequired', { number: index + 1 })}
              </label>
              <span className="actions actions--inline">
                <button type="button" className="button button--small" disabled={index === 0} onClick={() => moveUp(index)}>
                  {t('assisted.settings.moveUp', { number: index + 1 })}
                </button>
                <button
                  type="button"
                  className="button button--small button--danger"
                  onClick={() => update({ steps: form.steps.filter((_, at) => at !== index) })}
                >
                  {t('assisted.settings.removeStep', { number: index + 1 })}
                </button>
              </span>
            </li>
          ))}
        </ol>
        {errors.steps ? (
          <p id="procedure-steps-error" className="field__error" role="alert">
            {t(errors.steps)}
          </p>
        ) : null}
        <button
          type="button"
          className="button button--small"
          onClick={() => update({ steps: [...form.steps, { id: '', label: '', required: true }] })}
        >
          {t('assisted.settings.addStep')}
        </button>
      </fieldset>
      <Field label={t('assisted.settings.documents')} error={errors.documents}>
        {(props) => <textarea {...props} rows={5} value={form.documents} onChange={(event) => update({ documents: event.target.value })} />}
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={form.active} onChange={(event) => update({ active: event.target.checked })} />
        {t('assisted.settings.active')}
      </label>
    </>
  );
}
