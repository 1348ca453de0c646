import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { approvalState } from '../../../domain/council';
import type { RequestDoc } from '../../../domain/model';
import { useApp } from '../session/AppContext';
import { routeHref } from '../session/router';
import { useCitizensOf } from '../session/queries';
import { citizenDisplayName } from '../../../domain/citizens';
import { formatDate, todayISO } from '../ui/format';
import { LateBadge, StatusBadge } from '../ui/StatusBadge';
import { isLate } from '../requests';
import { ApprovalBadge } from '../approval';
import { BordereauButtons } from './BordereauButtons';
import { DossierView } from './DossierView';
import { useCouncilLists, type CouncilLists } from '../approval';
import { keyboardUserForRole } from './start-mode';
import './council.css';

type ListName = 'today' | 'late' | 'awaiting';
const LISTS: ListName[] = ['awaiting', 'today', 'late'];
const EMPTY: Record<ListName, string> = { today: 'council.noneToday', late: 'council.noneLate', awaiting: 'council.noneAwaiting' };

/**
 * La table du conseil: a full-screen view for the council room's touch
 * screen or the mayor's tablet. Large type, targets of 48 px, one column in
 * portrait and two in landscape; everything works with the keyboard too.
 * It is its own mode: no counter navigation, one way back to the counter.
 */
export function CouncilScreen() {
  const { t } = useTranslation();
  const lists = useCouncilLists();
  const [list, setList] = useState<ListName>('awaiting');
  const [selected, setSelected] = useState<string | null>(null);
  const listRef = useRef<HTMLHeadingElement>(null);

  function back() {
    setSelected(null);
    requestAnimationFrame(() => listRef.current?.focus());
  }

  return (
    <div className="council">
      <a className="skip-link" href="#council-main">
        {t('nav.skipToContent')}
      </a>
      <CouncilBar />
      <main id="council-main" tabIndex={-1} className="council__main">
        {selected ? (
          <DossierView id={selected} onBack={back} />
        ) : (
          <>
            <div className="council__tabs" role="group" aria-label={t('council.listsLabel')}>
              {LISTS.map((name) => (
                <button key={name} type="button" className="council__tab" aria-pressed={list === name} onClick={() => setList(name)}>
                  {t(`council.${name}`)} <span className="council__count">{lists ? lists[name].length : '…'}</span>
                </button>
              ))}
            </div>
            <h2 ref={listRef} tabIndex={-1} className="council__list-title">
              {t(`council.${list}`)} — {t('council.countLabel', { count: lists ? lists[list].length : 0 })}
            </h2>
            {lists ? <DossierList lists={lists} name={list} onOpen={setSelected} /> : <p>{t('common.loading')}</p>}
            {lists ? <BordereauButtons lists={lists} /> : null}
          </>
        )}
      </main>
    </div>
  );
}

function CouncilBar() {
  const { t } = useTranslation();
  const { settings, currentUser, setCurrentUser, device } = useApp();
  // a tablet enrolled for the mayor puts the mayor at the keyboard, not the secretary chosen by default
  // (once, when the table opens: whoever is chosen afterwards stays)
  const placed = useRef(false);
  useEffect(() => {
    if (placed.current) return;
    placed.current = true;
    const enrolledUser = keyboardUserForRole(settings.users, currentUser.id, device.enrolledRole);
    if (enrolledUser) void setCurrentUser(enrolledUser);
  }, [settings.users, currentUser.id, device.enrolledRole, setCurrentUser]);
  return (
    <header className="council__bar">
      <div>
        <h1 className="council__title">{t('council.title')}</h1>
        <p className="council__subtitle">
          {settings.name} · {formatDate(todayISO())}
        </p>
      </div>
      <div className="council__bar-side">
        <label className="council__user">
          <span>{t('council.whoIsHere')}</span>
          <select value={currentUser.id} onChange={(event) => void setCurrentUser(event.target.value)}>
            {settings.users
              .filter((user) => user.active)
              .map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name} ({t(`roles.${user.role}`)})
                </option>
              ))}
          </select>
        </label>
        <a className="council__button" href={routeHref({ name: 'today' })}>
          {t('council.backToCounter')}
        </a>
      </div>
    </header>
  );
}

function DossierList({ lists, name, onOpen }: { lists: CouncilLists; name: ListName; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const requests = lists[name];
  const citizens = useCitizensOf(requests);
  if (requests.length === 0) return <p className="council__empty">{t(EMPTY[name])}</p>;
  return (
    <ul className="council__cards">
      {requests.map((request) => (
        <li key={request.id}>
          <DossierCard
            request={request}
            lists={lists}
            resident={request.citizenId ? citizenDisplayName(citizens.get(request.citizenId)) : t('request.anonymous')}
            onOpen={onOpen}
          />
        </li>
      ))}
    </ul>
  );
}

function DossierCard({
  request,
  lists,
  resident,
  onOpen,
}: {
  request: RequestDoc;
  lists: CouncilLists;
  resident: string;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const category = lists.categories.get(request.categoryId);
  const state = approvalState(request, category, lists.returnedAt.get(request.id));
  return (
    <button type="button" className="council__card" onClick={() => onOpen(request.id)}>
      {/* the name starts with what the button does; the visible text follows, so spoken and shown names agree */}
      <span className="visually-hidden">{t('council.openDossier')} </span>
      <span className="council__card-head">
        <strong>{request.reference}</strong> <StatusBadge status={request.status} /> {isLate(request) ? <LateBadge /> : null}{' '}
        <ApprovalBadge state={state} />
      </span>
      <span className="council__card-subject">{request.subject}</span>
      <span className="council__card-meta">
        {resident} · {category?.label ?? ''} · {t('council.due', { date: formatDate(request.dueAt) })}
      </span>
    </button>
  );
}
