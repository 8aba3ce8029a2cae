// Schema checks of one resource or data source block: attributes, blocks, types, enums, cross-field rules.
import { describe, didYouMean, FindingSink, isObject, isSet, isToken, JsonObject, quoteList } from "./findings";
import { crossRuleProblems } from "../provider-constraints";
import { AttrSpec, BlockSpec, BlockTypeSpec, TypeExpr, TypeSpec } from "./schema-index";

/** Meta-arguments Terraform accepts on every resource / data source body; they are not schema attributes. */
const RESOURCE_META = new Set(["depends_on", "lifecycle", "count", "for_each", "provider", "provisioner", "connection"]);
const DATA_META = new Set(["depends_on", "lifecycle", "count", "for_each", "provider"]);
/** Keys of a provider block that Terraform handles itself. */
const PROVIDER_META = new Set(["alias", "version"]);

/** What the schema walk of one body needs besides the body: where it is and which rules it shares. */
interface Walk {
  readonly sink: FindingSink;
  /** The resource's whole body: cross-attribute rule paths are absolute from it. */
  readonly root: JsonObject;
  /** Rule groups already reported on this resource, so ExactlyOneOf declared on each member reports once. */
  readonly reported: Set<string>;
  /** The resource type (or "provider spectrocloud") for messages about the whole resource. */
  readonly label: string;
}

/**
 * Checks one resource, data source or provider body against its schema: unknown, missing, read-only and
 * mistyped attributes, block counts, value validators and cross-attribute rules.
 */
export function checkInstance(spec: TypeSpec, body: JsonObject, path: string, sink: FindingSink): void {
  const meta = spec.kind === "resource" ? RESOURCE_META : spec.kind === "data" ? DATA_META : PROVIDER_META;
  const walk: Walk = { sink, root: body, reported: new Set(), label: spec.kind === "provider" ? "provider spectrocloud" : spec.type };
  checkBody(spec.block, body, path, walk, meta, walk.label);
  if (spec.kind !== "provider" && isObject(body.lifecycle)) checkIgnoreChanges(spec.block, body.lifecycle, `${path}.lifecycle`, walk);
}

function checkBody(block: BlockSpec, body: JsonObject, path: string, walk: Walk, meta: ReadonlySet<string> | undefined, where: string): void {
  let dynamicNames: Set<string> | undefined;
  for (const key of Object.keys(body)) {
    if (key === "//") continue; // cdktf metadata
    if (meta?.has(key)) continue;
    const value = body[key];
    if (key === "dynamic") {
      dynamicNames = checkDynamic(block, value, `${path}.dynamic`, walk, where);
      continue;
    }
    const attr = block.attributes.get(key);
    if (attr) {
      checkAttribute(attr, value, `${path}.${key}`, walk, where);
      continue;
    }
    const blockType = block.blocks.get(key);
    if (blockType) {
      checkBlockType(blockType, value, `${path}.${key}`, walk, where);
      continue;
    }
    walk.sink.add(
      `${path}.${key}`,
      "unknown-attribute",
      `${where} has no attribute or block "${key}"; expected one of: ${block.names.join(", ")}.${didYouMean(key, block.names)}`,
      `Remove "${key}" or rename it to an argument ${where} accepts.`,
    );
  }
  for (const name of block.requiredAttributes) {
    if (!isSet(body[name])) {
      walk.sink.add(`${path}.${name}`, "missing-required", `${where} requires attribute "${name}", which is not set.`, `Set "${name}" on ${where}.`);
    }
  }
  for (const name of block.requiredBlocks) {
    if (!isSet(body[name]) && !dynamicNames?.has(name)) {
      const bt = block.blocks.get(name) as BlockTypeSpec;
      walk.sink.add(
        `${path}.${name}`,
        "missing-required",
        `${where} requires at least ${bt.minItems} "${name}" block${bt.minItems > 1 ? "s" : ""}, found none.`,
        `Add a "${name}" block to ${where}.`,
      );
    }
  }
  for (const attr of block.crossRuleAttributes) checkCrossRules(attr, body, path, walk);
}

