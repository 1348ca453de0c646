/**
 * Who may write what: the one list the sync server enforces on every push
 * (architecture.md, "Who may write what"; quality.md, security 11). Devices
 * are not trusted: a rule that lived only in the app would hold only for the
 * app.
 *
 * A pushed document is judged by the kind of writer it has for that document:
 * - `commune`: a counter computer of the commune that owns the document (and
 *   an intercommunality's device on its own tenant's documents);
 * - `mayor`: a device enrolled for the mayor or a deputy (`enroll-code --role
 *   mayor`): it works on requests, residents and sessions like the counter
 *   (review, approval, a request an élu brought), but never deletes and leaves
 *   the commune's set-up (categories, templates, procedures, settings) to the
 *   secretary;
 * - `epci`: an intercommunality's device on a commune's request forwarded to it
 *   (and that request's journal): it says where the request stands and answers,
 *   nothing more.
 *
 * Field paths are top-level names or one level down (`answer.approvedBy`): a
 * path listed lets the writer change that field and everything under it.
 */
import type { EventType, ReplicatedCollection } from './model';

export type WriterKind = 'commune' | 'mayor' | 'epci';

export interface CollectionWriteRule {
  /** may add documents */
  create: boolean;
  /** may delete documents (a tombstone) */
  delete: boolean;
  /** fields it may change on an existing document: 'any', or a list of paths; [] means append-only */
  update: 'any' | readonly string[];
  /** for events: the types of line it may add; absent means any */
  eventTypes?: readonly EventType[];
}

/** The server stamps these itself: what a device sends for them is never a change (updatedAt; an event's device). */
export const SERVER_STAMPED: { readonly [Name in ReplicatedCollection]?: readonly string[] } = {
  events: ['deviceId'],
};

/** The journal: written once, never changed or deleted by anyone. */
const APPEND_ONLY: CollectionWriteRule = { create: true, delete: false, update: [] };
const FULL: CollectionWriteRule = { create: true, delete: true, update: 'any' };
const READ_ONLY: CollectionWriteRule = { create: false, delete: false, update: [] };
const NO_DELETE: CollectionWriteRule = { create: true, delete: false, update: 'any' };

/** Collections whose documents are never changed once written, whoever writes. */
export const APPEND_ONLY_COLLECTIONS: readonly ReplicatedCollection[] = ['events'];

/** What an intercommunality writes in a forwarded request's journal. */
const EPCI_EVENT_TYPES: readonly EventType[] = ['status_changed', 'note', 'answered', 'viewed', 'document_issued', 'conflict'];

export const WRITE_RULES: { readonly [Kind in WriterKind]: { readonly [Name in ReplicatedCollection]: CollectionWriteRule } } = {
  commune: {
    requests: FULL,
    citizens: FULL,
    events: APPEND_ONLY,
    categories: FULL,
    replytemplates: FULL,
    settings: FULL,
    procedures: FULL,
    assistedsessions: FULL,
  },
  // The app on the tablet is the whole app (an élu of a small commune records, answers, approves): it may do what
  // the counter does with requests, residents and sessions, but delete nothing and leave the set-up alone.
  mayor: {
    requests: NO_DELETE,
    citizens: NO_DELETE,
    events: APPEND_ONLY,
    categories: READ_ONLY,
    replytemplates: READ_ONLY,
    settings: READ_ONLY,
    procedures: READ_ONLY,
    assistedsessions: NO_DELETE,
  },
  epci: {
    // An answer's approval is the commune's mayor's: the EPCI writes the answer, never approves it (it may only clear
    // an approval, by replacing the answer: see approvalUntouched).
    requests: {
      create: false,
      delete: false,
      update: ['status', 'statusReason', 'answer.text', 'answer.kind', 'answer.templateId', 'answer.answeredAt', 'answer.by'],
    },
    citizens: READ_ONLY,
    events: { ...APPEND_ONLY, eventTypes: EPCI_EVENT_TYPES },
    categories: READ_ONLY,
    replytemplates: READ_ONLY,
    settings: READ_ONLY,
    procedures: READ_ONLY,
    assistedsessions: READ_ONLY,
  },
};

