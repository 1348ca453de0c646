import { useMemo } from 'react';
import { map } from 'rxjs';
import { approvalState, awaitingMayor, lateDossiers, todaysDossiers, type ApprovalState } from '../../../domain/council';
import { addDays } from '../../../domain/calendar';
import type { CategoryDoc, RequestDoc } from '../../../domain/model';
import { useApp } from '../session/AppContext';
import { useObservable } from '../db/hooks';
import { OPEN_STATUSES, useCategoryMap } from '../session/queries';
import { todayISO } from '../ui/format';
import { toPlain } from '../db/plain';

function useRequestsOf(selector: object, key: string): RequestDoc[] | undefined {
  const { db } = useApp();
  return useObservable(() => db.requests.find({ selector }).$.pipe(map((docs) => docs.map((doc) => toPlain(doc)))), [db, key]);
}

/** The latest send-back of each of these requests (indexed by requestId: only their journals are read). */
export function useReturnedAt(requestIds: readonly string[]): Map<string, string> {
  const { db } = useApp();
  const key = [...requestIds].sort().join(',');
  const events = useObservable(
    () =>
      db.events
        .find({ selector: { requestId: { $in: [...requestIds] }, type: 'mayor_returned' } })
        .$.pipe(map((docs) => docs.map((doc) => toPlain(doc)))),
    [db, key],
  );
  return useMemo(() => {
    const latest = new Map<string, string>();
    for (const event of events ?? []) if ((latest.get(event.requestId) ?? '') < event.at) latest.set(event.requestId, event.at);
    return latest;
  }, [events]);
}

export interface CouncilLists {
  today: RequestDoc[];
  late: RequestDoc[];
  awaiting: RequestDoc[];
  /** every request the lists were drawn from, for the bordereau */
  all: RequestDoc[];
  categories: Map<string, CategoryDoc>;
  returnedAt: Map<string, string>;
}

/**
 * What the table lists, live: the open requests (the status index bounds the
 * read) and those received since yesterday (the receivedAt index), then the
 * pure selections of domain/council.ts.
 */
export function useCouncilLists(): CouncilLists | undefined {
  const today = todayISO();
  const categories = useCategoryMap();
  const open = useRequestsOf({ status: { $in: OPEN_STATUSES } }, 'open');
  const recent = useRequestsOf({ receivedAt: { $gte: `${addDays(today, -1)}T00:00:00.000Z` } }, `recent-${today}`);
  const all = useMemo(() => {
    if (!open || !recent) return undefined;
    const byId = new Map<string, RequestDoc>();
    for (const request of [...open, ...recent]) byId.set(request.id, request);
    return [...byId.values()];
  }, [open, recent]);
  const candidates = useMemo(
    () => (all ?? []).filter((request) => request.answer && !request.answer.approvedAt).map((request) => request.id),
    [all],
  );
  const returnedAt = useReturnedAt(candidates);
  return useMemo(() => {
    if (!all) return undefined;
    return {
      today: todaysDossiers(all, today),
      late: lateDossiers(all, today),
      awaiting: awaitingMayor(all, categories, returnedAt),
      all,
      categories,
      returnedAt,
    };
  }, [all, today, categories, returnedAt]);
}

/** Where a request's answer stands with the mayor, live (its journal tells a send-back). */
export function useApprovalState(request: RequestDoc): ApprovalState {
  const categories = useCategoryMap();
  const returnedAt = useReturnedAt([request.id]);
  return approvalState(request, categories.get(request.categoryId), returnedAt.get(request.id));
}
