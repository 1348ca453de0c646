import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import {
  documentLines,
  elapsedMinutes,
  findSecrets,
  parseMinutes,
  sessionProgress,
  suggestedFollowUpDate,
  toggleStep,
  type SecretFinding,
  type SessionErrors,
} from '../../../domain/assisted';
import { localDateOf } from '../../../domain/calendar';
import {
  ASSISTED_OUTCOMES,
  type AssistedOutcome,
  type AssistedSessionDoc,
  type CitizenDoc,
  type ProcedureDoc,
} from '../../../domain/model';
import { useApp } from '../session/AppContext';
import { routeHref } from '../session/router';
import { describeStorageError } from '../db/errors';
import { useObservable } from '../db/hooks';
import { citizenDisplayName } from '../../../domain/citizens';
import { FollowUpSheetPanel } from '../documents';
import { getPlatform } from '../platform';
import { Field } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { useLargeDisplay } from './large-display';
import { saveSession, useSession, type SessionChanges } from './repository';
import { toPlain } from '../db/plain';

/** One assisted session: steps ticked one by one, time spent, outcome, follow-up, and the printed sheet. */
export function SessionScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const session = useSession(id);
  const procedure = useObservable(
    () => db.procedures.findOne(session?.procedureId ?? '__none__').$.pipe(map((doc) => (doc ? toPlain(doc) : null))),
    [db, session?.procedureId],
  );
  const citizen = useObservable(
    () => db.citizens.findOne(session?.citizenId ?? '__none__').$.pipe(map((doc) => (doc ? toPlain(doc) : null))),
    [db, session?.citizenId],
  );
  const [large, setLarge] = useLargeDisplay();

  if (session === undefined || (session && (procedure === undefined || citizen === undefined))) return <p>{t('common.loading')}</p>;
  if (session === null) {
    return (
      <div className="screen">
        <h1>{t('assisted.title')}</h1>
        <p role="alert">{t('assisted.session.notFound')}</p>
        <a href={routeHref({ name: 'assisted' })}>{t('assisted.session.backToList')}</a>
      </div>
    );
  }
  const name = citizen ? citizenDisplayName(citizen) || t('citizens.unnamed') : '—';
  return (
    <div className={large ? 'screen assisted assisted--large' : 'screen assisted'} data-testid="assisted-session">
      <div className="screen__header">
        <div>
          <p className="muted">
            {citizen ? <a href={routeHref({ name: 'citizen', id: citizen.id })}>{t('assisted.session.backToFile')}</a> : null}{' '}
            <a href={routeHref({ name: 'assisted' })}>{t('assisted.session.backToList')}</a>
          </p>
          <h1>{t('assisted.session.title', { procedure: session.procedureTitle })}</h1>
          <p className="assisted__for">{t('assisted.session.for', { name })}</p>
          <p className="muted">{t('assisted.session.startedAt', { date: formatDateTime(session.startedAt), agent: session.agentName })}</p>
        </div>
        <LargeDisplayToggle on={large} onChange={setLarge} />
      </div>
      <p className="notice notice--warn assisted__no-secret">{t('assisted.session.noSecret')}</p>
      <SessionForm key={session.id} session={session} procedure={procedure ?? null} citizen={citizen ?? null} />
    </div>
  );
}

/** A real toggle button (aria-pressed), reachable by Tab and by Alt+G. */
export function LargeDisplayToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <div className="assisted__toggle">
      <button
        type="button"
        className={on ? 'button button--primary' : 'button'}
        aria-pressed={on}
        aria-describedby="large-display-hint"
        aria-keyshortcuts="Alt+G"
        onClick={() => onChange(!on)}
      >
        {t('assisted.display.large')}
      </button>
      <p id="large-display-hint" className="field__hint">
        {t('assisted.display.largeHint')}
      </p>
    </div>
  );
}

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

