import { useTranslation } from 'react-i18next';
import type { RequestDoc } from '../../../domain/model';
import { routeHref } from '../session/router';
import { OPEN_STATUSES, useCategoryMap, useCitizensOf } from '../session/queries';
import { citizenDisplayName } from '../../../domain/citizens';
import { formatDate, todayISO } from '../ui/format';
import { LateBadge, StatusBadge } from '../ui/StatusBadge';
import { approvalState } from '../../../domain/council';
import { ApprovalBadge } from '../approval';

export function isLate(request: RequestDoc, today: string = todayISO()): boolean {
  return OPEN_STATUSES.includes(request.status) && request.dueAt < today;
}

/** The table of requests shared by Aujourd'hui, Demandes and the resident's file. */
export function RequestTable({ requests, caption }: { requests: RequestDoc[]; caption: string }) {
  const { t } = useTranslation();
  const categories = useCategoryMap();
  const citizens = useCitizensOf(requests);
  const today = todayISO();
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('request.reference')}</th>
          <th scope="col">{t('request.receivedAt')}</th>
          <th scope="col">{t('request.subject')}</th>
          <th scope="col">{t('request.citizen')}</th>
          <th scope="col">{t('request.category')}</th>
          <th scope="col">{t('request.status')}</th>
          <th scope="col">{t('request.dueAt')}</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((request) => (
          <tr key={request.id} className={isLate(request, today) ? 'row--late' : undefined}>
            <td>
              <a href={routeHref({ name: 'request', id: request.id })}>{request.reference}</a>
            </td>
            <td>{formatDate(request.receivedAt)}</td>
            <td>{request.subject}</td>
            <td>{request.citizenId ? citizenDisplayName(citizens.get(request.citizenId)) : t('request.anonymous')}</td>
            <td>{categories.get(request.categoryId)?.label ?? ''}</td>
            <td>
              <StatusBadge status={request.status} />
              {/* in lists, only "en attente du maire": a send-back shows on the request's page */}
              {approvalState(request, categories.get(request.categoryId)) === 'awaiting_mayor' ? (
                <>
                  {' '}
                  <ApprovalBadge state="awaiting_mayor" />
                </>
              ) : null}
            </td>
            <td>
              {formatDate(request.dueAt)} {isLate(request, today) ? <LateBadge /> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
