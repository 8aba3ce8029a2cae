// The committed provider schema, indexed for the validator and the HCL converter.
import * as fs from "node:fs";
import * as path from "node:path";
import { Constraint, fromDocument, numericRange } from "../provider-constraints";

/** The provider release the committed schema describes; the file names below carry it. */
import { PROVIDER_VERSION } from "../versions";

export { PROVIDER_VERSION };
export const PROVIDER_ADDRESS = "registry.terraform.io/spectrocloud/spectrocloud";
export const SCHEMA_FILE = `spectrocloud-${PROVIDER_VERSION}.schema.json`;
export const CONSTRAINTS_FILE = `spectrocloud-${PROVIDER_VERSION}.constraints.json`;

/** A Terraform type expression as `terraform providers schema -json` prints it. */
export type TypeExpr =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | readonly ["list" | "set" | "map", TypeExpr]
  | readonly ["object", Readonly<Record<string, TypeExpr>>, ...unknown[]]
  | readonly ["tuple", readonly TypeExpr[]];

export type NestingMode = "single" | "group" | "list" | "set" | "map";

/** One attribute with everything the checks need, resolved once from the schema and the constraints file. */
export interface AttrSpec {
  readonly name: string;
  /** Path inside the resource with nested blocks joined by `.` (the constraints file's key). */
  readonly key: string;
  readonly type: TypeExpr;
  readonly required: boolean;
  /** Computed and neither optional nor required: Terraform rejects a configured value. */
  readonly readOnly: boolean;
  readonly enumValues?: readonly string[];
  readonly enumIgnoreCase?: boolean;
  readonly elemEnum?: readonly string[];
  readonly notIn?: readonly string[];
  readonly patterns?: readonly RegExp[];
  readonly min?: number;
  readonly max?: number;
  readonly notEmpty?: boolean;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly conflictsWith?: readonly string[];
  readonly exactlyOneOf?: readonly string[];
  readonly atLeastOneOf?: readonly string[];
  readonly requiredWith?: readonly string[];
}

export interface BlockTypeSpec {
  readonly name: string;
  readonly key: string;
  readonly nesting: NestingMode;
  readonly minItems: number;
  /** 0 means unbounded, as in the schema JSON. */
  readonly maxItems: number;
  readonly block: BlockSpec;
}

export interface BlockSpec {
  readonly key: string;
  readonly attributes: ReadonlyMap<string, AttrSpec>;
  readonly blocks: ReadonlyMap<string, BlockTypeSpec>;
  readonly requiredAttributes: readonly string[];
  readonly requiredBlocks: readonly string[];
  /** Attributes with cross-attribute rules, so instances without any skip that pass entirely. */
  readonly crossRuleAttributes: readonly AttrSpec[];
  /** Attribute and block names, sorted, for "did you mean" hints. */
  readonly names: readonly string[];
}

export type SchemaKind = "resource" | "data" | "provider";

export interface TypeSpec {
  readonly kind: SchemaKind;
  readonly type: string;
  readonly block: BlockSpec;
}

interface RawAttribute {
  type?: TypeExpr;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
}
interface RawBlockType {
  nesting_mode: NestingMode;
  block: RawBlock;
  min_items?: number;
  max_items?: number;
}
interface RawBlock {
  attributes?: Record<string, RawAttribute>;
  block_types?: Record<string, RawBlockType>;
}
interface RawSchema {
  block: RawBlock;
}
interface RawProviderSchemas {
  provider: RawSchema;
  resource_schemas: Record<string, RawSchema>;
  data_source_schemas: Record<string, RawSchema>;
}
type RawConstraint = Constraint;
type RawConstraints = Record<string, RawConstraint>;

/**
 * Per-type lookup tables built from the provider schema JSON and the constraints file. Types are compiled on
 * first use and cached, so a fleet of a thousand resources of one type walks that type's schema once.
 */
export class SchemaIndex {
  public readonly resourceTypes: readonly string[];
  public readonly dataSourceTypes: readonly string[];
  private readonly raw: RawProviderSchemas;
  private readonly constraints: { resources: Record<string, RawConstraints>; data_sources: Record<string, RawConstraints>; provider: RawConstraints };
  private readonly cache = new Map<string, TypeSpec>();

  constructor(schemaJson: unknown, constraintsJson: unknown) {
    const schemas = (schemaJson as { provider_schemas?: Record<string, RawProviderSchemas> } | null)?.provider_schemas;
    const raw = schemas?.[PROVIDER_ADDRESS] ?? (schemas ? Object.values(schemas)[0] : undefined);
    if (!raw || !raw.resource_schemas || !raw.data_source_schemas || !raw.provider) {
      throw new Error("provider schema JSON has no provider_schemas entry with provider, resource_schemas and data_source_schemas");
    }
    this.raw = raw;
    this.constraints = fromDocument(constraintsJson);
    this.resourceTypes = Object.keys(raw.resource_schemas).sort();
    this.dataSourceTypes = Object.keys(raw.data_source_schemas).sort();
  }

  /** Loads the schema and constraints files from `dir`, or from wherever {@link findSchemaDir} finds them. */
  static load(dir: string = findSchemaDir()): SchemaIndex {
    const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
    return new SchemaIndex(read(SCHEMA_FILE), read(CONSTRAINTS_FILE));
  }

  resource(type: string): TypeSpec | undefined {
    return this.get("resource", type);
  }

