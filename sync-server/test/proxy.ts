/**
 * A small HTTP proxy on 127.0.0.1 that misbehaves on purpose, for the
 * convergence test: it drops requests, loses answers after the server acted,
 * sends requests twice, delays them (so that they overtake each other), cuts
 * live streams, and can play "the network is down" for its device.
 * Randomness comes from a seed: a failing run can be replayed.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
// The same seeded generator as the demo and the benchmarks.
import { seededRandom as seeded } from '../../domain/random';

export { seeded };

export interface Faults {
  /** the request never reaches the server */
  drop: number;
  /** the server acts, the device never hears back */
  loseAnswer: number;
  /** the server gets the request twice */
  duplicate: number;
  /** the request waits up to maxDelayMs first */
  delay: number;
  maxDelayMs: number;
  /** a live stream is cut after a while */
  cutStream: number;
}

export const NO_FAULTS: Faults = { drop: 0, loseAnswer: 0, duplicate: 0, delay: 0, maxDelayMs: 0, cutStream: 0 };

interface Upstream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export class FaultyProxy {
  target: string;
  offline = false;
  faults: Faults = NO_FAULTS;
  readonly stats = { forwarded: 0, dropped: 0, lostAnswers: 0, duplicated: 0, delayed: 0, cutStreams: 0, refused: 0 };
  /** called with each push forwarded, while it is in flight */
  onPushInFlight: (() => void) | null = null;
  /** the last pull URL seen per collection (debugging) */
  readonly lastPulls: Record<string, string> = {};
  /** faults forced on the next pushes, before chance decides (so that every run exercises each) */
  forcedPushFaults: ('drop' | 'loseAnswer' | 'duplicate')[] = [];
  /** pushes forwarded whose answer has not come back yet */
  pushesInFlight = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly random: () => number;

  constructor(target: string, seed: number) {
    this.target = target;
    this.random = seeded(seed);
  }

  async listen(): Promise<string> {
    const server = createServer((request, response) => void this.handle(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      if (this.offline) {
        this.stats.refused += 1;
        socket.destroy();
      }
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Cuts every open connection: what a network outage does to live streams. */
  cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private chance(probability: number): boolean {
    return this.random() < probability;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (this.offline) {
      this.stats.refused += 1;
      request.socket.destroy();
      return;
    }
    const body = await readBody(request);
    const pull = /\/api\/v1\/(\w+)\/pull/.exec(request.url ?? '');
    if (pull?.[1]) this.lastPulls[pull[1]] = decodeURIComponent(request.url ?? '');
    if ((request.url ?? '').includes('/stream')) {
      this.pipeStream(request, response);
      return;
    }
    const isPush = request.method === 'POST' && (request.url ?? '').endsWith('/push');
    const forced = isPush && this.faults !== NO_FAULTS ? this.forcedPushFaults.shift() : undefined;
    if (this.chance(this.faults.delay)) {
      this.stats.delayed += 1;
      await sleep(this.random() * this.faults.maxDelayMs);
    }
    if (forced === 'drop' || this.chance(this.faults.drop)) {
      this.stats.dropped += 1;
      request.socket.destroy();
      return;
    }
    try {
      const forwarding = this.forward(request, body);
      if (isPush) {
        this.pushesInFlight += 1;
        void forwarding.finally(() => (this.pushesInFlight -= 1)).catch(() => undefined);
        this.onPushInFlight?.();
      }
      const duplicate = forced === 'duplicate' || this.chance(this.faults.duplicate);
      const upstream = await forwarding;
      if (duplicate) {
        this.stats.duplicated += 1;
        await this.forward(request, body).catch(() => undefined);
      }
      if (forced === 'loseAnswer' || this.chance(this.faults.loseAnswer)) {
        this.stats.lostAnswers += 1;
        request.socket.destroy();
        return;
      }
      response.writeHead(upstream.status, upstream.headers);
      response.end(upstream.body);
    } catch {
      // The server is down (restarting): the device sees a broken connection.
      request.socket.destroy();
    }
  }

  private forward(request: IncomingMessage, body: Buffer): Promise<Upstream> {
    this.stats.forwarded += 1;
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        `${this.target}${request.url ?? '/'}`,
        { method: request.method, headers: forwardedHeaders(request, 'close') },
        (answer) => {
          readBody(answer).then((data) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: data }), reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  private pipeStream(request: IncomingMessage, response: ServerResponse): void {
    const upstream = httpRequest(
      `${this.target}${request.url ?? '/'}`,
      { method: 'GET', headers: forwardedHeaders(request, 'keep-alive') },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
        if (this.chance(this.faults.cutStream)) {
          setTimeout(
            () => {
              this.stats.cutStreams += 1;
              upstream.destroy();
              request.socket.destroy();
            },
            200 + this.random() * 1_500,
          );
        }
      },
    );
    upstream.on('error', () => request.socket.destroy());
    request.socket.on('close', () => upstream.destroy());
    upstream.end();
  }
}

/** The device's headers, minus those that name the proxy's own connection. */
function forwardedHeaders(request: IncomingMessage, connection: string): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = { connection };
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'host' && name !== 'connection') headers[name] = value;
  }
  return headers;
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
