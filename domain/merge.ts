/**
 * The conflict rule of replication (quality.md, reliability 4).
 *
 * When a device pushes a document the server has meanwhile changed, RxDB's
 * conflict handler gets three states: the one the device started from
 * (`assumedMasterState`, the base), the device's (`newDocumentState`, local)
 * and the server's (`realMasterState`, remote). `mergeDocuments` merges them
 * field by field:
 * - a field changed on one side only takes that side's value, so changes to
 *   different fields are all kept;
 * - a field changed on both sides to different values keeps the REMOTE value,
 *   and the local one is reported for a `conflict` journal event, so nothing
 *   is lost silently.
 * Remote wins because the server's copy is what other devices already see:
 * the first write to reach the server wins, whatever the devices' clocks say
 * (they may be a day off, quality.md reliability 6), and every device applies
 * the same rule to the same states, so all converge.
 *
 * Nested values (channelFacts, flags, answer...) are compared as whole values
 * with a deep equality that ignores key order.
 */
import type { CitizenDoc, EventDoc, RequestDoc, SettingsDoc } from './model';
import { citizenSearchName, phoneDigits } from './search';

/** Deep equality of JSON-like values; key order and keys set to `undefined` do not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].every((key) => deepEqual(left[key], right[key]));
}

export interface FieldConflict {
  field: string;
  /** the value that lost (the local one), as short text for the journal */
  lostValue: string;
  /** the value that was kept (the server's), as short text for the journal */
  keptValue: string;
}

/** The journal line of a conflict; the caller adds who, when, which request. */
export type ConflictEvent = Pick<EventDoc, 'type' | 'fields' | 'text'> & { type: 'conflict' };

export interface MergeResult<Doc> {
  merged: Doc;
  conflicts: FieldConflict[];
  /** null when nothing was lost */
  conflictEvent: ConflictEvent | null;
}

export interface MergeOptions<Doc> {
  /** fields computed from others or stamped by the server: merged by the same rule, never reported */
  derived?: readonly (keyof Doc & string)[];
  /** fields that only make sense together (status and its reason): taken from the same side */
  groups?: readonly (readonly (keyof Doc & string)[])[];
  /** fields with their own way of combining two changes (attachments: union); no conflict is reported */
  combine?: { [Field in keyof Doc]?: (local: Doc[Field], remote: Doc[Field]) => Doc[Field] };
  /** recomputes derived fields once merged */
  finalize?: (merged: Doc) => Doc;
}

const MAX_TEXT = 80;

