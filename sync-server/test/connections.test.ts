/**
 * Slow and idle connections are cut, and their number is capped (issue 12,
 * defect 6), while live streams stay open on their heartbeat. Timeouts are
 * short here so that the tests take seconds; the bounds leave room for a
 * loaded machine. Connection handling does not depend on the storage: PGlite.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMaxConnections } from '../src/connections';
import { addCommune, enroll, openTestStorage, startServer, type Device, type TestServer, type TestStorage } from './harness';

const LIMITS = { headersTimeoutMs: 400, requestTimeoutMs: 800, keepAliveTimeoutMs: 300, heartbeatMs: 200 };
/** how much later than its deadline a socket may be cut on a busy machine */
const SLACK_MS = 1_500;

interface RawClient {
  socket: Socket;
  received: () => string;
  /** ms from connecting to the server closing the socket, or null if still open after waitMs */
  closedWithin(waitMs: number): Promise<number | null>;
}

/** A bare TCP client on 127.0.0.1 that says only what it is told to. */
function rawClient(url: string, send?: string): Promise<RawClient> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let data = '';
    let closedAt: number | null = null;
    const socket = connect(Number(port), '127.0.0.1', () => {
      if (send) socket.write(send);
      resolve({ socket, received: () => data, closedWithin });
    });
    // Reading is what lets the client see the server's close.
    socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => (closedAt = Date.now()));
    socket.once('error', reject);
    function closedWithin(waitMs: number): Promise<number | null> {
      return new Promise((done) => {
        const deadline = Date.now() + waitMs;
        const poll = setInterval(() => {
          if (closedAt !== null || Date.now() > deadline) {
            clearInterval(poll);
            done(closedAt === null ? null : closedAt - started);
          }
        }, 20);
      });
    }
  });
}

function postHeadersOnly(path: string, token?: string): string {
  const auth = token ? `Authorization: Bearer ${token}\r\n` : '';
  return `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n${auth}\r\n{"co`;
}

describe('connection limits', () => {
  let storage: TestStorage;
  let server: TestServer;
  let device: Device;
  const opened: Socket[] = [];

  beforeAll(async () => {
    storage = await openTestStorage('pglite');
    server = await startServer(storage, LIMITS);
    device = await enroll(server, storage, (await addCommune(storage, 'Lente')).id);
  });

  afterAll(async () => {
    for (const socket of opened) socket.destroy();
    await server?.close();
    await storage?.close();
  });

  async function client(send?: string): Promise<RawClient> {
    const made = await rawClient(server.url, send);
    opened.push(made.socket);
    return made;
  }

  it('cuts a request whose body never comes, within the request timeout: enroll, push, an unknown route', async () => {
    const clients = await Promise.all([
      client(postHeadersOnly('/api/v1/enroll')),
      client(postHeadersOnly('/api/v1/requests/push', device.token)),
      client(postHeadersOnly('/nowhere')),
    ]);
    const closed = await Promise.all(clients.map((made) => made.closedWithin(LIMITS.requestTimeoutMs + SLACK_MS)));
    for (const [index, ms] of closed.entries()) {
      expect(ms, `client ${index} still open`).not.toBeNull();
      expect(ms).toBeGreaterThanOrEqual(LIMITS.requestTimeoutMs - 100);
    }
    expect(clients[0]?.received()).toContain('408');
  });

  it('cuts a silent socket, and one that stops halfway through its headers, within the header timeout', async () => {
    const silent = await client();
    const halfway = await client('GET /health HTTP/1.1\r\nHost: 127.0');
    expect(await silent.closedWithin(LIMITS.headersTimeoutMs + SLACK_MS)).not.toBeNull();
    expect(await halfway.closedWithin(LIMITS.headersTimeoutMs + SLACK_MS)).not.toBeNull();
  });

  it('cuts an idle keep-alive connection after the keep-alive timeout', async () => {
    const idle = await client('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    // Node keeps a keep-alive socket one second past the timeout it announces, against races with the client.
    const ms = await idle.closedWithin(LIMITS.keepAliveTimeoutMs + 1_000 + SLACK_MS);
    expect(idle.received()).toContain('200 OK');
    expect(ms).not.toBeNull();
    expect(ms).toBeGreaterThanOrEqual(LIMITS.keepAliveTimeoutMs);
  });

  it('keeps a live stream open past every timeout, on its heartbeat', async () => {
    const stream = await client(
      `GET /api/v1/requests/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${device.token}\r\nAccept: text/event-stream\r\n\r\n`,
    );
    const heldMs = 3 * (LIMITS.requestTimeoutMs + LIMITS.headersTimeoutMs + LIMITS.keepAliveTimeoutMs);
    expect(await stream.closedWithin(heldMs)).toBeNull();
    expect(stream.received()).toContain('200 OK');
    expect(stream.received()).toContain(': connected');
    expect(stream.received().split(': ping').length - 1).toBeGreaterThanOrEqual(3);
  }, 15_000);
});

describe('connection cap', () => {
  const MAX = 12;
  let storage: TestStorage;
  let server: TestServer;
  const opened: Socket[] = [];

  beforeAll(async () => {
    storage = await openTestStorage('pglite');
    server = await startServer(storage, { ...LIMITS, maxConnections: MAX });
  });

  afterAll(async () => {
    for (const socket of opened) socket.destroy();
    await server?.close();
    await storage?.close();
  });

  it('refuses connections past the cap, and answers /health again once the slow ones are cut', async () => {
    const slow = await Promise.all(Array.from({ length: MAX }, () => rawClient(server.url)));
    opened.push(...slow.map((made) => made.socket));
    await expect.poll(() => connections(server), { timeout: 2_000 }).toBe(MAX);
    const extra = await rawClient(server.url, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    opened.push(extra.socket);
    // Refused on accept: closed at once, unanswered, long before any timeout.
    const refusedMs = await extra.closedWithin(LIMITS.headersTimeoutMs + SLACK_MS);
    expect(refusedMs).not.toBeNull();
    expect(refusedMs).toBeLessThan(LIMITS.headersTimeoutMs);
    expect(extra.received()).toBe('');
    expect(await connections(server)).toBeLessThanOrEqual(MAX);

    const cut = await Promise.all(slow.map((made) => made.closedWithin(LIMITS.headersTimeoutMs + SLACK_MS)));
    expect(cut.every((ms) => ms !== null)).toBe(true);
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
  });

  it('caps by default below the process’s limit on open files', () => {
    expect(defaultMaxConnections()).toBeGreaterThanOrEqual(64);
    expect(defaultMaxConnections('/nonexistent')).toBe(4_096);
  });
});

function connections(server: TestServer): Promise<number> {
  return new Promise((resolve, reject) => server.app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}
