/**
 * La table du conseil: what the mayor must approve, what the secretary sees
 * meanwhile, and the rule that keeps an answer from going out before the
 * mayor has approved it. Pure: plain data in, plain data out.
 *
 * Who may approve: the mayor, and the deputies (adjoint·e·s). In French law
 * a deputy replaces an absent mayor (CGCT L2122-17) and may hold a delegation
 * of the mayor's functions and signature (L2122-18); a small commune relies
 * on this for every week the mayor is away. The journal names the person and
 * their role, so who approved is never in doubt. Secretaries and agents may
 * not: the point of the rule is a second pair of eyes.
 *
 * The approval states of a request's answer:
 * - `not_needed`: neither the request's flag nor its category asks for the mayor;
 * - `awaiting_answer`: it needs the mayor, but no answer is written yet;
 * - `awaiting_mayor`: an answer is written and waits for the mayor ("en attente du maire");
 * - `returned`: the mayor sent the answer back with a comment; the secretary rewrites it;
 * - `approved`: the mayor approved this answer; it may go out.
 *
 * Saving a new answer clears its approval (renderer/src/requests/answer.ts):
 * what the mayor approved is the text, not the dossier.
 */
import { isLate, localDateOf } from './calendar';
import type { AppUser, CategoryDoc, EventDoc, RequestDoc, RequestStatus, UserRole } from './model';
import { isOpen } from './statuses';

export const APPROVAL_STATES = ['not_needed', 'awaiting_answer', 'awaiting_mayor', 'returned', 'approved'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export const APPROVER_ROLES: readonly UserRole[] = ['mayor', 'deputy'];

/** The i18n keys of the refusals (renderer/src/council/strings.ts). */
export const COUNCIL_ERRORS = {
  notApprover: 'council.error.notApprover',
  noAnswer: 'council.error.noAnswer',
  alreadyApproved: 'council.error.alreadyApproved',
  commentRequired: 'council.error.commentRequired',
  awaitingMayor: 'council.error.awaitingMayor',
  returned: 'council.error.returned',
} as const;
export type CouncilError = (typeof COUNCIL_ERRORS)[keyof typeof COUNCIL_ERRORS];

/** Marks a note written at the council table (an annotation), in the event's `fields`. */
export const COUNCIL_NOTE_MARK = 'council';

type ApprovalRequest = Pick<RequestDoc, 'flags' | 'answer' | 'categoryId'>;

/** Whether the answer needs the mayor: the request's own flag, or its category's. */
export function needsMayorApproval(
  request: Pick<RequestDoc, 'flags'>,
  category: Pick<CategoryDoc, 'needsMayorApproval'> | undefined | null,
): boolean {
  return request.flags.needsMayor || category?.needsMayorApproval === true;
}

/**
 * Where the answer stands with the mayor. `lastReturnedAt` is the instant of
 * the latest `mayor_returned` event of the request, if any: a send-back
 * counts until a new answer is written after it.
 */
export function approvalState(
  request: ApprovalRequest,
  category: Pick<CategoryDoc, 'needsMayorApproval'> | undefined | null,
  lastReturnedAt?: string | null,
): ApprovalState {
  if (!needsMayorApproval(request, category)) return 'not_needed';
  const answer = request.answer;
  if (!answer) return 'awaiting_answer';
  if (answer.approvedAt) return 'approved';
  if (lastReturnedAt && lastReturnedAt >= answer.answeredAt) return 'returned';
  return 'awaiting_mayor';
}

/** The instant of the latest send-back among a request's events, or null. */
export function lastReturnedAt(events: readonly Pick<EventDoc, 'type' | 'at'>[]): string | null {
  let latest: string | null = null;
  for (const event of events) if (event.type === 'mayor_returned' && (latest === null || event.at > latest)) latest = event.at;
  return latest;
}

export function canApprove(user: Pick<AppUser, 'role' | 'active'> | null | undefined): boolean {
  return Boolean(user?.active) && APPROVER_ROLES.includes(user!.role);
}

/** States in which the answer may not leave the mairie yet. */
export function isHeldForMayor(state: ApprovalState): boolean {
  return state === 'awaiting_answer' || state === 'awaiting_mayor' || state === 'returned';
}

/**
 * Whether the answer may go out: moving the request to `answered`, closing it
 * with its answer, or issuing the reply letter. Closing without any answer
 * (the resident withdrew, with a reason) sends nothing and stays possible.
 */
export function releaseRefusal(
  state: ApprovalState,
  action: { to: RequestStatus } | { document: 'replyLetter' },
  hasAnswer: boolean,
): CouncilError | null {
  if (!isHeldForMayor(state)) return null;
  if ('to' in action) {
    if (action.to === 'answered' || (action.to === 'closed' && hasAnswer))
      return state === 'returned' ? COUNCIL_ERRORS.returned : COUNCIL_ERRORS.awaitingMayor;
    return null;
  }
  return state === 'returned' ? COUNCIL_ERRORS.returned : COUNCIL_ERRORS.awaitingMayor;
}

/** A journal line the council table writes; the caller adds the actor, device and ids. */
export interface CouncilEvent {
  type: Extract<EventDoc['type'], 'mayor_seen' | 'mayor_approved' | 'mayor_returned' | 'note'>;
  text: string;
  fields: string[];
}

export type CouncilPlan<Changes> = { ok: true; changes: Changes; event: CouncilEvent } | { ok: false; error: CouncilError };

type Approver = Pick<AppUser, 'id' | 'role' | 'active'>;

/** The mayor approves the written answer: it carries who and when, and may now go out. */
export function planApproval(request: ApprovalRequest, user: Approver, at: string, comment = ''): CouncilPlan<Pick<RequestDoc, 'answer'>> {
  if (!canApprove(user)) return { ok: false, error: COUNCIL_ERRORS.notApprover };
  if (!request.answer) return { ok: false, error: COUNCIL_ERRORS.noAnswer };
  if (request.answer.approvedAt) return { ok: false, error: COUNCIL_ERRORS.alreadyApproved };
  return {
    ok: true,
    changes: { answer: { ...request.answer, approvedBy: user.id, approvedAt: at } },
    event: { type: 'mayor_approved', text: comment.trim(), fields: ['answer'] },
  };
}

/** The mayor sends the answer back, saying why: the answer stays, unapproved, for the secretary to rework. */
export function planSendBack(request: ApprovalRequest, user: Approver, comment: string): CouncilPlan<Pick<RequestDoc, 'answer'>> {
  if (!canApprove(user)) return { ok: false, error: COUNCIL_ERRORS.notApprover };
  if (!comment.trim()) return { ok: false, error: COUNCIL_ERRORS.commentRequired };
  if (!request.answer) return { ok: false, error: COUNCIL_ERRORS.noAnswer };
  return {
    ok: true,
    changes: { answer: { ...request.answer, approvedBy: null, approvedAt: null } },
    event: { type: 'mayor_returned', text: comment.trim(), fields: ['answer'] },
  };
}

/** The mayor annotates a dossier: a note of the journal, marked as written at the council table. */
export function planAnnotation(user: Approver, text: string): CouncilPlan<Record<string, never>> {
  if (!canApprove(user)) return { ok: false, error: COUNCIL_ERRORS.notApprover };
  if (!text.trim()) return { ok: false, error: COUNCIL_ERRORS.commentRequired };
  return { ok: true, changes: {}, event: { type: 'note', text: text.trim(), fields: [COUNCIL_NOTE_MARK] } };
}

export function isCouncilNote(event: Pick<EventDoc, 'type' | 'fields'>): boolean {
  return event.type === 'note' && event.fields.includes(COUNCIL_NOTE_MARK);
}

/**
 * Whether opening the dossier now writes "vu par le maire": when the person
 * opening it may approve, and has not already been recorded as having seen
 * it that day (opening it ten times in a meeting is one fact, not ten).
 */
export function shouldRecordSeen(
  user: Approver,
  events: readonly Pick<EventDoc, 'type' | 'actorId' | 'at'>[],
  today: string,
  dayOf: (instant: string) => string = localDateOf,
): boolean {
  if (!canApprove(user)) return false;
  return !events.some((event) => event.type === 'mayor_seen' && event.actorId === user.id && dayOf(event.at) === today);
}

export function seenEvent(): CouncilEvent {
  return { type: 'mayor_seen', text: '', fields: [] };
}

/* ---- what the table lists ---- */

type ListedRequest = Pick<RequestDoc, 'id' | 'status' | 'dueAt' | 'receivedAt' | 'reference' | 'flags' | 'answer' | 'categoryId'>;

const byDue = (a: ListedRequest, b: ListedRequest) => a.dueAt.localeCompare(b.dueAt) || a.reference.localeCompare(b.reference);
const byReceived = (a: ListedRequest, b: ListedRequest) =>
  a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference);

