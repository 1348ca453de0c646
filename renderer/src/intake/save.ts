import type { CategoryDoc, CitizenDoc, RequestDoc, SettingsDoc } from '../../../domain/model';
import { NO_ID } from '../../../domain/model';
import type { GuichetDatabase } from '../db/database';
import type { Actor } from '../db/journal';
import { createCitizen } from '../citizens';
import { createRequest } from '../requests';
import type { IntakeForm } from './form-state';
import { locationOf } from '../requests';
import { toPlain } from '../db/plain';

/** Keeps only the facts of the chosen channel: the others were typed, then abandoned. */
function channelFactsOf(form: IntakeForm): RequestDoc['channelFacts'] {
  const facts = form.channelFacts;
  switch (form.channel) {
    case 'counter':
      return { residentPresent: facts.residentPresent ?? true };
    case 'phone':
      return { phoneNumber: facts.phoneNumber ?? '' };
    case 'mail':
      return { postmarkDate: facts.postmarkDate ?? '', sender: facts.sender ?? '', mailRegisterNumber: facts.mailRegisterNumber ?? '' };
    case 'email':
      return {
        sender: facts.sender ?? '',
        emailSubject: facts.emailSubject ?? '',
        emailMessageId: facts.emailMessageId ?? '',
        emailBody: facts.emailBody ?? '',
      };
    default:
      return {};
  }
}

function wantsNewCitizen(form: IntakeForm): boolean {
  return !form.anonymous && !form.citizenId && form.citizen.lastName.trim() !== '';
}

/**
 * Saves the intake form: the resident's file first when a new one is typed,
 * then the request and its journal line. Each write is committed before the
 * next starts; if one fails, what was saved stays and the form keeps its data.
 * The request takes the form's `requestId`: saving the same form again gives
 * back the request already recorded instead of a second one.
 */
export async function saveIntake(
  db: GuichetDatabase,
  form: IntakeForm,
  context: { actor: Actor; devicePrefix: string; settings: SettingsDoc; category: CategoryDoc; now?: Date },
): Promise<{ request: RequestDoc; citizen: CitizenDoc | null }> {
  const already = form.requestId ? await db.requests.findOne(form.requestId).exec() : null;
  if (already) return { request: toPlain(already), citizen: null };
  let citizen: CitizenDoc | null = null;
  if (!form.anonymous && form.citizenId) {
    citizen = ((await db.citizens.findOne(form.citizenId).exec())?.toJSON() as CitizenDoc | undefined) ?? null;
  } else if (wantsNewCitizen(form)) {
    citizen = await createCitizen(db, form.citizen, context.actor, context.now);
  }
  const request = await createRequest(
    db,
    {
      channel: form.channel,
      channelFacts: channelFactsOf(form),
      receivedAt: new Date(form.receivedAt).toISOString(),
      categoryId: form.categoryId,
      categoryFields: form.categoryFields,
      subject: form.subject.trim(),
      description: form.description.trim(),
      citizenId: citizen?.id ?? NO_ID,
      location: locationOf(context.category, form.categoryFields, form.address),
      competence: context.category.competence,
      assigneeId: null,
      attachments: form.attachments,
      flags: { needsMayor: form.needsMayor || context.category.needsMayorApproval, sensitive: form.sensitive },
      onBehalf: null,
    },
    { ...context, citizen, ...(form.requestId ? { id: form.requestId } : {}) },
  );
  return { request, citizen };
}
