/**
 * The schemas of the replicated collections, for RxDB in the renderer and for
 * validating pushed documents on the sync server: both use these, so a
 * document one accepts the other accepts.
 */
import type { DocumentsByCollection, ReplicatedCollection } from '../model';
import { categoriesCollection } from './categories';
import { citizensCollection } from './citizens';
import { eventsCollection } from './events';
import { replyTemplatesCollection } from './replytemplates';
import { requestsCollection } from './requests';
import { settingsCollection } from './settings';
import { proceduresCollection } from './procedures';
import { assistedSessionsCollection } from './assistedsessions';
import type { AnyCollectionSchema, CollectionDefinition, JsonSchemaProperty } from './types';

export type {
  AnyCollectionSchema,
  CollectionDefinition,
  CollectionSchema,
  JsonSchemaProperty,
  JsonType,
  MigrationStrategies,
  MigrationStrategy,
} from './types';
export { requestsCollection, requestSchema, requestSchemaV0, migrateRequestV0, type RequestDocV0 } from './requests';
export { citizensCollection, citizenSchema, citizenSchemaV0, migrateCitizenV0, splitFullName, type CitizenDocV0 } from './citizens';
export { eventsCollection, eventSchema, eventSchemaV0, migrateEventV0, type EventDocV0 } from './events';
export { categoriesCollection, categorySchema, categorySchemaV0, migrateCategoryV0, type CategoryDocV0 } from './categories';
export {
  replyTemplatesCollection,
  replyTemplateSchema,
  replyTemplateSchemaV0,
  migrateReplyTemplateV0,
  type ReplyTemplateDocV0,
} from './replytemplates';
export {
  settingsCollection,
  settingsSchema,
  settingsSchemaV0,
  migrateSettingsV0,
  isAlsaceMoselle,
  SETTINGS_ID,
  type SettingsDocV0,
} from './settings';

export { proceduresCollection, procedureSchema } from './procedures';
export { assistedSessionsCollection, assistedSessionSchema } from './assistedsessions';

export const COLLECTION_SCHEMAS: { readonly [Name in ReplicatedCollection]: CollectionDefinition<DocumentsByCollection[Name]> } = {
  requests: requestsCollection,
  citizens: citizensCollection,
  events: eventsCollection,
  categories: categoriesCollection,
  replytemplates: replyTemplatesCollection,
  settings: settingsCollection,
  procedures: proceduresCollection,
  assistedsessions: assistedSessionsCollection,
};

/** The schema a document of `version` must match: the current one or a kept earlier one. */
export function schemaForVersion(collection: ReplicatedCollection, version: number): AnyCollectionSchema | null {
  const definition = COLLECTION_SCHEMAS[collection];
  if (version === definition.schema.version) return definition.schema;
  return definition.previousSchemas[version] ?? null;
}

/**
 * Brings a document of an earlier schema version to the current one, as RxDB
 * does on the device: for the sync server, which may receive pushes from a
 * device that has not updated yet. The document must first be validated
 * against `schemaForVersion(collection, fromVersion)`.
 */
export function migrateToCurrent<Name extends ReplicatedCollection>(
  collection: Name,
  doc: object,
  fromVersion: number,
): DocumentsByCollection[Name] {
  const definition = COLLECTION_SCHEMAS[collection];
  let current: unknown = doc;
  for (let version = fromVersion + 1; version <= definition.schema.version; version += 1) {
    const strategy = definition.migrationStrategies[version];
    if (!strategy) throw new Error(`no migration of ${collection} to version ${version}`);
    current = strategy(current);
  }
  return current as DocumentsByCollection[Name];
}

/**
 * The schema as plain JSON Schema for a standard validator (ajv on the
 * server, in tests): without RxDB's own keywords (`version`, `primaryKey`,
 * `indexes`), and accepting the `_deleted` flag the replication protocol
 * carries with each document.
 */
export function toValidationSchema(schema: AnyCollectionSchema): {
  title: string;
  description: string;
  type: 'object';
  properties: Readonly<Record<string, JsonSchemaProperty>>;
  required: readonly string[];
  additionalProperties: false;
} {
  const { title, description, type, properties, required, additionalProperties } = schema;
  return { title, description, type, properties: { ...properties, _deleted: { type: 'boolean' } }, required, additionalProperties };
}
