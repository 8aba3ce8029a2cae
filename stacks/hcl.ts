// Terraform JSON to HCL (`--hcl`), driven by the provider schema.
import { matchBrace } from "../lib/private/braces";
import { BlockSpec, SchemaIndex, defaultSchemaIndex } from "../lib/validate";

// Terraform JSON (cdk.tf.json) to native HCL (cdk.tf), for teams moving off cdktf. Which JSON objects are nested
// blocks and which are attribute values is not in the JSON; it comes from the committed provider schema for
// spectrocloud types and from Terraform's own grammar for meta-arguments and top-level blocks. cdktf's own HCL
// output cannot be used: it renders lifecycle postconditions as an attribute and drops check blocks.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Converts one stack's Terraform JSON to HCL. */
export function toHcl(tf: Obj, schema: SchemaIndex = defaultSchemaIndex()): string {
  const out: string[] = [];
  const section = (lines: string[]) => {
    if (lines.length) out.push(lines.join("\n"));
  };
  if (isObj(tf.terraform)) section(block("terraform", [], terraformBody(tf.terraform), 0));
  for (const [name, configs] of entries(tf.provider)) {
    for (const config of Array.isArray(configs) ? configs : [configs]) {
      section(block("provider", [name], body(config as Obj, name === "spectrocloud" ? schema.provider().block : undefined, 1), 0));
    }
  }
  for (const [name, v] of entries(tf.variable)) section(block("variable", [name], variableBody(v as Obj), 0));
  if (isObj(tf.locals)) section(block("locals", [], attributes(tf.locals, 1), 0));
  for (const [type, byName] of entries(tf.data)) {
    for (const [name, v] of entries(byName)) section(block("data", [type, name], body(v as Obj, schema.dataSource(type)?.block, 1, RESOURCE_META), 0));
  }
  for (const [type, byName] of entries(tf.resource)) {
    for (const [name, v] of entries(byName)) section(block("resource", [type, name], body(v as Obj, schema.resource(type)?.block, 1, RESOURCE_META), 0));
  }
  for (const imp of Array.isArray(tf.import) ? tf.import : []) section(block("import", [], refBody(imp as Obj, ["to", "provider"]), 0));
  for (const kind of ["moved", "removed"]) {
    for (const m of Array.isArray(tf[kind]) ? (tf[kind] as Json[]) : []) section(block(kind, [], refBody(m as Obj, ["from", "to"]), 0));
  }
  for (const [name, v] of entries(tf.check)) section(block("check", [name], checkBody(v as Obj, schema), 0));
  for (const [name, v] of entries(tf.output)) section(block("output", [name], outputBody(v as Obj), 0));
  return out.join("\n\n") + "\n";
}

function entries(v: Json | undefined): [string, Json][] {
  return isObj(v) ? Object.entries(v).filter(([k]) => k !== "//") : [];
}

const pad = (depth: number) => "  ".repeat(depth);

function block(type: string, labels: string[], inner: string[], depth: number): string[] {
  const head = [type, ...labels.map((l) => JSON.stringify(l))].join(" ");
  return [`${pad(depth)}${head} {`, ...inner, `${pad(depth)}}`];
}

function attr(name: string, value: string, depth: number): string {
  return `${pad(depth)}${IDENT.test(name) ? name : JSON.stringify(name)} = ${value}`;
}

/** Attributes only: every value is an expression. */
function attributes(o: Obj, depth: number): string[] {
  return entries(o).map(([k, v]) => attr(k, expr(v, depth), depth));
}

type Meta = (key: string, value: Json, depth: number) => string[] | undefined;

