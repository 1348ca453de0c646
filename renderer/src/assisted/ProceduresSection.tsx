import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validateProcedureForm, type ProcedureForm, type ProcedureFormErrors } from '../../../domain/assisted';
import { useApp } from '../session/AppContext';
import { describeStorageError } from '../db/errors';
import { isAllowedExternalUrl } from '../platform';
import { Field } from '../ui/Field';
import { SaveMessage, type SaveState } from '../ui/Saved';
import { addShippedCatalogue, EMPTY_PROCEDURE, procedureFormOf, saveProcedure, useProcedures } from './repository';

type Editing = { id: string | null; form: ProcedureForm } | null;

/** Réglages › Démarches en ligne: the catalogue of assisted procedures, added, edited, disabled. */
export function ProceduresSection() {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const procedures = useProcedures();
  const [editing, setEditing] = useState<Editing>(null);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const returnFocus = useRef<string | null>(null);

  useEffect(() => {
    if (editing || !returnFocus.current) return;
    document.getElementById(returnFocus.current)?.focus();
    returnFocus.current = null;
  }, [editing]);

  async function loadCatalogue() {
    try {
      await addShippedCatalogue(db, settings.communeId);
      setState({ kind: 'saved', message: 'assisted.settings.loaded' });
    } catch (error) {
      setState({ kind: 'error', message: describeStorageError(error) });
    }
  }

  return (
    <section className="panel" aria-labelledby="settings-procedures-title">
      <h2 id="settings-procedures-title">{t('assisted.settings.title')}</h2>
      <p>{t('assisted.settings.intro')}</p>
      <SaveMessage state={state} />
      {editing ? (
        <ProcedureEditor
          key={editing.id ?? 'new'}
          editing={editing}
          onDone={(message) => {
            returnFocus.current = editing.id ? `procedure-edit-${editing.id}` : 'procedure-add';
            setEditing(null);
            if (message) setState({ kind: 'saved', message });
          }}
        />
      ) : (
        <div className="actions">
          <button
            id="procedure-add"
            type="button"
            className="button button--primary"
            onClick={() => {
              setState({ kind: 'idle' });
              setEditing({ id: null, form: EMPTY_PROCEDURE });
            }}
          >
            {t('assisted.settings.add')}
          </button>
          {procedures !== undefined && procedures.length === 0 ? (
            <button type="button" className="button" onClick={() => void loadCatalogue()}>
              {t('assisted.settings.loadCatalogue')}
            </button>
          ) : null}
        </div>
      )}
      {procedures === undefined ? (
        <p>{t('common.loading')}</p>
      ) : procedures.length === 0 ? (
        <p className="muted">{t('assisted.settings.none')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('assisted.settings.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('assisted.settings.procedureTitle')}</th>
              <th scope="col">{t('assisted.settings.steps')}</th>
              <th scope="col">{t('assisted.settings.duration')}</th>
              <th scope="col">{t('assisted.settings.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('settings.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {procedures.map((procedure) => (
              <tr key={procedure.id}>
                <th scope="row">{procedure.title}</th>
                <td>{procedure.steps.length}</td>
                <td>{t('assisted.minutesShort', { count: procedure.durationMinutes })}</td>
                <td>{procedure.active ? t('assisted.settings.active') : t('assisted.settings.inactive')}</td>
                <td>
                  <button
                    id={`procedure-edit-${procedure.id}`}
                    type="button"
                    className="button button--small"
                    aria-label={t('assisted.settings.editNamed', { title: procedure.title })}
                    onClick={() => {
                      setState({ kind: 'idle' });
                      setEditing({ id: procedure.id, form: procedureFormOf(procedure) });
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

function ProcedureEditor({ editing, onDone }: { editing: NonNullable<Editing>; onDone: (message?: string) => void }) {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const [form, setForm] = useState<ProcedureForm>(editing.form);
  const [errors, setErrors] = useState<ProcedureFormErrors>({});
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  const update = (patch: Partial<ProcedureForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setState({ kind: 'idle' });
  };
  const updateStep = (index: number, patch: Partial<ProcedureForm['steps'][number]>) =>
    update({ steps: form.steps.map((step, at) => (at === index ? { ...step, ...patch } : step)) });
  const moveUp = (index: number) => {
    if (index === 0) return;
    const steps = [...form.steps];
    [steps[index - 1], steps[index]] = [steps[index]!, steps[index - 1]!];
    update({ steps });
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validateProcedureForm(form, (url) => isAllowedExternalUrl(url));
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      const target = event.currentTarget;
      queueMicrotask(() => target.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      setState({ kind: 'error', message: 'settings.errors.fix' });
      return;
    }
    setBusy(true);
    try {
      await saveProcedure(db, editing.id, form, settings.communeId);
      onDone(editing.id ? 'assisted.settings.saved' : 'assisted.settings.added');
    } catch (error) {
      setState({ kind: 'error', message: describeStorageError(error) });
      setBusy(false);
    }
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="procedure-editor-title">
      <h3 id="procedure-editor-title" ref={heading} tabIndex={-1}>
        {editing.id ? t('assisted.settings.editTitle', { title: editing.form.title }) : t('assisted.settings.addTitle')}
      </h3>
      <p className="muted">{t('common.requiredHint')}</p>
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