/** Today's dossiers: received today, or still open and due today. Oldest first. */
export function todaysDossiers<R extends ListedRequest>(
  requests: readonly R[],
  today: string,
  dayOf: (instant: string) => string = localDateOf,
): R[] {
  return requests
    .filter((request) => dayOf(request.receivedAt) === today || (isOpen(request.status) && request.dueAt === today))
    .sort(byReceived);
}

/** Late dossiers: open past their due date, the most overdue first. */
export function lateDossiers<R extends ListedRequest>(requests: readonly R[], today: string): R[] {
  return requests.filter((request) => isLate(request, today)).sort(byDue);
}

/**
 * The dossiers whose written answer waits for the mayor (sent-back ones are
 * with the secretary, not the mayor), the nearest due date first.
 */
export function awaitingMayor<R extends ListedRequest>(
  requests: readonly R[],
  categories: ReadonlyMap<string, Pick<CategoryDoc, 'needsMayorApproval'>>,
  returnedAt: ReadonlyMap<string, string> = new Map(),
): R[] {
  return requests
    .filter((request) => request.status !== 'closed' && request.status !== 'rejected')
    .filter((request) => approvalState(request, categories.get(request.categoryId), returnedAt.get(request.id)) === 'awaiting_mayor')
    .sort(byDue);
}

/** The role an enrolled device opens in: a tablet enrolled for the mayor opens on the council table. */
export type StartMode = 'counter' | 'council';

export function startModeForRole(role: UserRole | null | undefined): StartMode {
  return role && APPROVER_ROLES.includes(role) ? 'council' : 'counter';
}
