import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_ID } from '../../../domain/schemas';
import { sampleDocuments } from '../../../domain/schemas/samples';
import type { EnrollResponse } from '../../../domain/protocol';
import { storeAttachment } from '../db/blobs';
import type { GuichetDatabase } from '../db/database';
import { journal } from '../db/journal';
import { openTestDatabase, sampleRequest, testActor } from '../db/testing';
import { newDeviceState, readDevice, writeDevice } from '../session/device';
import { adoptEnrollment, derivedId } from './adopt';
import { downloadBlob, uploadPendingBlobs } from './blob-sync';
import { enrollDevice, normaliseCode } from './enroll';
import { describeSync } from './status';
import type { SyncStatus } from './replication';
import type { SettingsDoc } from '../../../domain/model';
import { setPlatformForTests } from '../platform';
import { createWebApi } from '../platform/web-api';
import { joinCommune } from './join';

const ENROLLED: EnrollResponse = {
  deviceId: 'server-device-1',
  token: 'T'.repeat(43),
  commune: { id: 'tenant-saint-aubin', name: 'Saint-Aubin-sur-Meuse' },
  kind: 'commune',
  devicePrefix: 'B',
  tokenExpiresAt: '2027-12-04T00:00:00.000Z',
  epci: { id: 'tenant-cc-val', name: 'CC du Val de Meuse' },
};

function answering(status: number, body: unknown): typeof fetch {
  return async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('enrollment', () => {
  it('posts the code and the device name, and hands back what the server said', async () => {
    let sent: { url: string; body: unknown } | null = null;
    const fake: typeof fetch = async (url, init) => {
      sent = { url: String(url), body: JSON.parse(String(init?.body)) };
      return new Response(JSON.stringify(ENROLLED), { status: 201 });
    };
    const outcome = await enrollDevice('http://127.0.0.1:8787/', ' k7mq 4qx2-pt9a ', ' Poste accueil ', fake);
    expect(outcome).toEqual({ ok: true, serverUrl: 'http://127.0.0.1:8787', response: ENROLLED });
    expect(sent).toEqual({ url: 'http://127.0.0.1:8787/api/v1/enroll', body: { code: 'K7MQ4QX2-PT9A', deviceName: 'Poste accueil' } });
  });

  it('tells a wrong code, an unreachable server, a bad address and something else apart', async () => {
    const wrong = answering(401, { error: { code: 'invalid_code', message: 'unknown' } });
    expect(await enrollDevice('https://sync.cc-val.fr', 'AAAA', 'Poste', wrong)).toEqual({ ok: false, failure: 'invalid-code' });
    const down: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await enrollDevice('https://sync.cc-val.fr', 'AAAA', 'Poste', down)).toEqual({ ok: false, failure: 'unreachable' });
    expect(await enrollDevice('http://sync.cc-val.fr', 'AAAA', 'Poste', down)).toEqual({ ok: false, failure: 'not-https' });
    expect(await enrollDevice('sync cc val', 'AAAA', 'Poste', down)).toEqual({ ok: false, failure: 'invalid-url' });
    expect(await enrollDevice('https://www.example.fr', 'AAAA', 'Poste', answering(404, { message: 'Not found' }))).toEqual({
      ok: false,
      failure: 'not-a-server',
    });
    expect(
      await enrollDevice('https://sync.cc-val.fr', 'AAAA', 'Poste', answering(429, { error: { code: 'rate_limited', message: 'slow' } })),
    ).toEqual({ ok: false, failure: 'rate-limited' });
  });

  it('reads codes as people type them', () => {
    expect(normaliseCode(' k7mq-4qx2 ')).toBe('K7MQ-4QX2');
  });
});

