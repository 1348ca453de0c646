import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import type { CitizenDoc } from '../../../domain/model';
import { useActor, useApp } from '../session/AppContext';
import { routeHref } from '../session/router';
import { useObservable } from '../db/hooks';
import { journal } from '../db/journal';
import { citizenDisplayName } from '../../../domain/citizens';
import { describeStorageError } from '../db/errors';
import { Journal } from '../requests';
import { RequestTable } from '../requests';
import { formatDate } from '../ui/format';
import { CitizenForm, formFieldsOf } from './CitizenForm';
import { exportCitizen } from './export';
import { MergePanel } from './MergePanel';
import { updateCitizen } from './repository';
import { toPlain } from '../db/plain';

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Journals one `viewed` line when a file is opened: once per file per visit of the screen, not on each render. */
function useViewedOnce(citizenId: string, exists: boolean) {
  const { db } = useApp();
  const actor = useActor();
  const recorded = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the actor at the moment the file is opened; a later change of user is not a new visit
  useEffect(() => {
    if (!exists || recorded.current === citizenId) return;
    recorded.current = citizenId;
    void journal(db, actor, { type: 'viewed', citizenId }).catch(() => {
      // A journal line that cannot be written must not keep the secretary from the file.
    });
    // The actor at the moment the file is opened; a later change of user is not a new visit.
  }, [db, citizenId, exists]);
}

/** The resident's file: identity, every request, the journal; merging a duplicate; exporting what is held (RGPD). */
/**
 * What other features show on a resident's file, filled in by the shell (the assisted sessions of the
 * accompagnement numérique): this feature does not import the ones above it.
 */
export interface CitizenFileSlots {
  sessions: (props: { citizenId: string; name: string; canStart: boolean }) => ReactNode;
}

export function CitizenScreen({ id, slots }: { id: string; slots: CitizenFileSlots }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const citizen = useObservable(() => db.citizens.findOne(id).$.pipe(map((doc) => (doc ? toPlain(doc) : null))), [db, id]);
  const requests = useObservable(
    () =>
      db.requests
        // Ascending on the (citizenId, receivedAt) index, newest first in memory: a descending
        // sort is not served by the index in the Dexie storage and would read every request.
        .find({ selector: { citizenId: id }, sort: [{ citizenId: 'asc' }, { receivedAt: 'asc' }] })
        .$.pipe(map((docs) => docs.map((doc) => toPlain(doc)).reverse())),
    [db, id],
  );
  useViewedOnce(id, Boolean(citizen));

  if (citizen === undefined) return <p>{t('common.loading')}</p>;
  if (citizen === null) {
    return (
      <div className="screen">
        <h1>{t('citizen.notFoundTitle')}</h1>
        <p role="alert">{t('citizen.notFound')}</p>
        <p>
          <a href={routeHref({ name: 'citizens' })}>{t('citizen.backToList')}</a>
        </p>
      </div>
    );
  }

  const name = citizenDisplayName(citizen) || t('citizens.unnamed');
  return (
    <div className="screen">
      <div className="screen__header">
        <div>
          <p className="muted">
            <a href={routeHref({ name: 'citizens' })}>{t('citizen.backToList')}</a>
          </p>
          <h1>{t('citizen.title', { name })}</h1>
        </div>
      </div>
      {citizen.mergedInto ? <MergedNotice into={citizen.mergedInto} /> : null}
      <div className="grid-2">
        <Panel id="citizen-identity" title={t('citizen.identity')}>
          <Identity citizen={citizen} readOnly={Boolean(citizen.mergedInto)} />
        </Panel>
        <Panel id="citizen-data" title={t('citizen.rgpd.title')}>
          <ExportPanel citizen={citizen} />
        </Panel>
      </div>
      <Panel id="citizen-requests" title={t('citizen.requests', { count: requests?.length ?? 0 })}>
        {requests === undefined ? (
          <p>{t('common.loading')}</p>
        ) : requests.length === 0 ? (
          <p className="muted">{t('citizen.noRequests')}</p>
        ) : (
          <RequestTable requests={requests} caption={t('citizen.requestsCaption', { name })} />
        )}
      </Panel>
      <Panel id="citizen-assisted" title={t('assisted.file.title')}>
        {slots.sessions({ citizenId: citizen.id, name, canStart: !citizen.mergedInto })}
      </Panel>
      {citizen.mergedInto ? null : (
        <Panel id="citizen-merge" title={t('citizen.merge.title')}>
          <MergePanel citizen={citizen} />
        </Panel>
      )}
      <Panel id="citizen-journal" title={t('citizen.journal')}>
        <Journal citizenId={citizen.id} />
      </Panel>
    </div>
  );
}

