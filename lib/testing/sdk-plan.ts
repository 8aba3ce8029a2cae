/**
 * SDKv2-style planning without the provider's code: defaults for unset optional attributes, unknown for
 * unset computed ones, ForceNew paths as RequiresReplace, DiffSuppressFunc, and deterministic stand-ins for
 * values only the API would know, so a second plan shows no changes.
 */
import { CtyType, Obj, SchemaBlock, UNKNOWN, Unknown, Value, equal, fromJson, isObj } from "./cty";
import type { TypeConstraints } from "../provider-constraints";
import { fakeUid } from "./palette";
import type { Step } from "./diagnostics";

export function convertDefault(def: unknown, type: CtyType): Value {
  if (type === "string") return typeof def === "string" ? def : String(def);
  if (type === "number") return typeof def === "number" ? def : Number(def);
  if (type === "bool") return typeof def === "boolean" ? def : def === "true";
  return fromJson(def);
}

/** SDKv2 planning: defaults for unset optional attributes, unknown for unset computed ones. */
export function planBlock(value: Value, block: SchemaBlock, cons: TypeConstraints, cpath = ""): Value {
  if (!isObj(value)) return value;
  const out: Obj = { ...value };
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (out[name] !== null) continue;
    const def = cons[cpath ? `${cpath}.${name}` : name]?.default;
    if (!attr.computed && def !== undefined && def !== null) out[name] = convertDefault(def, attr.type);
    else if (attr.computed) out[name] = UNKNOWN;
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const p = cpath ? `${cpath}.${name}` : name;
    const v = out[name];
    if (Array.isArray(v)) out[name] = v.map((e) => planBlock(e, nb.block, cons, p));
    else if (isObj(v)) out[name] = planBlock(v, nb.block, cons, p);
  }
  return out;
}

/** Data sources get their defaults too (SDKv2 reads them through the same diff), but nothing unknown. */
export function withDefaults(value: Value, block: SchemaBlock, cons: TypeConstraints, cpath = ""): Value {
  if (!isObj(value)) return value;
  const out: Obj = { ...value };
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    const def = cons[cpath ? `${cpath}.${name}` : name]?.default;
    if (out[name] === null && !attr.computed && def !== undefined && def !== null) out[name] = convertDefault(def, attr.type);
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const p = cpath ? `${cpath}.${name}` : name;
    const v = out[name];
    if (Array.isArray(v)) out[name] = v.map((e) => withDefaults(e, nb.block, cons, p));
    else if (isObj(v)) out[name] = withDefaults(v, nb.block, cons, p);
  }
  return out;
}

/** Paths whose change forces replacement, in protocol form (list elements by index, sets as a whole). */
export function forceNewChanges(prior: Value, planned: Value, block: SchemaBlock, paths: string[]): Step[][] {
  const out: Step[][] = [];
  const walk = (a: Value, b: Value, blk: SchemaBlock, segs: string[], steps: Step[]): void => {
    const [name, ...rest] = segs;
    const av = isObj(a) ? (a[name] ?? null) : null;
    const bv = isObj(b) ? (b[name] ?? null) : null;
    const nb = blk.block_types?.[name];
    if (!rest.length || !nb) {
      if (!equal(av, bv)) out.push([...steps, name]);
      return;
    }
    if (nb.nesting_mode === "set") {
      const project = (v: Value) => (Array.isArray(v) ? v.map((e) => projection(e, nb.block, rest)) : []);
      const pa = project(av);
      const pb = project(bv);
      if (pa.length !== pb.length || pa.some((x) => !pb.some((y) => equal(x, y)))) out.push([...steps, name]);
    } else if (Array.isArray(av) || Array.isArray(bv)) {
      const la = Array.isArray(av) ? av : [];
      const lb = Array.isArray(bv) ? bv : [];
      for (let i = 0; i < Math.max(la.length, lb.length); i++) {
        const ea = la[i] ?? null;
        const eb = lb[i] ?? null;
        // A removed element changes nothing ForceNew by itself; an added one does when the attribute is set.
        if (eb === null) continue;
        walk(ea, eb, nb.block, rest, [...steps, name, i]);
      }
    } else walk(av, bv, nb.block, rest, [...steps, name]);
  };
  for (const p of paths) walk(prior, planned, block, p.split("."), []);
  const seen = new Set<string>();
  return out.filter((s) => {
    const k = JSON.stringify(s);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function projection(v: Value, block: SchemaBlock, segs: string[]): Value {
  if (!isObj(v)) return null;
  const [name, ...rest] = segs;
  const inner = v[name] ?? null;
  const nb = block.block_types?.[name];
  if (!rest.length || !nb) return inner;
  return Array.isArray(inner) ? inner.map((e) => projection(e, nb.block, rest)) : projection(inner, nb.block, rest);
}

/** Deterministic stand-ins for values only the API would know. */
function fakeFor(type: CtyType, name: string, seed: string): Value {
  if (type === "string") return name === "id" || /uid$/.test(name) ? fakeUid(seed, name) : `fake-${name}-${fakeUid(seed, name).slice(0, 8)}`;
  if (type === "number") return 0;
  if (type === "bool") return false;
  if (Array.isArray(type) && type[0] === "map") return {};
  if (Array.isArray(type) && type[0] === "object") return null;
  return [];
}

function fillType(v: Value, type: CtyType, name: string, seed: string): Value {
  if (v instanceof Unknown) return fakeFor(type, name, seed);
  if (!Array.isArray(type) || v === null) return v;
  if ((type[0] === "list" || type[0] === "set") && Array.isArray(v)) return v.map((e, i) => fillType(e, type[1] as CtyType, name, `${seed}/${i}`));
  if (type[0] === "map" && isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, fillType(e, type[1] as CtyType, name, `${seed}/${k}`)]));
  if (type[0] === "object" && isObj(v)) {
    const at = type[1] as Record<string, CtyType>;
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, fillType(e, at[k] ?? "string", k, `${seed}/${k}`)]));
  }
  return v;
}

