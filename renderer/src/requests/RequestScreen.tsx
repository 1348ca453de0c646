import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import type { CitizenDoc, RequestDoc } from '../../../domain/model';
import { useActor, useApp } from '../session/AppContext';
import { routeHref } from '../session/router';
import { useObservable } from '../db/hooks';
import { useCategoryMap } from '../session/queries';
import { citizenDisplayName } from '../../../domain/citizens';
import { Field } from '../ui/Field';
import { formatCategoryField, formatDate, formatDateTime } from '../ui/format';
import { PLACE_FIELD_KEY } from './place';
import { LateBadge, StatusBadge } from '../ui/StatusBadge';
import { DocumentsPanel } from '../documents';
import { AnswerPanel } from './AnswerPanel';
import { AttachmentsPanel } from './AttachmentsPanel';
import { Journal } from './Journal';
import { NotesPanel } from './NotesPanel';
import { isLate } from './RequestTable';
import { StatusPanel } from './StatusPanel';
import { TransferPanel } from './TransferPanel';
import { updateRequest } from './repository';
import { ApprovalBadge } from '../approval';
import { MayorFlag } from './MayorFlag';
import { useApprovalState } from '../approval';
import { toPlain } from '../db/plain';

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A request's page: every fact, what can be done next, and the whole journal. */
export function RequestScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const categories = useCategoryMap();
  const request = useObservable(() => db.requests.findOne(id).$.pipe(map((doc) => (doc ? toPlain(doc) : null))), [db, id]);
  const citizenId = request?.citizenId ?? '';
  const citizen = useObservable(
    () => db.citizens.findOne(citizenId || '__none__').$.pipe(map((doc) => (doc ? toPlain(doc) : null))),
    [db, citizenId],
  );

  // Moving to Répondue without an answer: the error is shown on the answer, not under « Motif » (issue 13).
  const [answerAsked, setAnswerAsked] = useState(false);

  if (request === undefined) return <p>{t('common.loading')}</p>;
  if (request === null) return <p role="alert">{t('request.notFound')}</p>;

  return (
    <div className="screen">
      <div className="screen__header">
        <div>
          <h1>
            {t('request.title', { reference: request.reference })} — {request.subject}
          </h1>
          <p>
            <StatusBadge status={request.status} /> {isLate(request) ? <LateBadge /> : null} <RequestApprovalBadge request={request} />{' '}
            <span>{t('request.trackingCodeIs', { code: request.trackingCode })}</span>
          </p>
        </div>
      </div>
      {/* A commune's request forwarded to this intercommunality: the server lets it change how it is handled, nothing else. */}
      {request.communeId !== settings.communeId ? <p className="notice notice--warn">{t('sync.sharedRequest')}</p> : null}
      <div className="grid-2">
        <Panel id="facts" title={t('request.facts')}>
          <Facts request={request} citizen={citizen ?? null} />
        </Panel>
        <div>
          <Panel id="status" title={t('request.statusPanel')}>
            <StatusPanel request={request} onAnswerRequired={() => setAnswerAsked(true)} />
          </Panel>
          {request.communeId === settings.communeId ? (
            <Panel id="assign" title={t('request.assignee')}>
              <AssignField request={request} />
            </Panel>
          ) : null}
          <Panel id="transfer" title={t('request.transferPanel')}>
            <TransferPanel request={request} />
          </Panel>
        </div>
      </div>
      <Panel id="answer" title={t('request.answerPanel')}>
        <MayorFlag request={request} />
        <AnswerPanel key={request.answer?.answeredAt ?? 'none'} request={request} citizen={citizen ?? null} asked={answerAsked} />
      </Panel>
      <Panel id="documents" title={t('documents.title')}>
        <DocumentsPanel request={request} citizen={citizen ?? null} category={categories.get(request.categoryId)} />
      </Panel>
      <div className="grid-2">
        <Panel id="attachments" title={t('request.attachments')}>
          <AttachmentsPanel request={request} canAdd={request.communeId === settings.communeId} />
        </Panel>
        <Panel id="notes" title={t('request.notes')}>
          <NotesPanel request={request} />
        </Panel>
      </div>
      <Panel id="journal" title={t('request.journal')}>
        <Journal requestId={request.id} />
      </Panel>
    </div>
  );
}

function RequestApprovalBadge({ request }: { request: RequestDoc }) {
  return <ApprovalBadge state={useApprovalState(request)} />;
}

function Facts({ request, citizen }: { request: RequestDoc; citizen: CitizenDoc | null }) {
  const { t } = useTranslation();
  const categories = useCategoryMap();
  const { settings } = useApp();
  const category = categories.get(request.categoryId);
  const facts = request.channelFacts;
  const rows: Array<[string, ReactNode]> = [
    [t('request.channel'), t(`channel.${request.channel}`)],
    [t('request.receivedAt'), formatDateTime(request.receivedAt)],
    [
      t('request.citizen'),
      citizen ? (
        <a key="citizen" href={routeHref({ name: 'citizen', id: citizen.id })}>
          {citizenDisplayName(citizen)}
        </a>
      ) : (
        t('request.anonymous')
      ),
    ],
    [t('request.category'), category?.label ?? ''],
    ...(category?.extraFields ?? [])
      .filter((extra) => request.categoryFields[extra.key] && !repeatsLocation(extra.key, request))
      .map((extra): [string, ReactNode] => [extra.label, formatCategoryField(extra.type, request.categoryFields[extra.key] ?? '')]),
    [t('request.description'), request.description],
    [t('request.location'), request.location?.address ?? ''],
    [t('request.competence'), t(`competence.${request.competence}`)],
    [t('request.dueAt'), formatDate(request.dueAt)],
    [t('request.assignee'), settings.users.find((user) => user.id === request.assigneeId)?.name ?? ''],
    [t('intake.phoneNumber'), facts.phoneNumber ?? ''],
    [t('intake.postmarkDate'), formatDate(facts.postmarkDate)],
    [t('intake.mailSender'), facts.sender ?? ''],
    [t('intake.mailRegisterNumber'), facts.mailRegisterNumber ?? ''],
    [t('intake.emailSubject'), facts.emailSubject ?? ''],
    [t('intake.residentPresent'), facts.residentPresent ? t('common.yes') : ''],
    [
      t('request.flags'),
      [request.flags.needsMayor ? t('request.needsMayor') : '', request.flags.sensitive ? t('request.sensitive') : '']
        .filter(Boolean)
        .join(', '),
    ],
    [t('request.statusReason'), request.statusReason],
  ];
  return (
    <dl className="facts">
      {rows
        .filter(([, value]) => value !== '' && value !== undefined && value !== null)
        .map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

function AssignField({ request }: { request: RequestDoc }) {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const actor = useActor();
  return (
    <Field label={t('request.assignTo')}>
      {(props) => (
        <select
          {...props}
          value={request.assigneeId ?? ''}
          onChange={(event) => void updateRequest(db, request.id, { assigneeId: event.target.value || null }, actor)}
        >
          <option value="">{t('request.unassigned')}</option>
          {settings.users
            .filter((user) => user.active || user.id === request.assigneeId)
            .map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
        </select>
      )}
    </Field>
  );
}

/** The category's own place field (« Lieu précis ») saved as the request's place: shown once, as « Lieu » (issue 13). */
function repeatsLocation(key: string, request: RequestDoc): boolean {
  return key === PLACE_FIELD_KEY && request.location?.address === request.categoryFields[key]?.trim();
}