function checkDynamic(block: BlockSpec, value: unknown, path: string, walk: Walk, where: string): Set<string> {
  const names = new Set<string>();
  if (!isObject(value)) return names;
  for (const [name, entry] of Object.entries(value)) {
    if (name === "//") continue;
    names.add(name);
    const bt = block.blocks.get(name);
    if (!bt) {
      const blockNames = [...block.blocks.keys()];
      walk.sink.add(
        `${path}.${name}`,
        "unknown-attribute",
        `${where} has no nested block "${name}" to generate dynamically; its blocks are: ${blockNames.join(", ") || "(none)"}.${didYouMean(name, blockNames)}`,
        `Rename the dynamic block to one of ${where}'s nested blocks.`,
      );
      continue;
    }
    for (const [i, e] of (Array.isArray(entry) ? entry : [entry]).entries()) {
      const content = isObject(e) ? e.content : undefined;
      const at = Array.isArray(entry) ? `${path}.${name}[${i}].content` : `${path}.${name}.content`;
      if (isObject(content)) checkBody(bt.block, content, at, walk, undefined, `${where}.${name}`);
    }
  }
  return names;
}

function checkBlockType(bt: BlockTypeSpec, value: unknown, path: string, walk: Walk, where: string): void {
  const label = `${where}.${bt.name}`;
  if (value === null) return;
  if (bt.nesting === "map") {
    if (!isObject(value)) {
      walk.sink.add(
        path,
        "wrong-type",
        `block "${bt.name}" of ${where} must be an object of labelled blocks, found ${describe(value)}.`,
        `Write "${bt.name}" as { "<label>": { ... } }.`,
      );
      return;
    }
    for (const [k, item] of Object.entries(value)) checkBlockItem(bt, item, `${path}.${k}`, walk, label);
    return;
  }
  // Terraform JSON accepts one block as an object or any number as an array of objects.
  const items = Array.isArray(value) ? value : isObject(value) ? [value] : undefined;
  if (!items) {
    walk.sink.add(
      path,
      "wrong-type",
      `block "${bt.name}" of ${where} must be ${bt.maxItems === 1 ? "an object" : "an array of objects"}, found ${describe(value)}.`,
      `Write "${bt.name}" as ${bt.maxItems === 1 ? "{ ... }" : "[{ ... }]"}; blocks cannot be expressions (use a dynamic block).`,
    );
    return;
  }
  if (items.length < bt.minItems || (bt.maxItems > 0 && items.length > bt.maxItems)) {
    const expected =
      bt.maxItems > 0 ? (bt.minItems === bt.maxItems ? `exactly ${bt.minItems}` : `${bt.minItems} to ${bt.maxItems}`) : `at least ${bt.minItems}`;
    walk.sink.add(
      path,
      "block-count",
      `${where} has ${items.length} "${bt.name}" block${items.length === 1 ? "" : "s"}, expected ${expected}.`,
      items.length < bt.minItems
        ? `Add "${bt.name}" blocks until there are ${bt.minItems}.`
        : `Keep at most ${bt.maxItems} "${bt.name}" block${bt.maxItems === 1 ? "" : "s"}.`,
    );
  }
  items.forEach((item, i) => checkBlockItem(bt, item, Array.isArray(value) ? `${path}[${i}]` : path, walk, label));
}

function checkBlockItem(bt: BlockTypeSpec, item: unknown, path: string, walk: Walk, label: string): void {
  if (!isObject(item)) {
    walk.sink.add(path, "wrong-type", `a "${bt.name}" block must be an object, found ${describe(item)}.`, `Write the block as { ... }.`);
    return;
  }
  checkBody(bt.block, item, path, walk, undefined, label);
}

