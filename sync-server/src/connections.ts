/**
 * How long a client may hold a connection without using it, and how many it
 * may hold at all (quality.md, security 12). Without these, a request whose
 * body never came stayed open for ever (Fastify turns Node's request timeout
 * off), a silent socket for about 90 s, and 1,100 of them used up the file
 * descriptors until /health stopped answering.
 *
 * Live streams are not cut by any of these: Node's header and request
 * timeouts run only until a request has been received whole (a stream's GET
 * has no body), and the keep-alive timeout only between requests; a stream
 * writes a heartbeat every heartbeatMs besides.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** Node's http.Server has the property (read when it starts listening); its types know only the option. */
type CheckedServer = Server & { connectionsCheckingInterval: number };

export interface ConnectionLimits {
  /** ms a client has to send a request's headers, from its first byte or from connecting (silent sockets) */
  headersTimeoutMs: number;
  /** ms a client has to send a whole request, body included; a body that stops coming is cut here (408) */
  requestTimeoutMs: number;
  /** ms an idle keep-alive connection waits for its next request */
  keepAliveTimeoutMs: number;
  /** connections open at once; more are closed as they are accepted */
  maxConnections: number;
}

/** File descriptors kept for everything but client sockets: PGlite's files, PostgreSQL's pool, logs, blobs. */
const RESERVED_DESCRIPTORS = 256;
/** Above this, memory runs out before descriptors do. */
const MAX_DEFAULT_CONNECTIONS = 8_192;
/** Where the process's descriptor limit cannot be read (not Linux). */
const FALLBACK_CONNECTIONS = 4_096;

/**
 * The default cap: below the process's limit on open files (Node raises the
 * soft limit to the hard one at start), so that extra clients are refused
 * before the server cannot open a file or a socket of its own.
 */
export function defaultMaxConnections(limitsFile = '/proc/self/limits'): number {
  try {
    const line = readFileSync(limitsFile, 'utf8')
      .split('\n')
      .find((text) => text.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    if (!Number.isSafeInteger(soft)) return FALLBACK_CONNECTIONS;
    return Math.max(64, Math.min(MAX_DEFAULT_CONNECTIONS, soft - RESERVED_DESCRIPTORS));
  } catch {
    return FALLBACK_CONNECTIONS;
  }
}

export function defaultConnectionLimits(): ConnectionLimits {
  return {
    headersTimeoutMs: 15_000,
    // A 20 MB attachment over a 1 Mbit/s rural uplink takes about 170 s.
    requestTimeoutMs: 180_000,
    keepAliveTimeoutMs: 10_000,
    maxConnections: defaultMaxConnections(),
  };
}

function definedConnectionLimits(options: Partial<ConnectionLimits>): ConnectionLimits {
  const limits = defaultConnectionLimits();
  for (const key of Object.keys(limits) as (keyof ConnectionLimits)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${key} must be a positive whole number, not ${value}`);
    limits[key] = value;
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) throw new Error('headersTimeoutMs must not exceed requestTimeoutMs');
  return limits;
}

/**
 * Sets the limits on the Node server under Fastify; call it before listen
 * (Node reads connectionsCheckingInterval when the server starts listening).
 * Timeouts are checked every fifth of the shortest one, at most every second,
 * so that a socket is cut close to its deadline rather than up to 30 s after.
 */
export function applyConnectionLimits(app: FastifyInstance, options: Partial<ConnectionLimits>): ConnectionLimits {
  const limits = definedConnectionLimits(options);
  const server: CheckedServer = app.server as CheckedServer;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.connectionsCheckingInterval = Math.max(20, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 5)));
  server.maxConnections = limits.maxConnections;
  logDrops(app, limits.maxConnections);
  return limits;
}

/** Refused connections are counted, and said at most once a minute: a flood must not flood the log too. */
function logDrops(app: FastifyInstance, max: number): void {
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  app.server.on('drop', () => {
    dropped += 1;
    timer ??= setTimeout(() => {
      app.log.warn({ dropped, maxConnections: max }, 'connections refused: the connection cap was reached');
      dropped = 0;
      timer = undefined;
    }, 60_000).unref();
  });
  app.addHook('onClose', async () => clearTimeout(timer));
}
