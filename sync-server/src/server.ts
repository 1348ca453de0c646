/**
 * The sync server as a Fastify instance (tests build it directly; cli.ts
 * adds the process around it). The storage belongs to the caller: close the
 * server, then the storage.
 */
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { authenticate } from './auth';
import { applyConnectionLimits, type ConnectionLimits } from './connections';
import type { Limits, ServerContext } from './context';
import { installErrorHandling } from './errors';
import { installJsonBounds } from './json-bounds';
import { StreamHub } from './hub';
import { OpenStreams } from './open-streams';
import { RateLimiter, type BucketOptions } from './rate-limit';
import { registerAdmin } from './routes/admin';
import { registerApp } from './routes/app';
import { registerBlobs } from './routes/blobs';
import { registerCors } from './routes/cors';
import { registerEnroll } from './routes/enroll';
import { registerHealth } from './routes/health';
import { registerPull } from './routes/pull';
import { registerPush } from './routes/push';
import { registerSchema } from './routes/schema';
import { registerStream } from './routes/stream';
import { registerUpdates } from './routes/updates';
import type { Storage } from './storage';
import { upgradeStoredDocuments } from './upgrade';

export interface ServerOptions extends Partial<Limits>, Partial<ConnectionLimits> {
  storage: Storage;
  /** Fastify's logger: false (tests), true, or options (level, stream). Personal data is never logged either way. */
  logger?: boolean | { level?: string; stream?: NodeJS.WritableStream };
  enrollRate?: BucketOptions;
  authFailureRate?: BucketOptions;
  /** serve electron-updater's files from this folder at /updates/ */
  updatesDir?: string | null;
  /** serve the browser build (dist/renderer) from this folder at /app/, for tablets */
  appDir?: string | null;
  /** enables the loopback-only admin route with this secret (PGlite servers, see cli.ts) */
  adminToken?: string | null;
  /**
   * behind a reverse proxy: the proxies' addresses or CIDR ranges (trusted-proxies.ts). Only a connection from
   * one of them may name the client's IP in X-Forwarded-For (rate limits are per IP); null: nobody may.
   */
  trustedProxies?: readonly string[] | null;
  version?: string;
  now?: () => Date;
  /** how long in-flight requests get to finish at shutdown before their connections are cut */
  shutdownGraceMs?: number;
}

export const DEFAULT_LIMITS: Limits = {
  jsonBody: 5 * 1024 * 1024,
  blobBody: 20 * 1024 * 1024,
  blobBytesPerTenant: 2 * 1024 * 1024 * 1024,
  pushDocuments: 5_000,
  tokenTtlDays: 365,
  enrollCodeTtlDays: 7,
  heartbeatMs: 25_000,
  streamBuffer: 1024 * 1024,
  streamsPerDevice: 4,
  deviceCheckMs: 3_000,
};