function checkAttribute(attr: AttrSpec, value: unknown, path: string, walk: Walk, where: string): void {
  if (value === null) return;
  const sink = walk.sink;
  if (attr.readOnly) {
    sink.add(
      path,
      "read-only-set",
      `"${attr.name}" of ${where} is read-only (computed by the provider), but the configuration sets it to ${describe(value)}.`,
      `Remove "${attr.name}"; the provider computes it, and other blocks can read it by reference.`,
    );
    return;
  }
  const mismatch = typeMismatch(attr.type, value, path);
  if (mismatch) {
    sink.add(
      mismatch.path,
      "wrong-type",
      `"${attr.name}" of ${where} must be ${typeName(attr.type)}${mismatch.path === path ? "" : ` (at ${mismatch.path.slice(path.length)}: ${typeName(mismatch.expected)})`}, found ${describe(mismatch.found)}.`,
      `Give "${attr.name}" a ${typeName(mismatch.expected)} value or a Terraform reference.`,
    );
    return;
  }
  if (isToken(value)) return;
  checkValue(attr, value, path, sink, where);
  if (Array.isArray(value)) {
    if ((attr.minItems !== undefined && value.length < attr.minItems) || (attr.maxItems !== undefined && value.length > attr.maxItems)) {
      sink.add(
        path,
        "item-count",
        `"${attr.name}" of ${where} has ${value.length} element${value.length === 1 ? "" : "s"}, expected ${attr.minItems ?? 0} to ${attr.maxItems ?? "any number"}.`,
        `Give "${attr.name}" between ${attr.minItems ?? 0} and ${attr.maxItems ?? "any number of"} elements.`,
      );
    }
    if (attr.elemEnum) {
      value.forEach((v, i) => {
        if (v === null || isToken(v) || typeof v === "object") return;
        if (!attr.elemEnum?.includes(String(v))) {
          sink.add(
            `${path}[${i}]`,
            "enum",
            `element ${describe(v)} of "${attr.name}" is not allowed; expected one of ${quoteList(attr.elemEnum ?? [])}.${didYouMean(String(v), attr.elemEnum ?? [])}`,
            `Use one of ${quoteList(attr.elemEnum ?? [])}.`,
          );
        }
      });
    }
  }
}

/** Validators on scalar values: StringInSlice, StringNotInSlice, StringMatch, IntBetween, StringIsNotEmpty. */
function checkValue(attr: AttrSpec, value: unknown, path: string, sink: FindingSink, where: string): void {
  if (typeof value === "object" || value === undefined) return;
  const text = String(value);
  if (attr.enumValues) {
    const ok = attr.enumIgnoreCase ? attr.enumValues.some((e) => e.toLowerCase() === text.toLowerCase()) : attr.enumValues.includes(text);
    if (!ok) {
      sink.add(
        path,
        "enum",
        `"${attr.name}" of ${where} is ${JSON.stringify(text)}; expected one of ${quoteList(attr.enumValues)}.${didYouMean(
          text,
          attr.enumValues.filter((e) => e !== ""),
        )}`,
        `Set "${attr.name}" to one of ${quoteList(attr.enumValues)}, or remove it to use the provider default.`,
      );
    }
  }
  if (attr.notIn?.includes(text)) {
    sink.add(
      path,
      "disallowed-value",
      `"${attr.name}" of ${where} is ${JSON.stringify(text)}, which the provider rejects (not allowed: ${quoteList(attr.notIn)}).`,
      `Give "${attr.name}" a value other than ${quoteList(attr.notIn)}.`,
    );
  }
  if (attr.notEmpty && text === "") {
    sink.add(
      path,
      "not-empty",
      `"${attr.name}" of ${where} is an empty string; the provider requires a non-empty value.`,
      `Set "${attr.name}" to a non-empty string or remove it to use the default.`,
    );
  }
  for (const re of attr.patterns ?? []) {
    if (!re.test(text)) {
      sink.add(
        path,
        "pattern",
        `"${attr.name}" of ${where} is ${JSON.stringify(text)}, which does not match /${re.source}/.`,
        `Give "${attr.name}" a value matching /${re.source}/.`,
      );
    }
  }
  if (attr.min !== undefined || attr.max !== undefined) {
    const n = Number(value);
    if (Number.isFinite(n) && ((attr.min !== undefined && n < attr.min) || (attr.max !== undefined && n > attr.max))) {
      const range = attr.max === undefined ? `at least ${attr.min}` : `between ${attr.min} and ${attr.max}`;
      sink.add(path, "value-range", `"${attr.name}" of ${where} is ${n}; expected a number ${range}.`, `Set "${attr.name}" to a number ${range}.`);
    }
  }
}

