// Pack values: parsing (YAML string or object), deep merge with Helm semantics, and rendering.
import { parseDocument, stringify } from "yaml";

/** A YAML mapping held as plain data. */
export type ValuesObject = { [key: string]: unknown };

/** Pack values as callers give them: a YAML document or the same data as an object. */
export type PackValuesInput = string | ValuesObject;

export function isValuesObject(value: unknown): value is ValuesObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Thrown for values that are not a YAML mapping; the message names the field, `reason` is the rest. */
export class PackValuesError extends Error {
  constructor(
    public readonly field: string,
    public readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = "PackValuesError";
  }
}

/**
 * Reads a values override. `field` names where it came from, so the error points the user at it.
 * An empty document is an empty override.
 */
export function parsePackValues(input: PackValuesInput | undefined, field: string): ValuesObject {
  if (input === undefined) return {};
  if (typeof input !== "string") {
    if (!isValuesObject(input)) {
      throw new PackValuesError(field, `expected a mapping of values, got ${describe(input)}. Give an object or a YAML mapping such as "charts: {...}".`);
    }
    return input;
  }
  // YAML 1.1, as Helm and Palette read it: 0644 is octal, "yes"/"on" are booleans there.
  const doc = parseDocument(input, { prettyErrors: true, uniqueKeys: true, version: "1.1" });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first.linePos ? ` at line ${first.linePos[0].line}, column ${first.linePos[0].col}` : "";
    throw new PackValuesError(field, `invalid YAML${where}: ${first.message.split("\n")[0]}. Fix the YAML syntax.`);
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    // yaml refuses documents whose aliases expand past its limit (an "alias bomb"): the same refusal Helm makes.
    throw new PackValuesError(
      field,
      `YAML aliases expand to too much data (${(err as Error).message.split("\n")[0]}). Write the values out instead of nesting aliases.`,
    );
  }
  if (data === null || data === undefined) return {};
  if (!isValuesObject(data)) {
    throw new PackValuesError(
      field,
      `expected a YAML mapping at the top level, got ${describe(data)}. Pack values start with keys such as "pack:" or "charts:".`,
    );
  }
  return data;
}

/**
 * Helm-style merge: mappings merge key by key, anything else in `override` replaces what is in `base`,
 * and `null` removes the key. Neither input is modified.
 */
export function deepMerge(base: ValuesObject, override: ValuesObject): ValuesObject {
  const out: ValuesObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) {
      delete out[key];
    } else if (isValuesObject(value) && isValuesObject(out[key])) {
      out[key] = deepMerge(out[key] as ValuesObject, value);
    } else {
      out[key] = cloneValue(value);
    }
  }
  return out;
}

function cloneValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneValue);
  if (isValuesObject(value)) return deepMerge({}, value);
  return value;
}

/** Reads the value at a dotted path whose segments are given as an array (keys may contain dots). */
export function getPath(values: ValuesObject, path: readonly string[]): unknown {
  let cur: unknown = values;
  for (const key of path) {
    if (!isValuesObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Builds `{a: {b: value}}` from `["a","b"]`. */
export function atPath(path: readonly string[], value: unknown): ValuesObject {
  return path.reduceRight<ValuesObject>((acc, key) => ({ [key]: acc }), value as ValuesObject);
}

/** YAML 1.1 output, so strings such as "yes", "on" or "0644" stay quoted strings for Helm. */
export const YAML_OUTPUT = { lineWidth: 0, indent: 2, version: "1.1" } as const;

/** Stable YAML rendering: same data, same bytes. Empty values render as undefined (no `values` attribute). */
export function renderYaml(values: ValuesObject): string | undefined {
  if (Object.keys(values).length === 0) return undefined;
  return stringify(values, YAML_OUTPUT);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "..." : value)}`;
  return `a ${typeof value} (${JSON.stringify(value)})`;
}
