import type { GuichetDatabase } from '../db/database';
import type { IntakeForm } from './form-state';

const INTAKE_DRAFT = 'intake';

export interface SavedDraft {
  form: IntakeForm;
  savedAt: string;
}

/**
 * Draft writes of one database, one after the other: a discard queued after an
 * autosave runs once that autosave is committed, so an autosave that fired just
 * before the save can never be written back after the discard (issue 13, item 7).
 */
const queues = new WeakMap<GuichetDatabase, Promise<unknown>>();

function queued<T>(db: GuichetDatabase, write: () => Promise<T>): Promise<T> {
  const run = (queues.get(db) ?? Promise.resolve()).then(write, write);
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * The intake draft lives in IndexedDB, committed on every pause in typing,
 * so that a crash, a killed window or a power cut loses at most the last
 * keystrokes (quality.md, reliability 2).
 */
export function saveIntakeDraft(db: GuichetDatabase, form: IntakeForm, now: Date = new Date()): Promise<void> {
  return queued(db, async () => {
    await db.drafts.upsert({ id: INTAKE_DRAFT, form: 'intake', json: JSON.stringify(form), savedAt: now.toISOString() });
  });
}

/** The draft to offer back, or null; a draft whose request was saved is cleared instead of offered. */
export async function readIntakeDraft(db: GuichetDatabase): Promise<SavedDraft | null> {
  const doc = await db.drafts.findOne(INTAKE_DRAFT).exec();
  if (!doc) return null;
  let draft: SavedDraft;
  try {
    draft = { form: JSON.parse(doc.json) as IntakeForm, savedAt: doc.savedAt };
  } catch {
    return null; // an unreadable draft is not offered; the next keystroke replaces it
  }
  if (draft.form.requestId && (await db.requests.findOne(draft.form.requestId).exec())) {
    await discardIntakeDraft(db);
    return null;
  }
  return draft;
}

export function discardIntakeDraft(db: GuichetDatabase): Promise<void> {
  return queued(db, async () => {
    const doc = await db.drafts.findOne(INTAKE_DRAFT).exec();
    if (doc) await doc.remove();
  });
}
