/**
 * Terraform values (cty) as plain JS data, and their msgpack DynamicValue encoding. Objects and blocks
 * are plain objects holding every attribute, lists and sets are arrays, maps are objects, null is null,
 * and an unknown value is the UNKNOWN singleton (msgpack extension 0; refined unknowns arrive as 12).
 */
import type { ExtensionCodec as ExtensionCodecType } from "@msgpack/msgpack";

/** The one "not known until apply" value. */
export class Unknown {
  toJSON(): string {
    return "(known after apply)";
  }
}
export const UNKNOWN: Unknown = Object.freeze(new Unknown());

export type Value = null | string | number | boolean | Unknown | Value[] | { [key: string]: Value };
export type Obj = { [key: string]: Value };

/** A cty type in its JSON form, as in `terraform providers schema -json`. */
export type CtyType = "string" | "number" | "bool" | "dynamic" | ["list" | "set" | "map", CtyType] | ["object", Record<string, CtyType>] | ["tuple", CtyType[]];

export interface SchemaAttribute {
  type: CtyType;
  description?: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
}
export interface SchemaNestedBlock {
  nesting_mode: "single" | "list" | "set" | "map" | "group";
  block: SchemaBlock;
  min_items?: number;
  max_items?: number;
}
export interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, SchemaNestedBlock>;
  description?: string;
  deprecated?: boolean;
}
export interface Schema {
  version: number;
  block: SchemaBlock;
}

let msgpack: typeof import("@msgpack/msgpack") | undefined;
let extensions: ExtensionCodecType | undefined;

/** Loaded on first use so that a launch that only serves the cached schema never pays for it. */
function codec(): { lib: typeof import("@msgpack/msgpack"); ext: ExtensionCodecType } {
  if (!msgpack || !extensions) {
    msgpack = require("@msgpack/msgpack") as typeof import("@msgpack/msgpack");
    const ext = new msgpack.ExtensionCodec();
    ext.register({ type: 0, encode: (v: unknown) => (v instanceof Unknown ? new Uint8Array([0]) : null), decode: () => UNKNOWN });
    // Refined unknowns (type 12) carry a payload (prefix, bounds, non-null) that a fake can ignore.
    ext.register({ type: 12, encode: () => null, decode: () => UNKNOWN });
    extensions = ext;
  }
  return { lib: msgpack, ext: extensions };
}

export function decodeMsgpack(buf: Uint8Array): Value {
  const { lib, ext } = codec();
  return fromDecoded(lib.decode(buf, { extensionCodec: ext, useBigInt64: false }), lib.ExtData);
}

function fromDecoded(v: unknown, ExtData: new (...args: any[]) => unknown): Value {
  if (v === null || v === undefined) return null;
  if (v instanceof Unknown) return UNKNOWN;
  // Any other extension type also means "unknown" (object-wire-format.md).
  if (v instanceof ExtData) return UNKNOWN;
  if (Array.isArray(v)) return v.map((e) => fromDecoded(e, ExtData));
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "object") {
    const out: Obj = {};
    for (const [k, e] of Object.entries(v as object)) out[k] = fromDecoded(e, ExtData);
    return out;
  }
  return v as Value;
}

export function encodeMsgpack(v: Value): Uint8Array {
  const { lib, ext } = codec();
  return lib.encode(v, { extensionCodec: ext });
}

export function isKnown(v: Value): boolean {
  if (v instanceof Unknown) return false;
  if (Array.isArray(v)) return v.every(isKnown);
  if (v && typeof v === "object") return Object.values(v).every(isKnown);
  return true;
}

export function isObj(v: Value | undefined): v is Obj {
  return !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Unknown);
}

/** Numbers may arrive as msgpack strings (big or precise values); turn them back into numbers. */
export function normalizeType(v: Value | undefined, t: CtyType): Value {
  if (v === undefined || v === null) return null;
  if (v instanceof Unknown) return UNKNOWN;
  if (typeof t === "string") {
    if (t === "number" && typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
    return v;
  }
  const [kind, elem] = t;
  switch (kind) {
    case "list":
    case "set":
      return Array.isArray(v) ? v.map((e) => normalizeType(e, elem as CtyType)) : v;
    case "map": {
      if (!isObj(v)) return v;
      const out: Obj = {};
      for (const [k, e] of Object.entries(v)) out[k] = normalizeType(e, elem as CtyType);
      return out;
    }
    case "object": {
      if (!isObj(v)) return v;
      const out: Obj = {};
      for (const [k, at] of Object.entries(elem as Record<string, CtyType>)) out[k] = normalizeType(v[k], at);
      return out;
    }
    case "tuple":
      return Array.isArray(v) ? (elem as CtyType[]).map((et, i) => normalizeType(v[i], et)) : v;
  }
}

/**
 * Fills every attribute and nested block of a block value, drops keys the schema does not have.
 * Terraform requires objects to carry all attributes, and nested list/set blocks to be [] rather than null.
 */
export function normalizeBlock(v: Value | undefined, block: SchemaBlock): Value {
  if (v === undefined || v === null) return null;
  if (v instanceof Unknown) return UNKNOWN;
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [name, attr] of Object.entries(block.attributes ?? {})) out[name] = normalizeType(v[name], attr.type);
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const raw = v[name];
    switch (nb.nesting_mode) {
      case "single":
      case "group":
        out[name] = normalizeBlock(raw, nb.block);
        break;
      case "map": {
        const m: Obj = {};
        if (isObj(raw)) for (const [k, e] of Object.entries(raw)) m[k] = normalizeBlock(e, nb.block);
        out[name] = raw instanceof Unknown ? UNKNOWN : m;
        break;
      }
      default:
        out[name] = raw instanceof Unknown ? UNKNOWN : Array.isArray(raw) ? raw.map((e) => normalizeBlock(e, nb.block)) : [];
    }
  }
  return out;
}

/** Structural equality; UNKNOWN equals only itself. */
export function equal(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return (a ?? null) === (b ?? null);
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((e, i) => equal(e, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!equal((a as Obj)[k], (b as Obj)[k])) return false;
    return true;
  }
  return false;
}

/** Converts a value read from JSON (state, fixtures) into a typed value: missing keys become null. */
export function fromJson(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(fromJson);
  if (typeof v === "object") {
    const out: Obj = {};
    for (const [k, e] of Object.entries(v as object)) out[k] = fromJson(e);
    return out;
  }
  return v as Value;
}
