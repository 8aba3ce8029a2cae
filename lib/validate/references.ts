// Checks of `${...}` references in Terraform JSON: every plain reference must name something declared.
import { matchBrace } from "../private/braces";
import { didYouMean, FindingSink, isObject, JsonObject } from "./findings";
import { typeName } from "./checks";
import { BlockSpec, SchemaIndex, TypeExpr } from "./schema-index";

/** What a stack declares, by address, so references can be resolved without Terraform. */
export interface Symbols {
  readonly resources: ReadonlyMap<string, ReadonlySet<string>>;
  readonly data: ReadonlyMap<string, ReadonlySet<string>>;
  readonly variables: ReadonlySet<string>;
  readonly locals: ReadonlySet<string>;
  readonly modules: ReadonlySet<string>;
  /** Provider name → declared aliases ("" for the default configuration). */
  readonly providers: ReadonlyMap<string, ReadonlySet<string>>;
  /** Iterator names of dynamic blocks: `pack.value` inside one is not a resource reference. */
  readonly iterators: ReadonlySet<string>;
}

export interface ReferenceStats {
  /** Plain references resolved against the stack and the schema. */
  checked: number;
  /** Expressions that are not plain references (functions, conditionals, for, directives...). */
  skipped: number;
}

function namesOf(section: unknown): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (!isObject(section)) return out;
  for (const [type, byName] of Object.entries(section)) {
    if (type === "//" || !isObject(byName)) continue;
    out.set(type, new Set(Object.keys(byName).filter((n) => n !== "//")));
  }
  return out;
}

function keysOf(section: unknown): Set<string> {
  if (Array.isArray(section)) return new Set(section.flatMap((s) => (isObject(s) ? Object.keys(s) : [])));
  return new Set(isObject(section) ? Object.keys(section).filter((k) => k !== "//") : []);
}

export function collectSymbols(doc: JsonObject): Symbols {
  const providers = new Map<string, Set<string>>();
  if (isObject(doc.provider)) {
    for (const [name, configs] of Object.entries(doc.provider)) {
      const aliases = new Set<string>();
      for (const c of Array.isArray(configs) ? configs : [configs]) aliases.add(isObject(c) && typeof c.alias === "string" ? c.alias : "");
      providers.set(name, aliases);
    }
  }
  const iterators = new Set<string>();
  collectIterators(doc.resource, iterators, 0);
  collectIterators(doc.data, iterators, 0);
  return {
    resources: namesOf(doc.resource),
    data: namesOf(doc.data),
    variables: keysOf(doc.variable),
    locals: keysOf(doc.locals),
    modules: keysOf(doc.module),
    providers,
    iterators,
  };
}

function collectIterators(value: unknown, out: Set<string>, depth: number): void {
  if (depth > 64) return;
  if (Array.isArray(value)) {
    for (const v of value) collectIterators(v, out, depth + 1);
  } else if (isObject(value)) {
    if (isObject(value.dynamic)) {
      for (const [name, entry] of Object.entries(value.dynamic)) {
        out.add(name);
        for (const e of Array.isArray(entry) ? entry : [entry]) if (isObject(e) && typeof e.iterator === "string") out.add(e.iterator);
      }
    }
    for (const v of Object.values(value)) if (typeof v === "object") collectIterators(v, out, depth + 1);
  }
}

/** One step of a traversal after its root name: `.attr`, `[0]`, `["key"]` or a splat. */
type Step = { readonly name: string } | { readonly index: string | number | "*" };

const STEP = /\.([A-Za-z_][\w-]*)|\.(\d+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|(\[\*\]|\.\*)/y;
const ROOT = /^\s*([A-Za-z_][\w-]*)/;

/** Parses `a.b[0]["k"].c` into its root and steps; undefined when the text is anything but a traversal. */
export function parseTraversal(text: string): { root: string; steps: Step[] } | undefined {
  const m = ROOT.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length).trimEnd();
  const steps: Step[] = [];
  STEP.lastIndex = 0;
  while (STEP.lastIndex < rest.length) {
    const at = STEP.lastIndex;
    const s = STEP.exec(rest);
    if (!s || s.index !== at) return undefined;
    if (s[1] !== undefined) steps.push({ name: s[1] });
    else if (s[2] !== undefined || s[3] !== undefined) steps.push({ index: Number(s[2] ?? s[3]) });
    else if (s[4] !== undefined) steps.push({ index: s[4] });
    else steps.push({ index: "*" });
  }
  // Keywords are not traversals of an object.
  if (steps.length === 0 && ["true", "false", "null"].includes(m[1])) return undefined;
  return { root: m[1], steps };
}

/**
 * The bodies of the `${...}` interpolations in a template string, and how many `%{...}` directives or
 * unterminated pieces it has (those count as skipped). `$${` and `%%{` are escapes, not templates.
 */