function checkCrossRules(attr: AttrSpec, body: JsonObject, path: string, walk: Walk): void {
  const own = body[attr.name];
  const here = `${path}.${attr.name}`;
  const key = withIndexes(attr.key);
  const ownPresence = !isSet(own) ? "unset" : isToken(own) ? "unknown" : "set";
  const rules = {
    exactly_one_of: attr.exactlyOneOf && [...attr.exactlyOneOf],
    at_least_one_of: attr.atLeastOneOf && [...attr.atLeastOneOf],
    conflicts_with: attr.conflictsWith && [...attr.conflictsWith],
    required_with: attr.requiredWith && [...attr.requiredWith],
  };
  for (const p of crossRuleProblems(key, rules, (k) => (k === key ? ownPresence : lookup(walk.root, k)))) {
    if (p.rule === "exactly-one-of" || p.rule === "at-least-one-of") {
      // Declared on every member of the group: report each group once per block.
      const id = `${p.rule}:${path}:${p.keys.join(",")}`;
      if (walk.reported.has(id)) continue;
      walk.reported.add(id);
      const exactly = p.rule === "exactly-one-of";
      if (exactly && p.specified.length > 1) {
        walk.sink.add(
          path,
          p.rule,
          `${walk.label} needs exactly one of ${p.keys.join(", ")}; found ${p.specified.join(", ")} all set.`,
          `Keep only one of ${p.specified.join(", ")}.`,
        );
      } else {
        walk.sink.add(
          path,
          p.rule,
          `${walk.label} needs ${exactly ? "exactly one" : "at least one"} of ${p.keys.join(", ")}; found none set.`,
          `Set ${exactly ? "one" : "at least one"} of ${p.keys.join(", ")}.`,
        );
      }
    } else if (p.rule === "conflicts-with") {
      walk.sink.add(
        here,
        "conflicts-with",
        `"${attr.name}" of ${walk.label} conflicts with ${p.other}, and both are set.`,
        `Remove either "${attr.name}" or ${p.other}.`,
      );
    } else {
      walk.sink.add(
        here,
        "required-with",
        `"${attr.name}" of ${walk.label} requires all of ${p.keys.join(", ")}; missing ${p.missing.join(", ")}.`,
        `Set ${p.missing.join(", ")} too, or remove "${attr.name}".`,
      );
    }
  }
}

/** The SDK's form of a nested key: `cloud_config.ssh_key` → `cloud_config.0.ssh_key`. */
function withIndexes(key: string): string {
  return key.split(".").join(".0.");
}

/** Resolves an SDK key such as `backup_policy.0.include_cluster_resources_mode` from the resource root. */
function lookup(root: JsonObject, key: string): "set" | "unset" | "unknown" {
  let cur: unknown = root;
  for (const seg of key.split(".")) {
    if (/^\d+$/.test(seg)) {
      if (Array.isArray(cur)) cur = cur[Number(seg)];
      else if (!(isObject(cur) && seg === "0")) return "unset";
      continue;
    }
    if (Array.isArray(cur)) cur = cur[0];
    if (!isObject(cur)) return isToken(cur) ? "unknown" : "unset";
    cur = cur[seg];
  }
  if (!isSet(cur)) return "unset";
  return isToken(cur) ? "unknown" : "set";
}

