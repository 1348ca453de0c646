import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuichetDatabase } from '../db/database';
import { createCitizen, updateCitizen, type CitizenFields } from './repository';
import { openTestDatabase, sampleRequest, testActor } from '../db/testing';
import { toPlain } from '../db/plain';

const helene: CitizenFields = {
  lastName: 'Lefèvre',
  firstName: 'Hélène',
  phone: '06 12 34 56 78',
  email: '',
  address: '',
  postalCode: '',
  city: '',
};

describe('editing a resident’s file', () => {
  let db: GuichetDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  it('journals which fields changed, never their values', async () => {
    const citizen = await createCitizen(db, helene, testActor);
    await updateCitizen(db, citizen.id, { ...helene, email: 'Helene.Lefevre@Example.fr ', birthDate: '1948-11-02' }, testActor);
    const stored = toPlain((await db.citizens.findOne(citizen.id).exec())!);
    expect(stored.email).toBe('helene.lefevre@example.fr');
    const updates = (await db.events.find({ selector: { citizenId: citizen.id, type: 'updated' } }).exec()).map((doc) => toPlain(doc));
    expect(updates).toHaveLength(1);
    expect(updates[0]!.fields.sort()).toEqual(['birthDate', 'email']);
    expect(JSON.stringify(updates[0])).not.toMatch(/example|1948/);
  });

  it('writes nothing when nothing changed', async () => {
    const citizen = await createCitizen(db, helene, testActor);
    await updateCitizen(db, citizen.id, { ...helene, lastName: ' Lefèvre ' }, testActor);
    expect(await db.events.count({ selector: { citizenId: citizen.id, type: 'updated' } }).exec()).toBe(0);
  });

  it('keeps the words of the person’s requests in step with a new name', async () => {
    const citizen = await createCitizen(db, helene, testActor);
    await db.requests.insert(sampleRequest(citizen.id, { searchText: '2026 a 0001 lefevre helene' }));
    await updateCitizen(db, citizen.id, { ...helene, lastName: 'Martin-Lefèvre' }, testActor);
    const request = (await db.requests.findOne({ selector: { citizenId: citizen.id } }).exec())!;
    expect(request.searchText).toContain('martin lefevre helene');
  });

  it('stores a civility only when it is known, and can clear it again', async () => {
    const citizen = await createCitizen(db, { ...helene, civility: '' }, testActor);
    expect('civility' in citizen).toBe(false);
    await updateCitizen(db, citizen.id, { ...helene, civility: 'madame' }, testActor);
    expect((await db.citizens.findOne(citizen.id).exec())!.civility).toBe('madame');
    // Intake does not send the civility: it stays as it is.
    await updateCitizen(db, citizen.id, { ...helene, phone: '06 00 00 00 00' }, testActor);
    expect((await db.citizens.findOne(citizen.id).exec())!.civility).toBe('madame');
    await updateCitizen(db, citizen.id, { ...helene, civility: '' }, testActor);
    expect((await db.citizens.findOne(citizen.id).exec())!.toJSON()).not.toHaveProperty('civility');
  });
});