/** Ten tries at once, then one every 12 s, per IP. */
const DEFAULT_ENROLL_RATE: BucketOptions = { capacity: 10, refillPerMinute: 5 };
/** Twenty bad tokens at once, then one every 6 s, per IP. */
const DEFAULT_AUTH_FAILURE_RATE: BucketOptions = { capacity: 20, refillPerMinute: 10 };

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** What is logged of a request: never the query string's neighbours (body, headers), never the client's IP. */
function loggerOptions(logger: ServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = typeof logger === 'object' ? logger : {};
  return {
    level: base.level ?? 'info',
    ...(base.stream ? { stream: base.stream } : {}),
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    serializers: {
      req: (request: { method?: string; url?: string }) => ({ method: request.method, path: (request.url ?? '').split('?')[0] }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
  };
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const limits: Limits = { ...DEFAULT_LIMITS, ...definedLimits(options) };
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: limits.jsonBody,
    trustProxy: options.trustedProxies && options.trustedProxies.length > 0 ? [...options.trustedProxies] : false,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  applyConnectionLimits(app, options);
  const hub = new StreamHub(options.storage, app.log);
  const now = options.now ?? (() => new Date());
  const context: ServerContext = {
    storage: options.storage,
    hub,
    version: options.version ?? packageVersion(),
    limits,
    enrollLimiter: new RateLimiter(options.enrollRate ?? DEFAULT_ENROLL_RATE),
    authFailureLimiter: new RateLimiter(options.authFailureRate ?? DEFAULT_AUTH_FAILURE_RATE),
    now,
    streams: new OpenStreams(options.storage, now, app.log),
  };
  context.streams.watch(limits.deviceCheckMs);
  app.decorateRequest('principal', null);
  installErrorHandling(app);
  installJsonBounds(app);
  registerCors(app);
  registerHealth(app, context);
  registerEnroll(app, context);
  await app.register(async (api) => registerAuthenticated(api, context));
  if (options.updatesDir) registerUpdates(app, options.updatesDir);
  if (options.appDir) await registerApp(app, options.appDir);
  if (options.adminToken) registerAdmin(app, context, options.adminToken);
  installShutdown(app, context, options.shutdownGraceMs ?? 10_000);
  const upgraded = await upgradeStoredDocuments(options.storage, context.now);
  if (upgraded > 0) app.log.info({ upgraded }, 'stored documents brought to the current schema versions');
  await hub.start();
  return app;
}

function definedLimits(options: ServerOptions): Partial<Limits> {
  const keys = Object.keys(DEFAULT_LIMITS) as (keyof Limits)[];
  return Object.fromEntries(keys.filter((key) => options[key] !== undefined).map((key) => [key, options[key]]));
}

/**
 * Everything under /api/v1 but enrollment: a device token, checked before the body is read. The hook belongs
 * to this plugin's routes, so it runs for whatever Fastify matched to them, however the path was spelt
 * (`/%61pi/v1/…` is `/api/v1/…` to the router): never decide on the raw URL.
 */
async function registerAuthenticated(api: FastifyInstance, context: ServerContext): Promise<void> {
  api.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS') return;
    request.principal = await authenticate(request, {
      storage: context.storage,
      failures: context.authFailureLimiter,
      tokenTtlDays: context.limits.tokenTtlDays,
      now: context.now,
    });
    // Every later line of this request says which device (a pseudonymous id, not a person).
    request.log = request.log.child({ deviceId: request.principal.deviceId, tenantId: request.principal.tenantId });
  });
  registerSchema(api, context);
  registerPull(api, context);
  registerPush(api, context);
  registerStream(api, context);
  await api.register(async (blobs) => registerBlobs(blobs, context));
}

/**
 * Clean shutdown: streams are ended first (they never finish by themselves
 * and would keep the server open), in-flight requests, and so their
 * transactions, finish, then the hub stops listening. Connections that turn
 * idle while closing (a keep-alive socket, one accepted just as the server
 * stopped listening) are closed as they do; whatever is still open after the
 * grace period is cut.
 */
function installShutdown(app: FastifyInstance, context: ServerContext, graceMs: number): void {
  let closing = false;
  let sweeper: NodeJS.Timeout | undefined;
  let deadline: NodeJS.Timeout | undefined;
  // Sockets connected that never sent a byte: no request to finish, yet Node counts them as busy.
  const silent = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    silent.add(socket);
    socket.once('data', () => silent.delete(socket));
    socket.once('close', () => silent.delete(socket));
  });
  const sweep = (): void => {
    app.server.closeIdleConnections();
    for (const socket of silent) socket.destroy();
  };
  app.addHook('preClose', async () => {
    closing = true;
    context.streams.stop();
    context.streams.endAll();
    sweep();
    sweeper = setInterval(sweep, 100);
    deadline = setTimeout(() => app.server.closeAllConnections(), graceMs);
  });
  // A request answered while closing must not leave its keep-alive connection open: close would wait for it.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    clearTimeout(deadline);
    await context.hub.close();
  });
}
