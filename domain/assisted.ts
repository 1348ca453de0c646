/**
 * L'accompagnement numérique: the rules of an online procedure done with or
 * for a resident at the counter (domain.md, "Filing on a resident's behalf").
 *
 * Pure: no clock (dates are parameters), no I/O. The messages are i18n keys
 * (`assisted.errors.*`) the renderer shows in French or English.
 */
import { addWorkingDays, isValidDate, isWorkingDay } from './calendar';
import type { AssistedOutcome, AssistedSessionDoc, ProcedureDoc, ProcedureStep } from './model';

/** A procedure as resources/catalogue/procedures.json ships it: no tenant, no id, always active. */
export type CatalogueProcedure = Pick<ProcedureDoc, 'code' | 'title' | 'summary' | 'steps' | 'documents' | 'url' | 'durationMinutes'>;

/** The catalogue as documents of one commune; `makeId` gives each its id (newId in the app, stable ids in the demo). */
export function proceduresFromCatalogue(
  catalogue: readonly CatalogueProcedure[],
  communeId: string,
  now: string,
  makeId: (entry: CatalogueProcedure) => string,
): ProcedureDoc[] {
  return catalogue.map((entry) => ({
    ...entry,
    steps: entry.steps.map((step) => ({ ...step })),
    documents: [...entry.documents],
    id: makeId(entry),
    communeId,
    active: true,
    updatedAt: now,
  }));
}

// ---------------------------------------------------------------------------
// Progress

export interface SessionProgress {
  done: number;
  total: number;
  requiredDone: number;
  requiredTotal: number;
  /** required steps not ticked yet, in the procedure's order */
  missingRequired: ProcedureStep[];
  /** 0 to 100, whole */
  percent: number;
}

export function sessionProgress(procedure: Pick<ProcedureDoc, 'steps'>, stepsDone: readonly string[]): SessionProgress {
  const ticked = new Set(stepsDone);
  const done = procedure.steps.filter((step) => ticked.has(step.id)).length;
  const required = procedure.steps.filter((step) => step.required);
  const missingRequired = required.filter((step) => !ticked.has(step.id));
  const total = procedure.steps.length;
  return {
    done,
    total,
    requiredDone: required.length - missingRequired.length,
    requiredTotal: required.length,
    missingRequired,
    percent: total === 0 ? 100 : Math.round((done / total) * 100),
  };
}

/** Ticks or unticks a step; the list stays in the procedure's order and holds only its steps. */
export function toggleStep(procedure: Pick<ProcedureDoc, 'steps'>, stepsDone: readonly string[], stepId: string, done: boolean): string[] {
  const next = new Set(stepsDone);
  if (done) next.add(stepId);
  else next.delete(stepId);
  return procedure.steps.map((step) => step.id).filter((id) => next.has(id));
}

// ---------------------------------------------------------------------------
// Time spent

export const MAX_MINUTES = 1_440;

/** Whole minutes between two instants, as the running timer shows them (never negative). */
export function elapsedMinutes(fromMs: number, toMs: number): number {
  return Math.max(0, Math.floor((toMs - fromMs) / 60_000));
}

/** The minutes typed by the secretary: a whole number from 0 to 1,440, or an error key. */
export function parseMinutes(input: string): { ok: true; minutes: number } | { ok: false; error: string } {
  const trimmed = input.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return { ok: false, error: 'assisted.errors.minutesInvalid' };
  const minutes = Number(trimmed);
  if (minutes > MAX_MINUTES) return { ok: false, error: 'assisted.errors.minutesTooMany' };
  return { ok: true, minutes };
}

// ---------------------------------------------------------------------------
// Follow-up date

/** Working days before the resident is called back, by outcome: nothing to follow once done. */
const FOLLOW_UP_WORKING_DAYS: Readonly<Record<AssistedOutcome, number | null>> = { done: null, to_finish: 5, blocked: 10 };

