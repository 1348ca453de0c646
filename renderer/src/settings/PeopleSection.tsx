import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { USER_ROLES, type AppUser, type UserRole } from '../../../domain/model';
import { useApp } from '../session/AppContext';
import { describeStorageError } from '../db/errors';
import { Field } from '../ui/Field';
import { cleanPeople, hasPeopleErrors, keyboardUserAfter, newPerson, validatePeople, type PeopleErrors } from './people';
import { SaveMessage, type SaveState } from '../ui/Saved';
import { patchSettings } from './store';

/**
 * The people who use this computer, and who is at the keyboard now, so that
 * the journal says who did what. People are deactivated, never deleted.
 */
export function PeopleSection() {
  const { t } = useTranslation();
  const { db, settings, currentUser, setCurrentUser } = useApp();
  const [draft, setDraft] = useState<AppUser[]>(settings.users);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<PeopleErrors>({ names: {} });
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const focusId = useRef<string | null>(null);

  // Changes saved elsewhere (another device, through sync) show here unless a change is being made.
  useEffect(() => {
    if (!dirty) setDraft(settings.users);
  }, [settings.users, dirty]);

  useEffect(() => {
    if (!focusId.current) return;
    document.getElementById(`person-${focusId.current}`)?.querySelector<HTMLInputElement>('input')?.focus();
    focusId.current = null;
  });

  const change = (id: string, patch: Partial<AppUser>) => {
    setDraft((current) => current.map((user) => (user.id === id ? { ...user, ...patch } : user)));
    setDirty(true);
    setState({ kind: 'idle' });
  };

  function add() {
    const person = newPerson();
    setDraft((current) => [...current, person]);
    setDirty(true);
    setState({ kind: 'idle' });
    focusId.current = person.id;
  }

  async function save() {
    const found = validatePeople(draft);
    setErrors(found);
    if (hasPeopleErrors(found)) {
      setState({ kind: 'error', message: found.list ?? 'settings.errors.fix' });
      const first = draft.find((user) => found.names[user.id]);
      if (first) focusId.current = first.id;
      return;
    }
    setBusy(true);
    try {
      const users = cleanPeople(draft);
      const saved = await patchSettings(db, settings.id, { users });
      setDraft(saved.users);
      setDirty(false);
      setState({ kind: 'saved', message: 'settings.saved' });
      const next = keyboardUserAfter(saved.users, currentUser.id);
      if (next && next !== currentUser.id) await setCurrentUser(next);
    } catch (error) {
      setState({ kind: 'error', message: describeStorageError(error) });
    } finally {
      setBusy(false);
    }
  }

  const active = settings.users.filter((user) => user.active);

  return (
    <>
      <section className="panel" aria-labelledby="settings-keyboard-title">
        <h2 id="settings-keyboard-title">{t('settings.people.keyboardTitle')}</h2>
        <Field label={t('settings.people.atKeyboard')} hint={t('settings.people.atKeyboardHint')}>
          {(props) => (
            <select {...props} value={currentUser.id} onChange={(event) => void setCurrentUser(event.target.value)}>
              {active.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name} ({t(`roles.${user.role}`)})
                </option>
              ))}
            </select>
          )}
        </Field>
      </section>

      <section className="panel" aria-labelledby="settings-people-title">
        <h2 id="settings-people-title">{t('settings.sections.personnes')}</h2>
        <p>{t('settings.people.intro')}</p>
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          {draft.map((user) => {
            const saved = settings.users.find((existing) => existing.id === user.id);
            return (
              <fieldset key={user.id} id={`person-${user.id}`}>
                <legend>
                  {saved?.name || t('settings.people.newPerson')}
                  {user.id === currentUser.id ? ` — ${t('settings.people.isAtKeyboard')}` : ''}
                  {user.active ? '' : ` — ${t('settings.people.inactive')}`}
                </legend>
                <div className="row">
                  <Field label={t('settings.people.name')} error={errors.names[user.id]} required>
                    {(props) => (
                      <input
                        {...props}
                        autoComplete="off"
                        value={user.name}
                        onChange={(event) => change(user.id, { name: event.target.value })}
                      />
                    )}
                  </Field>
                  <Field label={t('settings.people.role')}>
                    {(props) => (
                      <select {...props} value={user.role} onChange={(event) => change(user.id, { role: event.target.value as UserRole })}>
                        {USER_ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`roles.${role}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                </div>
                <p>
                  <span>{user.active ? t('settings.people.activeStatus') : t('settings.people.inactiveStatus')}</span>{' '}
                  <button
                    type="button"
                    className={user.active ? 'button button--small button--danger' : 'button button--small'}
                    onClick={() => change(user.id, { active: !user.active })}
                  >
                    {user.active
                      ? t('settings.people.deactivate', { name: user.name || t('settings.people.newPerson') })
                      : t('settings.people.reactivate', { name: user.name || t('settings.people.newPerson') })}
                  </button>
                </p>
              </fieldset>
            );
          })}
          <SaveMessage state={state} />
          <div className="actions">
            <button type="button" className="button" onClick={add} disabled={busy}>
              {t('settings.people.add')}
            </button>
            <button type="submit" className="button button--primary" disabled={busy || !dirty}>
              {busy ? t('common.saving') : t('settings.people.save')}
            </button>
            {dirty ? (
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => {
                  setDraft(settings.users);
                  setDirty(false);
                  setErrors({ names: {} });
                  setState({ kind: 'idle' });
                }}
              >
                {t('settings.undo')}
              </button>
            ) : null}
          </div>
        </form>
      </section>
    </>
  );
}
