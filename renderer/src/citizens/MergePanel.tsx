import { Fragment, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenDoc } from '../../../domain/model';
import { useActor, useApp } from '../session/AppContext';
import { navigate } from '../session/router';
import { describeStorageError } from '../db/errors';
import { citizenDisplayName } from '../../../domain/citizens';
import { Field } from '../ui/Field';
import { formatDate } from '../ui/format';
import { mergeCitizenFiles } from './merge';
import { useCitizenSearch } from './useCitizenSearch';

type Outcome = { kind: 'merged'; moved: number; filled: number } | { kind: 'error'; message: string } | null;

/**
 * "Fusionner avec un autre dossier": find the duplicate, see both files side
 * by side, choose the one to keep, confirm. Nothing happens before the
 * confirmation, and nothing is deleted (merge.ts).
 */
export function MergePanel({ citizen }: { citizen: CitizenDoc }) {
  const { t } = useTranslation();
  const { db } = useApp();
  const actor = useActor();
  const [query, setQuery] = useState('');
  const [other, setOther] = useState<CitizenDoc | null>(null);
  const [keepCurrent, setKeepCurrent] = useState(true);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const { results } = useCitizenSearch(query, { skipEmpty: true, excludeId: citizen.id });
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (other) confirmHeading.current?.focus();
  }, [other]);

  function cancel() {
    setOther(null);
    queueMicrotask(() => searchInput.current?.focus());
  }

  async function merge() {
    if (!other) return;
    const keep = keepCurrent ? citizen : other;
    const gone = keepCurrent ? other : citizen;
    setBusy(true);
    setOutcome(null);
    try {
      const result = await mergeCitizenFiles(db, keep.id, gone.id, actor, {
        phone: (value) => t('citizen.merge.otherPhone', { value }),
        email: (value) => t('citizen.merge.otherEmail', { value }),
      });
      if (!result.ok) {
        setOutcome({ kind: 'error', message: result.error });
        return;
      }
      setOther(null);
      setQuery('');
      if (keepCurrent) setOutcome({ kind: 'merged', moved: result.movedRequests, filled: result.filledFields.length });
      else navigate({ name: 'citizen', id: keep.id });
    } catch (error) {
      setOutcome({ kind: 'error', message: describeStorageError(error) });
    } finally {
      setBusy(false);
    }
  }

  const name = (file: CitizenDoc) => citizenDisplayName(file) || t('citizens.unnamed');

  return (
    <div>
      <p>{t('citizen.merge.intro')}</p>
      <div role="status">
        {outcome?.kind === 'merged' ? (
          <p className="notice notice--ok">
            {t('citizen.merge.done', { count: outcome.moved })}{' '}
            {outcome.filled > 0 ? t('citizen.merge.filled', { count: outcome.filled }) : ''}
          </p>
        ) : null}
      </div>
      {outcome?.kind === 'error' ? (
        <p role="alert" className="notice notice--error">
          {t(outcome.message)}
        </p>
      ) : null}

      {other ? (
        <div role="group" aria-labelledby="merge-confirm-title" className="merge-confirm">
          <h3 id="merge-confirm-title" ref={confirmHeading} tabIndex={-1}>
            {t('citizen.merge.confirmTitle')}
          </h3>
          <div className="grid-2">
            <FileSummary title={t('citizen.merge.thisFile')} citizen={citizen} />
            <FileSummary title={t('citizen.merge.otherFile')} citizen={other} />
          </div>
          <fieldset className="radios">
            <legend>{t('citizen.merge.keepLegend')}</legend>
            <label>
              <input type="radio" name="merge-keep" checked={keepCurrent} onChange={() => setKeepCurrent(true)} />
              {name(citizen)} ({t('citizen.merge.thisFile')})
            </label>
            <label>
              <input type="radio" name="merge-keep" checked={!keepCurrent} onChange={() => setKeepCurrent(false)} />
              {name(other)} ({t('citizen.merge.otherFile')})
            </label>
          </fieldset>
          <p className="notice notice--warn">
            {t('citizen.merge.explain', {
              gone: name(keepCurrent ? other : citizen),
              keep: name(keepCurrent ? citizen : other),
            })}
          </p>
          <div className="actions">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void merge()}>
              {busy ? t('common.saving') : t('citizen.merge.confirm')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={cancel}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <>
          <Field label={t('citizen.merge.search')} hint={t('citizens.searchHint')}>
            {(props) => (
              <input
                {...props}
                ref={searchInput}
                type="search"
                autoComplete="off"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
              />
            )}
          </Field>
          {query.trim() && results ? (
            results.length === 0 ? (
              <p className="muted" role="status">
                {t('citizens.noneFound')}
              </p>
            ) : (
              <ul className="suggestions" aria-label={t('citizen.merge.candidates')}>
                {results.slice(0, 10).map((candidate) => (
                  <li key={candidate.id}>
                    <span>
                      {name(candidate)}
                      {candidate.phone ? ` · ${candidate.phone}` : ''}
                      {candidate.city ? ` · ${candidate.city}` : ''}
                    </span>
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={t('citizen.merge.chooseNamed', { name: name(candidate) })}
                      onClick={() => {
                        setOutcome(null);
                        setKeepCurrent(true);
                        setOther(candidate);
                      }}
                    >
                      {t('citizen.merge.choose')}
                    </button>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </>
      )}
    </div>
  );
}

function FileSummary({ title, citizen }: { title: string; citizen: CitizenDoc }) {
  const { t } = useTranslation();
  const rows: Array<[string, string]> = [
    [t('citizens.name'), citizenDisplayName(citizen)],
    [t('person.phone'), citizen.phone],
    [t('person.email'), citizen.email],
    [t('person.address'), [citizen.address, citizen.postalCode, citizen.city].filter(Boolean).join(', ')],
    [t('citizens.birthDate'), formatDate(citizen.birthDate)],
  ];
  return (
    <div className="panel">
      <h4>{title}</h4>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value || '—'}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  );
}