export function interpolations(s: string): { bodies: string[]; skipped: number } {
  const bodies: string[] = [];
  let skipped = 0;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s[i];
    if ((c !== "$" && c !== "%") || s[i + 1] !== "{") continue;
    if (i > 0 && s[i - 1] === c) continue; // `$${` / `%%{` escape
    const end = matchBrace(s, i + 2);
    if (end < 0) {
      skipped++;
      break;
    }
    if (c === "$") bodies.push(s.slice(i + 2, end));
    else skipped++;
    i = end;
  }
  return { bodies, skipped };
}

/** Roots Terraform defines itself; references to them are valid but not resolvable offline. */
const BUILTIN_ROOTS = new Set(["each", "count", "self", "path", "terraform"]);

/** Resolves references in one stack file. */
export class ReferenceChecker {
  public readonly stats: ReferenceStats = { checked: 0, skipped: 0 };

  constructor(
    private readonly symbols: Symbols,
    private readonly index: SchemaIndex,
    private readonly sink: FindingSink,
  ) {}

  /** Walks every string under `value` and checks the plain references in its templates. */
  walk(value: unknown, path: string, scopedData?: ReadonlyMap<string, ReadonlySet<string>>): void {
    if (typeof value === "string") {
      if (value.includes("${") || value.includes("%{")) this.checkTemplate(value, path, scopedData);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++)
        if (value[i] !== null && typeof value[i] !== "number" && typeof value[i] !== "boolean") this.walk(value[i], `${path}[${i}]`, scopedData);
    } else if (isObject(value)) {
      for (const key of Object.keys(value)) {
        const v = value[key];
        if (key === "//" || v === null || typeof v === "number" || typeof v === "boolean") continue;
        this.walk(v, `${path}.${key}`, scopedData);
      }
    }
  }

  private checkTemplate(s: string, path: string, scopedData?: ReadonlyMap<string, ReadonlySet<string>>): void {
    const { bodies, skipped } = interpolations(s);
    this.stats.skipped += skipped;
    // Variables of `%{ for x in ... }` directives are names the template itself declares.
    const directiveVars = new Set<string>();
    for (const m of s.matchAll(/%\{~?\s*for\s+([A-Za-z_][\w-]*)(?:\s*,\s*([A-Za-z_][\w-]*))?\s+in\b/g)) {
      directiveVars.add(m[1]);
      if (m[2]) directiveVars.add(m[2]);
    }
    for (const body of bodies) {
      const t = parseTraversal(body);
      if (!t || directiveVars.has(t.root)) {
        this.stats.skipped++;
        continue;
      }
      const problem = this.resolve(t.root, t.steps, scopedData);
      if (problem === undefined) this.stats.skipped++;
      else if (problem === "") this.stats.checked++;
      else {
        this.stats.checked++;
        this.sink.add(
          path,
          "dangling-reference",
          `\${${body.trim()}} ${problem}`,
          "Point the reference at a block declared in this stack, or declare the block it names.",
        );
      }
    }
  }

  /** An address without `${}` as `depends_on` takes it: `type.name`, `data.type.name` or `module.name`. */
  checkAddress(address: string, path: string): void {
    if (address.includes("${")) return this.checkTemplate(address, path);
    const t = parseTraversal(address);
    const problem = t ? this.resolve(t.root, t.steps) : `is not a resource, data source or module address.`;
    if (problem === undefined) {
      this.stats.skipped++;
      return;
    }
    this.stats.checked++;
    if (problem) this.sink.add(path, "dangling-reference", `"${address}" ${problem}`, "Depend on a block declared in this stack.");
  }

  /** `provider = "spectrocloud.alias"` on a resource must name a declared provider configuration. */
  checkProviderMeta(value: unknown, path: string): void {
    if (typeof value !== "string" || value.includes("${")) return;
    const [name, alias = ""] = value.split(".");
    const aliases = this.symbols.providers.get(name);
    if (!aliases || !aliases.has(alias)) {
      const declared = [...(aliases ?? [])].filter((a) => a).map((a) => `${name}.${a}`);
      this.sink.add(
        path,
        "dangling-reference",
        `provider "${value}" is not configured in this stack; declared: ${declared.length ? declared.join(", ") : aliases ? `${name} (no aliases)` : "none"}.${didYouMean(value, declared)}`,
        `Add a provider "${name}" block${alias ? ` with alias "${alias}"` : ""}, or point at one that exists.`,
      );
    }
    this.stats.checked++;
  }

  /** "" when the reference resolves, a message when it dangles, undefined when it cannot be resolved offline. */
  private resolve(root: string, steps: Step[], scopedData?: ReadonlyMap<string, ReadonlySet<string>>): string | undefined {
    const name = (i: number): string | undefined => {
      const s = steps[i];
      return s && "name" in s ? s.name : undefined;
    };
    switch (root) {
      case "var":
        return this.declared("variable", name(0), this.symbols.variables);
      case "local":
        return this.declared("local value", name(0), this.symbols.locals);
      case "module":
        return this.declared("module", name(0), this.symbols.modules);
      case "data": {
        const type = name(0);
        const label = name(1);
        if (!type || !label) return "is not a complete data source reference (data.<type>.<name>).";
        const names = scopedData?.get(type)?.has(label) ? scopedData.get(type) : this.symbols.data.get(type);
        const spec = type.startsWith("spectrocloud_") ? this.index.dataSource(type) : undefined;
        return this.resource("data source", `data.${type}`, label, names, spec?.block, steps.slice(2));
      }
    }
    if (BUILTIN_ROOTS.has(root) || this.symbols.iterators.has(root)) return undefined;
    const names = this.symbols.resources.get(root);
    if (steps.length === 0 && !names) {
      // `${PATH}` in a value meant literally: Terraform fails the plan with "Invalid reference".
      return `is a bare name, not a reference Terraform can resolve (it fails with "Invalid reference"); to write a literal "\${", escape it as "$\${".`;
    }
    if (!names && !root.startsWith("spectrocloud_")) return undefined;
    const label = name(0);
    if (!label) return `is not a complete resource reference (${root}.<name>).`;
    const spec = root.startsWith("spectrocloud_") ? this.index.resource(root) : undefined;
    if (root.startsWith("spectrocloud_") && !spec) {
      return `names resource type ${root}, which the spectrocloud provider does not have.${didYouMean(root, this.index.resourceTypes)}`;
    }
    return this.resource("resource", root, label, names, spec?.block, steps.slice(1));
  }

  private declared(kind: string, name: string | undefined, names: ReadonlySet<string>): string {
    if (!name) return `is not a complete ${kind} reference.`;
    if (names.has(name)) return "";
    return `points at ${kind} "${name}", which is not declared in this file; declared: ${names.size ? [...names].join(", ") : "none"}.${didYouMean(name, names)}`;
  }

  private resource(kind: string, address: string, label: string, names: ReadonlySet<string> | undefined, block: BlockSpec | undefined, steps: Step[]): string {
    if (!names || !names.has(label)) {
      const declared = names ? [...names] : [];
      return (
        `points at ${kind} ${address}.${label}, which is not declared in this stack; ` +
        `declared ${address}: ${declared.length ? declared.join(", ") : "none"}.${didYouMean(label, declared)}`
      );
    }
    if (!block) return "";
    // An instance key of count / for_each comes first; then the attribute path.
    const rest = steps.length && "index" in steps[0] ? steps.slice(1) : steps;
    return checkSchemaPath(block, rest, `${address}.${label}`) ?? "";
  }
}

