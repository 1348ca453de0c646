import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import type { CitizenDoc } from '../../../domain/model';
import { useActor, useApp } from '../session/AppContext';
import { navigate, routeHref } from '../session/router';
import { useCitizenSearch } from '../citizens';
import { describeStorageError } from '../db/errors';
import { useObservable } from '../db/hooks';
import { citizenDisplayName } from '../../../domain/citizens';
import { Field } from '../ui/Field';
import { startSession, useProcedures, useRecentSessions, useResidentsOf } from './repository';
import { SessionScreen } from './SessionScreen';
import { SessionTable } from './SessionTable';
import './assisted.css';
import { toPlain } from '../db/plain';

/** L'accompagnement numérique: start a session (resident and procedure), the recent ones; or one session. */
export function AssistedScreen({ sessionId, citizenId }: { sessionId?: string; citizenId?: string }) {
  if (sessionId) return <SessionScreen key={sessionId} id={sessionId} />;
  return <StartScreen key={citizenId ?? ''} citizenId={citizenId} />;
}

function useCitizen(id: string | undefined): CitizenDoc | null | undefined {
  const { db } = useApp();
  return useObservable(() => db.citizens.findOne(id ?? '__none__').$.pipe(map((doc) => (doc ? toPlain(doc) : null))), [db, id]);
}

function StartScreen({ citizenId }: { citizenId: string | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <div className="screen__header">
        <h1>{t('assisted.title')}</h1>
      </div>
      <p>{t('assisted.intro')}</p>
      <section className="panel" aria-labelledby="assisted-start-title">
        <h2 id="assisted-start-title">{t('assisted.start.title')}</h2>
        <StartForm initialCitizenId={citizenId} />
      </section>
      <section className="panel" aria-labelledby="assisted-recent-title">
        <h2 id="assisted-recent-title">{t('assisted.recent')}</h2>
        <RecentSessions />
      </section>
    </div>
  );
}

function StartForm({ initialCitizenId }: { initialCitizenId: string | undefined }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const actor = useActor();
  const procedures = useProcedures();
  const [citizenId, setCitizenId] = useState(initialCitizenId ?? '');
  const citizen = useCitizen(citizenId || undefined);
  const [procedureId, setProcedureId] = useState('');
  const [errors, setErrors] = useState<{ resident?: string; procedure?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const active = (procedures ?? []).filter((procedure) => procedure.active);
  const chosen = active.find((procedure) => procedure.id === procedureId);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = {
      resident: citizen ? undefined : 'assisted.start.errors.resident',
      procedure: chosen ? undefined : 'assisted.start.errors.procedure',
    };
    setErrors(found);
    if (!citizen || !chosen) {
      const target = event.currentTarget;
      queueMicrotask(() => target.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const session = await startSession(db, actor, citizen.id, chosen);
      navigate({ name: 'assisted', sessionId: session.id });
    } catch (error) {
      setFailure(describeStorageError(error));
      setBusy(false);
    }
  }

  if (procedures !== undefined && active.length === 0) {
    return (
      <p className="notice notice--warn">
        {t('assisted.start.noProcedures')}{' '}
        <a href={routeHref({ name: 'settings', section: 'demarches' })}>{t('assisted.settings.title')}</a>
      </p>
    );
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {citizen ? (
        <div className="field">
          <p className="assisted__chosen" role="status">
            {t('assisted.start.chosen', { name: citizenDisplayName(citizen) || t('citizens.unnamed') })}
          </p>
          <button type="button" className="button button--small" onClick={() => setCitizenId('')}>
            {t('assisted.start.change')}
          </button>
        </div>
      ) : (
        <ResidentPicker error={errors.resident} onChoose={(id) => setCitizenId(id)} />
      )}
      <Field
        label={t('assisted.start.procedure')}
        error={errors.procedure}
        hint={chosen ? t('assisted.start.usual', { minutes: chosen.durationMinutes }) : undefined}
        required
      >
        {(props) => (
          <select {...props} value={procedureId} onChange={(event) => setProcedureId(event.target.value)}>
            <option value="">{t('assisted.start.chooseProcedure')}</option>
            {active.map((procedure) => (
              <option key={procedure.id} value={procedure.id}>
                {procedure.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      {failure ? (
        <p role="alert" className="notice notice--error">
          {t(failure)}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('assisted.start.submit')}
        </button>
      </div>
    </form>
  );
}

function ResidentPicker({ error, onChoose }: { error: string | undefined; onChoose: (id: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const { results } = useCitizenSearch(query, { skipEmpty: true });
  const shown = query.trim() ? (results ?? []).filter((citizen) => !citizen.mergedInto).slice(0, 8) : [];
  return (
    <div>
      <Field label={t('assisted.start.residentSearch')} error={error} hint={t('assisted.start.residentHint')} required>
        {(props) => <input {...props} type="search" autoComplete="off" value={query} onChange={(event) => setQuery(event.target.value)} />}
      </Field>
      {query.trim() && results !== undefined && shown.length === 0 ? <p className="muted">{t('assisted.start.noMatch')}</p> : null}
      {shown.length > 0 ? (
        <ul className="assisted__matches">
          {shown.map((citizen) => {
            const name = citizenDisplayName(citizen) || t('citizens.unnamed');
            return (
              <li key={citizen.id}>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => onChoose(citizen.id)}
                  aria-label={t('assisted.start.choose', { name })}
                >
                  {name}
                </button>{' '}
                <span className="muted">{[citizen.phone, citizen.city].filter(Boolean).join(' · ')}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

function RecentSessions() {
  const { t } = useTranslation();
  const sessions = useRecentSessions();
  const citizens = useResidentsOf(sessions);
  if (sessions === undefined) return <p>{t('common.loading')}</p>;
  if (sessions.length === 0) return <p className="muted">{t('assisted.none')}</p>;
  return (
    <SessionTable
      sessions={sessions}
      caption={t('assisted.recent')}
      residentOf={(session) => citizenDisplayName(citizens?.get(session.citizenId)) || '—'}
    />
  );
}
