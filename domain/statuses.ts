/**
 * Where a request stands, and how it may move (domain.md, "Statuses").
 *
 *   new → in_progress ⇄ waiting_citizen → transferred → answered → closed
 *   rejected from any open status, with a reason.
 *
 * Beyond the main line, allowed because they happen at a mairie:
 * - new → waiting_citizen / transferred / answered: a request can be
 *   incomplete, outside the commune's competence, or answered on the spot
 *   (at the counter) before anyone "starts" it;
 * - in_progress → answered, waiting_citizen → answered: most answers need no
 *   forwarding; waiting_citizen → transferred: the missing piece arrived and
 *   the file goes straight to the EPCI;
 * - transferred → in_progress: the EPCI sends it back (not its competence,
 *   or it needs the commune), with a reason;
 * - transferred → answered: the EPCI answered and the commune records it;
 * - answered → in_progress, closed → in_progress, rejected → in_progress:
 *   reopening (the resident contests, a mistake), always with a reason;
 * - any open status → closed: closing without an answer ("sans objet", the
 *   resident withdrew), which needs a reason (`canClose`).
 *
 * Labels live in the renderer's i18n under the keys of `statusLabelKey`.
 */
import { isFinalAnswer } from './answers';
import type { Answer, EventDoc, RequestDoc, RequestStatus, Transfer } from './model';

export const OPEN_STATUSES: readonly RequestStatus[] = ['new', 'in_progress', 'waiting_citizen', 'transferred'];

/** Still waiting for something to be done: counted in lateness and in the work lists. */
export function isOpen(status: RequestStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  new: ['in_progress', 'waiting_citizen', 'transferred', 'answered', 'rejected', 'closed'],
  in_progress: ['waiting_citizen', 'transferred', 'answered', 'rejected', 'closed'],
  waiting_citizen: ['in_progress', 'transferred', 'answered', 'rejected', 'closed'],
  transferred: ['in_progress', 'answered', 'rejected', 'closed'],
  answered: ['closed', 'in_progress'],
  closed: ['in_progress'],
  rejected: ['in_progress'],
};

/** The statuses a request in `from` may move to, in the order the UI offers them. */
export function allowedTransitions(from: RequestStatus): readonly RequestStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Whether the move needs a reason from the secretary:
 * - rejecting (the resident must be told why: irrecevable, sans suite);
 * - waiting for the resident (what is expected of them);
 * - going back (the EPCI returned it, or a reopening);
 * - closing without a recorded answer (see `canClose`, checked with the request).
 */
export function transitionNeedsReason(from: RequestStatus, to: RequestStatus): boolean {
  if (to === 'rejected' || to === 'waiting_citizen') return true;
  return to === 'in_progress' && ['transferred', 'answered', 'closed', 'rejected'].includes(from);
}

/**
 * A request can be closed once a final answer is recorded, or with a reason
 * for closing without one (a holding reply is not an answer: domain/replies.ts).
 */
export function canClose(request: Pick<RequestDoc, 'answer'>, reason: string): boolean {
  return isFinalAnswer(request.answer) || reason.trim() !== '';
}

/** The i18n key of a status's label, e.g. `status.waiting_citizen`. */
export function statusLabelKey(status: RequestStatus): `status.${RequestStatus}` {
  return `status.${status}`;
}

export const TRANSITION_ERRORS = {
  unchanged: 'status.error.unchanged',
  notAllowed: 'status.error.notAllowed',
  reasonRequired: 'status.error.reasonRequired',
  answerRequired: 'status.error.answerRequired',
  transferRequired: 'status.error.transferRequired',
  closeNeedsAnswerOrReason: 'status.error.closeNeedsAnswerOrReason',
} as const;
export type TransitionError = (typeof TRANSITION_ERRORS)[keyof typeof TRANSITION_ERRORS];

export interface TransitionOptions {
  reason?: string;
  actorId: string;
  /** the actor's name as shown in the journal; '' when the caller journals it itself */
  actorName?: string;
  /** ISO instant (`toISOString()`) of the change */
  at: string;
  /** the answer recorded with a move to `answered`, when not already on the request */
  answer?: Answer;
  /** the forwarding recorded with a move to `transferred`, when not already on the request */
  transfer?: Transfer;
}

/** The journal line of a status change; the caller adds `id`, `communeId`, `deviceId` and `updatedAt`. */
export type StatusEvent = Pick<
  EventDoc,
  'requestId' | 'citizenId' | 'type' | 'at' | 'actorId' | 'actorName' | 'fromStatus' | 'toStatus' | 'text' | 'fields'
>;

export type StatusChanges = Pick<RequestDoc, 'status' | 'statusReason'> & Partial<Pick<RequestDoc, 'answer' | 'transfer'>>;

export type TransitionPlan = { ok: true; changes: StatusChanges; event: StatusEvent } | { ok: false; error: TransitionError };

type PlannedRequest = Pick<RequestDoc, 'id' | 'citizenId' | 'status' | 'answer' | 'transfer'>;

function refusal(request: PlannedRequest, to: RequestStatus, options: TransitionOptions): TransitionError | null {
  const reason = options.reason?.trim() ?? '';
  if (request.status === to) return TRANSITION_ERRORS.unchanged;
  if (!canTransition(request.status, to)) return TRANSITION_ERRORS.notAllowed;
  if (transitionNeedsReason(request.status, to) && reason === '') return TRANSITION_ERRORS.reasonRequired;
  if (to === 'answered' && !isFinalAnswer(options.answer ?? request.answer)) return TRANSITION_ERRORS.answerRequired;
  if (to === 'transferred' && !request.transfer && !options.transfer) return TRANSITION_ERRORS.transferRequired;
  if (to === 'closed' && !canClose({ answer: options.answer ?? request.answer }, reason)) return TRANSITION_ERRORS.closeNeedsAnswerOrReason;
  return null;
}

/**
 * Plans moving `request` to `to`: what to change on the request and the
 * journal line to append, or why it is refused (an i18n key). Nothing is
 * written here; the caller saves both together.
 */
export function planTransition(request: PlannedRequest, to: RequestStatus, options: TransitionOptions): TransitionPlan {
  const error = refusal(request, to, options);
  if (error) return { ok: false, error };
  const reason = options.reason?.trim() ?? '';
  const changes: StatusChanges = { status: to, statusReason: reason };
  if (options.answer) changes.answer = options.answer;
  if (options.transfer) changes.transfer = options.transfer;
  const event: StatusEvent = {
    requestId: request.id,
    citizenId: request.citizenId,
    type: 'status_changed',
    at: options.at,
    actorId: options.actorId,
    actorName: options.actorName ?? '',
    fromStatus: request.status,
    toStatus: to,
    text: reason,
    fields: Object.keys(changes),
  };
  return { ok: true, changes, event };
}
