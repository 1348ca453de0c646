import type { RequestDoc, SettingsDoc } from '../../../domain/model';
import type { GuichetDatabase } from '../db/database';
import { journal, type Actor } from '../db/journal';
import { changeStatus, type TransitionResult } from './repository';

/**
 * Forwards a request to the commune's intercommunality: records who it went
 * to and when, sets the competence, and moves the status to `transferred`
 * (the status rules decide whether that is allowed from where it stands).
 */
export async function transferToEpci(
  db: GuichetDatabase,
  request: RequestDoc,
  settings: SettingsDoc,
  note: string,
  actor: Actor,
  now: Date = new Date(),
): Promise<TransitionResult> {
  const transfer = {
    to: 'epci' as const,
    toId: settings.epciId,
    toName: settings.epciName,
    at: now.toISOString(),
    by: actor.actorId,
    note,
  };
  const moved = await changeStatus(db, request.id, 'transferred', note, actor, now, { transfer, competence: 'epci' });
  if (!moved.ok) return moved;
  await journal(db, actor, { type: 'transferred', requestId: request.id, citizenId: request.citizenId, text: settings.epciName }, now);
  return moved;
}