/** Replaces unknowns (and, for data sources, nulls in computed attributes) with deterministic fakes. */
export function fillComputed(value: Value, block: SchemaBlock, seed: string, fillNulls = false): Value {
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) out[k] = v;
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    const v = out[name] ?? null;
    if (fillNulls && v === null && attr.computed) out[name] = fakeFor(attr.type, name, `${seed}/${name}`);
    else out[name] = fillType(v, attr.type, name, `${seed}/${name}`);
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const v = out[name];
    if (Array.isArray(v)) out[name] = v.map((e, i) => fillComputed(e, nb.block, `${seed}/${name}/${i}`, fillNulls));
    else if (isObj(v)) out[name] = fillComputed(v, nb.block, `${seed}/${name}`, fillNulls);
  }
  return out;
}

/**
 * DiffSuppressFunc on a list-nested string attribute (SDK keys like `pack.values`): when prior and planned
 * elements at the same index differ only as `same(old, new)` allows, the plan keeps the prior value, as
 * schemaMap.Diff drops a suppressed attribute diff.
 */
export function suppressDiffs(prior: Value, planned: Value, block: SchemaBlock, path: string, same: (a: string, b: string) => boolean): Value {
  const [name, ...rest] = path.split(".");
  if (!isObj(prior) || !isObj(planned)) return planned;
  const nb = block.block_types?.[name];
  if (!rest.length || !nb) {
    const a = prior[name];
    const b = planned[name];
    return typeof a === "string" && typeof b === "string" && a !== b && same(a, b) ? { ...planned, [name]: a } : planned;
  }
  const pa = prior[name];
  const pb = planned[name];
  if (!Array.isArray(pa) || !Array.isArray(pb)) return planned;
  return { ...planned, [name]: pb.map((e, i) => (i < pa.length ? suppressDiffs(pa[i], e, nb.block, rest.join("."), same) : e)) };
}

/** A stable identity for a resource: its type and name, or its whole known config. */
export function seedOf(type: string, v: Value): string {
  const name = isObj(v) ? v.name : null;
  return typeof name === "string" ? `${type}|${name}` : `${type}|${JSON.stringify(v)}`;
}

const isZero = (v: Value): boolean => v === "" || v === 0 || v === false || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);

/** The SDK's flatmap has no null: an unset attribute and its zero value ("" / 0 / false / empty) are the same. */
function zeroNormalized(v: Value, block: SchemaBlock): Value {
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [name] of Object.entries(block.attributes ?? {}))
    out[name] = v[name] === null || v[name] === undefined || isZero(v[name] as Value) ? null : v[name];
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const e = v[name];
    out[name] = Array.isArray(e) ? (e.length ? e.map((x) => zeroNormalized(x, nb.block)) : null) : isObj(e) ? zeroNormalized(e, nb.block) : null;
  }
  return out;
}

/**
 * What SDKv2's diff does with a config that leaves an attribute unset where the prior state holds its zero
 * value: no diff, so the plan keeps the prior value. Lists match by index; set elements match by their hash,
 * which (HashResource over the flatmap) cannot tell null from the zero value either.
 */
export function keepZeroValues(prior: Value, planned: Value, block: SchemaBlock): Value {
  if (!isObj(prior) || !isObj(planned)) return planned;
  const out: Obj = { ...planned };
  for (const name of Object.keys(block.attributes ?? {})) {
    const p = prior[name] ?? null;
    if ((out[name] ?? null) === null && p !== null && isZero(p)) out[name] = p;
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const pa = prior[name];
    const pb = out[name];
    if (!Array.isArray(pa) || !Array.isArray(pb)) continue;
    if (nb.nesting_mode === "set") {
      out[name] = pb.map((e) => pa.find((x) => equal(zeroNormalized(x, nb.block), zeroNormalized(e, nb.block))) ?? e);
    } else out[name] = pb.map((e, i) => (i < pa.length ? keepZeroValues(pa[i], e, nb.block) : e));
  }
  return out;
}
