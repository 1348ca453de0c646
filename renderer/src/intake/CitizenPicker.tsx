import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenDoc } from '../../../domain/model';
import { useApp } from '../session/AppContext';
import { suggestCitizens } from '../citizens';
import { citizenDisplayName } from '../../../domain/citizens';
import { Field } from '../ui/Field';
import type { IntakeForm } from './form-state';
import { toPlain } from '../db/plain';

type CitizenFields = IntakeForm['citizen'];

interface Props {
  citizen: CitizenFields;
  citizenId: string | null;
  errors: Record<string, string>;
  onFieldsChange: (citizen: CitizenFields) => void;
  onChoose: (citizen: CitizenDoc | null) => void;
}

/**
 * The resident: as the name or phone is typed, existing files are offered
 * before a new one is created (domain.md, "The resident's file").
 */
export function CitizenPicker({ citizen, citizenId, errors, onFieldsChange, onChoose }: Props) {
  const { t } = useTranslation();
  const { db } = useApp();
  const [suggestions, setSuggestions] = useState<CitizenDoc[]>([]);
  const [chosen, setChosen] = useState<CitizenDoc | null>(null);

  useEffect(() => {
    if (!citizenId) {
      setChosen(null);
      return;
    }
    void db.citizens
      .findOne(citizenId)
      .exec()
      .then((doc) => setChosen(doc ? toPlain(doc) : null));
  }, [db, citizenId]);

  useEffect(() => {
    if (citizenId) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void suggestCitizens(db, citizen).then((found) => {
        if (!cancelled) setSuggestions(found);
      });
    }, 120);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [db, citizen, citizenId]);

  if (citizenId && chosen) {
    return (
      <div className="chosen-citizen" aria-live="polite">
        <p>
          <strong>{t('intake.existingFile')}</strong> {citizenDisplayName(chosen)}
          {chosen.phone ? ` · ${chosen.phone}` : ''}
          {chosen.email ? ` · ${chosen.email}` : ''}
        </p>
        <button type="button" className="button button--small" onClick={() => onChoose(null)}>
          {t('intake.changeCitizen')}
        </button>
      </div>
    );
  }

  const set = (key: keyof CitizenFields) => (event: { target: { value: string } }) =>
    onFieldsChange({ ...citizen, [key]: event.target.value });

  return (
    <div>
      <div className="row">
        <Field label={t('person.lastName')} error={errors['citizen.lastName']}>
          {(props) => <input {...props} autoComplete="off" value={citizen.lastName} onChange={set('lastName')} />}
        </Field>
        <Field label={t('person.firstName')}>
          {(props) => <input {...props} autoComplete="off" value={citizen.firstName} onChange={set('firstName')} />}
        </Field>
        <Field label={t('intake.citizenPhone')} error={errors['citizen.phone']}>
          {(props) => <input {...props} type="tel" autoComplete="off" value={citizen.phone} onChange={set('phone')} />}
        </Field>
      </div>
      {suggestions.length > 0 ? (
        <section aria-label={t('intake.suggestionsLabel')}>
          <p className="muted" role="status">
            {t('intake.suggestionsFound', { count: suggestions.length })}
          </p>
          <ul className="suggestions">
            {suggestions.map((suggestion) => (
              <li key={suggestion.id}>
                <span>
                  <strong>{citizenDisplayName(suggestion)}</strong>
                  {suggestion.phone ? ` · ${suggestion.phone}` : ''}
                  {suggestion.city ? ` · ${suggestion.city}` : ''}
                </span>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => onChoose(suggestion)}
                  aria-label={t('intake.useFileOf', { name: citizenDisplayName(suggestion) })}
                >
                  {t('intake.useFile')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="row">
        <Field label={t('person.email')} error={errors['citizen.email']}>
          {(props) => <input {...props} type="email" autoComplete="off" value={citizen.email} onChange={set('email')} />}
        </Field>
        <Field label={t('person.address')}>
          {(props) => <input {...props} autoComplete="off" value={citizen.address} onChange={set('address')} />}
        </Field>
      </div>
      <div className="row">
        <Field label={t('person.postalCode')}>
          {(props) => <input {...props} autoComplete="off" value={citizen.postalCode} onChange={set('postalCode')} />}
        </Field>
        <Field label={t('person.city')}>
          {(props) => <input {...props} autoComplete="off" value={citizen.city} onChange={set('city')} />}
        </Field>
      </div>
    </div>
  );
}
