import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef, Channel, CitizenDoc } from '../../../domain/model';
import { useActor, useApp } from '../session/AppContext';
import { navigate } from '../session/router';
import { storeAttachment } from '../db/blobs';
import { describeStorageError } from '../db/errors';
import { useCategories } from '../session/queries';
import { newId } from '../../../domain/ids';
import { Field } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { AttachmentsField } from '../requests';
import { CategoryExtraFields, CategorySelect } from './CategoryFields';
import { ChannelFields, ChannelPicker } from './ChannelFields';
import { CitizenPicker } from './CitizenPicker';
import { discardIntakeDraft, readIntakeDraft, saveIntakeDraft, type SavedDraft } from './drafts';
import { EmlImport } from './EmlImport';
import type { ImportedEmail } from './eml';
import { emptyIntakeForm, hasContent, localDateTimeInput, type IntakeForm } from './form-state';
import { ReceivedAtField } from './ReceivedAtField';
import { saveIntake } from './save';
import { validateIntakeForm } from './validate';
import { hasPlaceField } from '../requests';

const DRAFT_DELAY_MS = 300;

/**
 * Saves the form as a draft a moment after each change. `stopped` is set when
 * the save starts: a timer still pending then must not write the draft back
 * after the save has cleared it (issue 13, item 7).
 */
function useDraftAutosave(form: IntakeForm, enabled: boolean, stopped: { current: boolean }) {
  const { db } = useApp();
  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => {
      if (!stopped.current && hasContent(form)) void saveIntakeDraft(db, form);
    }, DRAFT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [db, form, enabled, stopped]);
}

