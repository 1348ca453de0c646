import { useMemo } from 'react';
import { map } from 'rxjs';
import type { CategoryDoc, CitizenDoc, ReplyTemplateDoc, RequestDoc, RequestStatus } from '../../../domain/model';
import { OPEN_STATUSES as DOMAIN_OPEN_STATUSES } from '../../../domain/statuses';
import { useApp } from './AppContext';
import { useObservable } from '../db/hooks';
import { toPlain } from '../db/plain';

/** Statuses of requests still waiting for something to be done (domain/statuses). */
export const OPEN_STATUSES: RequestStatus[] = [...DOMAIN_OPEN_STATUSES];

/** Every category of the commune, sorted by group then label; categories are few (tens). */
export function useCategories(): CategoryDoc[] | undefined {
  const { db } = useApp();
  return useObservable(
    () =>
      db.categories
        .find()
        .$.pipe(
          map((docs) =>
            docs.map((doc) => toPlain(doc)).sort((a, b) => a.group.localeCompare(b.group, 'fr') || a.label.localeCompare(b.label, 'fr')),
          ),
        ),
    [db],
  );
}

export function useCategoryMap(): Map<string, CategoryDoc> {
  const categories = useCategories();
  return useMemo(() => new Map((categories ?? []).map((category) => [category.id, category])), [categories]);
}

export function useReplyTemplates(): ReplyTemplateDoc[] | undefined {
  const { db } = useApp();
  return useObservable(
    () =>
      db.replytemplates.find().$.pipe(map((docs) => docs.map((doc) => toPlain(doc)).sort((a, b) => a.title.localeCompare(b.title, 'fr')))),
    [db],
  );
}

/** The residents named by a list of requests, fetched by id in one go. */
export function useCitizensOf(requests: RequestDoc[] | undefined): Map<string, CitizenDoc> {
  const { db } = useApp();
  const ids = useMemo(
    () => [...new Set((requests ?? []).map((request) => request.citizenId).filter((id): id is string => Boolean(id)))].sort(),
    [requests],
  );
  const key = ids.join(',');
  const result = useObservable(
    () => db.citizens.findByIds(ids).$.pipe(map((found) => new Map([...found.entries()].map(([id, doc]) => [id, toPlain(doc)])))),
    [db, key],
  );
  return result ?? new Map();
}
