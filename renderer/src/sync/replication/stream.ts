/**
 * The live stream: ONE server-sent-events connection for all collections, read with fetch (EventSource cannot
 * send an Authorization header), reconnected with a growing delay; every (re)connection says RESYNC.
 */
import { MULTI_STREAM_PATH, SCHEMA_VERSION_HEADER, type RESYNC, type StreamBatch } from '../../../../domain/protocol';
import { httpError, type Http } from './http';
import type { ReplicatedCollection } from '../../../../domain/model';
import { SyncHttpError, type ReplicatedCollections } from './types';

export type StreamItem = StreamBatch<unknown> | typeof RESYNC;

export interface StreamCallbacks {
  onOpen(): void;
  onEvent(collection: string, item: StreamItem): void;
  onError(error: SyncHttpError): void;
}

/** Reads one SSE response until it ends: `event:` names the collection, `data:` carries the JSON. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: StreamCallbacks['onEvent']): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      dispatch(buffer.slice(0, end), onEvent);
      buffer = buffer.slice(end + 2);
    }
  }
}

function dispatch(block: string, onEvent: StreamCallbacks['onEvent']): void {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length === 0) return;
  onEvent(event, JSON.parse(data.join('\n')) as StreamItem);
}

const STREAM_RETRY_MAX_MS = 30_000;

/** Keeps one stream open for all collections, reconnecting with a growing delay until stopped. */
export async function runStream(
  http: Http,
  collections: ReplicatedCollections,
  callbacks: StreamCallbacks,
  signal: AbortSignal,
  firstDelay: number,
): Promise<void> {
  const names = Object.keys(collections);
  const versions = names.map((name) => `${name}=${collections[name as ReplicatedCollection]?.schema.version ?? 0}`).join(',');
  let delay = firstDelay;
  while (!signal.aborted) {
    try {
      const response = await http.fetch(http.url(`${MULTI_STREAM_PATH}?collections=${names.join(',')}`), {
        headers: http.headers({ accept: 'text/event-stream', [SCHEMA_VERSION_HEADER]: versions }),
        signal,
      });
      if (!response.ok || !response.body) throw await httpError(response);
      delay = firstDelay;
      callbacks.onOpen();
      await readEvents(response.body, callbacks.onEvent);
    } catch (error) {
      if (signal.aborted) return;
      callbacks.onError(error instanceof SyncHttpError ? error : new SyncHttpError(null, 'network', String(error)));
    }
    await sleep(delay, signal);
    delay = Math.min(delay * 2, STREAM_RETRY_MAX_MS);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
