/**
 * The shape of a collection schema, written locally so that domain/ imports
 * no framework. It is structurally compatible with RxDB's `RxJsonSchema`
 * (a test assigns each schema to `RxJsonSchema<Doc>`), and it is plain JSON
 * Schema (draft 7 subset) apart from RxDB's `version`, `primaryKey` and
 * `indexes`, which `toValidationSchema` removes for other validators.
 */

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface JsonSchemaProperty {
  type: JsonType | readonly JsonType[];
  description?: string;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  enum?: readonly (string | number | boolean | null)[];
  items?: JsonSchemaProperty;
  maxItems?: number;
  properties?: Readonly<Record<string, JsonSchemaProperty>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchemaProperty;
}

/**
 * One collection's schema. `properties` is keyed by every field of `Doc`, so
 * the compiler refuses a schema that forgets a field of the model.
 */
export interface CollectionSchema<Doc> {
  title: string;
  description: string;
  version: number;
  primaryKey: keyof Doc & string;
  type: 'object';
  properties: { readonly [Field in keyof Doc & string]-?: JsonSchemaProperty };
  required: readonly (keyof Doc & string)[];
  indexes: readonly (readonly (keyof Doc & string)[])[];
  additionalProperties: false;
}

/**
 * RxDB's migration strategies: key n turns a document of version n-1 into
 * version n. Each strategy names the old shape it expects; RxDB hands it the
 * stored data as it is. The method form makes the parameter bivariant, so a
 * strategy typed for its old shape fits here and in RxDB's own
 * `MigrationStrategies` without a cast. Only the last one returns the
 * current `Doc`; earlier ones return the intermediate shape of their version.
 */
export type MigrationStrategy<Doc> = { migrate(oldDoc: unknown): Doc }['migrate'];
export type MigrationStrategies<Doc> = Readonly<Record<number, MigrationStrategy<Doc | object>>>;

export interface CollectionDefinition<Doc> {
  schema: CollectionSchema<Doc>;
  migrationStrategies: MigrationStrategies<Doc>;
  /** earlier versions' schemas, by version: to validate a document an out-of-date client pushes before migrating it */
  previousSchemas: Readonly<Record<number, AnyCollectionSchema>>;
}

/** Any collection's schema, whatever its document type: for code that handles every collection alike. */
export interface AnyCollectionSchema {
  title: string;
  description: string;
  version: number;
  primaryKey: string;
  type: 'object';
  properties: Readonly<Record<string, JsonSchemaProperty>>;
  required: readonly string[];
  indexes: readonly (readonly string[])[];
  additionalProperties: false;
}