/** `lifecycle.ignore_changes` names attributes; a typo there silently ignores nothing. */
function checkIgnoreChanges(block: BlockSpec, lifecycle: JsonObject, path: string, walk: Walk): void {
  const list = lifecycle.ignore_changes;
  if (!Array.isArray(list)) return;
  list.forEach((entry, i) => {
    if (typeof entry !== "string" || isToken(entry) || entry === "all") return;
    const first = /^[A-Za-z_][\w-]*/.exec(entry)?.[0];
    if (first && !block.attributes.has(first) && !block.blocks.has(first)) {
      walk.sink.add(
        `${path}.ignore_changes[${i}]`,
        "unknown-attribute",
        `lifecycle.ignore_changes names "${first}", which ${walk.label} does not have.${didYouMean(first, block.names)}`,
        `Name an attribute of ${walk.label} or remove the entry.`,
      );
    }
  });
}

interface Mismatch {
  readonly path: string;
  readonly expected: TypeExpr;
  readonly found: unknown;
}

const NUMBER_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * The first place where `value` cannot be converted to `type` the way Terraform converts JSON values:
 * numbers and bools become strings, numeric strings become numbers, "true"/"false" become bools, and a
 * template string is accepted for any type because its value is only known at plan time.
 */
export function typeMismatch(type: TypeExpr, value: unknown, path: string): Mismatch | undefined {
  if (value === null || value === undefined || isToken(value) || type === "dynamic") return undefined;
  const bad = { path, expected: type, found: value };
  if (typeof type === "string") {
    switch (type) {
      case "string":
        return typeof value === "object" ? bad : undefined;
      case "number":
        return typeof value === "number" || (typeof value === "string" && NUMBER_TEXT.test(value)) ? undefined : bad;
      case "bool":
        return typeof value === "boolean" || value === "true" || value === "false" ? undefined : bad;
    }
    return undefined;
  }
  const [kind, inner] = type;
  if (kind === "list" || kind === "set") {
    if (!Array.isArray(value)) return bad;
    for (let i = 0; i < value.length; i++) {
      const m = typeMismatch(inner as TypeExpr, value[i], `${path}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (kind === "map") {
    if (!isObject(value)) return bad;
    for (const [k, v] of Object.entries(value)) {
      const m = typeMismatch(inner as TypeExpr, v, `${path}.${k}`);
      if (m) return m;
    }
    return undefined;
  }
  if (kind === "object") {
    if (!isObject(value)) return bad;
    const fields = inner as Readonly<Record<string, TypeExpr>>;
    for (const [k, v] of Object.entries(value)) {
      if (!Object.prototype.hasOwnProperty.call(fields, k)) return { path: `${path}.${k}`, expected: type, found: v };
      const m = typeMismatch(fields[k], v, `${path}.${k}`);
      if (m) return m;
    }
    return undefined;
  }
  if (kind === "tuple") {
    const elems = inner as readonly TypeExpr[];
    if (!Array.isArray(value) || value.length !== elems.length) return bad;
    for (let i = 0; i < elems.length; i++) {
      const m = typeMismatch(elems[i], value[i], `${path}[${i}]`);
      if (m) return m;
    }
  }
  return undefined;
}

/** Terraform's spelling of a type: `string`, `list(string)`, `map(bool)`, `object({...})`. */
export function typeName(type: TypeExpr): string {
  if (typeof type === "string") return type;
  const [kind, inner] = type;
  if (kind === "object") return `object({${Object.keys(inner as object).join(", ")}})`;
  if (kind === "tuple") return `tuple([${(inner as readonly TypeExpr[]).map(typeName).join(", ")}])`;
  return `${kind}(${typeName(inner as TypeExpr)})`;
}
