/**
 * Building blocks of the collection schemas, so that every collection spells
 * ids, dates and bounded strings the same way.
 */
import type { JsonSchemaProperty, JsonType } from './types';

/** Ids are UUIDs (domain/ids.ts) or short fixed names (`commune` for settings). */
export const ID_MAX_LENGTH = 64;

/**
 * Instants are stored exactly as `Date.prototype.toISOString()` writes them
 * (UTC, milliseconds, `Z`): the indexes sort them as strings, which is only
 * chronological when every instant has the same shape.
 */
export const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$';
export const INSTANT_LENGTH = 24;
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
/*
 * Patterns avoid quantified groups such as `(...)?`: z-schema, the renderer's
 * validator, refuses them as possible ReDoS. Alternatives (`^$|^...$`) are fine.
 */

export const SHORT_TEXT = 200;
export const LINE_TEXT = 1_000;
export const LONG_TEXT = 100_000;

export function id(description: string): JsonSchemaProperty {
  return { type: 'string', description, minLength: 1, maxLength: ID_MAX_LENGTH };
}

/** A reference to another document, `''` for none (model.ts, NO_ID): indexable. */
export function reference(description: string): JsonSchemaProperty {
  return { type: 'string', description, maxLength: ID_MAX_LENGTH };
}

export function nullableId(description: string): JsonSchemaProperty {
  return { type: ['string', 'null'], description, maxLength: ID_MAX_LENGTH };
}

export function instant(description: string): JsonSchemaProperty {
  return { type: 'string', description, pattern: INSTANT_PATTERN, maxLength: INSTANT_LENGTH };
}

export function nullableInstant(description: string): JsonSchemaProperty {
  return { type: ['string', 'null'], description, pattern: INSTANT_PATTERN, maxLength: INSTANT_LENGTH };
}

/** A calendar date `YYYY-MM-DD`, no time, no zone. */
export function date(description: string): JsonSchemaProperty {
  return { type: 'string', description, pattern: DATE_PATTERN, maxLength: 10 };
}

export function text(description: string, maxLength: number = SHORT_TEXT): JsonSchemaProperty {
  return { type: 'string', description, maxLength };
}

export function oneOf(description: string, values: readonly string[]): JsonSchemaProperty {
  return { type: 'string', description, enum: values, maxLength: Math.max(...values.map((value) => value.length)) };
}

export function nullableOneOf(description: string, values: readonly string[]): JsonSchemaProperty {
  return { ...oneOf(description, values), type: ['string', 'null'], enum: [...values, null] };
}

export function flag(description: string): JsonSchemaProperty {
  return { type: 'boolean', description };
}

export function count(description: string, maximum: number): JsonSchemaProperty {
  return { type: 'integer', description, minimum: 0, maximum, multipleOf: 1 };
}

export function list(description: string, items: JsonSchemaProperty, maxItems = 1_000): JsonSchemaProperty {
  return { type: 'array', description, items, maxItems };
}

/** A nested object whose listed fields are all required, nothing else allowed. */
export function record(
  description: string,
  properties: Readonly<Record<string, JsonSchemaProperty>>,
  options: { nullable?: boolean; optional?: readonly string[] } = {},
): JsonSchemaProperty {
  const type: JsonType | JsonType[] = options.nullable ? ['object', 'null'] : 'object';
  const optional = options.optional ?? [];
  return {
    type,
    description,
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    additionalProperties: false,
  };
}
