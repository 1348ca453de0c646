import { describe, expect, it } from 'vitest';
import { StampWatch } from './stamp-watch';

const MINE = '2026-03-03T09:00:00.000Z';
const SERVERS = '2026-03-02T09:00:01.000Z';

function setUp(local: Map<string, string | null>, server: Map<string, string> = new Map()) {
  const calls = { resyncs: 0 };
  const watch = new StampWatch({
    localStamps: async (ids) => new Map(ids.map((id) => [id, local.get(id) ?? null])),
    serverStamp: (id) => server.get(id),
    resync: () => (calls.resyncs += 1),
    // no timer in these tests: checks are run by hand
    intervalMs: 3_600_000,
    maxRewinds: 3,
  });
  return { watch, calls };
}

describe('acknowledged writes watched until the server’s stamp is taken', () => {
  it('pulls again from before the push, once, a document still holding the stamp it was sent with', async () => {
    const local = new Map<string, string | null>([['e1', MINE]]);
    const { watch, calls } = setUp(local);
    watch.reached(40);
    const floor = watch.pushStarted();
    watch.reached(45);
    watch.pushDone(floor, [{ id: 'e1', stamp: MINE }]);
    // first look: RxDB may still be recording the push, and the stream may be bringing the copy
    await watch.check();
    expect(calls.resyncs).toBe(0);
    expect(watch.pullFrom({ seq: 50 })).toEqual({ seq: 50 });
    // second look, still the device's stamp: passed by
    await watch.check();
    expect(calls.resyncs).toBe(1);
    expect(watch.pullFrom({ seq: 50 })).toEqual({ seq: 40 });
    // once: the pages of that pull go on from where they are
    expect(watch.pullFrom({ seq: 50 })).toEqual({ seq: 50 });
    // the copy taken, the document is let go
    local.set('e1', SERVERS);
    await watch.check();
    expect(watch.size).toBe(0);
    watch.stop();
  });

  it('waits while a push is in flight: the cycle of the acknowledged batch may not be recorded yet', async () => {
    const { watch, calls } = setUp(new Map([['e1', MINE]]));
    const first = watch.pushStarted();
    const second = watch.pushStarted();
    watch.pushDone(first, [{ id: 'e1', stamp: MINE }]);
    for (let look = 0; look < 4; look += 1) await watch.check();
    expect(calls.resyncs).toBe(0);
    watch.pushDone(second, []);
    await watch.check();
    await watch.check();
    expect(calls.resyncs).toBe(1);
    watch.stop();
  });

  it('lets go a document changed since, one whose stamp the server sent, and one rewound too often', async () => {
    const local = new Map<string, string | null>([
      ['changed', '2026-03-03T09:00:05.000Z'],
      ['same', MINE],
      ['stuck', MINE],
    ]);
    const { watch, calls } = setUp(local, new Map([['same', MINE]]));
    watch.pushDone(watch.pushStarted(), [
      { id: 'changed', stamp: MINE },
      { id: 'same', stamp: MINE },
      { id: 'stuck', stamp: MINE },
    ]);
    await watch.check();
    expect(watch.size).toBe(1);
    for (let look = 0; look < 10; look += 1) await watch.check();
    expect(calls.resyncs).toBe(3);
    expect(watch.size).toBe(0);
    watch.stop();
  });

  it('rewinds only a pull that is past the floor', async () => {
    const { watch } = setUp(new Map([['e1', MINE]]));
    watch.reached(10);
    watch.pushDone(watch.pushStarted(), [{ id: 'e1', stamp: MINE }]);
    await watch.check();
    await watch.check();
    expect(watch.pullFrom(undefined)).toBeUndefined();
    expect(watch.pullFrom({ seq: 12 })).toEqual({ seq: 12 });
    watch.stop();
  });
});
