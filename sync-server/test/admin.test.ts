/** Administration rules that hold on every storage (the CLI's own tests are in cli.test.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminError, runAdmin, type TenantView } from '../src/admin';
import { openTestStorage, STORAGE_KINDS, type TestStorage } from './harness';

describe.each(STORAGE_KINDS)('administration on %s', (kind) => {
  let storage: TestStorage;

  beforeAll(async () => {
    storage = await openTestStorage(kind);
  });

  afterAll(async () => {
    await storage?.close();
  });

  it('refuses a second intercommunality of the same name, whatever its case, accents and spaces', async () => {
    const first = (await runAdmin(storage, { command: 'epci-add', name: 'Communauté d’agglomération de Bar-le-Duc' })) as TenantView;
    for (const name of [
      'communaute d’agglomeration de bar le duc',
      'COMMUNAUTÉ D’AGGLOMÉRATION DE BAR-LE-DUC ',
      'Communauté d’agglomération de Barle-Duc',
    ]) {
      const attempt = runAdmin(storage, { command: 'epci-add', name });
      await expect(attempt).rejects.toThrow(AdminError);
      await expect(attempt).rejects.toThrow(
        `an intercommunality named “Communauté d’agglomération de Bar-le-Duc” already exists (${first.id})`,
      );
    }
    await runAdmin(storage, { command: 'epci-add', name: 'Communauté d’agglomération de Verdun' });
    const epcis = ((await runAdmin(storage, { command: 'tenants-list' })) as TenantView[]).filter((tenant) => tenant.kind === 'epci');
    expect(epcis.map((tenant) => tenant.name).sort()).toEqual([
      'Communauté d’agglomération de Bar-le-Duc',
      'Communauté d’agglomération de Verdun',
    ]);
  });

  it('still allows two communes of one name (they differ by INSEE code)', async () => {
    await runAdmin(storage, { command: 'commune-add', name: 'Saint-Aubin', insee: '55460', epciId: null });
    await expect(runAdmin(storage, { command: 'commune-add', name: 'Saint-Aubin', insee: '39478', epciId: null })).resolves.toMatchObject({
      kind: 'commune',
    });
  });
});
