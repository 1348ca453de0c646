import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import type { Channel, Competence, RequestDoc, RequestStatus } from '../../../domain/model';
import { OPEN_STATUSES } from '../../../domain/statuses';

export interface RequestFilters {
  status: RequestStatus | 'open' | '';
  channel: Channel | '';
  categoryId: string;
  competence: Competence | '';
  assigneeId: string;
  lateOnly: boolean;
  /** due today and still open (Aujourd'hui's « À traiter aujourd'hui ») */
  dueToday: boolean;
  sort: 'dueAt' | 'receivedAt' | 'reference';
}

export const DEFAULT_FILTERS: RequestFilters = {
  status: 'open',
  channel: '',
  categoryId: '',
  competence: '',
  assigneeId: '',
  lateOnly: false,
  dueToday: false,
  sort: 'dueAt',
};

/**
 * The lists Aujourd'hui shows a first page of; Demandes opens on the same
 * filters (`#/demandes/filtre/<preset>`), so the count and the rows are the
 * same on both screens (issue 13).
 */
export const REQUEST_PRESETS = ['late', 'dueToday', 'new', 'waiting'] as const;
export type RequestPreset = (typeof REQUEST_PRESETS)[number];

export function isRequestPreset(value: string | undefined): value is RequestPreset {
  return (REQUEST_PRESETS as readonly string[]).includes(value ?? '');
}

export function presetFilters(preset: RequestPreset): RequestFilters {
  switch (preset) {
    case 'late':
      return { ...DEFAULT_FILTERS, lateOnly: true };
    case 'dueToday':
      return { ...DEFAULT_FILTERS, dueToday: true, sort: 'receivedAt' };
    case 'new':
      return { ...DEFAULT_FILTERS, status: 'new', sort: 'receivedAt' };
    case 'waiting':
      return { ...DEFAULT_FILTERS, status: 'waiting_citizen' };
  }
}

/**
 * The store query for the list: filters become a Mango selector, `ids`
 * (from the search index) narrow it to the requests matching the words typed.
 */
export function buildRequestQuery(filters: RequestFilters, today: string, ids: string[] | null, limit: number): MangoQuery<RequestDoc> {
  const selector: MangoQuerySelector<RequestDoc> = {};
  if (filters.status === 'open' || filters.lateOnly || filters.dueToday) selector.status = { $in: [...OPEN_STATUSES] };
  if (filters.status && filters.status !== 'open') selector.status = filters.status;
  if (filters.lateOnly) selector.dueAt = { $lt: today };
  if (filters.dueToday) selector.dueAt = today;
  if (filters.channel) selector.channel = filters.channel;
  if (filters.categoryId) selector.categoryId = filters.categoryId;
  if (filters.competence) selector.competence = filters.competence;
  if (filters.assigneeId) selector.assigneeId = filters.assigneeId;
  if (ids) selector.id = { $in: ids };
  const sort: MangoQuery<RequestDoc>['sort'] =
    filters.sort === 'receivedAt' ? [{ receivedAt: 'desc' }] : filters.sort === 'reference' ? [{ reference: 'desc' }] : [{ dueAt: 'asc' }];
  return { selector, sort, limit };
}
