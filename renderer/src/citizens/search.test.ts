import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuichetDatabase } from '../db/database';
import { createCitizen, type CitizenFields } from './repository';
import { CitizenWordIndex, searchCitizens } from './search';
import { openTestDatabase, testActor } from '../db/testing';

const person = (lastName: string, firstName: string, phone = '', city = ''): CitizenFields => ({
  lastName,
  firstName,
  phone,
  email: '',
  address: '',
  postalCode: '',
  city,
});

const names = (found: Array<{ lastName: string; firstName: string }>) => found.map((citizen) => `${citizen.lastName} ${citizen.firstName}`);

describe('searchCitizens', () => {
  let db: GuichetDatabase;

  beforeEach(async () => {
    db = await openTestDatabase();
    await createCitizen(db, person('Lefèvre', 'Hélène', '+33 6 12 34 56 78'), testActor);
    await createCitizen(db, person('Lefebvre', 'Paul', '03 83 11 22 33'), testActor);
    await createCitizen(db, person('De la Fontaine', 'Marie', '06 99 88 77 66'), testActor);
    await createCitizen(db, person('Saint-Éloi', 'Jean', ''), testActor);
  });

  afterEach(async () => {
    await db.close();
  });

  it('finds "Hélène Lefèvre" however it is typed, first name first or not', async () => {
    for (const query of ['helene lefevre', 'Lefèvre', 'LEFEVRE HEL', 'lef hél', 'hélène']) {
      const index = query === 'hélène' ? await loadedIndex(db) : undefined;
      expect(names(await searchCitizens(db, query, { index })), query).toContain('Lefèvre Hélène');
    }
    expect(names(await searchCitizens(db, 'lefe'))).toEqual(['Lefebvre Paul', 'Lefèvre Hélène']);
  });

  it('finds by the beginning of the phone number, whatever the separators', async () => {
    expect(names(await searchCitizens(db, '06 12'))).toEqual(['Lefèvre Hélène']);
    expect(names(await searchCitizens(db, '+33 6 12 34'))).toEqual(['Lefèvre Hélène']);
    expect(names(await searchCitizens(db, '03.83'))).toEqual(['Lefebvre Paul']);
  });

  it('finds words anywhere in the name, and the end of a number, once the word index is loaded', async () => {
    expect(names(await searchCitizens(db, 'fontaine'))).toEqual([]);
    const index = await loadedIndex(db);
    expect(names(await searchCitizens(db, 'fontaine', { index }))).toEqual(['De la Fontaine Marie']);
    expect(names(await searchCitizens(db, 'marie fontaine', { index }))).toEqual(['De la Fontaine Marie']);
    expect(names(await searchCitizens(db, '77 66', { index }))).toEqual(['De la Fontaine Marie']);
    expect(names(await searchCitizens(db, 'st eloi', { index }))).toEqual(['Saint-Éloi Jean']);
    index.close();
  });

  it('keeps the word index current as files are added and merged', async () => {
    const index = await loadedIndex(db);
    const added = await createCitizen(db, person('Ndiaye', 'Aminata'), testActor);
    expect(index.search('aminata', 10)).toEqual([added.id]);
    await (await db.citizens.findOne(added.id).exec())!.incrementalPatch({ mergedInto: 'someone-else' });
    expect(index.search('aminata', 10)).toEqual([]);
    index.close();
  });

  it('leaves merged files out', async () => {
    const helene = (await searchCitizens(db, 'lefevre helene'))[0]!;
    await (await db.citizens.findOne(helene.id).exec())!.incrementalPatch({ mergedInto: 'someone-else' });
    expect(names(await searchCitizens(db, 'lefevre'))).toEqual([]);
    expect(names(await searchCitizens(db, ''))).not.toContain('Lefèvre Hélène');
  });

  it('shows the first files in alphabetical order when nothing is typed, and at most the limit', async () => {
    for (let i = 0; i < 60; i += 1)
      await createCitizen(db, person('Martin', `Prénom${String(i).padStart(2, '0')}`), testActor, new Date(Date.UTC(2026, 0, 1, 0, i)));
    const first = await searchCitizens(db, '');
    expect(first).toHaveLength(50);
    expect(first[0]!.lastName).toBe('De la Fontaine');
    const martins = await searchCitizens(db, 'martin', { limit: 50 });
    expect(martins).toHaveLength(50);
    expect(martins[0]!.firstName).toBe('Prénom00');
  });
});

async function loadedIndex(db: GuichetDatabase): Promise<CitizenWordIndex> {
  const index = new CitizenWordIndex(db);
  await index.load();
  return index;
}
