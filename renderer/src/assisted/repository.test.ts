import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuichetDatabase } from '../db/database';
import { openTestDatabase, testActor } from '../db/testing';
import { createCommune } from '../setup/seed';
import { addShippedCatalogue, EMPTY_PROCEDURE, saveProcedure, saveSession, startSession } from './repository';

describe('assisted sessions in the store', () => {
  let db: GuichetDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  it('seeds the shipped catalogue when the commune is created, and adds only what is missing later', async () => {
    const device = await createCommune(db, {
      name: 'Saint-Aubin-sur-Meuse',
      inseeCode: '55460',
      address: '',
      postalCode: '',
      city: '',
      phone: '',
      email: '',
      epciName: '',
      secretaryName: 'Martine Collin',
    });
    const seeded = await db.procedures.find().exec();
    expect(seeded.length).toBeGreaterThanOrEqual(12);
    expect(seeded.every((procedure) => procedure.communeId === device.communeId && procedure.active)).toBe(true);
    await seeded[0]!.remove();
    expect(await addShippedCatalogue(db, device.communeId)).toBe(1);
    expect(await addShippedCatalogue(db, device.communeId)).toBe(0);
  });

  it('starts a session journaled on the resident, and saves only what the rules accept', async () => {
    const procedure = await saveProcedure(
      db,
      null,
      { ...EMPTY_PROCEDURE, title: 'Carte grise', steps: [{ id: '', label: 'Se connecter', required: true }] },
      testActor.communeId,
    );
    const session = await startSession(db, testActor, 'citizen-1', procedure, new Date('2026-03-12T09:30:00.000Z'));
    expect(session).toMatchObject({
      citizenId: 'citizen-1',
      procedureTitle: 'Carte grise',
      outcome: 'to_finish',
      agentName: 'Sylvie Martin',
    });
    const events = await db.events.find({ selector: { citizenId: 'citizen-1' } }).exec();
    expect(events.map((event) => [event.type, event.text])).toEqual([['assisted_session', 'Carte grise']]);

    const changes = {
      stepsDone: [],
      minutesSpent: 20,
      outcome: 'blocked' as const,
      blockedReason: '',
      nextSteps: 'mdp : Tulipe1948',
      documentsNextTime: [],
      followUpDate: '',
      trackingCode: '',
    };
    const refused = await saveSession(db, session, changes, procedure, false);
    expect(refused).toEqual({
      ok: false,
      errors: { blockedReason: 'assisted.errors.blockedReasonRequired', nextSteps: 'assisted.errors.secret' },
    });
    expect((await db.assistedsessions.findOne(session.id).exec())?.minutesSpent).toBe(0);

    const saved = await saveSession(
      db,
      session,
      { ...changes, blockedReason: 'Pas d’accès à la messagerie', nextSteps: 'Revenir avec le code de cession' },
      procedure,
      false,
    );
    expect(saved.ok).toBe(true);
    expect((await db.assistedsessions.findOne(session.id).exec())?.toJSON()).toMatchObject({ minutesSpent: 20, outcome: 'blocked' });
  });

  it('gives new procedures a code unique in the catalogue and step ids from their labels', async () => {
    const form = { ...EMPTY_PROCEDURE, title: 'Chèque énergie', steps: [{ id: '', label: 'Se connecter', required: true }] };
    const first = await saveProcedure(db, null, form, testActor.communeId);
    const second = await saveProcedure(db, null, form, testActor.communeId);
    expect([first.code, second.code]).toEqual(['cheque-energie', 'cheque-energie-2']);
    expect(first.steps).toEqual([{ id: 'se-connecter', label: 'Se connecter', required: true }]);
  });
});
