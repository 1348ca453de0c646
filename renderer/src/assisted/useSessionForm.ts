import { useCallback, useReducer, useState, type FormEvent } from 'react';
import { parseMinutes, type SessionErrors } from '../../../domain/assisted';
import type { AssistedSessionDoc, ProcedureDoc } from '../../../domain/model';
import { minutesWithTimed, sessionChangesOf, sessionFormOf, timesItself, type SessionFormValues } from '../../../domain/session-form';
import { describeStorageError } from '../db/errors';
import { useApp } from '../session/AppContext';
import { saveSession } from './repository';

/** What the last save said: nothing yet (or edited since), saved, or an i18n key to show as an alert. */
export type SaveOutcome = { kind: 'idle' } | { kind: 'saved' } | { kind: 'error'; message: string };

export interface SessionFormState {
  form: SessionFormValues;
  errors: SessionErrors;
  outcome: SaveOutcome;
  /** changed since the last save: the printed sheet is not up to date */
  dirty: boolean;
  /** a save is being written */
  busy: boolean;
}

type SessionFormAction =
  | { type: 'edited'; patch: Partial<SessionFormValues> }
  | { type: 'timed'; minutes: number }
  | { type: 'refused'; errors: SessionErrors }
  | { type: 'saving' }
  | { type: 'saved' }
  | { type: 'failed'; message: string };

/** Every way the form changes, in one place. */
export function sessionFormReducer(state: SessionFormState, action: SessionFormAction): SessionFormState {
  switch (action.type) {
    case 'edited':
      return { ...state, form: { ...state.form, ...action.patch }, dirty: true, outcome: { kind: 'idle' } };
    case 'timed':
      return { ...state, form: { ...state.form, minutes: minutesWithTimed(state.form.minutes, action.minutes) }, dirty: true };
    case 'refused':
      return { ...state, errors: action.errors, outcome: { kind: 'error', message: 'assisted.session.fix' }, busy: false };
    case 'saving':
      return { ...state, busy: true };
    case 'saved':
      return { ...state, errors: {}, dirty: false, outcome: { kind: 'saved' }, busy: false };
    case 'failed':
      return { ...state, outcome: { kind: 'error', message: action.message }, busy: false };
  }
}

function initialState(session: AssistedSessionDoc): SessionFormState {
  return { form: sessionFormOf(session), errors: {}, outcome: { kind: 'idle' }, dirty: false, busy: false };
}

/** Moves the focus to the first field in error, once React has shown the errors. */
function focusFirstInvalid(form: HTMLFormElement): void {
  queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

/**
 * The session's form: its values, the errors of the last save, and saving. `timesItself` says whether the
 * timer starts running (decided once, when the screen opens).
 */
export function useSessionForm(session: AssistedSessionDoc, procedure: ProcedureDoc | null) {
  const { db } = useApp();
  const [state, dispatch] = useReducer(sessionFormReducer, session, initialState);
  const [startsTimed] = useState(() => timesItself(session, Date.now()));
  const update = useCallback((patch: Partial<SessionFormValues>) => dispatch({ type: 'edited', patch }), []);
  const addTimedMinutes = useCallback((minutes: number) => dispatch({ type: 'timed', minutes }), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const changes = sessionChangesOf(state.form);
    if (!changes) {
      dispatch({
        type: 'refused',
        errors: { minutesSpent: parseMinutes(state.form.minutes).ok ? undefined : 'assisted.errors.minutesInvalid' },
      });
      focusFirstInvalid(target);
      return;
    }
    dispatch({ type: 'saving' });
    try {
      const result = await saveSession(db, session, changes, procedure, state.form.confirmedDone);
      if (result.ok) dispatch({ type: 'saved' });
      else {
        dispatch({ type: 'refused', errors: result.errors });
        focusFirstInvalid(target);
      }
    } catch (error) {
      dispatch({ type: 'failed', message: describeStorageError(error) });
    }
  }

  return { ...state, startsTimed, update, addTimedMinutes, submit };
}
