import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReplicatedCollection } from '../../../domain/model';
import { API_PREFIX, MULTI_STREAM_PATH, RESYNC, type StreamBatch } from '../../../domain/protocol';
import type { JsonObject } from '../canonical';
import { checkSchemaVersion, collectionParam, principalOf, type ServerContext } from '../context';
import { ApiError } from '../errors';
import { toWire } from '../push';
import type { StoredDocument } from '../storage/documents';
import { corsHeaders } from './cors';

/**
 * Server-sent events. GET /api/v1/:collection/stream (the contract) and
 * GET /api/v1/stream?collections=a,b (one connection for all, see
 * domain/protocol.ts). Each event is `{documents, checkpoint}`; a stream that
 * cannot keep up is not buffered without end: it skips and gets "RESYNC",
 * and the client pulls from its checkpoint.
 */
export function registerStream(app: FastifyInstance, context: ServerContext): void {
  app.get<{ Params: { collection: string } }>(`${API_PREFIX}/:collection/stream`, async (request, reply) => {
    const collection = collectionParam(request.params.collection);
    checkSchemaVersion(request, collection, 'read');
    await openStream(context, request, reply, [collection], false);
  });
  app.get<{ Querystring: { collections?: string } }>(MULTI_STREAM_PATH, async (request, reply) => {
    const names = (request.query.collections ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    if (names.length === 0) throw new ApiError('invalid_request', 'collections=… is required.');
    const collections = [...new Set(names.map(collectionParam))];
    for (const collection of collections) checkSchemaVersion(request, collection, 'read');
    await openStream(context, request, reply, collections, true);
  });
}

class SseStream {
  private lagging = new Set<string>();
  private closed = false;
  /** events that arrived while subscribing, before the headers went out */
  private pending: [string, string][] | null = [];

  constructor(
    private readonly raw: ServerResponse,
    private readonly named: boolean,
    private readonly bufferLimit: number,
  ) {
    raw.on('drain', () => this.catchUp());
  }

  /** Sends the headers: from now on the client may pull (RESYNC), every later commit reaches it here. */
  start(headers: Record<string, string>): void {
    this.raw.writeHead(200, headers);
    this.raw.write('retry: 3000\n: connected\n\n');
    const pending = this.pending ?? [];
    this.pending = null;
    for (const [collection, payload] of pending) this.write(collection, payload);
  }

  send(collection: ReplicatedCollection, payload: string): void {
    if (this.closed) return;
    if (this.pending) {
      this.pending.push([collection, payload]);
      return;
    }
    if (this.lagging.has(collection) || this.raw.writableLength > this.bufferLimit) {
      this.lagging.add(collection);
      return;
    }
    this.write(collection, payload);
  }

  comment(text: string): void {
    if (!this.closed && !this.pending) this.raw.write(`: ${text}\n\n`);
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.raw.end();
  }

  private write(collection: string, payload: string): void {
    this.raw.write(`${this.named ? `event: ${collection}\n` : ''}data: ${payload}\n\n`);
  }

  /** The client missed events while the socket was full: tell it to pull. */
  private catchUp(): void {
    for (const collection of this.lagging) this.write(collection, JSON.stringify(RESYNC));
    this.lagging.clear();
  }
}

/** One batch goes to every stream of a group: serialise it once. */
const serialised = new WeakMap<readonly StoredDocument[], { from: number; payload: string }>();

function batchPayload(rows: readonly StoredDocument[], from: number): string {
  const cached = serialised.get(rows);
  if (cached && cached.from === from) return cached.payload;
  const last = rows.at(-1);
  const batch: StreamBatch<JsonObject> = { documents: rows.map(toWire), checkpoint: { seq: last ? last.seq : 0 }, from };
  const payload = JSON.stringify(batch);
  serialised.set(rows, { from, payload });
  return payload;
}

async function openStream(
  context: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  collections: readonly ReplicatedCollection[],
  named: boolean,
): Promise<void> {
  const principal = principalOf(request);
  if (context.streams.count(principal.deviceId) >= context.limits.streamsPerDevice) {
    throw new ApiError(
      'rate_limited',
      `A device may hold at most ${context.limits.streamsPerDevice} streams at once; close one first.`,
      {},
      { 'retry-after': '10' },
    );
  }
  reply.hijack();
  const raw = reply.raw;
  const stream = new SseStream(raw, named, context.limits.streamBuffer);
  const unsubscribes: (() => void)[] = [];
  const heartbeat = setInterval(() => stream.comment('ping'), context.limits.heartbeatMs);
  const forget = context.streams.add(principal.deviceId, { end: () => stream.end() });
  const cleanup = (): void => {
    clearInterval(heartbeat);
    for (const unsubscribe of unsubscribes) unsubscribe();
    forget();
  };
  raw.on('close', cleanup);
  try {
    for (const collection of collections) {
      const unsubscribe = await context.hub.subscribe(collection, principal.tenantId, (sinceSeq) => ({
        sinceSeq,
        deliver: (rows, from) => stream.send(collection, batchPayload(rows, from)),
      }));
      if (raw.destroyed) unsubscribe();
      else unsubscribes.push(unsubscribe);
    }
  } catch (error) {
    request.log.warn({ errName: (error as Error).name }, 'stream subscription failed');
    raw.writeHead(503, { ...corsHeaders(request), 'content-type': 'application/json; charset=utf-8' });
    raw.end(JSON.stringify({ error: { code: 'unavailable', message: 'The stream could not start; retry.' } }));
    return;
  }
  // Subscribed first, headers second: a client pulls when the stream opens, and nothing committed after that pull can be missed.
  stream.start({
    ...corsHeaders(request),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  request.log.info({ collections: collections.length }, 'stream opened');
}
