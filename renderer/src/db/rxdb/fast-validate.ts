import { wrappedValidateStorageFactory, type RxJsonSchema, type RxValidationError } from 'rxdb';
import { getValidator as getZSchemaValidator } from 'rxdb/plugins/validate-z-schema';

// ---------------------------------------------------------------------------
// Document validation
// ---------------------------------------------------------------------------
//
// z-schema walks a request in about a millisecond: most of the time of a
// save, and 4 minutes for a commune of 230,000 documents pulled or restored.
// The schemas use a dozen keywords; checking those with closures built once
// per schema takes microseconds. z-schema stays the reference: it checks
// every document the closures refuse (so the errors reported are its own),
// and every document of a schema with a keyword the closures do not know.
// database.test.ts checks that both agree on valid and broken documents.

/** A check of one value against a compiled schema: true when valid. */
type Check = (value: unknown) => boolean;

/** The JSON Schema keywords the closures implement, as z-schema 12 does. */
const CHECKED_KEYWORDS = new Set([
  'type',
  'enum',
  'maxLength',
  'minLength',
  'pattern',
  'minimum',
  'maximum',
  'multipleOf',
  'items',
  'maxItems',
  'properties',
  'required',
  'additionalProperties',
]);
/** Keywords that describe, or that RxDB reads itself, and that z-schema does not check. */
const IGNORED_KEYWORDS = new Set([
  'title',
  'description',
  '$comment',
  'version',
  'primaryKey',
  'indexes',
  'internalIndexes',
  'keyCompression',
  'encrypted',
  'attachments',
]);
const JSON_TYPES = new Set(['null', 'array', 'object', 'integer', 'number', 'string', 'boolean']);

/** The JSON type of a value as z-schema names it; an integer is also a number. */
function jsonTypeOf(value: unknown): string {
  switch (typeof value) {
    case 'object':
      return value === null ? 'null' : Array.isArray(value) ? 'array' : 'object';
    case 'number':
      return Number.isFinite(value) ? (value % 1 === 0 ? 'integer' : 'number') : 'not-a-json-number';
    default:
      return typeof value;
  }
}

