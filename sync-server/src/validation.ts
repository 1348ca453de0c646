import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { COLLECTION_SCHEMAS, schemaForVersion, toValidationSchema, migrateToCurrent } from '../../domain/schemas';
import type { ReplicatedCollection } from '../../domain/model';
import type { JsonObject } from './canonical';

/**
 * Pushed documents are checked against the very schemas the devices use
 * (domain/schemas), compiled once per collection and version. A device that
 * has not updated yet may push documents of a kept earlier version: they are
 * validated against that version's schema, then brought to the current one
 * with the domain's migration, exactly as RxDB would on the device.
 */
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
const compiled = new Map<string, ValidateFunction>();

function validator(collection: ReplicatedCollection, version: number): ValidateFunction | null {
  const key = `${collection}@${version}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const schema = schemaForVersion(collection, version);
  if (!schema) return null;
  const validate = ajv.compile(toValidationSchema(schema));
  compiled.set(key, validate);
  return validate;
}

export function currentVersion(collection: ReplicatedCollection): number {
  return COLLECTION_SCHEMAS[collection].schema.version;
}

/** Whether documents of this version can still be accepted (validated, then migrated). */
export function isAcceptedVersion(collection: ReplicatedCollection, version: number): boolean {
  return schemaForVersion(collection, version) !== null;
}

export type Validation = { ok: true; doc: JsonObject } | { ok: false; reasons: string[] };

/** Validates a document of the given version and returns it at the current version. */
export function validateDocument(collection: ReplicatedCollection, doc: JsonObject, version = currentVersion(collection)): Validation {
  const validate = validator(collection, version);
  if (!validate) return { ok: false, reasons: [`schema version ${version} is not accepted`] };
  if (!validate(doc)) return { ok: false, reasons: describeErrors(validate.errors ?? []) };
  if (version === currentVersion(collection)) return { ok: true, doc };
  return { ok: true, doc: migrateToCurrent(collection, doc, version) as unknown as JsonObject };
}

/** ajv's messages name the field and the rule, never the value: safe to return and to log. */
function describeErrors(errors: readonly ErrorObject[]): string[] {
  return errors.slice(0, 10).map((error) => {
    const where = error.instancePath === '' ? '(document)' : error.instancePath;
    const extra = error.keyword === 'additionalProperties' ? ` (${String(error.params['additionalProperty'])})` : '';
    return `${where} ${error.message ?? 'is invalid'}${extra}`;
  });
}

/** The schema integrators see at GET /api/v1/schema/:collection: RxDB's, as the devices use it. */
export function publishedSchema(collection: ReplicatedCollection): object {
  return COLLECTION_SCHEMAS[collection].schema;
}
