/**
 * The documents of the sync benchmarks (bench/sync.ts), made the same way in
 * Node (to fill the servers) and in the harness page (to time the store
 * alone): a fifth residents, two fifths requests, two fifths their events.
 */
import { generateDemoCommune } from '../domain/demo';
import type { CitizenDoc, EventDoc, RequestDoc } from '../domain/model';
import { generateCommune } from './generate';

export interface SyncDocuments {
  citizens: CitizenDoc[];
  requests: RequestDoc[];
  events: EventDoc[];
}

export function syncDocuments(communeId: string, docs: number): SyncDocuments {
  const { categories } = generateDemoCommune({ requests: 0 });
  const citizens = Math.round(docs / 5);
  const requests = Math.round((docs - citizens) / 2);
  const generated = generateCommune({ communeId, categories, citizens, requests, seed: 42 });
  return { citizens: generated.citizens, requests: generated.requests, events: generated.events.slice(0, docs - citizens - requests) };
}
