import type { GuichetDatabase } from '../db/database';
import type { IntakeForm } from './form-state';

const INTAKE_DRAFT = 'intake';

export interface SavedDraft {
  form: IntakeForm;
  savedAt: string;
}

/**
 * The intake draft lives in IndexedDB, committed on every pause in typing,
 * so that a crash, a killed window or a power cut loses at most the last
 * keystrokes (quality.md, reliability 2).
 */
export async function saveIntakeDraft(db: GuichetDatabase, form: IntakeForm, now: Date = new Date()): Promise<void> {
  await db.drafts.upsert({ id: INTAKE_DRAFT, form: 'intake', json: JSON.stringify(form), savedAt: now.toISOString() });
}

export async function readIntakeDraft(db: GuichetDatabase): Promise<SavedDraft | null> {
  const doc = await db.drafts.findOne(INTAKE_DRAFT).exec();
  if (!doc) return null;
  try {
    return { form: JSON.parse(doc.json) as IntakeForm, savedAt: doc.savedAt };
  } catch {
    return null; // an unreadable draft is not offered; the next keystroke replaces it
  }
}

export async function discardIntakeDraft(db: GuichetDatabase): Promise<void> {
  const doc = await db.drafts.findOne(INTAKE_DRAFT).exec();
  if (doc) await doc.remove();
}