describe('the status line', () => {
  const status = (patch: Partial<SyncStatus>): SyncStatus => ({
    state: 'idle',
    pending: 0,
    lastSyncAt: '2026-12-04T13:32:00.000Z',
    error: null,
    ...patch,
  });

  it('says up to date at hh:mm, sending N, offline with what happens to the work', () => {
    expect(describeSync({ kind: 'running', status: status({}) }, 'fr-FR')).toMatchObject({
      key: 'sync.status.upToDate',
      values: { time: expect.stringMatching(/^\d\d:\d\d$/) },
      tone: 'ok',
    });
    expect(describeSync({ kind: 'running', status: status({ state: 'sending', pending: 3 }) })).toMatchObject({
      key: 'sync.status.sending',
      values: { count: 3 },
    });
    expect(describeSync({ kind: 'running', status: status({ state: 'offline', error: { code: 'network', status: null } }) })).toMatchObject(
      {
        key: 'sync.status.offlineSince',
        actionKey: 'sync.action.offline',
      },
    );
    expect(describeSync({ kind: 'off' }).key).toBe('sync.status.off');
  });

  it('offline, says how many changes wait to leave (issue 13, item 11)', () => {
    const offline = (pending: number, lastSyncAt: string | null = '2026-12-04T13:32:00.000Z') =>
      describeSync({
        kind: 'running',
        status: status({ state: 'offline', pending, lastSyncAt, error: { code: 'network', status: null } }),
      });
    expect(offline(4)).toMatchObject({
      key: 'sync.status.offlineSincePending',
      values: { count: 4, time: expect.stringMatching(/^\d\d:\d\d$/) },
    });
    expect(offline(1, null)).toMatchObject({ key: 'sync.status.offlinePending', values: { count: 1 } });
    expect(offline(0).key).toBe('sync.status.offlineSince');
  });

  it('says what to do when the token is revoked or expired, or the app too old', () => {
    const revoked = describeSync({ kind: 'running', status: status({ state: 'error', error: { code: 'token_revoked', status: 401 } }) });
    expect(revoked).toMatchObject({ key: 'sync.status.tokenRevoked', actionKey: 'sync.action.enrollAgain', tone: 'error' });
    expect(describeSync({ kind: 'running', status: status({ state: 'error', error: { code: 'token_expired', status: 401 } }) }).key).toBe(
      'sync.status.tokenExpired',
    );
    expect(
      describeSync({ kind: 'running', status: status({ state: 'error', error: { code: 'upgrade_required', status: 426 } }) }).actionKey,
    ).toBe('sync.action.update');
  });
});

describe('adopting the tenant at enrollment', () => {
  let db: GuichetDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(async () => {
    await db.close();
  });

  it('moves every document to the tenant, gives the catalogue commune-wide ids, and learns the intercommunality', async () => {
    const local = sampleDocuments.settings.communeId;
    await writeDevice(db, newDeviceState(local, 'u-1'));
    await db.settings.insert({ ...sampleDocuments.settings, id: SETTINGS_ID, epciId: null });
    const category = await db.categories.insert({ ...sampleDocuments.categories });
    const template = await db.replytemplates.insert({ ...sampleDocuments.replytemplates, categoryIds: [category.id] });
    const citizen = await db.citizens.insert({ ...sampleDocuments.citizens });
    const request = await db.requests.insert(sampleRequest(citizen.id, { categoryId: category.id }));

    const device = await adoptEnrollment(db, 'http://127.0.0.1:8787', 'Poste accueil', { ...ENROLLED, role: 'mayor' } as EnrollResponse);

    const tenant = ENROLLED.commune.id;
    expect(device).toMatchObject({
      communeId: tenant,
      devicePrefix: 'B',
      sync: { tenantId: tenant, tenantName: 'Saint-Aubin-sur-Meuse', kind: 'commune', role: 'mayor', serverDeviceId: 'server-device-1' },
    });
    expect(await readDevice(db)).toEqual(device);
    const sharedCategoryId = await derivedId([tenant, 'category', sampleDocuments.categories.code]);
    expect((await db.categories.find().exec()).map((doc) => [doc.id, doc.communeId])).toEqual([[sharedCategoryId, tenant]]);
    const movedRequest = await db.requests.findOne(request.id).exec();
    expect(movedRequest?.toJSON()).toMatchObject({ communeId: tenant, categoryId: sharedCategoryId });
    const templates = await db.replytemplates.find().exec();
    expect(templates.map((doc) => doc.toJSON())).toEqual([expect.objectContaining({ communeId: tenant, categoryIds: [sharedCategoryId] })]);
    expect(templates[0]?.id).not.toBe(template.id);
    expect((await db.citizens.findOne(citizen.id).exec())?.communeId).toBe(tenant);
    expect((await db.settings.findOne(SETTINGS_ID).exec())?.toJSON()).toMatchObject({
      communeId: tenant,
      epciId: 'tenant-cc-val',
      epciName: 'CC du Val de Meuse',
    });

    // Enrolling again (a new code after a revoked token) changes nothing more.
    await adoptEnrollment(db, 'http://127.0.0.1:8787', 'Poste accueil', ENROLLED);
    expect((await db.categories.find().exec()).map((doc) => doc.id)).toEqual([sharedCategoryId]);
  });

  it('writes an intercommunality’s journal lines into the commune’s journal of a forwarded request', async () => {
    const request = await db.requests.insert(sampleRequest('', { communeId: 'tenant-saint-aubin' }));
    const event = await journal(
      db,
      { ...testActor, communeId: 'tenant-cc-val' },
      { type: 'note', requestId: request.id, text: 'Bac livré' },
    );
    expect(event.communeId).toBe('tenant-saint-aubin');
    const own = await journal(db, { ...testActor, communeId: 'tenant-cc-val' }, { type: 'exported' });
    expect(own.communeId).toBe('tenant-cc-val');
  });

  it('uploads attachment bytes once, and downloads a missing one checking its hash', async () => {
    const bytes = new TextEncoder().encode('scan of a letter').buffer;
    const ref = await storeAttachment(db, { name: 'courrier.pdf', type: 'application/pdf', bytes }, 'u-1');
    const stored = new Map<string, ArrayBuffer>();
    const server: typeof fetch = async (url, init) => {
      const sha = String(url).split('/').pop() ?? '';
      if (init?.method === 'PUT') {
        stored.set(sha, init.body as ArrayBuffer);
        return new Response(null, { status: 201 });
      }
      const found = stored.get(sha);
      return found ? new Response(found, { status: 200 }) : new Response(null, { status: 404 });
    };
    const blobServer = { serverUrl: 'http://127.0.0.1:8787', token: 'T', fetch: server };
    expect(await uploadPendingBlobs(db, blobServer)).toBe(1);
    expect(await uploadPendingBlobs(db, blobServer)).toBe(0);
    expect(stored.has(ref.sha256)).toBe(true);

    // Another device has the document but not the bytes (RxDB allows few open databases in a process: the same one, emptied).
    await (await db.blobs.findOne(ref.sha256).exec())?.remove();
    const downloaded = await downloadBlob(db, blobServer, ref.sha256, 'application/pdf');
    expect(downloaded.status).toBe('downloaded');
    expect(downloaded.status === 'downloaded' ? await downloaded.blob.text() : null).toBe('scan of a letter');
    expect((await db.blobs.findOne(ref.sha256).exec())?.uploaded).toBe(true);
    expect((await downloadBlob(db, blobServer, 'f'.repeat(64), 'application/pdf')).status).toBe('unavailable');
  });
});