/** The follow-up date offered for an outcome: a working day after the session, or '' when done. */
export function suggestedFollowUpDate(outcome: AssistedOutcome, sessionDate: string): string {
  const days = FOLLOW_UP_WORKING_DAYS[outcome];
  return days === null ? '' : addWorkingDays(sessionDate, days);
}

/** '' or a real date, not before the session; a non-working day is refused (the mairie is closed). */
export function followUpDateError(followUpDate: string, sessionDate: string): string | undefined {
  if (followUpDate === '') return undefined;
  if (!isValidDate(followUpDate)) return 'assisted.errors.followUpInvalid';
  if (followUpDate < sessionDate) return 'assisted.errors.followUpBeforeSession';
  if (!isWorkingDay(followUpDate)) return 'assisted.errors.followUpNotWorkingDay';
  return undefined;
}

/**
 * The sessions to call back on `today` (Aujourd'hui): a follow-up date reached
 * or passed, on a procedure not done yet, oldest first. A session done, or
 * whose follow-up date was cleared, needs nothing more.
 */
export function followUpsDue<T extends Pick<AssistedSessionDoc, 'outcome' | 'followUpDate' | 'startedAt'>>(
  sessions: readonly T[],
  today: string,
): T[] {
  return sessions
    .filter((session) => session.outcome !== 'done' && session.followUpDate !== '' && session.followUpDate <= today)
    .sort((a, b) => a.followUpDate.localeCompare(b.followUpDate) || a.startedAt.localeCompare(b.startedAt));
}

// ---------------------------------------------------------------------------
// Secrets: helpers must never keep a resident's passwords (domain.md)

export const SECRET_KINDS = ['password_word', 'password_like', 'one_time_code', 'card_number'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export interface SecretFinding {
  kind: SecretKind;
  /** the word or the shape that gave it away, masked: never the secret itself */
  clue: string;
}

/**
 * A secret given with its label: "mot de passe : Soleil2024", "mdp=…",
 * "le code PIN est 1234", "password: …". Mentioning a password without
 * giving it ("l'usager a changé son mot de passe") is fine.
 */
const LABELLED_SECRET =
  /\b(mots?\s+de\s+passe|mdp|pass\s?words?|passwd|code\s+secret|code\s+pin|pin|code\s+confidentiel)\s*(?:[:=]|\b(?:est|sont|c[’']est|is)\b)\s*[«"“]?\s*[^\s«"“»”]{3,}/giu;
/** A one-time code given by SMS or email: "code reçu par SMS : 482913", "code de vérification 123456". */
const ONE_TIME_CODE =
  /\bcode\s+(?:re[çc]u|de\s+v[ée]rification|de\s+confirmation|de\s+s[ée]curit[ée]|sms|provisoire|temporaire)\b[^\d\n]{0,20}\d{4,8}\b/giu;
/** 13 to 19 digits, spaces or dashes allowed, that pass Luhn's check: a bank card. */
const CARD_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/gu;

/**
 * What in a text looks like a password or a secret, so that it is refused
 * before it is stored or printed. It errs on the side of refusing: the
 * secretary can always reword ("l'usager a choisi son mot de passe" is fine,
 * since it holds no password).
 */
export function findSecrets(text: string): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const match of text.matchAll(LABELLED_SECRET))
    findings.push({ kind: 'password_word', clue: `${(match[1] ?? '').toLocaleLowerCase('fr-FR')} …` });
  for (const match of text.matchAll(ONE_TIME_CODE)) findings.push({ kind: 'one_time_code', clue: mask(match[0]) });
  for (const match of text.matchAll(CARD_CANDIDATE)) {
    const digits = match[0].replace(/\D/g, '');
    if (passesLuhn(digits)) findings.push({ kind: 'card_number', clue: `•••• ${digits.slice(-2).replace(/\d/g, '•')}` });
  }
  for (const word of text.split(/\s+/u)) {
    if (looksLikePassword(word)) findings.push({ kind: 'password_like', clue: mask(word) });
  }
  return dedupe(findings);
}

/**
 * A word shaped like a chosen password: 8 characters or more, no space, with
 * lower case, upper case, a digit and a symbol. File numbers (PD-2026-123456,
 * 2026-A-0042), dates, e-mail addresses and web addresses are not.
 */
export function looksLikePassword(word: string): boolean {
  const token = word.replace(/^[«"“(]+|[»"”).,;:!?]+$/gu, '');
  if (token.length < 8 || token.length > 64) return false;
  if (/^https?:\/\//i.test(token) || /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(token)) return false;
  const lower = /\p{Ll}/u.test(token);
  const upper = /\p{Lu}/u.test(token);
  const digit = /\d/.test(token);
  const symbol = /[^\p{L}\d-]/u.test(token);
  return lower && upper && digit && symbol;
}

function passesLuhn(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let value = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
  }
  return sum % 10 === 0;
}

/** Keeps the first character and the length: enough to find it in the text, not enough to read it. */
function mask(value: string): string {
  const trimmed = value.trim();
  return `${trimmed.slice(0, 1)}${'•'.repeat(Math.min(12, Math.max(3, trimmed.length - 1)))}`;
}

function dedupe(findings: SecretFinding[]): SecretFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.kind}:${finding.clue}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The free-text fields of a session that are checked for secrets. */
export const FREE_TEXT_FIELDS = ['blockedReason', 'nextSteps', 'documentsNextTime', 'trackingCode'] as const;
export type FreeTextField = (typeof FREE_TEXT_FIELDS)[number];

