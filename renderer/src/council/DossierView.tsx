import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import { canApprove } from '../../../domain/council';
import type { RequestDoc } from '../../../domain/model';
import { useActor, useApp } from '../session/AppContext';
import { useObservable } from '../db/hooks';
import { useCategoryMap } from '../session/queries';
import { citizenDisplayName } from '../../../domain/citizens';
import { Journal } from '../requests';
import { isLate } from '../requests';
import { Field } from '../ui/Field';
import { formatDate, formatDateTime, todayISO } from '../ui/format';
import { LateBadge, StatusBadge } from '../ui/StatusBadge';
import { annotate, approveAnswer, recordSeen, sendBack, type CouncilResult } from '../approval';
import { ApprovalBadge } from '../approval';
import { useApprovalState } from '../approval';
import { toPlain } from '../db/plain';

/** One dossier on the table: its facts, the proposed answer, the mayor's decision, and the journal. */
export function DossierView({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const request = useObservable(() => db.requests.findOne(id).$.pipe(map((doc) => (doc ? toPlain(doc) : null))), [db, id]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [request === undefined]);
  if (request === undefined) return <p>{t('common.loading')}</p>;
  if (request === null) return <p role="alert">{t('request.notFound')}</p>;
  return (
    <article className="council__dossier" aria-labelledby="dossier-title">
      <div className="council__dossier-head">
        <button type="button" className="council__button" onClick={onBack}>
          ← {t('council.backToList')}
        </button>
        <h2 id="dossier-title" ref={heading} tabIndex={-1}>
          {request.reference} — {request.subject}
        </h2>
        <DossierBadges request={request} />
      </div>
      <SeenRecorder request={request} />
      <div className="council__dossier-grid">
        <div>
          <Section id="dossier-facts" title={t('council.facts')}>
            <DossierFacts request={request} />
          </Section>
          <Section id="dossier-answer" title={t('council.proposedAnswer')}>
            {request.answer ? (
              <p className="council__answer">{request.answer.text}</p>
            ) : (
              <p className="muted">{t('council.noAnswerYet')}</p>
            )}
          </Section>
        </div>
        <div>
          <Section id="dossier-decide" title={t('council.decide')}>
            <Decisions request={request} />
          </Section>
          <Section id="dossier-journal" title={t('council.journal')}>
            <Journal requestId={request.id} />
          </Section>
        </div>
      </div>
    </article>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="council__panel" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

function DossierBadges({ request }: { request: RequestDoc }) {
  return (
    <p className="council__badges">
      <StatusBadge status={request.status} /> {isLate(request) ? <LateBadge /> : null} <ApprovalBadge state={useApprovalState(request)} />
    </p>
  );
}

/** "Vu par le maire": written once a day per person when a mayor or deputy opens the dossier. */
function SeenRecorder({ request }: { request: RequestDoc }) {
  const { db, currentUser } = useApp();
  const actor = useActor();
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per opening, and again if someone else takes the keyboard
  useEffect(() => {
    void recordSeen(db, request, currentUser, actor, todayISO());
    // once per opening, and again if someone else takes the keyboard
  }, [db, request.id, currentUser.id]);
  return null;
}

function DossierFacts({ request }: { request: RequestDoc }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const category = useCategoryMap().get(request.categoryId);
  const citizenId = request.citizenId || '__none__';
  const citizen = useObservable(() => db.citizens.findOne(citizenId).$.pipe(map((doc) => (doc ? toPlain(doc) : null))), [db, citizenId]);
  const rows: Array<[string, string]> = [
    [t('request.citizen'), citizen ? citizenDisplayName(citizen) : t('request.anonymous')],
    [t('request.category'), category?.label ?? ''],
    [t('request.channel'), t(`channel.${request.channel}`)],
    [t('request.receivedAt'), formatDateTime(request.receivedAt)],
    [t('request.dueAt'), formatDate(request.dueAt)],
    [t('request.description'), request.description],
    [t('request.location'), request.location?.address ?? ''],
  ];
  return (
    <dl className="council__facts">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

type Act = 'approve' | 'sendBack' | 'annotate';
const DONE: Record<Act, string> = { approve: 'council.approved', sendBack: 'council.sentBack', annotate: 'council.annotated' };

function Decisions({ request }: { request: RequestDoc }) {
  const { t } = useTranslation();
  const { db, currentUser } = useApp();
  const actor = useActor();
  const state = useApprovalState(request);
  const [texts, setTexts] = useState<Record<Act, string>>({ approve: '', sendBack: '', annotate: '' });
  const [errors, setErrors] = useState<Partial<Record<Act, string>>>({});
  const [done, setDone] = useState<string | null>(null);
  const allowed = canApprove(currentUser);

  async function act(event: FormEvent, which: Act) {
    event.preventDefault();
    setDone(null);
    const text = texts[which];
    const run: Record<Act, () => Promise<CouncilResult>> = {
      approve: () => approveAnswer(db, request.id, currentUser, actor, text),
      sendBack: () => sendBack(db, request.id, currentUser, actor, text),
      annotate: () => annotate(db, request.id, currentUser, actor, text),
    };
    const result = await run[which]();
    if (!result.ok) {
      setErrors({ [which]: result.error });
      return;
    }
    setErrors({});
    setTexts((current) => ({ ...current, [which]: '' }));
    setDone(DONE[which]);
  }

  const textField = (which: Act, label: string) => (
    <Field label={label} error={errors[which]}>
      {(props) => (
        <textarea
          {...props}
          rows={3}
          value={texts[which]}
          disabled={!allowed}
          onChange={(event) => setTexts((current) => ({ ...current, [which]: event.target.value }))}
        />
      )}
    </Field>
  );

  return (
    <div className="council__decisions">
      {!allowed ? <p className="notice notice--warn">{t('council.notApproverNotice')}</p> : null}
      {state === 'awaiting_mayor' ? (
        <form onSubmit={(event) => void act(event, 'approve')} noValidate>
          {textField('approve', t('council.approveComment'))}
          <button type="submit" className="council__button council__button--primary" disabled={!allowed}>
            {t('council.approve')}
          </button>
        </form>
      ) : null}
      {state === 'awaiting_mayor' || state === 'approved' ? (
        <form onSubmit={(event) => void act(event, 'sendBack')} noValidate>
          {textField('sendBack', t('council.sendBackComment'))}
          <button type="submit" className="council__button" disabled={!allowed}>
            {t('council.sendBack')}
          </button>
        </form>
      ) : null}
      <form onSubmit={(event) => void act(event, 'annotate')} noValidate>
        {textField('annotate', t('council.annotation'))}
        <button type="submit" className="council__button" disabled={!allowed}>
          {t('council.annotate')}
        </button>
      </form>
      {done ? (
        <p role="status" className="notice notice--ok">
          {t(done)}
        </p>
      ) : null}
    </div>
  );
}
