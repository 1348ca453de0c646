import { useEffect, useRef, useState, type ComponentType, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SaveMessage, type SaveState } from './Saved';

/** One column of the list: its header, and what a row shows in it. The first column heads its row. */
export interface ListColumn<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

/** What the fields of an editor get: the form being typed, its errors, and how to change it. */
export interface EditorFieldsProps<F, E> {
  form: F;
  errors: E;
  update: (patch: Partial<F>) => void;
}

/** How to edit one item: the form it becomes, how it is checked and saved, and the fields that type it. */
export interface EditorSpec<T, F, E> {
  /** the form of a new item */
  empty: F;
  formOf: (item: T) => F;
  /** the fields between the "required" hint and the save message; a component, so it may use hooks */
  Fields: ComponentType<EditorFieldsProps<F, E>>;
  /** the errors before the first save */
  noErrors: E;
  validate: (form: F) => E;
  /** whether the errors stop the save; every truthy entry does unless said otherwise */
  hasErrors?: (errors: E) => boolean;
  /** the errors once `patch` is typed (the field's own error may go); unchanged unless said otherwise */
  clearErrors?: (errors: E, patch: Partial<F>) => E;
  /** typing leaves the editor's last message in place instead of clearing it */
  keepsMessageOnChange?: boolean;
  save: (id: string | null, form: F) => Promise<unknown>;
  /** a failed save as an i18n key the secretary can act on */
  describeError: (error: unknown) => string;
  addTitle: string;
  /** the heading when editing, from the form as it was opened */
  editTitle: (form: F) => string;
  /** i18n keys: the errors to fix, an item saved, an item added */
  messages: { fix: string; saved: string; added: string };
}

export interface ListEditorProps<T extends { id: string }, F, E> {
  /** the stem of the controls' ids: `${name}-add`, `${name}-edit-${id}`, `${name}-editor-title` */
  name: string;
  headingId: string;
  /** the section's heading, and the table's caption */
  title: string;
  intro: string;
  items: readonly T[] | undefined;
  columns: readonly ListColumn<T>[];
  /** said when there is no item; without it an empty table is shown */
  none?: string;
  labels: { add: string; edit: string; actions: string; editNamed: (item: T) => string };
  /** more buttons next to "add", which may say something in the section's message */
  actions?: (say: (state: SaveState) => void) => ReactNode;
  editor: EditorSpec<T, F, E>;
}

type Editing<F> = { id: string | null; form: F } | null;

/**
 * A Réglages section: a table of items, each with its "edit" button, an "add" button, and one editor at a time
 * in place of the buttons. Opening the editor moves the focus to its heading; saving or cancelling closes it
 * and gives the focus back to the button that opened it; what was saved is announced in the section.
 */
export function ListEditor<T extends { id: string }, F, E extends object>(props: ListEditorProps<T, F, E>) {
  const { name, headingId, title, intro, items, columns, none, labels, actions, editor } = props;
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing<F>>(null);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const returnFocus = useRef<string | null>(null);

  useEffect(() => {
    if (editing || !returnFocus.current) return;
    document.getElementById(returnFocus.current)?.focus();
    returnFocus.current = null;
  }, [editing]);

  const open = (next: NonNullable<Editing<F>>) => {
    setState({ kind: 'idle' });
    setEditing(next);
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p>{intro}</p>
      <SaveMessage state={state} />
      {editing ? (
        <ItemEditor
          key={editing.id ?? 'new'}
          name={name}
          editing={editing}
          spec={editor}
          onDone={(message) => {
            returnFocus.current = editing.id ? `${name}-edit-${editing.id}` : `${name}-add`;
            setEditing(null);
            if (message) setState({ kind: 'saved', message });
          }}
        />
      ) : (
        <div className="actions">
          <button
            id={`${name}-add`}
            type="button"
            className="button button--primary"
            onClick={() => open({ id: null, form: editor.empty })}
          >
            {labels.add}
          </button>
          {actions?.(setState)}
        </div>
      )}
      {items === undefined ? (
        <p>{t('common.loading')}</p>
      ) : items.length === 0 && none !== undefined ? (
        <p className="muted">{none}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.header} scope="col">
                  {column.header}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{labels.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const { id } = item;
              return (
                <tr key={id}>
                  {columns.map((column, index) =>
                    index === 0 ? (
                      <th key={column.header} scope="row">
                        {column.cell(item)}
                      </th>
                    ) : (
                      <td key={column.header}>{column.cell(item)}</td>
                    ),
                  )}
                  <td>
                    <button
                      id={`${name}-edit-${id}`}
                      type="button"
                      className="button button--small"
                      aria-label={labels.editNamed(item)}
                      onClick={() => open({ id, form: editor.formOf(item) })}
                    >
                      {labels.edit}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ItemEditor<T, F, E extends object>({
  name,
  editing,
  spec,
  onDone,
}: {
  name: string;
  editing: NonNullable<Editing<F>>;
  spec: EditorSpec<T, F, E>;
  onDone: (message?: string) => void;
}) {
  const { t } = useTranslation();
  const { Fields, clearErrors, keepsMessageOnChange } = spec;
  const [form, setForm] = useState<F>(editing.form);
  const [errors, setErrors] = useState<E>(spec.noErrors);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  const update = (patch: Partial<F>) => {
    setForm((current) => ({ ...current, ...patch }));
    if (!keepsMessageOnChange) setState({ kind: 'idle' });
    if (clearErrors) setErrors((current) => clearErrors(current, patch));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = spec.validate(form);
    setErrors(found);
    if (spec.hasErrors ? spec.hasErrors(found) : Object.values(found).some(Boolean)) {
      const target = event.currentTarget;
      queueMicrotask(() => target.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      setState({ kind: 'error', message: spec.messages.fix });
      return;
    }
    setBusy(true);
    try {
      await spec.save(editing.id, form);
      onDone(editing.id ? spec.messages.saved : spec.messages.added);
    } catch (error) {
      setState({ kind: 'error', message: spec.describeError(error) });
      setBusy(false);
    }
  }

  const titleId = `${name}-editor-title`;
  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby={titleId}>
      <h3 id={titleId} ref={heading} tabIndex={-1}>
        {editing.id ? spec.editTitle(editing.form) : spec.addTitle}
      </h3>
      <p className="muted">{t('common.requiredHint')}</p>
      <Fields form={form} errors={errors} update={update} />
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

/** For `clearErrors`: a field's error goes as soon as the field is typed in again. */
export function clearChangedErrors<F extends object, E extends Partial<Record<keyof F, unknown>>>(errors: E, patch: Partial<F>): E {
  const changed = (Object.keys(patch) as (keyof F & keyof E)[]).filter((key) => errors[key]);
  if (changed.length === 0) return errors;
  const next = { ...errors };
  for (const key of changed) delete next[key];
  return next;
}