/** The secrets found in each free-text field of a session; an empty object when there are none. */
export function secretsInSession(session: Pick<AssistedSessionDoc, FreeTextField>): Partial<Record<FreeTextField, SecretFinding[]>> {
  const found: Partial<Record<FreeTextField, SecretFinding[]>> = {};
  for (const field of FREE_TEXT_FIELDS) {
    const value = session[field];
    const findings = findSecrets(Array.isArray(value) ? value.join('\n') : value);
    if (findings.length > 0) found[field] = findings;
  }
  return found;
}

// ---------------------------------------------------------------------------
// Outcome

export interface SessionCheck {
  session: Pick<AssistedSessionDoc, 'outcome' | 'stepsDone' | 'blockedReason' | 'followUpDate' | 'minutesSpent' | FreeTextField>;
  procedure: Pick<ProcedureDoc, 'steps'>;
  /** the day of the session, `YYYY-MM-DD` */
  sessionDate: string;
  /** the secretary confirmed the procedure is done although required steps are not ticked */
  confirmedDone: boolean;
}

export type SessionErrors = Partial<Record<'outcome' | 'blockedReason' | 'followUpDate' | 'minutesSpent' | FreeTextField, string>>;

/**
 * What keeps a session from being saved, as i18n keys by field:
 * - blocked needs a reason;
 * - done needs every required step ticked, or the secretary's explicit confirmation;
 * - the follow-up date is a working day, not before the session;
 * - no free-text field holds anything that looks like a password or a secret.
 */
export function checkSession({ session, procedure, sessionDate, confirmedDone }: SessionCheck): SessionErrors {
  const errors: SessionErrors = {};
  if (session.outcome === 'blocked' && !session.blockedReason.trim()) errors.blockedReason = 'assisted.errors.blockedReasonRequired';
  if (session.outcome === 'done' && !confirmedDone && sessionProgress(procedure, session.stepsDone).missingRequired.length > 0) {
    errors.outcome = 'assisted.errors.requiredStepsMissing';
  }
  const followUp = followUpDateError(session.followUpDate, sessionDate);
  if (followUp) errors.followUpDate = followUp;
  if (!Number.isInteger(session.minutesSpent) || session.minutesSpent < 0 || session.minutesSpent > MAX_MINUTES)
    errors.minutesSpent = 'assisted.errors.minutesInvalid';
  for (const field of Object.keys(secretsInSession(session)) as FreeTextField[]) errors[field] = 'assisted.errors.secret';
  return errors;
}

