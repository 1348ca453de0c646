import { describe, expect, it } from 'vitest';
import { newSession } from '../../../domain/assisted';
import { sessionFormOf } from '../../../domain/session-form';
import { type SessionFormState, sessionFormReducer } from './useSessionForm';

const session = newSession({
  id: 's1',
  communeId: 'c1',
  citizenId: 'p1',
  procedure: { id: 'pr1', title: 'Carte grise', documents: [] },
  agent: { id: 'a1', name: 'Agnès' },
  trackingCode: '',
  now: '2026-03-10T09:00:00.000Z',
});
const start: SessionFormState = { form: sessionFormOf(session), errors: {}, outcome: { kind: 'idle' }, dirty: false, busy: false };

describe('the session form’s transitions', () => {
  it('an edit marks the form changed and forgets the last save’s word', () => {
    const saved = { ...start, outcome: { kind: 'saved' as const } };
    const next = sessionFormReducer(saved, { type: 'edited', patch: { nextSteps: 'rappeler' } });
    expect(next).toMatchObject({ dirty: true, outcome: { kind: 'idle' } });
    expect(next.form.nextSteps).toBe('rappeler');
  });

  it('the timer adds its minutes without hiding a "saved"', () => {
    const saved = { ...start, outcome: { kind: 'saved' as const } };
    const next = sessionFormReducer(saved, { type: 'timed', minutes: 2 });
    expect(next).toMatchObject({ dirty: true, outcome: { kind: 'saved' } });
    expect(next.form.minutes).toBe('2');
  });

  it('a save runs, then is refused with errors, saved, or failed', () => {
    const saving = sessionFormReducer(start, { type: 'saving' });
    expect(saving.busy).toBe(true);
    const refused = sessionFormReducer(saving, { type: 'refused', errors: { outcome: 'assisted.errors.x' } });
    expect(refused).toMatchObject({
      busy: false,
      errors: { outcome: 'assisted.errors.x' },
      outcome: { kind: 'error', message: 'assisted.session.fix' },
    });
    const saved = sessionFormReducer({ ...refused, dirty: true, busy: true }, { type: 'saved' });
    expect(saved).toMatchObject({ busy: false, dirty: false, errors: {}, outcome: { kind: 'saved' } });
    const failed = sessionFormReducer({ ...saving, dirty: true }, { type: 'failed', message: 'db.errors.quota' });
    expect(failed).toMatchObject({ busy: false, dirty: true, outcome: { kind: 'error', message: 'db.errors.quota' } });
  });
});
