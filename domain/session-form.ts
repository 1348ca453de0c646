/**
 * The form of one assisted session, as the secretary edits it: text as typed, turned into the session's
 * fields only when she saves. Pure, so the screen (renderer/src/assisted/SessionForm.tsx) keeps only the
 * wiring.
 */
import { documentLines, parseMinutes } from './assisted';
import type { AssistedOutcome, AssistedSessionDoc } from './model';

export interface SessionFormValues {
  stepsDone: string[];
  /** as typed: checked by parseMinutes on save */
  minutes: string;
  outcome: AssistedOutcome;
  blockedReason: string;
  nextSteps: string;
  /** one document a line */
  documentsNextTime: string;
  followUpDate: string;
  trackingCode: string;
  /** the secretary confirmed "done" although required steps are not ticked */
  confirmedDone: boolean;
}

export type SessionFormChanges = Pick<
  AssistedSessionDoc,
  'stepsDone' | 'minutesSpent' | 'outcome' | 'blockedReason' | 'nextSteps' | 'documentsNextTime' | 'followUpDate' | 'trackingCode'
>;

export function sessionFormOf(session: AssistedSessionDoc): SessionFormValues {
  return {
    stepsDone: [...session.stepsDone],
    minutes: String(session.minutesSpent),
    outcome: session.outcome,
    blockedReason: session.blockedReason,
    nextSteps: session.nextSteps,
    documentsNextTime: session.documentsNextTime.join('\n'),
    followUpDate: session.followUpDate,
    trackingCode: session.trackingCode,
    confirmedDone: false,
  };
}

/** The session's fields from the form, trimmed; null while the minutes typed are not a number of minutes. */
export function sessionChangesOf(form: SessionFormValues): SessionFormChanges | null {
  const minutes = parseMinutes(form.minutes);
  if (!minutes.ok) return null;
  return {
    stepsDone: form.stepsDone,
    minutesSpent: minutes.minutes,
    outcome: form.outcome,
    blockedReason: form.outcome === 'blocked' ? form.blockedReason.trim() : '',
    nextSteps: form.nextSteps.trim(),
    documentsNextTime: documentLines(form.documentsNextTime),
    followUpDate: form.followUpDate,
    trackingCode: form.trackingCode.trim(),
  };
}

/** The minutes typed plus those the timer counted; what she typed stays as it is while it is not a number. */
export function minutesWithTimed(typed: string, timed: number): string {
  const parsed = parseMinutes(typed);
  return parsed.ok ? String(parsed.minutes + timed) : typed;
}

/** A session started this long ago or less, with no minutes yet, times itself when opened. */
export const JUST_STARTED_MS = 10 * 60_000;

/** Only a session just started times itself: reopening yesterday's must not add the minutes it stays open. */
export function timesItself(session: Pick<AssistedSessionDoc, 'minutesSpent' | 'startedAt'>, nowMs: number): boolean {
  return session.minutesSpent === 0 && nowMs - Date.parse(session.startedAt) < JUST_STARTED_MS;
}
