import type { CitizenDoc, ReplyKind, RequestDoc, SettingsDoc } from '../../../domain/model';
import { replyRefusal, statusAfterReply } from '../../../domain/replies';
import { buildTemplateContext, renderTemplate } from '../../../domain/templates';
import type { GuichetDatabase } from '../db/database';
import { patchJournaled, type Actor } from '../db/journal';
import { changeStatus, type TransitionResult } from './repository';
import { needsMayorApproval } from '../../../domain/council';
import type { CategoryDoc } from '../../../domain/model';
import { toPlain } from '../db/plain';

/**
 * Records a reply to a request. Only a final answer moves it to `answered`;
 * a holding reply or a request for pieces leaves it open
 * (domain/replies.ts). When the request needs the mayor (flag or category),
 * the final answer is recorded but the status waits for the mayor's approval
 * (council table); a new text always clears an earlier approval: the mayor
 * approves a text, not a dossier. The journal line names the kind, never the text.
 */
export async function saveAnswer(
  db: GuichetDatabase,
  request: RequestDoc,
  answer: { text: string; templateId: string | null; kind: ReplyKind },
  actor: Actor,
  now: Date = new Date(),
): Promise<TransitionResult> {
  const doc = await db.requests.findOne(request.id).exec();
  if (!doc) return { ok: false, error: 'errors.unknownRequest' };
  const refused = replyRefusal(toPlain(doc).status, answer.kind);
  if (refused) return { ok: false, error: refused };
  const written = { ...answer, answeredAt: now.toISOString(), by: actor.actorId, approvedBy: null, approvedAt: null };
  await patchJournaled(
    db,
    doc,
    { answer: written },
    actor,
    { type: 'answered', requestId: request.id, citizenId: request.citizenId, fields: ['answer'], text: answer.kind },
    now,
  );
  const stored = toPlain((await db.requests.findOne(request.id).exec())!);
  const next = statusAfterReply(stored.status, answer.kind);
  if (!next) return { ok: true, request: stored };
  const category = (await db.categories.findOne(request.categoryId).exec())?.toJSON() as CategoryDoc | undefined;
  if (next === 'answered' && needsMayorApproval(request, category)) return { ok: true, request: stored };
  return changeStatus(db, request.id, next, '', actor, now);
}

/** Fills a reply template for this request; missing or unknown placeholders are reported, never printed raw. */
export function fillTemplate(
  body: string,
  request: RequestDoc,
  citizen: CitizenDoc | null,
  settings: SettingsDoc,
  agentName: string,
  now: Date = new Date(),
) {
  return renderTemplate(body, buildTemplateContext({ request, citizen, settings, agentName, today: now }));
}
