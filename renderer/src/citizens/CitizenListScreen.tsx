import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenDoc } from '../../../domain/model';
import { useActor, useApp } from '../session/AppContext';
import { navigate, routeHref } from '../session/router';
import { citizenDisplayName } from '../../../domain/citizens';
import { Field } from '../ui/Field';
import { CitizenForm } from './CitizenForm';
import { suggestCitizens } from './lookup';
import { createCitizen } from './repository';
import { CITIZEN_LIST_LIMIT } from './search';
import { useCitizenSearch } from './useCitizenSearch';
import { EMPTY_CITIZEN } from './validation';

const QUERY_KEY = 'guichet.citizenQuery';

/** Usagers: find a resident's file, or open a new one. */
export function CitizenListScreen() {
  const { t } = useTranslation();
  const [query, setQuery] = useState(() => sessionStorage.getItem(QUERY_KEY) ?? '');
  const [creating, setCreating] = useState(false);
  const { results, wordsReady } = useCitizenSearch(query);
  const newButton = useRef<HTMLButtonElement>(null);

  useEffect(() => sessionStorage.setItem(QUERY_KEY, query), [query]);

  const count = results?.length ?? 0;
  const summary = results === undefined ? t('common.loading') : query.trim() ? foundText(t, count) : t('citizens.recent');

  return (
    <div className="screen">
      <div className="screen__header">
        <h1>{t('citizens.title')}</h1>
        <button
          ref={newButton}
          type="button"
          className="button button--primary"
          aria-expanded={creating}
          aria-controls="new-citizen"
          onClick={() => setCreating((open) => !open)}
        >
          {t('citizens.new')}
        </button>
      </div>

      {creating ? (
        <NewCitizenPanel
          onCancel={() => {
            setCreating(false);
            newButton.current?.focus();
          }}
        />
      ) : null}

      <section className="panel" aria-labelledby="citizen-search-title">
        <h2 id="citizen-search-title">{t('citizens.searchTitle')}</h2>
        <Field label={t('citizens.search')} hint={t('citizens.searchHint')}>
          {(props) => (
            <input {...props} type="search" autoComplete="off" value={query} onChange={(event) => setQuery(event.target.value)} />
          )}
        </Field>
        <p role="status" className="muted">
          {summary}
          {query.trim() && !wordsReady && results !== undefined && results.length < CITIZEN_LIST_LIMIT
            ? ` ${t('citizens.wordsLoading')}`
            : ''}
        </p>
        {results && results.length > 0 ? <CitizenTable citizens={results} caption={summary} /> : null}
      </section>
    </div>
  );
}

function foundText(t: (key: string, options?: Record<string, unknown>) => string, count: number): string {
  if (count === 0) return t('citizens.noneFound');
  if (count >= CITIZEN_LIST_LIMIT) return t('citizens.tooMany', { count: CITIZEN_LIST_LIMIT });
  return t('citizens.found', { count });
}

export function CitizenTable({ citizens, caption }: { citizens: CitizenDoc[]; caption: string }) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('citizens.name')}</th>
          <th scope="col">{t('person.phone')}</th>
          <th scope="col">{t('person.email')}</th>
          <th scope="col">{t('person.city')}</th>
        </tr>
      </thead>
      <tbody>
        {citizens.map((citizen) => (
          <tr key={citizen.id}>
            <th scope="row">
              <a href={routeHref({ name: 'citizen', id: citizen.id })}>{citizenDisplayName(citizen) || t('citizens.unnamed')}</a>
            </th>
            <td>{citizen.phone}</td>
            <td>{citizen.email}</td>
            <td>{[citizen.postalCode, citizen.city].filter(Boolean).join(' ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A new file; files that look like it are shown as it is typed, so that a duplicate is not created. */
function NewCitizenPanel({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const actor = useActor();
  const [typed, setTyped] = useState(EMPTY_CITIZEN);
  const [similar, setSimilar] = useState<CitizenDoc[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      void suggestCitizens(db, typed).then((found) => !cancelled && setSimilar(found));
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [db, typed]);

  return (
    <section id="new-citizen" className="panel" aria-labelledby="new-citizen-title">
      <h2 id="new-citizen-title" ref={heading} tabIndex={-1}>
        {t('citizens.newTitle')}
      </h2>
      <CitizenForm
        initial={EMPTY_CITIZEN}
        submitLabel={t('citizens.create')}
        onChange={setTyped}
        onCancel={onCancel}
        onSubmit={async (fields) => {
          const citizen = await createCitizen(db, fields, actor);
          navigate({ name: 'citizen', id: citizen.id });
        }}
      >
        {similar.length > 0 ? (
          <div className="notice notice--warn" role="status">
            <p>{t('citizens.similar', { count: similar.length })}</p>
            <ul>
              {similar.map((citizen) => (
                <li key={citizen.id}>
                  <a href={routeHref({ name: 'citizen', id: citizen.id })}>{citizenDisplayName(citizen)}</a>
                  {citizen.phone ? ` · ${citizen.phone}` : ''}
                  {citizen.city ? ` · ${citizen.city}` : ''}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </CitizenForm>
    </section>
  );
}
