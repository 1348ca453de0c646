/**
 * What any JSON the server stores may hold, whatever its schema says: no NUL
 * character and no lone UTF-16 surrogate (PostgreSQL's jsonb cannot store
 * them, and a half character is no one's text), a bounded depth (a deep
 * document overflows every recursive reader), and bounded sizes per object,
 * array and string, so that one document cannot cost the server seconds.
 *
 * The schemas say what each field means; these are the bounds of any field,
 * checked first, without recursion, so that the checking itself cannot be
 * made to overflow.
 */

export interface JsonLimits {
  /** nesting of objects and arrays */
  maxDepth: number;
  /** keys of one object */
  maxKeys: number;
  /** items of one array */
  maxItems: number;
  /** UTF-16 code units of one string (an email's text is the longest) */
  maxStringLength: number;
  /** code units of one key */
  maxKeyLength: number;
}

export const JSON_LIMITS: JsonLimits = {
  maxDepth: 16,
  maxKeys: 256,
  maxItems: 5_000,
  maxStringLength: 500_000,
  maxKeyLength: 200,
};

/** `malformed`: never storable (a 400); `too_large`: over a bound (a 413). */
export interface JsonProblem {
  kind: 'malformed' | 'too_large';
  /** JSON Pointer of the value, e.g. `/0/newDocumentState/subject` */
  path: string;
  message: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function stringProblem(value: string, path: string, maxLength: number, what: string): JsonProblem | null {
  if (value.includes('\u0000')) return { kind: 'malformed', path, message: `${what} contains a NUL character` };
  if (LONE_SURROGATE.test(value))
    return { kind: 'malformed', path, message: `${what} contains a lone UTF-16 surrogate (half a character)` };
  if (value.length > maxLength) return { kind: 'too_large', path, message: `${what} is longer than ${maxLength} characters` };
  return null;
}

function containerProblem(value: object, path: string, depth: number, limits: JsonLimits): JsonProblem | null {
  if (depth > limits.maxDepth) return { kind: 'malformed', path, message: `nested deeper than ${limits.maxDepth} levels` };
  if (Array.isArray(value)) {
    return value.length > limits.maxItems ? { kind: 'too_large', path, message: `more than ${limits.maxItems} items` } : null;
  }
  const keys = Object.keys(value);
  if (keys.length > limits.maxKeys) return { kind: 'too_large', path, message: `more than ${limits.maxKeys} keys` };
  for (const key of keys) {
    const problem = stringProblem(key, pointer(path, key), limits.maxKeyLength, 'the key');
    if (problem) return problem;
  }
  return null;
}

/** The first problem of a parsed JSON value, or null when it is storable. */
export function jsonProblem(root: unknown, limits: JsonLimits = JSON_LIMITS): JsonProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path, depth } = item;
    if (typeof value === 'string') {
      const problem = stringProblem(value, path, limits.maxStringLength, 'the text');
      if (problem) return problem;
      continue;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) return { kind: 'malformed', path, message: 'the number is out of range' };
    if (typeof value !== 'object' || value === null) continue;
    const problem = containerProblem(value, path, depth + 1, limits);
    if (problem) return problem;
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((child, index) => [index, child])
      : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, path: pointer(path, key), depth: depth + 1 });
  }
  return null;
}