function MergedNotice({ into }: { into: string }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const target = useObservable(() => db.citizens.findOne(into).$.pipe(map((doc) => (doc ? toPlain(doc) : null))), [db, into]);
  return (
    <div className="notice notice--warn" role="note">
      <p>
        {t('citizen.mergedInto')}{' '}
        <a href={routeHref({ name: 'citizen', id: into })}>
          {target ? citizenDisplayName(target) || t('citizens.unnamed') : t('citizen.otherFile')}
        </a>
      </p>
      <p>{t('citizen.mergedHelp')}</p>
    </div>
  );
}

function Identity({ citizen, readOnly }: { citizen: CitizenDoc; readOnly: boolean }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const actor = useActor();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);

  if (editing) {
    return (
      <CitizenForm
        initial={formFieldsOf(citizen)}
        submitLabel={t('common.save')}
        onCancel={() => {
          setEditing(false);
          queueMicrotask(() => editButton.current?.focus());
        }}
        onSubmit={async (fields) => {
          await updateCitizen(db, citizen.id, fields, actor);
          setEditing(false);
          setSaved(true);
          queueMicrotask(() => editButton.current?.focus());
        }}
      />
    );
  }

  // The third value is the grammatical gender of the label in French, for « non renseigné(e)(s) »:
  // i18next's context (`citizen.unknown_f`, `citizen.unknown_fp`); English words do not agree.
  const rows: Array<[string, ReactNode, Agreement]> = [
    [t('citizens.civility'), citizen.civility ? t(`citizens.civilities.${citizen.civility}`) : '', 'f'],
    [t('person.lastName'), citizen.lastName, 'm'],
    [t('person.firstName'), citizen.firstName, 'm'],
    [
      t('person.phone'),
      citizen.phone ? (
        <a key="phone" href={`tel:${citizen.phone.replace(/[^\d+]/g, '')}`}>
          {citizen.phone}
        </a>
      ) : (
        ''
      ),
      'm',
    ],
    [
      t('person.email'),
      citizen.email ? (
        <a key="email" href={`mailto:${citizen.email}`}>
          {citizen.email}
        </a>
      ) : (
        ''
      ),
      'm',
    ],
    [t('person.address'), citizen.address, 'f'],
    [t('person.postalCode'), citizen.postalCode, 'm'],
    [t('person.city'), citizen.city, 'f'],
    [t('citizens.birthDate'), formatDate(citizen.birthDate), 'f'],
    [t('citizens.notes'), citizen.notes, 'fp'],
    [t('citizen.createdAt'), formatDate(citizen.createdAt), 'f'],
  ];
  return (
    <div>
      <dl className="facts">
        {rows.map(([label, value, agreement]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>
              {value || <span className="muted">{t('citizen.unknown', { context: agreement === 'm' ? undefined : agreement })}</span>}
            </dd>
          </Fragment>
        ))}
      </dl>
      {saved ? (
        <p role="status" className="notice notice--ok">
          {t('citizen.saved')}
        </p>
      ) : null}
      {readOnly ? null : (
        <div className="actions">
          <button
            ref={editButton}
            type="button"
            className="button"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {t('citizen.edit')}
          </button>
        </div>
      )}
    </div>
  );
}

function ExportPanel({ citizen }: { citizen: CitizenDoc }) {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const actor = useActor();
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; fileName: string } | { kind: 'error'; message: string }
  >({
    kind: 'idle',
  });

  async function run() {
    setState({ kind: 'busy' });
    try {
      const result = await exportCitizen(db, citizen.id, settings, actor);
      if (!result) throw new Error('unknown citizen');
      download(result.fileName, result.json);
      setState({ kind: 'done', fileName: result.fileName });
    } catch (error) {
      setState({ kind: 'error', message: describeStorageError(error) });
    }
  }

  return (
    <div>
      <p>{t('citizen.rgpd.text')}</p>
      <button type="button" className="button" disabled={state.kind === 'busy'} onClick={() => void run()}>
        {t('citizen.rgpd.export')}
      </button>
      <div role="status">
        {state.kind === 'done' ? <p className="notice notice--ok">{t('citizen.rgpd.done', { fileName: state.fileName })}</p> : null}
      </div>
      {state.kind === 'error' ? (
        <p role="alert" className="notice notice--error">
          {t(state.message)}
        </p>
      ) : null}
    </div>
  );
}

/** Hands a text file to the user: a download in the browser and in Electron (which offers where to save it). */
function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The gender and number of a French label: masculine, feminine, feminine plural. */
type Agreement = 'm' | 'f' | 'fp';
