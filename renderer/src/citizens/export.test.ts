import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleDocuments } from '../../../domain/schemas/samples';
import type { GuichetDatabase } from '../db/database';
import { journal } from '../db/journal';
import { collectCitizenData, exportCitizen, exportFileName, type CitizenExport } from './export';
import { mergeCitizenFiles } from './merge';
import { createCitizen, type CitizenFields } from './repository';
import { openTestDatabase, sampleRequest, testActor } from '../db/testing';
import { toPlain } from '../db/plain';

const blank: CitizenFields = { lastName: '', firstName: '', phone: '', email: '', address: '', postalCode: '', city: '' };
const settings = sampleDocuments.settings;

describe('exporting what is held about a resident (RGPD)', () => {
  let db: GuichetDatabase;

  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  it('gathers the file, the merged files, every request and every journal line, and nobody else’s', async () => {
    const helene = await createCitizen(db, { ...blank, lastName: 'Lefèvre', firstName: 'Hélène' }, testActor);
    const duplicate = await createCitizen(db, { ...blank, lastName: 'Lefevre', firstName: 'Helene' }, testActor);
    const paul = await createCitizen(db, { ...blank, lastName: 'Durand', firstName: 'Paul' }, testActor);
    const own = sampleRequest(helene.id, { subject: 'Acte de naissance' });
    const moved = sampleRequest(duplicate.id, { subject: 'Lampadaire' });
    await db.requests.bulkInsert([own, moved, sampleRequest(paul.id, { subject: 'Salle des fêtes' })]);
    // A line about the request only (no citizenId), as older events may be.
    await journal(db, testActor, { type: 'note', requestId: own.id, text: 'Rappeler lundi' });
    await db.assistedsessions.bulkInsert([
      { ...sampleDocuments.assistedsessions, id: 's-helene', communeId: testActor.communeId, citizenId: helene.id },
      { ...sampleDocuments.assistedsessions, id: 's-paul', communeId: testActor.communeId, citizenId: paul.id },
    ]);
    await mergeCitizenFiles(db, helene.id, duplicate.id, testActor, { phone: (value) => value, email: (value) => value });

    const data = (await collectCitizenData(db, helene.id, settings))!;
    expect(data.citizen.id).toBe(helene.id);
    expect(data.mergedFiles.map((file) => file.id)).toEqual([duplicate.id]);
    expect(data.requests.map((request) => request.subject).sort()).toEqual(['Acte de naissance', 'Lampadaire']);
    const types = data.events.map((event) => event.type);
    expect(types).toContain('note');
    expect(types.filter((type) => type === 'created')).toHaveLength(2); // both files
    expect(data.events.some((event) => event.citizenId === paul.id)).toBe(false);
    expect(data.commune.name).toBe(settings.name);
    expect(data.assistedSessions.map((session) => session.id)).toEqual(['s-helene']);
  });

  it('journals the export, without its content, and names the file after the person', async () => {
    const helene = await createCitizen(db, { ...blank, lastName: 'Lefèvre', firstName: 'Hélène', email: 'helene@example.fr' }, testActor);
    const now = new Date(2026, 2, 12, 10);
    const result = (await exportCitizen(db, helene.id, settings, testActor, now))!;
    expect(result.fileName).toBe('usager-lefevre-helene-2026-03-12.json');
    const parsed = JSON.parse(result.json) as CitizenExport;
    expect(parsed.citizen.email).toBe('helene@example.fr');
    const exported = (await db.events.find({ selector: { citizenId: helene.id, type: 'exported' } }).exec()).map((doc) => toPlain(doc));
    expect(exported).toHaveLength(1);
    expect(JSON.stringify(exported[0])).not.toContain('helene@example.fr');
    expect(await exportCitizen(db, 'nobody', settings, testActor)).toBeNull();
  });

  it('names a file without a name plainly', () => {
    expect(exportFileName({ firstName: '', lastName: '' }, new Date(2026, 0, 5))).toBe('usager-sans-nom-2026-01-05.json');
  });
});
