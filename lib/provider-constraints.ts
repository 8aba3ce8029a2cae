/**
 * The provider's side constraints (defaults, enums, validators, cross-attribute rules) as the committed
 * constraints file records them, read once and evaluated once: lib/validate (friendly messages on cdk.tf.json)
 * and lib/testing (the SDK's own diagnostics inside terraform) share this loader and this implementation of
 * helper/schema's ExactlyOneOf / AtLeastOneOf / ConflictsWith / RequiredWith. Node built-ins only: the offline
 * plugin loads it at startup.
 */
import * as fs from "node:fs";

/** One attribute's side information; keys of the constraints file, see its `_about`. */
export interface Constraint {
  default?: unknown;
  default_func?: { env: string[]; fallback: unknown };
  enum?: string[];
  elem_enum?: string[];
  not_in?: string[];
  regex?: string[];
  validators?: string[];
  conflicts_with?: string[];
  exactly_one_of?: string[];
  at_least_one_of?: string[];
  required_with?: string[];
  force_new?: boolean;
  deprecated?: string;
  min_items?: number;
  max_items?: number;
  sdk_type?: string;
}
export type TypeConstraints = Record<string, Constraint>;
export interface Constraints {
  provider: TypeConstraints;
  resources: Record<string, TypeConstraints>;
  data_sources: Record<string, TypeConstraints>;
}

const cache = new Map<string, Constraints>();

/** Reads a constraints file (a missing one is empty), once per path and process. */
export function readConstraintsFile(file: string): Constraints {
  const hit = cache.get(file);
  if (hit) return hit;
  const doc = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  const c = fromDocument(doc);
  cache.set(file, c);
  return c;
}

/** The constraints of an already parsed document (tests pass their own). */
export function fromDocument(doc: unknown): Constraints {
  const d = (doc ?? {}) as Partial<Constraints>;
  return { provider: d.provider ?? {}, resources: d.resources ?? {}, data_sources: d.data_sources ?? {} };
}

/** Numeric bounds of helper/validation's IntBetween / IntAtLeast / IntAtMost (also wrapped in ToDiagFunc). */
export function numericRange(c: Constraint | undefined): { min?: number; max?: number } {
  const out: { min?: number; max?: number } = {};
  for (const v of c?.validators ?? []) {
    const between = /IntBetween\((-?\d+),\s*(-?\d+)\)/.exec(v);
    const atLeast = /IntAtLeast\((-?\d+)\)/.exec(v);
    const atMost = /IntAtMost\((-?\d+)\)/.exec(v);
    if (between) {
      out.min = Number(between[1]);
      out.max = Number(between[2]);
    }
    if (atLeast) out.min = Number(atLeast[1]);
    if (atMost) out.max = Number(atMost[1]);
  }
  return out;
}

/** Whether a key names a value in the config being checked; unknown = a reference not resolved yet. */
export type Presence = "set" | "unset" | "unknown";

export type CrossRuleProblem =
  | { rule: "exactly-one-of"; keys: string[]; specified: string[] }
  | { rule: "at-least-one-of"; keys: string[] }
  | { rule: "conflicts-with"; other: string }
  | { rule: "required-with"; keys: string[]; missing: string[] };

/**
 * helper/schema's cross-attribute checks for the attribute at SDK key `key` (`a.0.b`): schemaMap's
 * validateExactlyOneAttribute, validateAtLeastOneAttribute, validateConflictingAttributes and
 * validateRequiredWithAttribute. As in the SDK, an unknown value may still turn out null: another attribute's
 * unknown value does not conflict and is not counted as specified, but it keeps ExactlyOneOf / AtLeastOneOf
 * from failing yet and satisfies RequiredWith.
 */
export function crossRuleProblems(key: string, c: Constraint | undefined, presence: (key: string) => Presence): CrossRuleProblem[] {
  if (!c) return [];
  const out: CrossRuleProblem[] = [];
  const group = (list: string[]) => [...new Set([...list, key])].sort();
  if (c.exactly_one_of) {
    const keys = group(c.exactly_one_of);
    const states = keys.map(presence);
    const specified = keys.filter((_, i) => states[i] === "set");
    const unknown = states.includes("unknown");
    if ((specified.length === 0 && !unknown) || specified.length > 1) out.push({ rule: "exactly-one-of", keys, specified });
  }
  if (c.at_least_one_of) {
    const keys = group(c.at_least_one_of);
    if (keys.every((k) => presence(k) === "unset")) out.push({ rule: "at-least-one-of", keys });
  }
  const own = presence(key);
  if (own === "unset") return out;
  if (c.required_with) {
    const keys = group(c.required_with);
    const missing = keys.filter((k) => presence(k) === "unset");
    if (missing.length) out.push({ rule: "required-with", keys, missing });
  }
  const other = (c.conflicts_with ?? []).find((k) => presence(k) === "set");
  if (other) out.push({ rule: "conflicts-with", other });
  return out;
}