/** Resource and data source meta-arguments, which Terraform's grammar (not the provider) shapes. */
const RESOURCE_META: Meta = (key, value, depth) => {
  switch (key) {
    case "depends_on":
      return [attr(key, refList(value), depth)];
    case "provider":
      return [attr(key, raw(value), depth)];
    case "lifecycle":
      return block("lifecycle", [], lifecycleBody(value as Obj, depth + 1), depth);
    case "dynamic":
      return entries(value).flatMap(([name, d]) => {
        const dyn = d as Obj;
        const inner = [
          attr("for_each", expr(dyn.for_each, depth + 1), depth + 1),
          ...(dyn.iterator !== undefined ? [attr("iterator", raw(dyn.iterator), depth + 1)] : []),
          ...block("content", [], attributes((dyn.content ?? {}) as Obj, depth + 2), depth + 1),
        ];
        return block("dynamic", [name], inner, depth);
      });
    default:
      return undefined;
  }
};

/** A block body: nested blocks where the schema has them, attributes elsewhere. */
function body(o: Obj, spec: BlockSpec | undefined, depth: number, meta?: Meta): string[] {
  const lines: string[] = [];
  for (const [k, v] of entries(o)) {
    const special = meta?.(k, v, depth);
    if (special) {
      lines.push(...special);
      continue;
    }
    const nested = spec?.blocks.get(k);
    if (nested && v !== null) {
      for (const item of Array.isArray(v) ? v : [v]) lines.push(...block(k, [], body(item as Obj, nested.block, depth + 1), depth));
      continue;
    }
    if (k === "timeouts" && isObj(v)) {
      lines.push(...block(k, [], attributes(v, depth + 1), depth));
      continue;
    }
    lines.push(attr(k, expr(v, depth), depth));
  }
  return lines;
}

function lifecycleBody(o: Obj, depth: number): string[] {
  const lines: string[] = [];
  for (const [k, v] of entries(o)) {
    if (k === "precondition" || k === "postcondition") {
      for (const c of Array.isArray(v) ? v : [v]) lines.push(...block(k, [], conditionBody(c as Obj, depth + 1), depth));
    } else if (k === "ignore_changes" || k === "replace_triggered_by") {
      lines.push(attr(k, typeof v === "string" ? raw(v) : refList(v), depth));
    } else {
      lines.push(attr(k, expr(v, depth), depth));
    }
  }
  return lines;
}

function conditionBody(o: Obj, depth: number): string[] {
  return [attr("condition", expr(o.condition, depth), depth), attr("error_message", expr(o.error_message, depth), depth)];
}

function terraformBody(t: Obj): string[] {
  const lines: string[] = [];
  for (const [k, v] of entries(t)) {
    if (k === "required_providers") lines.push(...block(k, [], attributes(v as Obj, 2), 1));
    else if (k === "backend") {
      // Backend settings are all attributes (in Terraform 1.11 the S3 `assume_role` and `endpoints` objects too).
      for (const [type, settings] of entries(v)) lines.push(...block("backend", [type], attributes(settings as Obj, 2), 1));
    } else if (k === "cloud") {
      const cloud = v as Obj;
      const inner = entries(cloud).flatMap(([ck, cv]) => (ck === "workspaces" && isObj(cv) ? block(ck, [], attributes(cv, 3), 2) : [attr(ck, expr(cv, 2), 2)]));
      lines.push(...block("cloud", [], inner, 1));
    } else lines.push(attr(k, expr(v, 1), 1));
  }
  return lines;
}

function variableBody(o: Obj): string[] {
  return entries(o).map(([k, v]) => attr(k, k === "type" ? raw(v) : expr(v, 1), 1));
}

/** Attributes where the named ones are bare references (`import.to`, `moved.from`, ...). */
function refBody(o: Obj, refs: string[]): string[] {
  return entries(o).map(([k, v]) => attr(k, refs.includes(k) ? raw(v) : expr(v, 1), 1));
}

function checkBody(o: Obj, schema: SchemaIndex): string[] {
  const lines: string[] = [];
  for (const [type, byName] of entries(o.data)) {
    for (const [name, v] of entries(byName)) lines.push(...block("data", [type, name], body(v as Obj, schema.dataSource(type)?.block, 2, RESOURCE_META), 1));
  }
  for (const a of Array.isArray(o.assert) ? o.assert : [o.assert]) if (isObj(a)) lines.push(...block("assert", [], conditionBody(a, 2), 1));
  return lines;
}