export function hasSessionErrors(errors: SessionErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** A new session: nothing ticked yet, to be finished until the secretary says otherwise. */
export function newSession(input: {
  id: string;
  communeId: string;
  citizenId: string;
  procedure: Pick<ProcedureDoc, 'id' | 'title' | 'documents'>;
  agent: { id: string; name: string };
  trackingCode: string;
  now: string;
}): AssistedSessionDoc {
  return {
    id: input.id,
    communeId: input.communeId,
    citizenId: input.citizenId,
    procedureId: input.procedure.id,
    procedureTitle: input.procedure.title,
    startedAt: input.now,
    minutesSpent: 0,
    stepsDone: [],
    outcome: 'to_finish',
    blockedReason: '',
    nextSteps: '',
    documentsNextTime: [],
    followUpDate: '',
    trackingCode: input.trackingCode,
    agentId: input.agent.id,
    agentName: input.agent.name,
    updatedAt: input.now,
  };
}

// ---------------------------------------------------------------------------
// The catalogue, as edited in Réglages

export interface ProcedureForm {
  title: string;
  summary: string;
  url: string;
  durationMinutes: string;
  /** one line per step; a line ending with " (facultatif)" is optional */
  steps: Array<{ id: string; label: string; required: boolean }>;
  /** one per line */
  documents: string;
  active: boolean;
}

export type ProcedureFormErrors = Partial<Record<'title' | 'url' | 'durationMinutes' | 'steps' | 'summary' | 'documents', string>>;

/**
 * Checks a procedure typed in Réglages. `isAllowedUrl` is the openExternal
 * allow-list (electron/common/external-urls.ts): an address the app would
 * refuse to open is refused here, with its own message.
 */
export function validateProcedureForm(form: ProcedureForm, isAllowedUrl: (url: string) => boolean): ProcedureFormErrors {
  const errors: ProcedureFormErrors = {};
  if (!form.title.trim()) errors.title = 'assisted.settings.errors.titleRequired';
  else if (form.title.length > 1_000) errors.title = 'assisted.settings.errors.tooLong';
  const url = form.url.trim();
  if (!url) errors.url = 'assisted.settings.errors.urlRequired';
  else if (!/^https:\/\//i.test(url)) errors.url = 'assisted.settings.errors.urlHttps';
  else if (!isAllowedUrl(url)) errors.url = 'assisted.settings.errors.urlNotAllowed';
  const duration = parseMinutes(form.durationMinutes);
  if (!duration.ok || duration.minutes < 1 || duration.minutes > 600) errors.durationMinutes = 'assisted.settings.errors.durationInvalid';
  const steps = form.steps.filter((step) => step.label.trim());
  if (steps.length === 0) errors.steps = 'assisted.settings.errors.stepsRequired';
  else if (steps.length > 100) errors.steps = 'assisted.settings.errors.tooMany';
  if (findSecrets([form.summary, form.documents, ...form.steps.map((step) => step.label)].join('\n')).length > 0) {
    errors.summary = 'assisted.errors.secret';
  }
  if (documentLines(form.documents).length > 100) errors.documents = 'assisted.settings.errors.tooMany';
  return errors;
}

export function documentLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Step ids from labels: stable for steps that keep theirs, new unique slugs for new ones. */
export function procedureSteps(form: ProcedureForm): ProcedureStep[] {
  const used = new Set<string>();
  return form.steps
    .filter((step) => step.label.trim())
    .map((step) => {
      let id = step.id || slug(step.label) || 'etape';
      for (let suffix = 2; used.has(id); suffix += 1) id = `${(step.id || slug(step.label) || 'etape').slice(0, 60)}-${suffix}`;
      used.add(id);
      return { id, label: step.label.trim(), required: step.required };
    });
}

export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}
