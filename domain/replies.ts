/**
 * What saving a reply does to a request (issue 13, « a holding reply closes
 * the case »). A reply is one of three kinds (`REPLY_KINDS`):
 * - `holding`: « bien reçue, en cours de traitement »: the request stays open;
 * - `pieces`: a request for missing pieces: the request stays open;
 * - `final`: the answer: only this one moves the request to `answered`.
 *
 * The template says which kind it is; the secretary may change it when
 * writing. Stats, closing and the mail register count a request as answered
 * only with a final answer (`isFinalAnswer`).
 */
import { canTransition, isOpen } from './statuses';
import type { ReplyKind, RequestStatus } from './model';

export const REPLY_ERRORS = {
  alreadyAnswered: 'reply.error.alreadyAnswered',
} as const;
export type ReplyError = (typeof REPLY_ERRORS)[keyof typeof REPLY_ERRORS];

/** The i18n key of a reply kind's label, e.g. `reply.kind.holding`. */
export function replyKindLabelKey(kind: ReplyKind): `reply.kind.${ReplyKind}` {
  return `reply.kind.${kind}`;
}

/**
 * The status a request moves to once a reply of `kind` is saved, or null to
 * stay where it is: a final answer answers it; a first non-final reply shows
 * the request is being handled (new → in progress); otherwise unchanged.
 */
export function statusAfterReply(status: RequestStatus, kind: ReplyKind): RequestStatus | null {
  if (kind === 'final') return canTransition(status, 'answered') ? 'answered' : null;
  return status === 'new' ? 'in_progress' : null;
}

/**
 * Why a reply of `kind` may not be saved, or null. A holding reply or a
 * request for pieces on a request already answered or closed would replace
 * its final answer and leave it « Répondue » without one: reopen it first.
 */
export function replyRefusal(status: RequestStatus, kind: ReplyKind): ReplyError | null {
  if (kind !== 'final' && !isOpen(status)) return REPLY_ERRORS.alreadyAnswered;
  return null;
}