describe('joining a commune from the first start', () => {
  let db: GuichetDatabase;
  const stored = new Map<string, string>();
  beforeEach(async () => {
    db = await openTestDatabase();
    stored.clear();
    setPlatformForTests(
      createWebApi({
        document: {
          createElement: () => {
            throw new Error('no DOM');
          },
          body: { appendChild: () => undefined },
        } as never,
        storage: {
          getItem: (key) => stored.get(key) ?? null,
          setItem: (key, value) => void stored.set(key, value),
          removeItem: (key) => void stored.delete(key),
        },
        open: () => null,
        createObjectURL: () => 'blob:x',
        revokeObjectURL: () => undefined,
        setTimeout: () => 0,
        platform: 'web',
      }),
    );
  });
  afterEach(async () => {
    setPlatformForTests(null);
    await db.close();
  });

  const serverSettings: SettingsDoc = { ...sampleDocuments.settings, id: SETTINGS_ID, communeId: ENROLLED.commune.id };

  function server(settings: SettingsDoc[]): typeof fetch {
    return async (url) => {
      if (String(url).endsWith('/api/v1/enroll')) return new Response(JSON.stringify(ENROLLED), { status: 201 });
      return new Response(JSON.stringify({ documents: settings.map((doc) => ({ ...doc, _deleted: false })), checkpoint: { seq: 1 } }), {
        status: 200,
      });
    };
  }

  it('takes the commune’s settings from the server, keeps the token, and becomes a device of the tenant', async () => {
    const result = await joinCommune(db, 'http://127.0.0.1:8787', 'K7MQ', 'Tablette du maire', server([serverSettings]));
    expect(result).toMatchObject({
      ok: true,
      device: { communeId: ENROLLED.commune.id, devicePrefix: 'B', sync: { deviceName: 'Tablette du maire' } },
    });
    expect((await db.settings.findOne(SETTINGS_ID).exec())?.toJSON()).toMatchObject({
      communeId: ENROLLED.commune.id,
      name: serverSettings.name,
    });
    expect(await readDevice(db)).toEqual(result.ok ? result.device : null);
    expect([...stored.values()]).toContain(ENROLLED.token);
  });

  it('refuses a tenant with nothing on the server, and writes nothing', async () => {
    expect(await joinCommune(db, 'http://127.0.0.1:8787', 'K7MQ', 'Tablette', server([]))).toEqual({
      ok: false,
      failure: 'no-commune-data',
    });
    expect(await readDevice(db)).toBeNull();
    expect(stored.size).toBe(0);
  });
});
