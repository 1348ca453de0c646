import type { MangoQuery, MangoQuerySelector } from 'rxdb';
import type { Channel, Competence, RequestDoc, RequestStatus } from '../../../domain/model';
import { OPEN_STATUSES } from '../db/queries';

export interface RequestFilters {
  status: RequestStatus | 'open' | '';
  channel: Channel | '';
  categoryId: string;
  competence: Competence | '';
  assigneeId: string;
  lateOnly: boolean;
  sort: 'dueAt' | 'receivedAt' | 'reference';
}

export const DEFAULT_FILTERS: RequestFilters = {
  status: 'open',
  channel: '',
  categoryId: '',
  competence: '',
  assigneeId: '',
  lateOnly: false,
  sort: 'dueAt',
};

/**
 * The store query for the list: filters become a Mango selector, `ids`
 * (from the search index) narrow it to the requests matching the words typed.
 */
export function buildRequestQuery(filters: RequestFilters, today: string, ids: string[] | null, limit: number): MangoQuery<RequestDoc> {
  const selector: MangoQuerySelector<RequestDoc> = {};
  if (filters.status === 'open' || filters.lateOnly) selector.status = { $in: OPEN_STATUSES };
  if (filters.status && filters.status !== 'open') selector.status = filters.status;
  if (filters.lateOnly) selector.dueAt = { $lt: today };
  if (filters.channel) selector.channel = filters.channel;
  if (filters.categoryId) selector.categoryId = filters.categoryId;
  if (filters.competence) selector.competence = filters.competence;
  if (filters.assigneeId) selector.assigneeId = filters.assigneeId;
  if (ids) selector.id = { $in: ids };
  const sort: MangoQuery<RequestDoc>['sort'] =
    filters.sort === 'receivedAt' ? [{ receivedAt: 'desc' }] : filters.sort === 'reference' ? [{ reference: 'desc' }] : [{ dueAt: 'asc' }];
  return { selector, sort, limit };
}
