import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleDocuments } from '../../../domain/schemas/samples';
import type { GuichetDatabase } from '../db/database';
import { openTestDatabase, testActor } from '../db/testing';
import { discardIntakeDraft, readIntakeDraft, saveIntakeDraft } from './drafts';
import { emptyIntakeForm, type IntakeForm } from './form-state';
import { saveIntake } from './save';

let db: GuichetDatabase;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(async () => {
  await db.close();
});

const category = { ...sampleDocuments.categories, delayDays: 10 };
const settings = sampleDocuments.settings;

function typedForm(): IntakeForm {
  return {
    ...emptyIntakeForm('counter', new Date('2026-11-16T09:00:00')),
    categoryId: category.id,
    subject: 'Lampadaire éteint',
    anonymous: true,
  };
}

describe('the intake draft and the save', () => {
  it('a draft write still in flight when the form is saved does not survive the save', async () => {
    const form = typedForm();
    // The debounced autosave fired just before the click on « Enregistrer »: its write is not committed yet.
    const lateAutosave = saveIntakeDraft(db, form);
    await discardIntakeDraft(db);
    await lateAutosave;
    expect(await readIntakeDraft(db)).toBeNull();
  });

  it('a draft whose request was saved is never offered back, and is cleared', async () => {
    const form = typedForm();
    await saveIntakeDraft(db, form);
    await saveIntake(db, form, { actor: testActor, devicePrefix: 'A', settings, category });
    // Even if the draft was written again after the save (a crash between the two writes), it is not offered.
    await saveIntakeDraft(db, form);
    expect(await readIntakeDraft(db)).toBeNull();
    expect(await db.drafts.findOne('intake').exec()).toBeNull();
  });

  it('a draft of a request not saved yet is offered back', async () => {
    const form = typedForm();
    await saveIntakeDraft(db, form);
    expect((await readIntakeDraft(db))?.form.subject).toBe('Lampadaire éteint');
  });

  it('saving the same form twice records one request', async () => {
    const form = typedForm();
    const first = await saveIntake(db, form, { actor: testActor, devicePrefix: 'A', settings, category });
    const second = await saveIntake(db, form, { actor: testActor, devicePrefix: 'A', settings, category });
    expect(second.request.reference).toBe(first.request.reference);
    expect(await db.requests.count().exec()).toBe(1);
  });
});
