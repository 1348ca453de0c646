import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isAlsaceMoselle } from '../../../domain/schemas/settings';
import { useApp } from '../session/AppContext';
import { describeStorageError } from '../db/errors';
import { Field } from '../ui/Field';
import { cleanCommune, communeFormOf, logoDataUrlOf, validateCommune, type CommuneErrors, type CommuneForm } from './commune';
import { SaveMessage, type SaveState } from '../ui/Saved';
import { patchSettings } from './store';

type TextKey = Exclude<keyof CommuneForm, 'alsaceMoselle' | 'logoDataUrl' | 'openingHours'>;

/** The commune's identity: printed on receipts and letters, used for forwarding and due dates. */
export function CommuneSection() {
  const { t } = useTranslation();
  const { db, settings } = useApp();
  const [form, setForm] = useState<CommuneForm>(() => communeFormOf(settings));
  const [errors, setErrors] = useState<CommuneErrors>({});
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const logoInput = useRef<HTMLInputElement>(null);

  const update = (patch: Partial<CommuneForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setState({ kind: 'idle' });
    const cleared = Object.keys(patch) as Array<keyof CommuneForm>;
    if (cleared.some((key) => errors[key]))
      setErrors((current) => ({ ...current, ...Object.fromEntries(cleared.map((key) => [key, undefined])) }));
  };

  async function chooseLogo(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const result = logoDataUrlOf(new Uint8Array(await file.arrayBuffer()), file.type);
    if (result.ok) update({ logoDataUrl: result.dataUrl });
    else setErrors((current) => ({ ...current, logoDataUrl: result.error }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validateCommune(form);
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      const target = event.currentTarget;
      queueMicrotask(() => target.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      setState({ kind: 'error', message: 'settings.errors.fix' });
      return;
    }
    setBusy(true);
    try {
      const saved = await patchSettings(db, settings.id, cleanCommune(form));
      setForm(communeFormOf(saved));
      setState({ kind: 'saved', message: 'settings.saved' });
    } catch (error) {
      setState({ kind: 'error', message: describeStorageError(error) });
    } finally {
      setBusy(false);
    }
  }

  const text = (key: TextKey, label: string, options: { required?: boolean; type?: string; hint?: string; autoComplete?: string } = {}) => (
    <Field label={label} error={errors[key]} required={options.required} hint={options.hint}>
      {(props) => (
        <input
          {...props}
          type={options.type ?? 'text'}
          autoComplete={options.autoComplete ?? 'off'}
          value={form[key]}
          onChange={(event) => update({ [key]: event.target.value })}
        />
      )}
    </Field>
  );

  const suggestsAlsaceMoselle = isAlsaceMoselle(form.inseeCode.trim()) && !form.alsaceMoselle;

  return (
    <section className="panel" aria-labelledby="settings-commune-title">
      <h2 id="settings-commune-title">{t('settings.sections.commune')}</h2>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <p className="muted">{t('common.requiredHint')}</p>
        <fieldset>
          <legend>{t('settings.commune.identity')}</legend>
          <div className="row">
            {text('name', t('settings.commune.name'), { required: true })}
            {text('inseeCode', t('settings.commune.inseeCode'), { required: true, hint: t('settings.commune.inseeHint') })}
          </div>
          {text('address', t('settings.commune.address'))}
          <div className="row">
            {text('postalCode', t('settings.commune.postalCode'), { hint: t('settings.commune.postalCodeHint') })}
            {text('city', t('settings.commune.city'))}
          </div>
          <div className="row">
            {text('phone', t('settings.commune.phone'), { type: 'tel' })}
            {text('email', t('settings.commune.email'), { type: 'email' })}
          </div>
          <Field label={t('settings.commune.openingHours')} error={errors.openingHours} hint={t('settings.commune.openingHoursHint')}>
            {(props) => (
              <textarea {...props} value={form.openingHours} onChange={(event) => update({ openingHours: event.target.value })} />
            )}
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t('settings.commune.logo')}</legend>
          {form.logoDataUrl ? (
            <p>
              <img
                src={form.logoDataUrl}
                alt={t('settings.commune.logoAlt', { name: form.name || settings.name })}
                style={{ maxHeight: '6rem', maxWidth: '16rem' }}
              />
            </p>
          ) : (
            <p className="muted">{t('settings.commune.noLogo')}</p>
          )}
          <Field label={t('settings.commune.chooseLogo')} error={errors.logoDataUrl} hint={t('settings.commune.logoHint')}>
            {(props) => (
              <input {...props} ref={logoInput} type="file" accept="image/png,image/jpeg" onChange={(event) => void chooseLogo(event)} />
            )}
          </Field>
          {form.logoDataUrl ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                update({ logoDataUrl: '' });
                logoInput.current?.focus();
              }}
            >
              {t('settings.commune.removeLogo')}
            </button>
          ) : null}
        </fieldset>

        <fieldset>
          <legend>{t('settings.commune.intercommunality')}</legend>
          {text('epciName', t('settings.commune.epciName'), { hint: t('settings.commune.epciHint') })}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.alsaceMoselle}
              aria-describedby="alsace-moselle-hint"
              onChange={(event) => update({ alsaceMoselle: event.target.checked })}
            />
            {t('settings.commune.alsaceMoselle')}
          </label>
          <p id="alsace-moselle-hint" className="field__hint">
            {t('settings.commune.alsaceMoselleHint')}
          </p>
          {suggestsAlsaceMoselle ? <p className="notice notice--warn">{t('settings.commune.alsaceMoselleSuggested')}</p> : null}
        </fieldset>

        <SaveMessage state={state} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => {
              setForm(communeFormOf(settings));
              setErrors({});
              setState({ kind: 'idle' });
            }}
          >
            {t('settings.undo')}
          </button>
        </div>
      </form>
    </section>
  );
}
