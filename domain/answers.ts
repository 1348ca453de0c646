import type { Answer } from './model';

/** Whether the recorded answer answers the request (a holding reply or a request for pieces does not). */
export function isFinalAnswer(answer: Pick<Answer, 'kind'> | null | undefined): boolean {
  return answer?.kind === 'final';
}
