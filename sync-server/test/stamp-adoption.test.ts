/**
 * The server's stamp reaches the device that wrote, whatever the interleaving
 * (issue 12, "Convergence, every time"). The server stamps `updatedAt` on
 * every write and answers a written push with nothing, so the device holds
 * its own clock's stamp until a pull or the stream brings the server's copy.
 *
 * The interleaving that once left a device diverged for good: one upstream
 * cycle of RxDB pushes several batches at once (more documents than the batch
 * size), and records none of them as pushed until all are answered. A pull
 * that comes in between hands RxDB the server's copy of an answered batch's
 * documents while RxDB still takes them for unpushed local writes: it passes
 * them by, and its checkpoint with them. Once the last batch is answered, the
 * device's stamp counts as the server's state and no later pull brings the
 * server's copy again. Here the stream is silent, so that only pulls can
 * repair, and the device's clock is a day ahead, as on the CI machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids';
import { NO_ID, type EventDoc } from '../../domain/model';
import { canonicalJson } from '../src/canonical';
import { allDocs, openClient, until, type Client } from './clients';
import { addCommune, enroll, openTestStorage, startServer, STORAGE_KINDS, type Device, type TestServer, type TestStorage } from './harness';

const DAY = 86_400_000;

/** A promise and what settles it (Promise.withResolvers is not in Node 20). */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

/** A stream that opens and never says anything, until the device closes it. */
function silentStream(signal: AbortSignal | null | undefined): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      signal?.addEventListener('abort', () => controller.error(new Error('aborted')), { once: true });
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

describe.each(STORAGE_KINDS)('the server’s stamp reaches the writing device on %s', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let communeId: string;
  let device: Device;
  let client: Client | undefined;

  beforeAll(async () => {
    storage = await openTestStorage(kind);
    server = await startServer(storage, { enrollRate: { capacity: 100, refillPerMinute: 100 } });
    communeId = (await addCommune(storage, 'Tampons')).id;
    device = await enroll(server, storage, communeId);
  });

  afterAll(async () => {
    await client?.close();
    await server?.close();
    await storage?.close();
  });

  it('when a pull passes by the server’s copy of a batch answered while another batch of the same cycle is still on its way', async () => {
    const later = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    let pushes = 0;
    let pushesInFlight = 0;
    let mostPushesInFlight = 0;
    let pulls = 0;
    const { promise: secondAnswered, resolve: answerSecond } = signal();
    const { promise: firstPullDone, resolve: finishFirstPull } = signal();
    const faulty: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/stream')) return silentStream(init?.signal);
      if (url.includes('/events/push')) {
        pushes += 1;
        const push = pushes;
        pushesInFlight += 1;
        mostPushesInFlight = Math.max(mostPushesInFlight, pushesInFlight);
        const answer = await fetch(input, init);
        // 1: RxDB reads the next pages meanwhile and makes one cycle of them, two batches sent together;
        // 2: answered at once; 3: written, and its answer waits for the pull.
        if (push === 1) await later(300);
        if (push === 2) setTimeout(answerSecond, 50);
        if (push === 3) await firstPullDone.then(() => later(300));
        pushesInFlight -= 1;
        return answer;
      }
      if (url.includes('/events/pull')) {
        pulls += 1;
        // The start's pull reaches the server between the answers of the two batches.
        if (pulls === 1) await secondAnswered;
        const answer = await fetch(input, init);
        if (pulls === 1) setTimeout(finishFirstPull, 0);
        return answer;
      }
      return fetch(input, init);
    };
    client = await openClient(['events']);
    // Six journal lines written while the device was not replicating, with a clock a day ahead.
    const ahead = new Date(Date.now() + DAY).toISOString();
    const events: EventDoc[] = [0, 1, 2, 3, 4, 5].map((n) => ({
      id: newId(),
      communeId,
      requestId: NO_ID,
      citizenId: NO_ID,
      type: 'note',
      at: ahead,
      actorId: device.deviceId,
      actorName: 'Poste',
      fromStatus: null,
      toStatus: null,
      text: `ligne ${n}`,
      fields: [],
      deviceId: device.deviceId,
      updatedAt: ahead,
    }));
    await client.collections.events?.bulkInsert(events);
    client.start({
      fetch: faulty,
      serverUrl: server.url,
      token: device.token,
      actor: { deviceId: device.deviceId },
      retryTime: 100,
      maxRetryTime: 400,
      batchSize: 2,
    });
    await until(() => pushes >= 3 && pulls >= 1, 10_000, 'three pushes and the first pull');

    // The device must come to the server's state by itself: no resync asked for here, the stream is silent.
    const serverEvents = async (): Promise<Map<string, Record<string, unknown>>> =>
      new Map((await device.api.pullAll<Record<string, unknown>>('events')).map(({ _deleted: _d, ...doc }) => [String(doc['id']), doc]));
    const same = async (): Promise<boolean> => {
      const [here, there] = [await allDocs(client?.collections.events), await serverEvents()];
      return there.size === here.size && [...there].every(([id, doc]) => canonicalJson(doc) === canonicalJson(here.get(id)));
    };
    await until(
      async () => {
        if (await same()) return true;
        await later(200);
        return false;
      },
      8_000,
      'the device to hold the server’s stamps',
    ).catch(() => undefined);
    const here = await allDocs(client.collections.events);
    const there = await serverEvents();
    const stamps = events.map((event) => ({
      id: event.id,
      here: here.get(event.id)?.['updatedAt'],
      server: there.get(event.id)?.['updatedAt'],
    }));
    expect(stamps.filter((stamp) => stamp.here !== stamp.server)).toEqual([]);
    // The interleaving did happen: two batches of one cycle on their way together.
    expect(pushes).toBeGreaterThanOrEqual(3);
    expect(mostPushesInFlight).toBeGreaterThanOrEqual(2);
  }, 30_000);
});
