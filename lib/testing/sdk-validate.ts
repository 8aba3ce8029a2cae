/**
 * ValidateResourceConfig as terraform-plugin-sdk/v2 helper/schema does it, from the schema flags and the
 * shared constraints file: read-only attributes, deprecations, StringInSlice / StringNotInSlice /
 * StringMatch / StringIsNotEmpty / IntBetween / IntAtLeast / IntAtMost, and the cross-attribute rules
 * (evaluated by lib/provider-constraints, the same code lib/validate runs).
 */
import { SchemaBlock, Unknown, Value, isKnown, isObj } from "./cty";
import { Constraint, TypeConstraints, crossRuleProblems, numericRange } from "../provider-constraints";
import { Diagnostic, Step, error, warning } from "./diagnostics";

/** Go's %q for a []string, as the SDK's validators print their allowed values. */
const goQuoteList = (values: readonly string[]): string => `[${values.map((v) => JSON.stringify(v)).join(" ")}]`;

/** Reads an SDK-style key ("cloud_config.0.name") from a config object. */
export function getByKey(root: Value, key: string): Value {
  let cur: Value = root;
  for (const seg of key.split(".")) {
    if (cur === null || cur instanceof Unknown) return cur;
    if (Array.isArray(cur)) cur = cur[Number(seg)] ?? null;
    else if (isObj(cur)) cur = cur[seg] ?? null;
    else return null;
  }
  return cur;
}

const presenceIn = (root: Value) => (k: string) => {
  const v = getByKey(root, k);
  return v instanceof Unknown ? "unknown" : v === null ? "unset" : "set";
};

function crossRules(key: string, c: Constraint, root: Value, steps: Step[], diags: Diagnostic[]): void {
  for (const p of crossRuleProblems(key, c, presenceIn(root))) {
    if (p.rule === "exactly-one-of") {
      diags.push(
        p.specified.length === 0
          ? error("ExactlyOne", `"${key}": one of \`${p.keys.join(",")}\` must be specified`, steps)
          : error("ExactlyOne", `"${key}": only one of \`${p.keys.join(",")}\` can be specified, but \`${p.specified.join(",")}\` were specified.`, steps),
      );
    } else if (p.rule === "at-least-one-of") diags.push(error("AtLeastOne", `"${key}": one of \`${p.keys.join(",")}\` must be specified`, steps));
    else if (p.rule === "required-with") diags.push(error("RequiredWith", `"${key}": all of \`${p.keys.join(",")}\` must be specified`, steps));
    else diags.push(error("ConflictsWith", `"${key}": conflicts with ${p.other}`, steps));
  }
}

export interface BlockPrefix {
  key: string;
  cpath: string;
  steps: Step[];
}

export function validateBlock(block: SchemaBlock, cons: TypeConstraints, value: Value, root: Value, prefix: BlockPrefix, diags: Diagnostic[]): void {
  if (!isObj(value)) return;
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    const key = prefix.key ? `${prefix.key}.${name}` : name;
    const cpath = prefix.cpath ? `${prefix.cpath}.${name}` : name;
    const steps = [...prefix.steps, name];
    const c: Constraint = cons[cpath] ?? {};
    const v = value[name] ?? null;
    if (v !== null && !attr.optional && !attr.required) {
      diags.push(error("Computed attributes cannot be set", `Computed attributes cannot be set, but a value was set for "${key}".`, steps));
      continue;
    }
    crossRules(key, c, root, steps, diags);
    if (v === null || !isKnown(v)) continue;
    if (c.deprecated) diags.push(warning("Argument is deprecated", c.deprecated, steps));
    validateScalar(key, v, c.enum, c, steps, diags);
    if (c.elem_enum && Array.isArray(v)) v.forEach((e, i) => validateScalar(`${key}.${i}`, e, c.elem_enum, {}, [...steps, i], diags));
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const key = prefix.key ? `${prefix.key}.${name}` : name;
    const cpath = prefix.cpath ? `${prefix.cpath}.${name}` : name;
    const v = value[name];
    const c = cons[cpath] ?? {};
    const steps = [...prefix.steps, name];
    if (Array.isArray(v)) {
      if (v.length && c.conflicts_with && isKnown(v)) crossRules(key, { conflicts_with: c.conflicts_with }, root, steps, diags);
      v.forEach((e, i) =>
        validateBlock(nb.block, cons, e, root, { key: `${key}.${i}`, cpath, steps: nb.nesting_mode === "set" ? steps : [...steps, i] }, diags),
      );
    } else if (isObj(v)) validateBlock(nb.block, cons, v, root, { key: `${key}.0`, cpath, steps }, diags);
  }
}

function validateScalar(key: string, v: Value, allowed: string[] | undefined, c: Constraint, steps: Step[], diags: Diagnostic[]): void {
  if (typeof v === "number") {
    // validation.IntBetween / IntAtLeast / IntAtMost: the SDK's wording (helper/validation/int.go).
    const { min, max } = numericRange(c);
    if (!Number.isInteger(v) && (min !== undefined || max !== undefined)) diags.push(error(`expected type of ${key} to be integer`, "", steps));
    else if (min !== undefined && max !== undefined && (v < min || v > max))
      diags.push(error(`expected ${key} to be in the range (${min} - ${max}), got ${v}`, "", steps));
    else if (min !== undefined && max === undefined && v < min) diags.push(error(`expected ${key} to be at least (${min}), got ${v}`, "", steps));
    else if (max !== undefined && min === undefined && v > max) diags.push(error(`expected ${key} to be at most (${max}), got ${v}`, "", steps));
    return;
  }
  if (typeof v !== "string") return;
  if (allowed && !allowed.includes(v)) diags.push(error(`expected ${key} to be one of ${goQuoteList(allowed)}, got ${v}`, "", steps));
  if (c.not_in && c.not_in.includes(v)) diags.push(error(`expected ${key} to not be any of ${goQuoteList(c.not_in)}, got ${v}`, "", steps));
  if (c.validators?.includes("StringIsNotEmpty()") && v === "") diags.push(error(`expected "${key}" to not be an empty string, got ${v}`, "", steps));
  for (const [i, re] of (c.regex ?? []).entries()) {
    if (new RegExp(re).test(v)) continue;
    const message = /StringMatch\(regexp\(.*\), "(.*)"\)$/.exec(c.validators?.filter((x) => x.startsWith("StringMatch"))[i] ?? "")?.[1];
    diags.push(
      error(
        message ? `invalid value for ${key} (${message})` : `expected value of ${key} to match regular expression ${JSON.stringify(re)}, got ${v}`,
        "",
        steps,
      ),
    );
  }
}
