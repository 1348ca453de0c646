import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CitizenDoc, EventDoc } from '../../../domain/model';
import type { GuichetDatabase } from '../db/database';
import { mergeCitizenFiles, resolveMergedFile } from './merge';
import { createCitizen, type CitizenFields } from './repository';
import { searchCitizens } from './search';
import { openTestDatabase, sampleRequest, testActor } from '../db/testing';
import { sampleDocuments } from '../../../domain/schemas/samples';
import { toPlain } from '../db/plain';

const blank: CitizenFields = { lastName: '', firstName: '', phone: '', email: '', address: '', postalCode: '', city: '' };

async function citizen(db: GuichetDatabase, id: string): Promise<CitizenDoc> {
  return toPlain((await db.citizens.findOne(id).exec())!);
}

async function eventsOf(db: GuichetDatabase, citizenId: string): Promise<EventDoc[]> {
  return (await db.events.find({ selector: { citizenId }, sort: [{ at: 'asc' }] }).exec()).map((doc) => toPlain(doc));
}

/** The notes' words for the merged file's other phone and email, as the interface gives them. */
const LABELS = {
  phone: (value: string) => `Autre téléphone (dossier fusionné) : ${value}`,
  email: (value: string) => `Autre courriel (dossier fusionné) : ${value}`,
};