function outputBody(o: Obj): string[] {
  const lines: string[] = [];
  for (const [k, v] of entries(o)) {
    if (k === "depends_on") lines.push(attr(k, refList(v), 1));
    else if (k === "precondition") for (const c of Array.isArray(v) ? v : [v]) lines.push(...block(k, [], conditionBody(c as Obj, 2), 1));
    else lines.push(attr(k, expr(v, 1), 1));
  }
  return lines;
}

/** A JSON string that is a bare reference or type in HCL (`depends_on` entries, `import.to`, `type`). */
function raw(v: Json): string {
  const s = String(v);
  const whole = wholeInterpolation(s);
  return whole ?? s;
}

function refList(v: Json): string {
  return `[${(Array.isArray(v) ? v : [v]).map(raw).join(", ")}]`;
}

/** Any JSON value as an HCL expression. */
export function expr(v: Json | undefined, depth: number): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "string") return stringExpr(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return ["[", ...v.map((x) => `${pad(depth + 1)}${expr(x, depth + 1)},`), `${pad(depth)}]`].join("\n");
  }
  // Object values keep every key (also "//") and quote it: a bare key could be a keyword such as `for`.
  const keys = Object.entries(v);
  if (keys.length === 0) return "{}";
  return ["{", ...keys.map(([k, x]) => `${pad(depth + 1)}${JSON.stringify(k)} = ${expr(x, depth + 1)}`), `${pad(depth)}}`].join("\n");
}

/**
 * A JSON string: in Terraform's JSON syntax every string is a template, so the same text is an HCL template too.
 * A string that is one whole `${...}` becomes the bare expression; a multi-line string ending in a newline becomes
 * a heredoc; anything else a quoted template, escaping only the literal parts.
 */
function stringExpr(s: string): string {
  const whole = wholeInterpolation(s);
  if (whole !== undefined) return whole;
  // Heredocs take the text as it is; a carriage return or other control character needs the escaped form.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (s.endsWith("\n") && s.length > 1 && !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s)) {
    let marker = "EOT";
    for (let i = 1; s.split("\n").some((line) => line.trim() === marker); i++) marker = `EOT${i}`;
    return `<<${marker}\n${s}${marker}`;
  }
  let outText = "";
  for (const part of templateParts(s)) outText += part.literal ? escapeLiteral(part.text) : part.text;
  return `"${outText}"`;
}

function escapeLiteral(text: string): string {
  return text.replace(/[\\"\n\r\t]/g, (c) => ({ "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c] as string);
}

/** Splits a template into literal text and `${...}` / `%{...}` sequences (copied as they are). */
function templateParts(s: string): { literal: boolean; text: string }[] {
  const parts: { literal: boolean; text: string }[] = [];
  let lit = "";
  let i = 0;
  while (i < s.length) {
    const two = s.slice(i, i + 2);
    const three = s.slice(i, i + 3);
    if (three === "$${" || three === "%%{") {
      lit += three;
      i += 3;
      continue;
    }
    if (two === "${" || two === "%{") {
      const end = matchBrace(s, i + 2);
      if (end < 0) {
        lit += s.slice(i);
        break;
      }
      if (lit) parts.push({ literal: true, text: lit });
      lit = "";
      parts.push({ literal: false, text: s.slice(i, end + 1) });
      i = end + 1;
      continue;
    }
    lit += s[i];
    i++;
  }
  if (lit) parts.push({ literal: true, text: lit });
  return parts;
}

/** The bare expression when the whole string is a single `${...}`. */
function wholeInterpolation(s: string): string | undefined {
  if (!s.startsWith("${")) return undefined;
  return matchBrace(s, 2) === s.length - 1 ? s.slice(2, -1) : undefined;
}
