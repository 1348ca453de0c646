import { describe, expect, it } from 'vitest';
import { newSession } from './assisted';
import type { AssistedSessionDoc } from './model';
import { JUST_STARTED_MS, minutesWithTimed, sessionChangesOf, sessionFormOf, timesItself } from './session-form';

const NOW = '2026-03-10T09:00:00.000Z';

function session(patch: Partial<AssistedSessionDoc> = {}): AssistedSessionDoc {
  const base = newSession({
    id: 's1',
    communeId: 'c1',
    citizenId: 'p1',
    procedure: { id: 'pr1', title: 'Carte grise', documents: [] },
    agent: { id: 'a1', name: 'Agnès' },
    trackingCode: '',
    now: NOW,
  });
  return { ...base, ...patch };
}

describe('the assisted session form', () => {
  it('starts from the session, the documents one a line, "done" not yet confirmed', () => {
    const form = sessionFormOf(session({ minutesSpent: 12, documentsNextTime: ['RIB', 'Justificatif'], stepsDone: ['a'] }));
    expect(form).toMatchObject({ minutes: '12', documentsNextTime: 'RIB\nJustificatif', stepsDone: ['a'], confirmedDone: false });
  });

  it('gives back the session fields trimmed, and no blocked reason unless blocked', () => {
    const form = {
      ...sessionFormOf(session()),
      minutes: ' 15 ',
      outcome: 'to_finish' as const,
      blockedReason: 'plus de réseau',
      nextSteps: '  rappeler  ',
      documentsNextTime: 'RIB\n\n  Avis d’imposition ',
      trackingCode: ' K7MQ ',
    };
    expect(sessionChangesOf(form)).toEqual({
      stepsDone: [],
      minutesSpent: 15,
      outcome: 'to_finish',
      blockedReason: '',
      nextSteps: 'rappeler',
      documentsNextTime: ['RIB', 'Avis d’imposition'],
      followUpDate: '',
      trackingCode: 'K7MQ',
    });
    expect(sessionChangesOf({ ...form, outcome: 'blocked', blockedReason: ' plus de réseau ' })?.blockedReason).toBe('plus de réseau');
  });

  it('gives nothing back while the minutes are not a number of minutes', () => {
    expect(sessionChangesOf({ ...sessionFormOf(session()), minutes: 'dix' })).toBeNull();
    expect(sessionChangesOf({ ...sessionFormOf(session()), minutes: '5000' })).toBeNull();
  });

  it('adds the timed minutes to those typed, and leaves a typing in progress alone', () => {
    expect(minutesWithTimed('10', 2)).toBe('12');
    expect(minutesWithTimed(' 3', 1)).toBe('4');
    expect(minutesWithTimed('1a', 1)).toBe('1a');
    expect(minutesWithTimed('', 1)).toBe('');
  });

  it('times only a session just started with no minutes yet', () => {
    const started = Date.parse(NOW);
    expect(timesItself(session(), started + 60_000)).toBe(true);
    expect(timesItself(session(), started + JUST_STARTED_MS)).toBe(false);
    expect(timesItself(session({ minutesSpent: 4 }), started + 60_000)).toBe(false);
  });
});