interface FormState {
  stepsDone: string[];
  minutes: string;
  outcome: AssistedOutcome;
  blockedReason: string;
  nextSteps: string;
  documentsNextTime: string;
  followUpDate: string;
  trackingCode: string;
  confirmedDone: boolean;
}

function formOf(session: AssistedSessionDoc): FormState {
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

function changesOf(form: FormState): SessionChanges | null {
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

const JUST_STARTED_MS = 10 * 60_000;

/**
 * The running timer: counts whole minutes from when it was (re)started on top
 * of the minutes already recorded, and leaves the field to the secretary as
 * soon as she types in it.
 */
function useTimer(onMinute: (addMinutes: number) => void, startRunning: boolean) {
  const [running, setRunning] = useState(startRunning);
  const [elapsed, setElapsed] = useState(0);
  const since = useRef(Date.now());
  const reported = useRef(0);
  useEffect(() => {
    if (!running) return;
    const tick = () => {
      const minutes = elapsedMinutes(since.current, Date.now());
      setElapsed(minutes);
      if (minutes > reported.current) {
        onMinute(minutes - reported.current);
        reported.current = minutes;
      }
    };
    const timer = setInterval(tick, 5_000);
    return () => clearInterval(timer);
  }, [running, onMinute]);
  const restart = (run: boolean) => {
    since.current = Date.now();
    reported.current = 0;
    setElapsed(0);
    setRunning(run);
  };
  return { running, elapsed, start: () => restart(true), pause: () => restart(false) };
}

function SessionForm({
  session,
  procedure,
  citizen,
}: {
  session: AssistedSessionDoc;
  procedure: ProcedureDoc | null;
  citizen: CitizenDoc | null;
}) {
  const { t } = useTranslation();
  const { db } = useApp();
  const [form, setForm] = useState<FormState>(() => formOf(session));
  const [errors, setErrors] = useState<SessionErrors>({});
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'saved' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const sessionDate = localDateOf(session.startedAt);
  const addMinutes = useRef((extra: number) => {
    setForm((current) => {
      const parsed = parseMinutes(current.minutes);
      return parsed.ok ? { ...current, minutes: String(parsed.minutes + extra) } : current;
    });
    setDirty(true);
  }).current;
  // Only a session just started times itself: reopening yesterday's must not add the minutes it stays open.
  const [justStarted] = useState(() => session.minutesSpent === 0 && Date.now() - Date.parse(session.startedAt) < JUST_STARTED_MS);
  const timer = useTimer(addMinutes, justStarted);
  const steps = procedure?.steps ?? [];
  const progress = sessionProgress({ steps }, form.stepsDone);

  const update = (patch: Partial<FormState>) => {
    setForm((current) => ({ ...current, ...patch }));
    setDirty(true);
    setState({ kind: 'idle' });
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const changes = changesOf(form);
    if (!changes) {
      setErrors({ minutesSpent: parseMinutes(form.minutes).ok ? undefined : 'assisted.errors.minutesInvalid' });
      setState({ kind: 'error', message: 'assisted.session.fix' });
      queueMicrotask(() => target.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const result = await saveSession(db, session, changes, procedure, form.confirmedDone);
      if (!result.ok) {
        setErrors(result.errors);
        setState({ kind: 'error', message: 'assisted.session.fix' });
        queueMicrotask(() => target.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      } else {
        setErrors({});
        setDirty(false);
        setState({ kind: 'saved' });
      }
    } catch (error) {
      setState({ kind: 'error', message: describeStorageError(error) });
    }
    setBusy(false);
  }

  const missingNames = progress.missingRequired.map((step) => step.label).join(' ; ');
  return (
    <>
      <form
        className="form"
        noValidate
        onSubmit={(event) => void submit(event)}
        aria-label={t('assisted.session.title', { procedure: session.procedureTitle })}
      >
        <div className="grid-2">
          <Panel id="assisted-steps" title={t('assisted.session.steps')}>
            <fieldset className="assisted__steps">
              <legend>{t('assisted.session.stepsHint')}</legend>
              {steps.map((step) => (
                <label key={step.id} className="checkbox assisted__step">
                  <input
                    type="checkbox"
                    checked={form.stepsDone.includes(step.id)}
                    onChange={(event) => update({ stepsDone: toggleStep({ steps }, form.stepsDone, step.id, event.target.checked) })}
                  />
                  <span>
                    {step.label} {step.required ? null : <span className="muted">{t('assisted.session.optional')}</span>}
                  </span>
                </label>
              ))}
            </fieldset>
            <p role="status" className="assisted__progress">
              {t('assisted.session.progress', { count: progress.done, total: progress.total })}
            </p>
          </Panel>
          <Panel id="assisted-procedure" title={t('assisted.session.official')}>
            {procedure ? <OfficialLink url={procedure.url} /> : null}
            {procedure && procedure.documents.length > 0 ? (
              <>
                <h3>{t('assisted.session.documents')}</h3>
                <ul>
                  {procedure.documents.map((document) => (
                    <li key={document}>{document}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </Panel>
        </div>
        <Panel id="assisted-time" title={t('assisted.session.time')}>
          <p role="status" className="assisted__timer">
            {timer.running ? t('assisted.session.timerRunning', { minutes: timer.elapsed }) : t('assisted.session.timerStopped')}
          </p>
          <div className="actions actions--inline">
            {timer.running ? (
              <button type="button" className="button" onClick={timer.pause}>
                {t('assisted.session.timerPause')}
              </button>
            ) : (
              <button type="button" className="button" onClick={timer.start}>
                {t('assisted.session.timerStart')}
              </button>
            )}
          </div>
          <Field label={t('assisted.session.minutes')} error={errors.minutesSpent} hint={t('assisted.session.minutesHint')} required>
            {(props) => (
              <input
                {...props}
                inputMode="numeric"
                className="assisted__minutes"
                value={form.minutes}
                onChange={(event) => {
                  // Typing takes over from the timer, which restarts from the typed value.
                  if (timer.running) timer.start();
                  update({ minutes: event.target.value });
                }}
              />
            )}
          </Field>
        </Panel>
        <Panel id="assisted-outcome" title={t('assisted.session.outcome')}>
          <fieldset aria-describedby={errors.outcome ? 'assisted-outcome-error' : undefined}>
            <legend>{t('assisted.session.outcome')}</legend>
            {ASSISTED_OUTCOMES.map((outcome) => (
              <label key={outcome} className="checkbox">
                <input
                  type="radio"
                  name="outcome"
                  value={outcome}
                  checked={form.outcome === outcome}
                  onChange={() => update({ outcome, followUpDate: form.followUpDate || suggestedFollowUpDate(outcome, sessionDate) })}
                />
                {t(`assisted.outcomes.${outcome}`)}
              </label>
            ))}
          </fieldset>
          {form.outcome === 'done' && progress.missingRequired.length > 0 ? (
            <div className="notice notice--warn">
              <p>{t('assisted.session.missingRequired', { steps: missingNames })}</p>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={form.confirmedDone}
                  aria-invalid={errors.outcome ? true : undefined}
                  onChange={(event) => update({ confirmedDone: event.target.checked })}
                />
                {t('assisted.session.confirmDone')}
              </label>
            </div>
          ) : null}
          {errors.outcome ? (
            <p id="assisted-outcome-error" className="field__error" role="alert">
              {t(errors.outcome)}
            </p>
          ) : null}
          {form.outcome === 'blocked' ? (
            <SecretCheckedText
              label={t('assisted.session.blockedReason')}
              value={form.blockedReason}
              error={errors.blockedReason}
              required
              onChange={(blockedReason) => update({ blockedReason })}
            />
          ) : null}
          <SecretCheckedText
            label={t('assisted.session.nextSteps')}
            value={form.nextSteps}
            error={errors.nextSteps}
            multiline
            onChange={(nextSteps) => update({ nextSteps })}
          />
          <SecretCheckedText
            label={t('assisted.session.documentsNextTime')}
            value={form.documentsNextTime}
            error={errors.documentsNextTime}
            multiline
            onChange={(documentsNextTime) => update({ documentsNextTime })}
          />
          <Field label={t('assisted.session.followUpDate')} error={errors.followUpDate} hint={t('assisted.session.followUpHint')}>
            {(props) => (
              <input {...props} type="date" value={form.followUpDate} onChange={(event) => update({ followUpDate: event.target.value })} />
            )}
          </Field>
          <div className="actions actions--inline">
            <button
              type="button"
              className="button button--small"
              onClick={() => update({ followUpDate: suggestedFollowUpDate(form.outcome, sessionDate) })}
            >
              {t('assisted.session.suggest')}
            </button>
          </div>
          <SecretCheckedText
            label={t('assisted.session.trackingCode')}
            hint={t('assisted.session.trackingHint')}
            value={form.trackingCode}
            error={errors.trackingCode}
            onChange={(trackingCode) => update({ trackingCode })}
          />
        </Panel>
        {state.kind === 'saved' ? (
          <p role="status" className="notice notice--ok">
            {t('assisted.session.saved')}
          </p>
        ) : null}
        {state.kind === 'error' ? (
          <p role="alert" className="notice notice--error">
            {t(state.message)}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('common.saving') : t('assisted.session.save')}
          </button>
        </div>
      </form>
      <Panel id="assisted-sheet" title={t('assisted.session.sheet')}>
        <p className="muted">{t('assisted.session.sheetHint')}</p>
        {dirty ? <p className="notice notice--warn">{t('assisted.session.unsaved')}</p> : null}
        <FollowUpSheetPanel session={session} procedure={procedure} citizen={citizen} />
      </Panel>
    </>
  );
}

/** A free-text field that says, as it is typed, what in it looks like a password or a secret. */
function SecretCheckedText({
  label,
  value,
  error,
  hint,
  required,
  multiline,
  onChange,
}: {
  label: string;
  value: string;
  error: string | undefined;
  hint?: string;
  required?: boolean;
  multiline?: boolean;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const findings = findSecrets(value);
  const shownError = error ?? (findings.length > 0 ? 'assisted.errors.secret' : undefined);
  return (
    <div>
      <Field label={label} error={shownError} hint={hint} required={required}>
        {(props) =>
          multiline ? (
            <textarea {...props} rows={3} value={value} onChange={(event) => onChange(event.target.value)} />
          ) : (
            <input {...props} autoComplete="off" value={value} onChange={(event) => onChange(event.target.value)} />
          )
        }
      </Field>
      {findings.length > 0 ? (
        <p className="field__error">{t('assisted.session.secretFound', { what: describeFindings(findings, t) })}</p>
      ) : null}
    </div>
  );
}

function describeFindings(findings: SecretFinding[], t: (key: string, options?: Record<string, string>) => string): string {
  return findings.map((finding) => t(`assisted.session.secretKinds.${finding.kind}`, { clue: finding.clue })).join(' ; ');
}

/** The procedure's official site, opened outside the app through the platform's allow-list. */
function OfficialLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<'opened' | 'refused' | null>(null);
  return (
    <div>
      <p className="assisted__url">{url}</p>
      <button
        type="button"
        className="button"
        onClick={() => {
          void getPlatform()
            .openExternal(url)
            .then((answer) => setResult(answer.status));
        }}
      >
        {t('assisted.session.openOfficial')}
      </button>
      <div role="status">
        {result === 'opened' ? <p className="notice notice--ok">{t('assisted.session.officialOpened')}</p> : null}
        {result === 'refused' ? <p className="notice notice--error">{t('assisted.session.officialRefused')}</p> : null}
      </div>
    </div>
  );
}
