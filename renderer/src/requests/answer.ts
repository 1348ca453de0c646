import type { CitizenDoc, RequestDoc, SettingsDoc } from '../../../domain/model';
import { buildTemplateContext, renderTemplate } from '../../../domain/templates';
import type { GuichetDatabase } from '../db/database';
import { journal, type Actor } from '../db/journal';
import { changeStatus, type TransitionResult } from './repository';
import { needsMayorApproval } from '../../../domain/council';
import type { CategoryDoc } from '../../../domain/model';

/**
 * Records the answer to a request, then moves it to `answered`. When the
 * request needs the mayor (flag or category), the answer is recorded but the
 * status waits for the mayor's approval (council table); a new text always
 * clears an earlier approval: the mayor approves a text, not a dossier.
 */
export async function saveAnswer(
  db: GuichetDatabase,
  request: RequestDoc,
  answer: { text: string; templateId: string | null },
  actor: Actor,
  now: Date = new Date(),
): Promise<TransitionResult> {
  const doc = await db.requests.findOne(request.id).exec();
  if (!doc) return { ok: false, error: 'errors.unknownRequest' };
  await doc.incrementalPatch({
    answer: { text: answer.text, templateId: answer.templateId, answeredAt: now.toISOString(), by: actor.actorId, approvedBy: null, approvedAt: null },
    updatedAt: now.toISOString(),
  });
  await journal(db, actor, { type: 'answered', requestId: request.id, citizenId: request.citizenId, fields: ['answer'] }, now);
  const category = (await db.categories.findOne(request.categoryId).exec())?.toJSON() as CategoryDoc | undefined;
  if (needsMayorApproval(request, category)) return { ok: true, request: (await db.requests.findOne(request.id).exec())!.toJSON() as RequestDoc };
  return changeStatus(db, request.id, 'answered', '', actor, now);
}

/** Fills a reply template for this request; missing or unknown placeholders are reported, never printed raw. */
export function fillTemplate(body: string, request: RequestDoc, citizen: CitizenDoc | null, settings: SettingsDoc, agentName: string, now: Date = new Date()) {
  return renderTemplate(body, buildTemplateContext({ request, citizen, settings, agentName, today: now }));
}