  dataSource(type: string): TypeSpec | undefined {
    return this.get("data", type);
  }

  provider(): TypeSpec {
    return this.get("provider", "spectrocloud") as TypeSpec;
  }

  private get(kind: SchemaKind, type: string): TypeSpec | undefined {
    const cacheKey = `${kind}:${type}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    let raw: RawSchema | undefined;
    let constraints: RawConstraints | undefined;
    if (kind === "provider") {
      raw = this.raw.provider;
      constraints = this.constraints.provider;
    } else {
      const schemas = kind === "resource" ? this.raw.resource_schemas : this.raw.data_source_schemas;
      if (!Object.prototype.hasOwnProperty.call(schemas, type)) return undefined;
      raw = schemas[type];
      constraints = (kind === "resource" ? this.constraints.resources : this.constraints.data_sources)[type];
    }
    const spec: TypeSpec = { kind, type, block: compileBlock(raw.block, "", constraints ?? {}) };
    this.cache.set(cacheKey, spec);
    return spec;
  }
}

function compileBlock(raw: RawBlock, prefix: string, constraints: RawConstraints): BlockSpec {
  const attributes = new Map<string, AttrSpec>();
  const blocks = new Map<string, BlockTypeSpec>();
  const requiredAttributes: string[] = [];
  const requiredBlocks: string[] = [];
  const crossRuleAttributes: AttrSpec[] = [];
  for (const [name, a] of Object.entries(raw.attributes ?? {})) {
    const key = prefix + name;
    const spec = compileAttribute(name, key, a, constraints[key]);
    attributes.set(name, spec);
    if (spec.required) requiredAttributes.push(name);
    if (spec.conflictsWith || spec.exactlyOneOf || spec.atLeastOneOf || spec.requiredWith) crossRuleAttributes.push(spec);
  }
  for (const [name, b] of Object.entries(raw.block_types ?? {})) {
    const key = prefix + name;
    const single = b.nesting_mode === "single" || b.nesting_mode === "group";
    const spec: BlockTypeSpec = {
      name,
      key,
      nesting: b.nesting_mode,
      minItems: b.min_items ?? 0,
      maxItems: single ? 1 : (b.max_items ?? 0),
      block: compileBlock(b.block, `${key}.`, constraints),
    };
    blocks.set(name, spec);
    if (spec.minItems > 0) requiredBlocks.push(name);
  }
  const names = [...attributes.keys(), ...blocks.keys()].sort();
  return { key: prefix.replace(/\.$/, ""), attributes, blocks, requiredAttributes, requiredBlocks, crossRuleAttributes, names };
}

function compileAttribute(name: string, key: string, a: RawAttribute, c: RawConstraint | undefined): AttrSpec {
  const spec: { -readonly [K in keyof AttrSpec]: AttrSpec[K] } = {
    name,
    key,
    type: a.type ?? "dynamic",
    required: a.required === true,
    readOnly: a.computed === true && a.optional !== true && a.required !== true,
  };
  if (!c) return spec;
  if (c.enum) {
    spec.enumValues = c.enum;
    spec.enumIgnoreCase = (c.validators ?? []).some((v) => v.startsWith("StringInSlice(") && /,\s*true\)$/.test(v));
  }
  if (c.elem_enum) spec.elemEnum = c.elem_enum;
  if (c.not_in) spec.notIn = c.not_in;
  if (c.regex) spec.patterns = c.regex.flatMap(toRegExp);
  if (c.min_items !== undefined) spec.minItems = c.min_items;
  if (c.max_items !== undefined) spec.maxItems = c.max_items;
  if (c.conflicts_with) spec.conflictsWith = c.conflicts_with;
  if (c.exactly_one_of) spec.exactlyOneOf = c.exactly_one_of;
  if (c.at_least_one_of) spec.atLeastOneOf = c.at_least_one_of;
  if (c.required_with) spec.requiredWith = c.required_with;
  // Only helper/validation calls with numeric bounds are evaluated; provider-defined validators are recorded
  // by name only and cannot be run offline.
  const { min, max } = numericRange(c);
  if (min !== undefined) spec.min = min;
  if (max !== undefined) spec.max = max;
  if ((c.validators ?? []).includes("StringIsNotEmpty()")) spec.notEmpty = true;
  return spec;
}

/** Go RE2 patterns in this file are all JavaScript-compatible; one that is not is skipped rather than guessed. */
function toRegExp(source: string): RegExp[] {
  try {
    return [new RegExp(source)];
  } catch {
    return [];
  }
}

/**
 * Where the schema files are: `schema/` next to this module in the published package (dist/validate/schema),
 * else the repository's packages/provider-spectrocloud/schema, found by walking up from this module, which
 * covers lib/validate under jest and .build/lib/validate when run through scripts/validate.js.
 */
export function findSchemaDir(from: string = __dirname): string {
  const bundled = path.join(from, "schema");
  if (fs.existsSync(path.join(bundled, SCHEMA_FILE))) return bundled;
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "packages", "provider-spectrocloud", "schema");
    if (fs.existsSync(path.join(candidate, SCHEMA_FILE))) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`cannot find ${SCHEMA_FILE}: looked in ${bundled} and in packages/provider-spectrocloud/schema above ${from}`);
}

let shared: SchemaIndex | undefined;

/** The index of the committed schema, loaded once per process. */
export function defaultSchemaIndex(): SchemaIndex {
  shared ??= SchemaIndex.load();
  return shared;
}