describe('mergeCitizenFiles', () => {
  let db: GuichetDatabase;
  let keep: CitizenDoc;
  let other: CitizenDoc;

  beforeEach(async () => {
    db = await openTestDatabase();
    keep = await createCitizen(db, { ...blank, lastName: 'Lefèvre', firstName: 'Hélène', phone: '06 12 34 56 78' }, testActor);
    other = await createCitizen(
      db,
      {
        ...blank,
        lastName: 'LEFEVRE',
        firstName: 'Helene',
        phone: '03 83 00 00 00',
        email: 'helene@example.fr',
        address: '12 rue Saint-Éloi',
        postalCode: '54000',
        city: 'Nancy',
        civility: 'madame',
      },
      testActor,
    );
    await db.requests.bulkInsert([
      sampleRequest(other.id, { subject: 'Lampadaire' }),
      sampleRequest(other.id, { subject: 'Badge déchetterie' }),
      sampleRequest(keep.id, { subject: 'Acte de naissance' }),
    ]);
  });

  afterEach(async () => {
    await db.close();
  });

  it("fills the kept file's empty fields and never overwrites what it says", async () => {
    const result = await mergeCitizenFiles(db, keep.id, other.id, testActor, LABELS);
    expect(result.ok).toBe(true);
    const kept = await citizen(db, keep.id);
    expect(kept).toMatchObject({
      lastName: 'Lefèvre',
      firstName: 'Hélène',
      phone: '06 12 34 56 78',
      email: 'helene@example.fr',
      address: '12 rue Saint-Éloi',
      postalCode: '54000',
      city: 'Nancy',
      civility: 'madame',
      mergedInto: null,
    });
    // the duplicate's other phone is not lost: it is in the notes, on the file (issue 13)
    expect(result.ok && result.filledFields.sort()).toEqual(['address', 'city', 'civility', 'email', 'notes', 'postalCode']);
    expect(kept.notes).toMatch(/^Autre téléphone \(dossier fusionné\) : /m);
  });

  it('moves every request of the other file to the kept one, where they are found by its name', async () => {
    const result = await mergeCitizenFiles(db, keep.id, other.id, testActor, LABELS);
    expect(result.ok && result.movedRequests).toBe(2);
    const requests = await db.requests.find({ selector: { citizenId: keep.id } }).exec();
    expect(requests.map((request) => request.subject).sort()).toEqual(['Acte de naissance', 'Badge déchetterie', 'Lampadaire']);
    expect(await db.requests.count({ selector: { citizenId: other.id } }).exec()).toBe(0);
    for (const request of requests) expect(request.searchText).toContain('lefevre helene');
  });

  it('moves the other file’s assisted sessions to the kept one', async () => {
    await db.assistedsessions.insert({
      ...sampleDocuments.assistedsessions,
      id: 's-other',
      communeId: testActor.communeId,
      citizenId: other.id,
    });
    await mergeCitizenFiles(db, keep.id, other.id, testActor, LABELS);
    expect((await db.assistedsessions.findOne('s-other').exec())?.citizenId).toBe(keep.id);
  });

  it('marks the other file as merged: it leaves the lists but stays readable, and leads to the kept one', async () => {
    await mergeCitizenFiles(db, keep.id, other.id, testActor, LABELS);
    expect((await citizen(db, other.id)).mergedInto).toBe(keep.id);
    expect((await searchCitizens(db, 'lefevre')).map((found) => found.id)).toEqual([keep.id]);
    expect((await resolveMergedFile(db, other.id))?.id).toBe(keep.id);
  });

  it('journals the merge on both files and on each moved request, with field names only', async () => {
    await mergeCitizenFiles(db, keep.id, other.id, testActor, LABELS);
    const onKeep = (await eventsOf(db, keep.id)).filter((event) => event.type === 'citizen_merged');
    expect(onKeep).toHaveLength(3); // the file itself, and the two requests moved to it
    expect(onKeep.filter((event) => event.requestId === '')).toHaveLength(1);
    const onOther = (await eventsOf(db, other.id)).filter((event) => event.type === 'citizen_merged');
    expect(onOther).toHaveLength(1);
    for (const event of [...onKeep, ...onOther]) {
      expect(event.actorName).toBe(testActor.actorName);
      expect(event.text).toBe('');
      expect(JSON.stringify(event)).not.toContain('helene@example.fr');
    }
  });

  it('refuses to merge a file with itself or with a file already merged', async () => {
    expect(await mergeCitizenFiles(db, keep.id, keep.id, testActor, LABELS)).toEqual({ ok: false, error: 'citizen.merge.errors.same' });
    expect(await mergeCitizenFiles(db, keep.id, 'nobody', testActor, LABELS)).toEqual({
      ok: false,
      error: 'citizen.merge.errors.notFound',
    });
    await mergeCitizenFiles(db, keep.id, other.id, testActor, LABELS);
    expect(await mergeCitizenFiles(db, other.id, keep.id, testActor, LABELS)).toEqual({
      ok: false,
      error: 'citizen.merge.errors.alreadyMerged',
    });
    const third = await createCitizen(db, { ...blank, lastName: 'Autre' }, testActor);
    expect(await mergeCitizenFiles(db, third.id, other.id, testActor, LABELS)).toEqual({
      ok: false,
      error: 'citizen.merge.errors.alreadyMerged',
    });
  });

  it('finishes a merge that stopped halfway when run again, without duplicating anything', async () => {
    // As if the app had stopped after moving one request: run the merge again.
    const first = (await db.requests.findOne({ selector: { citizenId: other.id } }).exec())!;
    await first.incrementalPatch({ citizenId: keep.id });
    const result = await mergeCitizenFiles(db, keep.id, other.id, testActor, LABELS);
    expect(result.ok && result.movedRequests).toBe(1);
    expect(await db.requests.count({ selector: { citizenId: keep.id } }).exec()).toBe(3);
    expect((await citizen(db, other.id)).mergedInto).toBe(keep.id);
  });

  it('follows merges of merges to the file that lives on', async () => {
    const third = await createCitizen(db, { ...blank, lastName: 'Lefèvre', firstName: 'H.' }, testActor);
    await mergeCitizenFiles(db, keep.id, other.id, testActor, LABELS);
    await mergeCitizenFiles(db, third.id, keep.id, testActor, LABELS);
    expect((await resolveMergedFile(db, other.id))?.id).toBe(third.id);
    expect(await db.requests.count({ selector: { citizenId: third.id } }).exec()).toBe(3);
  });
});