function stepText(step: Step): string {
  if ("name" in step) return `.${step.name}`;
  return typeof step.index === "number" ? `[${step.index}]` : step.index === "*" ? "[*]" : `[${JSON.stringify(step.index)}]`;
}

/** Follows attribute steps through blocks and attribute types; a message when a step does not exist. */
function checkSchemaPath(block: BlockSpec, steps: Step[], label: string): string | undefined {
  let cur: { block: BlockSpec } | { type: TypeExpr } | { list: BlockSpec } = { block };
  let where = label;
  for (const step of steps) {
    if ("block" in cur) {
      if (!("name" in step)) return undefined;
      const attr = cur.block.attributes.get(step.name);
      const bt = cur.block.blocks.get(step.name);
      if (attr) cur = { type: attr.type };
      else if (bt) cur = bt.nesting === "single" || bt.nesting === "group" ? { block: bt.block } : { list: bt.block };
      else return `points at "${step.name}", which ${where} does not have.${didYouMean(step.name, cur.block.names)}`;
      where = `${where}.${step.name}`;
    } else if ("list" in cur) {
      // A list or set of blocks is indexed first; an attribute straight after it is not ours to judge.
      if (!("index" in step)) return undefined;
      cur = { block: cur.list };
      where = `${where}${stepText(step)}`;
    } else {
      const t: TypeExpr = cur.type;
      if (t === "dynamic") return undefined;
      if (typeof t === "string") return `goes into ${where}, which is a ${t} and has no "${"name" in step ? step.name : String(step.index)}".`;
      const kind: string = t[0];
      const inner: unknown = t[1];
      if (kind === "list" || kind === "set" || kind === "tuple") {
        if (!("index" in step) || kind === "tuple") return undefined;
        cur = { type: inner as TypeExpr };
        where = `${where}${stepText(step)}`;
      } else if (kind === "map") {
        cur = { type: inner as TypeExpr };
        where = `${where}${stepText(step)}`;
      } else if (kind === "object") {
        const key = "name" in step ? step.name : typeof step.index === "string" && step.index !== "*" ? step.index : undefined;
        if (key === undefined) return undefined;
        const fields = inner as Readonly<Record<string, TypeExpr>>;
        if (!Object.prototype.hasOwnProperty.call(fields, key))
          return `points at "${key}", which ${where} (${typeName(t)}) does not have.${didYouMean(key, Object.keys(fields))}`;
        cur = { type: fields[key] };
        where = `${where}.${key}`;
      } else return undefined;
    }
  }
  return undefined;
}