type Json = { [key: string]: unknown };

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Order-insensitive equality of JSON values (PostgreSQL's jsonb reorders keys). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((key) => a[key] !== undefined || b[key] !== undefined));
  return [...keys].every((key) => sameJson(a[key], b[key]));
}

/** The paths (`field` or `field.sub`) whose values differ, ignoring the given top-level fields. */
export function changedPaths(before: Json, after: Json, ignored: readonly string[] = []): string[] {
  const paths: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignored.includes(key) || sameJson(before[key], after[key])) continue;
    const [was, now] = [before[key], after[key]];
    if (isObject(was) && isObject(now)) {
      for (const sub of new Set([...Object.keys(was), ...Object.keys(now)])) {
        if (!sameJson(was[sub], now[sub])) paths.push(`${key}.${sub}`);
      }
    } else {
      // A whole object appearing or going (an answer written, a transfer removed): every path under it changes.
      const inner = isObject(now) ? Object.keys(now) : isObject(was) ? Object.keys(was) : [];
      paths.push(...(inner.length > 0 ? inner.map((sub) => `${key}.${sub}`) : [key]));
    }
  }
  return paths;
}

function allowedPath(path: string, allowed: readonly string[]): boolean {
  return allowed.some((rule) => path === rule || path.startsWith(`${rule}.`));
}

/** An approval set where the stored document had none, or another one: only a commune's own device or the mayor's may. */
function approvalForged(stored: Json, next: Json): boolean {
  const before = isObject(stored['answer']) ? stored['answer'] : {};
  const after = isObject(next['answer']) ? next['answer'] : {};
  return ['approvedBy', 'approvedAt'].some((field) => {
    const value = after[field] ?? null;
    return value !== null && !sameJson(value, before[field] ?? null);
  });
}

/** The fields always the server's, whatever the writer sends. */
export function serverStampedFields(collection: ReplicatedCollection): string[] {
  return ['updatedAt', ...(SERVER_STAMPED[collection] ?? [])];
}

export interface WriteAttempt {
  kind: WriterKind;
  collection: ReplicatedCollection;
  /** what the server holds, or null for a new document */
  stored: { data: Json; deleted: boolean } | null;
  next: { data: Json; deleted: boolean };
}

/**
 * Why this write is refused, or null. Judged against what it is about to
 * replace, so that a device can never say it "assumed" something else.
 */
export function writeRefusal(attempt: WriteAttempt): string | null {
  const rule = WRITE_RULES[attempt.kind][attempt.collection];
  const { stored, next } = attempt;
  const eventType = attempt.collection === 'events' ? next.data['type'] : undefined;
  if (rule.eventTypes && typeof eventType === 'string' && !(rule.eventTypes as readonly string[]).includes(eventType)) {
    return `a ${attempt.kind} device may not add "${eventType}" lines to the journal`;
  }
  if (!stored || stored.deleted) return rule.create ? null : `a ${attempt.kind} device may not create ${attempt.collection}`;
  if (next.deleted) return rule.delete ? null : `a ${attempt.kind} device may not delete ${attempt.collection}`;
  if (rule.update === 'any') return null;
  const changed = changedPaths(stored.data, next.data, serverStampedFields(attempt.collection));
  if (changed.length === 0) return null;
  if (APPEND_ONLY_COLLECTIONS.includes(attempt.collection))
    return `${attempt.collection} are append-only: an existing one cannot be changed`;
  const forbidden = changed.filter((path) => !allowedPath(path, rule.update as readonly string[]));
  // Replacing an answer drops its approval (approvedBy/At back to null): allowed; setting one is not.
  const refused = forbidden.filter((path) => !(path.startsWith('answer.approved') && !approvalForged(stored.data, next.data)));
  return refused.length > 0 ? `a ${attempt.kind} device may not change ${refused.join(', ')}` : null;
}