function truncate(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** A value as the secretary can read it in the history: the text of an answer, the address of a location... */
export function summariseValue(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  if (typeof value === 'string') return truncate(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return truncate(value.map(summariseValue).join(', '));
  const record = value as Record<string, unknown>;
  for (const key of ['text', 'address', 'toName', 'name']) {
    if (typeof record[key] === 'string') return truncate(record[key]);
  }
  return truncate(JSON.stringify(value));
}

function mergeUnits<Doc extends object>(local: Doc, remote: Doc, options: MergeOptions<Doc>): (keyof Doc & string)[][] {
  const grouped = new Set((options.groups ?? []).flat());
  const keys = [...new Set([...Object.keys(remote), ...Object.keys(local)])] as (keyof Doc & string)[];
  const singles = keys.filter((key) => !grouped.has(key)).map((key) => [key]);
  return [...(options.groups ?? []).map((group) => [...group]), ...singles];
}

function unitValues<Doc extends object>(doc: Doc | null, unit: readonly (keyof Doc & string)[]): unknown[] {
  return unit.map((field) => (doc ? doc[field] : undefined));
}

/** Three-way merge of two versions of a document; `base` is null when there is no common ancestor. */
export function mergeDocuments<Doc extends object>(
  base: Doc | null,
  local: Doc,
  remote: Doc,
  options: MergeOptions<Doc> = {},
): MergeResult<Doc> {
  const merged: Doc = { ...remote };
  const conflicts: FieldConflict[] = [];
  const derived = new Set<string>(options.derived ?? []);
  for (const unit of mergeUnits(local, remote, options)) {
    const localValues = unitValues(local, unit);
    const remoteValues = unitValues(remote, unit);
    if (deepEqual(localValues, remoteValues)) continue;
    const localChanged = base === null || !deepEqual(unitValues(base, unit), localValues);
    const remoteChanged = base === null || !deepEqual(unitValues(base, unit), remoteValues);
    if (localChanged && !remoteChanged) {
      for (const field of unit) setField(merged, field, local[field]);
      continue;
    }
    if (!localChanged) continue;
    const [only] = unit;
    const combine = unit.length === 1 && only !== undefined ? options.combine?.[only] : undefined;
    if (combine && only !== undefined) {
      setField(merged, only, combine(local[only], remote[only]));
      continue;
    }
    for (const field of unit) {
      if (!derived.has(field) && !deepEqual(local[field], remote[field])) {
        conflicts.push({ field, lostValue: summariseValue(local[field]), keptValue: summariseValue(remote[field]) });
      }
    }
  }
  const finalized = options.finalize ? options.finalize(merged) : merged;
  return { merged: finalized, conflicts, conflictEvent: conflictEvent(conflicts) };
}

function setField<Doc extends object, Field extends keyof Doc>(doc: Doc, field: Field, value: Doc[Field]): void {
  if (value === undefined) delete doc[field];
  else doc[field] = value;
}

/**
 * The journal text of a conflict: per field, the value set aside, then the
 * value kept (`subject : « Lampadaire cassé » → « Lampadaire en panne »`),
 * fields separated by ` ; `. The history reads it back with parseConflictText
 * to show it in the interface's language.
 */
function conflictEvent(conflicts: readonly FieldConflict[]): ConflictEvent | null {
  if (conflicts.length === 0) return null;
  return {
    type: 'conflict',
    fields: conflicts.map((conflict) => conflict.field),
    text: conflicts.map((conflict) => `${conflict.field} : « ${conflict.lostValue} » → « ${conflict.keptValue} »`).join(' ; '),
  };
}

export interface ConflictLine {
  field: string;
  lost: string;
  /** null in lines journaled before the kept value was recorded */
  kept: string | null;
}

const CONFLICT_LINE = /^([A-Za-z]\w*) : « (.*?) »(?: → « (.*) »)?$/s;

/** Reads a conflict event's text back, field by field; null when it is not in that shape (then show it as it is). */
export function parseConflictText(text: string): ConflictLine[] | null {
  const lines: ConflictLine[] = [];
  for (const part of text.split(/ ; (?=[A-Za-z]\w* : « )/)) {
    const match = CONFLICT_LINE.exec(part);
    if (!match?.[1] || match[2] === undefined) return null;
    lines.push({ field: match[1], lost: match[2], kept: match[3] ?? null });
  }
  return lines.length > 0 ? lines : null;
}

/** Attachments of both sides, once each by content: a file added on any device is never lost. */
export function unionAttachments(local: RequestDoc['attachments'], remote: RequestDoc['attachments']): RequestDoc['attachments'] {
  const known = new Set(remote.map((attachment) => attachment.sha256));
  return [...remote, ...local.filter((attachment) => !known.has(attachment.sha256))];
}

/**
 * Merges two versions of a request (RxDB conflict handler: base =
 * assumedMasterState, local = newDocumentState, remote = realMasterState).
 * Status and its reason go together. Attachments changed on both sides are
 * united rather than conflicting; a removal only survives when the other side
 * did not touch the list. `searchText` follows the rule without being
 * reported; it may lag a merged subject until the next save recomputes it.
 */
export function mergeRequest(base: RequestDoc | null, local: RequestDoc, remote: RequestDoc): MergeResult<RequestDoc> {
  return mergeDocuments(base, local, remote, {
    derived: ['searchText', 'updatedAt'],
    groups: [['status', 'statusReason']],
    combine: { attachments: unionAttachments },
  });
}

/** The people of both sides, once each by id: someone added on a device is never dropped (the server's entry wins for the same id). */
export function unionUsers(local: SettingsDoc['users'], remote: SettingsDoc['users']): SettingsDoc['users'] {
  const known = new Set(remote.map((user) => user.id));
  return [...remote, ...local.filter((user) => !known.has(user.id))];
}

/**
 * Merges two versions of the commune's settings. The people who use Guichet
 * are united: a second device enrolled into a commune already on the server
 * keeps its secretary in the list (and so in its journal), while the
 * commune's identity follows the rule (the server's value wins).
 */
export function mergeSettings(base: SettingsDoc | null, local: SettingsDoc, remote: SettingsDoc): MergeResult<SettingsDoc> {
  return mergeDocuments(base, local, remote, { derived: ['updatedAt'], combine: { users: unionUsers } });
}

/** Recomputes a resident's lookup fields from the merged name and phone. */
function withLookupFields(citizen: CitizenDoc): CitizenDoc {
  return { ...citizen, searchName: citizenSearchName(citizen.firstName, citizen.lastName), searchPhone: phoneDigits(citizen.phone) };
}

/** Replication merge of two versions of the same resident's file. */
export function mergeCitizenVersions(base: CitizenDoc | null, local: CitizenDoc, remote: CitizenDoc): MergeResult<CitizenDoc> {
  return mergeDocuments(base, local, remote, {
    derived: ['searchName', 'searchPhone', 'updatedAt'],
    groups: [['address', 'postalCode', 'city']],
    finalize: withLookupFields,
  });
}

const FILLABLE_FIELDS = ['civility', 'firstName', 'lastName', 'phone', 'email', 'birthDate'] as const;
const ADDRESS_FIELDS = ['address', 'postalCode', 'city'] as const;

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/**
 * Merges two files of the same person (a duplicate made at intake): empty
 * fields of `keep` are filled from `other`, the address as a whole (street,
 * postal code and city of one file, never a mix); notes are put end to end,
 * with the merged file's phone and email when they differ from the kept ones.
 * Returns the kept file completed, lookup fields recomputed; marking `other`
 * as merged (`mergedInto`) and re-pointing its requests and events is the
 * caller's job.
 */
export function mergeCitizens(keep: CitizenDoc, other: CitizenDoc, labels: OtherContactLabels): CitizenDoc {
  const kept: CitizenDoc = { ...keep };
  for (const field of FILLABLE_FIELDS) {
    if (isBlank(kept[field]) && !isBlank(other[field])) Object.assign(kept, { [field]: other[field] });
  }
  if (ADDRESS_FIELDS.every((field) => isBlank(kept[field])) && ADDRESS_FIELDS.some((field) => !isBlank(other[field]))) {
    for (const field of ADDRESS_FIELDS) kept[field] = other[field];
  }
  for (const line of [other.notes.trim(), ...otherContactLines(kept, other, labels)]) kept.notes = appendNote(kept.notes, line);
  return withLookupFields(kept);
}

/** How the notes name a phone or email of the merged file that differs from the kept one: « Autre téléphone (dossier fusionné) ». */
export interface OtherContactLabels {
  phone: (value: string) => string;
  email: (value: string) => string;
}

/**
 * A phone or email of the merged file that the kept file already has a
 * different one of: never overwritten, never lost either (issue 13: it was
 * only in the export): it goes into the kept file's notes, on screen.
 */
function otherContactLines(kept: CitizenDoc, other: CitizenDoc, labels: OtherContactLabels): string[] {
  const lines: string[] = [];
  if (!isBlank(other.phone) && phoneDigits(other.phone) !== phoneDigits(kept.phone)) lines.push(labels.phone(other.phone.trim()));
  if (!isBlank(other.email) && other.email.trim().toLowerCase() !== kept.email.trim().toLowerCase())
    lines.push(labels.email(other.email.trim()));
  return lines;
}

/** Notes end to end, a line already there not repeated. */
function appendNote(notes: string, line: string): string {
  if (line === '' || notes.includes(line)) return notes;
  return notes.trim() === '' ? line : `${notes.trimEnd()}\n\n${line}`;
}