/** Nouvelle demande: any channel, the resident, the category and its facts, files; fully usable from the keyboard. */
export function IntakeScreen() {
  const { t } = useTranslation();
  const { db, settings, device } = useApp();
  const actor = useActor();
  const categories = useCategories();
  const [form, setForm] = useState<IntakeForm>(() => emptyIntakeForm());
  const [draft, setDraft] = useState<SavedDraft | null | undefined>(undefined);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [cleared, setCleared] = useState<IntakeForm | null>(null);
  const firstField = useRef<HTMLFieldSetElement>(null);
  const draftsStopped = useRef(false);

  // Offer back a draft left by a crash or a closed window, before anything is typed over it.
  useEffect(() => {
    void readIntakeDraft(db).then((found) => setDraft(found && hasContent(found.form) ? found : null));
  }, [db]);
  useDraftAutosave(form, draft === null, draftsStopped);
  // With no draft to offer, the keyboard starts on the channel, the first choice of the form.
  useEffect(() => {
    if (draft === null) firstField.current?.querySelector<HTMLElement>('input:checked')?.focus();
  }, [draft]);

  const category = useMemo(() => categories?.find((item) => item.id === form.categoryId), [categories, form.categoryId]);
  const update = (patch: Partial<IntakeForm>) => setForm((current) => ({ ...current, ...patch }));

  function changeChannel(channel: Channel) {
    update({ channel, channelFacts: channel === 'counter' ? { residentPresent: true } : {} });
  }

  function chooseCitizen(citizen: CitizenDoc | null) {
    update({ citizenId: citizen?.id ?? null });
  }

  async function importEmail(email: ImportedEmail) {
    const attachments: AttachmentRef[] = [];
    for (const file of email.attachments) attachments.push(await storeAttachment(db, file, actor.actorId));
    setForm((current) => ({
      ...current,
      channel: 'email',
      channelFacts: { sender: email.sender, emailSubject: email.subject, emailMessageId: email.messageId, emailBody: email.body },
      receivedAt: email.date ? localDateTimeInput(new Date(email.date)) : current.receivedAt,
      subject: current.subject || email.subject,
      description: current.description || email.body,
      citizen: { ...current.citizen, email: current.citizen.email || email.sender, ...splitName(email.senderName, current.citizen) },
      attachments: [...current.attachments, ...attachments.filter((a) => !current.attachments.some((b) => b.sha256 === a.sha256))],
    }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const found = validateIntakeForm(form, category);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Take the keyboard to the first field in error, so it can be fixed at once.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    if (!category) return;
    setSaving(true);
    draftsStopped.current = true;
    try {
      const { request } = await saveIntake(db, form, { actor, devicePrefix: device.devicePrefix, settings, category });
      await discardIntakeDraft(db);
      navigate({ name: 'request', id: request.id });
    } catch (error) {
      draftsStopped.current = false;
      setFailure(describeStorageError(error));
    } finally {
      setSaving(false);
    }
  }

  /** Empties the form and its draft; what was typed can be brought back until something new is typed. */
  function clearForm() {
    if (hasContent(form)) setCleared(form);
    setForm(emptyIntakeForm(form.channel));
    setErrors({});
    void discardIntakeDraft(db);
  }

  /** Brings the cleared form back; the autosave writes its draft again. */
  function undoClear() {
    if (cleared) setForm(cleared);
    setCleared(null);
  }

  async function resumeDraft(resume: boolean) {
    // A draft from before requests took their id from the form gets one now.
    if (resume && draft) setForm({ ...draft.form, requestId: draft.form.requestId ?? newId() });
    else await discardIntakeDraft(db);
    setDraft(null);
    firstField.current?.querySelector<HTMLElement>('input,select,textarea')?.focus();
  }

  return (
    <div className="screen">
      <div className="screen__header">
        <h1>{t('intake.title')}</h1>
      </div>
      {draft ? (
        <div className="notice notice--warn" role="region" aria-label={t('intake.draftFound')}>
          <p>{t('intake.draftFoundText', { date: formatDateTime(draft.savedAt) })}</p>
          <div className="actions">
            <button type="button" className="button button--primary" onClick={() => void resumeDraft(true)} autoFocus>
              {t('intake.resumeDraft')}
            </button>
            <button type="button" className="button" onClick={() => void resumeDraft(false)}>
              {t('intake.discardDraft')}
            </button>
          </div>
        </div>
      ) : null}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-describedby="intake-required">
        <p id="intake-required" className="muted">
          {t('common.requiredHint')}
        </p>
        <fieldset ref={firstField}>
          <legend>{t('intake.channelLegend')}</legend>
          <ChannelPicker value={form.channel} onChange={changeChannel} />
          <div className="row">
            <ReceivedAtField value={form.receivedAt} error={errors.receivedAt} onChange={(receivedAt) => update({ receivedAt })} />
          </div>
          {form.channel === 'email' ? <EmlImport onImported={importEmail} /> : null}
          <ChannelFields
            channel={form.channel}
            facts={form.channelFacts}
            errors={errors}
            onChange={(channelFacts) => update({ channelFacts })}
          />
        </fieldset>

        <fieldset>
          <legend>{t('intake.citizenLegend')}</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.anonymous}
              onChange={(event) => update({ anonymous: event.target.checked, citizenId: null })}
            />
            {t('intake.anonymous')}
          </label>
          {form.anonymous ? null : (
            <CitizenPicker
              citizen={form.citizen}
              citizenId={form.citizenId}
              errors={errors}
              onFieldsChange={(citizen) => update({ citizen })}
              onChoose={chooseCitizen}
            />
          )}
        </fieldset>

        <fieldset>
          <legend>{t('intake.requestLegend')}</legend>
          <CategorySelect
            categories={categories ?? []}
            value={form.categoryId}
            error={errors.categoryId}
            onChange={(categoryId) => update({ categoryId, categoryFields: {} })}
          />
          {category ? (
            <>
              <p className="muted" role="status">
                {t('intake.categoryInfo', { days: category.delayDays, competence: t(`competence.${category.competence}`) })}
              </p>
              <CategoryExtraFields
                category={category}
                values={form.categoryFields}
                errors={errors}
                onChange={(categoryFields) => update({ categoryFields })}
              />
            </>
          ) : null}
          <Field label={t('request.subject')} error={errors.subject} required>
            {(props) => <input {...props} value={form.subject} onChange={(event) => update({ subject: event.target.value })} />}
          </Field>
          <Field label={t('request.description')} error={errors.description}>
            {(props) => <textarea {...props} value={form.description} onChange={(event) => update({ description: event.target.value })} />}
          </Field>
          {hasPlaceField(category) ? null : (
            <Field label={t('request.location')} hint={t('intake.locationHint')}>
              {(props) => <input {...props} value={form.address} onChange={(event) => update({ address: event.target.value })} />}
            </Field>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={form.needsMayor} onChange={(event) => update({ needsMayor: event.target.checked })} />
            {t('request.needsMayor')}
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={form.sensitive} onChange={(event) => update({ sensitive: event.target.checked })} />
            {t('request.sensitive')}
          </label>
          <AttachmentsField attachments={form.attachments} onChange={(attachments) => update({ attachments })} />
        </fieldset>

        {Object.keys(errors).length > 0 ? (
          <p className="notice notice--error" role="alert">
            {t('intake.fixErrors', { count: Object.keys(errors).length })}
          </p>
        ) : null}
        {failure ? (
          <p className="notice notice--error" role="alert">
            {t(failure)}
          </p>
        ) : null}
        {cleared && !hasContent(form) ? (
          <div className="notice" role="status">
            <p>{t('intake.cleared')}</p>
            <button type="button" className="button" onClick={undoClear}>
              {t('intake.undoClear')}
            </button>
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? t('common.saving') : t('intake.save')}
          </button>
          <button type="button" className="button" onClick={clearForm}>
            {t('intake.clear')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** "Hélène Lefèvre" in a From header fills the resident's names when they are still empty. */
function splitName(senderName: string, current: IntakeForm['citizen']): Partial<IntakeForm['citizen']> {
  if (!senderName.trim() || current.lastName || current.firstName) return {};
  const words = senderName.trim().split(/\s+/);
  if (words.length === 1) return { lastName: words[0] ?? '' };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] ?? '' };
}
