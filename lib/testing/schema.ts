/**
 * The provider schema (committed JSON) and its side constraints, and their conversion to the
 * GetProviderSchema response. Encoding 88 schemas costs tens of ms on every launch, so the encoded
 * response is cached on disk, keyed by the sha256 of the schema file and the encoder version.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ENV, PROVIDER_SOURCE, constraintsPath, schemaPath } from "./assets";
import type { Schema, SchemaBlock } from "./cty";
import { NESTING, codec } from "./tfplugin6";
import { Constraints, readConstraintsFile } from "../provider-constraints";

/** Bump when the response layout changes, so stale caches are ignored. */
const ENCODER_VERSION = "1";

export interface ProviderSchemas {
  provider: Schema;
  resource_schemas: Record<string, Schema>;
  data_source_schemas: Record<string, Schema>;
}

export type { Constraint, Constraints, TypeConstraints } from "../provider-constraints";

let schemaBytes: Buffer | undefined;
let schemas: ProviderSchemas | undefined;

function rawSchema(): Buffer {
  return (schemaBytes ??= fs.readFileSync(schemaPath()));
}

export function loadSchemas(): ProviderSchemas {
  if (!schemas) {
    const doc = JSON.parse(rawSchema().toString("utf8"));
    const entry = doc.provider_schemas?.[PROVIDER_SOURCE] ?? Object.values(doc.provider_schemas ?? {})[0];
    if (!entry) throw new Error(`offline provider: ${schemaPath()} has no provider_schemas`);
    schemas = { provider: entry.provider, resource_schemas: entry.resource_schemas ?? {}, data_source_schemas: entry.data_source_schemas ?? {} };
  }
  return schemas;
}

/** The shared constraints loader (lib/provider-constraints), on the file the plugin was pointed at. */
export function loadConstraints(): Constraints {
  return readConstraintsFile(constraintsPath());
}

function blockToProto(block: SchemaBlock, version = 0): Record<string, unknown> {
  return {
    version,
    description: block.description ?? "",
    deprecated: !!block.deprecated,
    attributes: Object.entries(block.attributes ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, a]) => ({
        name,
        type: Buffer.from(JSON.stringify(a.type)),
        description: a.description ?? "",
        required: !!a.required,
        optional: !!a.optional,
        computed: !!a.computed,
        sensitive: !!a.sensitive,
        deprecated: !!a.deprecated,
      })),
    block_types: Object.entries(block.block_types ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, nb]) => ({
        type_name: name,
        block: blockToProto(nb.block),
        nesting: NESTING[nb.nesting_mode],
        min_items: nb.min_items ?? 0,
        max_items: nb.max_items ?? 0,
      })),
  };
}

const schemaToProto = (s: Schema): Record<string, unknown> => ({ version: s.version ?? 0, block: blockToProto(s.block, s.version ?? 0) });

/** Capabilities this plugin announces: Terraform may reuse the schema across launches, and asks before destroy. */
export const SERVER_CAPABILITIES = { plan_destroy: true, get_provider_schema_optional: true };

export function encodeSchemaResponse(): Buffer {
  const s = loadSchemas();
  const map = (m: Record<string, Schema>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, schemaToProto(v)]));
  return codec.encode("GetProviderSchema.Response", {
    provider: schemaToProto(s.provider),
    resource_schemas: map(s.resource_schemas),
    data_source_schemas: map(s.data_source_schemas),
    server_capabilities: SERVER_CAPABILITIES,
  });
}

/** The encoded GetProviderSchema response, from the disk cache when the schema file is unchanged. */
export function cachedSchemaResponse(): Buffer {
  const key = createHash("sha256").update(ENCODER_VERSION).update(rawSchema()).digest("hex");
  const dir = process.env[ENV.cacheDir] || path.join(os.tmpdir(), "palette-vmo-offline-provider");
  const file = path.join(dir, `schema-response-${key}.bin`);
  try {
    return fs.readFileSync(file);
  } catch {
    const encoded = encodeSchemaResponse();
    try {
      fs.mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, encoded);
      fs.renameSync(tmp, file);
    } catch {
      // A read-only cache dir only costs speed.
    }
    return encoded;
  }
}