/** Length in Unicode code points, as JSON Schema counts it: a surrogate pair is one. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i += 1) {
    const high = text.charCodeAt(i);
    if (high >= 0xd800 && high <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        count -= 1;
        i += 1;
      }
    }
  }
  return count;
}

/** The pattern's RegExp, with the `u` flag only where z-schema uses it. */
function patternRegExp(pattern: string): RegExp {
  const needsUnicode =
    /\\[pP]{/.test(pattern) || /[\u{10000}-\u{10FFFF}]/u.test(pattern) || /\\uD[89AB][0-9A-Fa-f]{2}\\uD[CDEF][0-9A-Fa-f]{2}/.test(pattern);
  return needsUnicode ? new RegExp(pattern, 'u') : new RegExp(pattern);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function allOf(checks: Check[]): Check {
  return (value) => {
    for (const check of checks) if (!check(value)) return false;
    return true;
  };
}

/**
 * Compiles a schema into closures (no generated code: the CSP forbids eval).
 * Returns null when the schema uses a keyword, or a form of one, that the
 * closures do not implement.
 */
export function compileSchemaCheck(schema: unknown): Check | null {
  if (!isPlainObject(schema)) return null;
  const checks: Check[] = [];
  for (const [keyword, argument] of Object.entries(schema)) {
    if (IGNORED_KEYWORDS.has(keyword)) continue;
    if (!CHECKED_KEYWORDS.has(keyword)) return null;
    const check = keywordCheck(keyword, argument, schema);
    if (check === null) return null;
    if (check !== 'none') checks.push(check);
  }
  return allOf(checks);
}

function keywordCheck(keyword: string, argument: unknown, schema: Record<string, unknown>): Check | 'none' | null {
  switch (keyword) {
    case 'type': {
      const types: unknown[] | null = typeof argument === 'string' ? [argument] : Array.isArray(argument) ? argument : null;
      if (!types || !types.every((type) => typeof type === 'string' && JSON_TYPES.has(type))) return null;
      const allowed = new Set(types as string[]);
      if (allowed.has('number')) allowed.add('integer');
      return (value) => allowed.has(jsonTypeOf(value));
    }
    case 'enum': {
      if (!Array.isArray(argument) || !argument.every((item) => item === null || ['string', 'number', 'boolean'].includes(typeof item)))
        return null;
      const values: unknown[] = argument;
      return (value) => values.includes(value) && !Number.isNaN(value);
    }
    case 'maxLength': {
      if (typeof argument !== 'number') return null;
      const bound = argument;
      return (value) => typeof value !== 'string' || value.length <= bound || codePoints(value) <= bound;
    }
    case 'minLength': {
      if (typeof argument !== 'number') return null;
      const bound = argument;
      return (value) => typeof value !== 'string' || codePoints(value) >= bound;
    }
    case 'pattern': {
      if (typeof argument !== 'string') return null;
      let regExp: RegExp;
      try {
        regExp = patternRegExp(argument);
      } catch {
        return null;
      }
      return (value) => typeof value !== 'string' || regExp.test(value);
    }
    case 'minimum':
    case 'maximum': {
      // draft-04's boolean exclusiveMinimum/exclusiveMaximum change their meaning: not implemented.
      if (typeof argument !== 'number' || 'exclusiveMinimum' in schema || 'exclusiveMaximum' in schema) return null;
      const bound = argument;
      return keyword === 'minimum'
        ? (value) => typeof value !== 'number' || !(value < bound)
        : (value) => typeof value !== 'number' || !(value > bound);
    }
    case 'multipleOf': {
      if (typeof argument !== 'number') return null;
      const step = argument;
      return (value) => {
        if (typeof value !== 'number') return true;
        const ratio = value / step;
        return Number.isFinite(ratio) && Math.abs(ratio - Math.round(ratio)) < 1e-10;
      };
    }
    case 'maxItems': {
      if (typeof argument !== 'number') return null;
      const bound = argument;
      return (value) => !Array.isArray(value) || value.length <= bound;
    }
    case 'items': {
      const item = compileSchemaCheck(argument);
      if (!item) return null;
      return (value) => !Array.isArray(value) || value.every(item);
    }
    case 'required': {
      if (!Array.isArray(argument) || !argument.every((name) => typeof name === 'string')) return null;
      const names = argument as string[];
      return (value) => !isPlainObject(value) || names.every((name) => Object.hasOwn(value, name));
    }
    case 'properties':
      return objectCheck(argument, schema.additionalProperties);
    case 'additionalProperties':
      // Checked with `properties`; alone, it is checked as `properties: {}` would be.
      return 'properties' in schema ? 'none' : objectCheck(undefined, argument);
    default:
      return null;
  }
}

/** `properties` and `additionalProperties`: each listed key by its schema, the others refused or checked. */
function objectCheck(properties: unknown, additional: unknown): Check | null {
  if (properties !== undefined && !isPlainObject(properties)) return null;
  const listed = new Map<string, Check>();
  for (const [name, propertySchema] of Object.entries(properties ?? {})) {
    const check = compileSchemaCheck(propertySchema);
    if (!check) return null;
    listed.set(name, check);
  }
  let others: Check | 'refused' | 'allowed';
  if (additional === false) others = 'refused';
  else if (additional === undefined || additional === true) others = 'allowed';
  else {
    const check = compileSchemaCheck(additional);
    if (!check) return null;
    others = check;
  }
  return (value) => {
    if (!isPlainObject(value)) return true;
    for (const key of Object.keys(value)) {
      const check = listed.get(key);
      if (check) {
        if (!check(value[key])) return false;
      } else if (others === 'refused') {
        return false;
      } else if (others !== 'allowed' && !others(value[key])) {
        return false;
      }
    }
    return true;
  };
}

/** A collection's validator: the closures answer "valid"; z-schema has the last word otherwise. */
export function fastValidator(schema: RxJsonSchema<unknown>): (doc: unknown) => RxValidationError[] {
  const reference = getZSchemaValidator(schema) as (doc: unknown) => RxValidationError[];
  const check = compileSchemaCheck(schema);
  if (!check) return reference;
  return (doc) => (check(doc) ? [] : reference(doc));
}

export const wrappedFastValidateStorage = wrappedValidateStorageFactory(fastValidator, 'z-schema-fast');
