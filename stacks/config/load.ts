import * as fs from "node:fs";
import * as path from "node:path";
import { Document, LineCounter, Node, isMap, isPair, isScalar, parseDocument, visit } from "yaml";
import { z } from "zod";
import { PROVIDER_DEFAULT_PROFILE_VERSION } from "../../lib";
import { closest } from "../../lib/private/validation";
import { Key, pathText } from "./paths";
import type { VmoProjectConfig } from "./project-config";
import { TERRAFORM_BACKEND_ARGUMENTS, TERRAFORM_VERSION_READ, REMOVED_BACKENDS } from "./backend-arguments";
import { BACKEND_TYPES, EnvironmentConfig, environmentSchema } from "./schema";

/** A config problem with its place in the file. */
export interface ConfigProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Dotted path of the field, e.g. `profiles[0].clusters[1].name`. */
  readonly path: string;
  readonly message: string;
}

/** Thrown when an environment file is invalid; `message` lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "ConfigError";
  }
}

/**
 * One line per problem, whatever the input held: control characters (a key or value with a newline, a carriage
 * return or a terminal escape) are shown escaped, so a message can neither span lines nor drive the terminal.
 */
export function formatProblem(p: ConfigProblem): string {
  return `${oneLine(p.file)}:${p.line}:${p.column}: ${oneLine(p.path) || "(file)"}: ${oneLine(p.message)}`;
}

const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return ESCAPES[ch] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
  });
}


/** Reads and validates one environment file. Throws ConfigError with every problem found. */
export function loadEnvironmentFile(file: string, displayName = path.relative(process.cwd(), file) || file): EnvironmentConfig {
  const text = fs.readFileSync(file, "utf8");
  return parseEnvironment(text, displayName);
}

/** Where a config field is, for messages about it found later (e.g. checks across environments). */
export type Locator = (keys: readonly Key[], onKey?: boolean) => { readonly line: number; readonly column: number };

/** A validated environment file together with a way to point at its fields. */
export interface ParsedEnvironment {
  readonly file: string;
  readonly config: EnvironmentConfig;
  readonly locate: Locator;
}

/** Validates environment YAML text; `file` is only used in messages. */
export function parseEnvironment(text: string, file: string): EnvironmentConfig {
  return parseEnvironmentDocument(text, file).config;
}

/** As parseEnvironment, keeping the source positions. */
export function parseEnvironmentDocument(text: string, file: string): ParsedEnvironment {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const { line, col } = at(e.pos[0]);
        return { file, line, column: col, path: "", message: `invalid YAML: ${e.message.split("\n")[0]}` };
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS() ?? {};
  } catch (err) {
    // yaml stops at maxAliasCount (100) when aliases expand further: an "alias bomb". Point at the first alias.
    let offset = doc.contents?.range?.[0] ?? 0;
    visit(doc, {
      Alias(_, node) {
        if (node.range) offset = node.range[0];
        return visit.BREAK;
      },
    });
    const { line, col } = at(offset);
    throw new ConfigError([{ file, line, column: col, path: "", message: `invalid YAML: its aliases expand to too much data (${(err as Error).message.split("\n")[0]}); write the repeated values out instead of nesting aliases.` }]);
  }
  const problems: ConfigProblem[] = [];
  const locate: Locator = (keys, onKey = false) => {
    const { line, col } = at(offsetOf(doc, keys, onKey));
    return { line, column: col };
  };
  const problem = (keys: readonly Key[], message: string, onKey = false) => {
    problems.push({ file, ...locate(keys, onKey), path: pathText(keys), message });
  };

  const result = environmentSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) describeIssue(issue, data, problem);
  } else {
    semanticChecks(result.data, problem);
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new ConfigError(problems);
  }
  return { file, config: (result as { data: EnvironmentConfig }).data, locate };
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, problem: (keys: readonly Key[], message: string, onKey?: boolean) => void): void {
  const keys = issue.path.filter((k): k is Key => typeof k !== "symbol");
  const found = valueAt(data, keys);
  if (keys.length === 2 && keys[0] === "backend" && keys[1] === "type" && typeof found === "string" && Object.prototype.hasOwnProperty.call(REMOVED_BACKENDS, found)) {
    problem(keys, `Terraform ${TERRAFORM_VERSION_READ} says: ${REMOVED_BACKENDS[found]} Pick a backend it has: ${BACKEND_TYPES.join(", ")}.`);
    return;
  }
  switch (issue.code) {
    case "unrecognized_keys":
      for (const key of issue.keys) {
        if (keys[0] === "backend" && credentialHint(key)) {
          problem([...keys, key], credentialHint(key) as string, true);
          continue;
        }
        const allowed = allowedKeys(keys, data);
        const hint = closest(key, allowed);
        const type = keys[0] === "backend" && keys.length === 1 ? String((valueAt(data, ["backend"]) as { type?: unknown })?.type) : undefined;
        const terraformHas = type !== undefined && Object.prototype.hasOwnProperty.call(TERRAFORM_BACKEND_ARGUMENTS, type) && TERRAFORM_BACKEND_ARGUMENTS[type].includes(key);
        problem(
          [...keys, key],
          terraformHas
            ? `"${key}" is an argument of Terraform's ${type} backend that environment files do not take yet; allowed here: ${allowed.join(", ")}.`
            : `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}; allowed here: ${allowed.join(", ")}.`,
          true,
        );
      }
      return;
    case "invalid_value": {
      const options = issue.values.map(String);
      const hint = typeof found === "string" ? closest(found, options) : undefined;
      problem(keys, `expected one of ${options.map((o) => `"${o}"`).join(", ")}, found ${show(found)}${hint ? ` (did you mean "${hint}"?)` : ""}.`);
      return;
    }
    case "invalid_type":
      problem(keys, found === undefined ? `required field is missing (expected ${issue.expected}).` : `expected ${issue.expected}, found ${show(found)}.`, found === undefined);
      return;
    case "invalid_union": {
      const options = (issue as { options?: unknown[] }).options?.map(String);
      if (options) {
        const hint = typeof found === "string" ? closest(found, options) : undefined;
        const what = found === undefined ? "nothing" : show(found);
        problem(keys, `expected one of ${options.map((o) => `"${o}"`).join(", ")}, found ${what}${hint ? ` (did you mean "${hint}"?)` : ""}.`, found === undefined);
      } else if (keys[keys.length - 2] === "variables") {
        problem(keys, `expected a string or { secret: <terraform variable name> }, found ${show(found)}.`);
      } else {
        problem(keys, `expected a YAML mapping or a YAML string, found ${show(found)}.`);
      }
      return;
    }
    default:
      problem(keys, `${issue.message}${found !== undefined ? `, found ${show(found)}` : ""}.`);
  }
}

function semanticChecks(env: EnvironmentConfig, problem: (keys: readonly Key[], message: string, onKey?: boolean) => void): void {
  const profiles = new Map<string, number>();
  const clusters = new Map<string, string>();
  if (env.backend) backendChecks(env.backend, problem);
  env.profiles.forEach((p, i) => {
    if (p.import !== undefined && typeof p.import === "string") {
      const context = p.context ?? env.project.context ?? "project";
      const m = /^([^:]+):([^:]+)(?::([^:]+))?$/.exec(p.import);
      if (!m) problem(["profiles", i, "import"], `expected the provider's import ID NAME:CONTEXT[:VERSION] such as "${p.name}:${context}:${p.profileVersion ?? PROVIDER_DEFAULT_PROFILE_VERSION}", found "${p.import}".`);
      else if (m[1] !== p.name) problem(["profiles", i, "import"], `import ID names profile "${m[1]}" but this profile is "${p.name}"; adopting a profile under another name would rename it in Palette. Use "${p.name}:${context}${m[3] ? `:${m[3]}` : ""}".`);
      else if (m[2] !== context) problem(["profiles", i, "import"], `import ID context "${m[2]}" differs from the profile's context "${context}"; use "${p.name}:${context}${m[3] ? `:${m[3]}` : ""}".`);
      else if (m[3] !== undefined && m[3] !== (p.profileVersion ?? PROVIDER_DEFAULT_PROFILE_VERSION)) problem(["profiles", i, "import"], `import ID version "${m[3]}" differs from profileVersion "${p.profileVersion ?? PROVIDER_DEFAULT_PROFILE_VERSION}"; adopt the version this config manages.`);
    }
    if (profiles.has(p.name)) problem(["profiles", i, "name"], `duplicate profile name "${p.name}" (also profiles[${profiles.get(p.name)}]); profile names must be unique.`);
    profiles.set(p.name, i);
    (p.clusters ?? []).forEach((c, j) => {
      const keys = ["profiles", i, "clusters", j];
      // Exactly one of name and uid: VmoProjectStack checks it (for config and code alike).
      if ((c.name === undefined) === (c.uid === undefined)) return;
      const id = c.name !== undefined ? `name ${c.name}` : `uid ${c.uid}`;
      // Names are unique per context (a tenant cluster and a project cluster may share one); UIDs everywhere.
      const scope = c.name !== undefined ? `${id} in ${c.context ?? env.project.context ?? "project"}` : id;
      const where = `profiles[${i}].clusters[${j}]`;
      if (clusters.has(scope)) problem([...keys, c.name !== undefined ? "name" : "uid"], `duplicate cluster ${id.replace(" ", ' "')}" (also ${clusters.get(scope)}); a cluster gets VMO from one profile only.`);
      else clusters.set(scope, where);
    });
  });
}

/** Credential settings a backend could take, and where they come from instead. */
const CREDENTIALS: Record<string, string> = {
  access_key: "AWS_ACCESS_KEY_ID",
  secret_key: "AWS_SECRET_ACCESS_KEY",
  token: "the backend's token variable (TF_TOKEN_<host> for cloud/remote, AWS_SESSION_TOKEN for s3)",
  password: "the backend's password variable (e.g. HTTP_PASSWORD, SWIFT_PASSWORD)",
  client_secret: "ARM_CLIENT_SECRET",
  client_certificate_password: "ARM_CLIENT_CERTIFICATE_PASSWORD",
  sas_token: "ARM_SAS_TOKEN",
  access_token: "the backend's token variable (e.g. GOOGLE_OAUTH_ACCESS_TOKEN)",
  credentials: "GOOGLE_BACKEND_CREDENTIALS or GOOGLE_APPLICATION_CREDENTIALS",
  conn_str: "PG_CONN_STR",
  secret_id: "TENCENTCLOUD_SECRET_ID",
  secret_access_key: "the backend's secret key variable",
  sse_customer_key: "AWS_SSE_CUSTOMER_KEY",
  encryption_key: "GOOGLE_ENCRYPTION_KEY",
  master_key: "the backend's key variable",
};

function credentialHint(key: string): string | undefined {
  const env = CREDENTIALS[key];
  return env ? `"${key}" is a credential; config files never hold credentials. Remove it and set ${env} in the pipeline's environment.` : undefined;
}

function backendChecks(backend: NonNullable<EnvironmentConfig["backend"]>, problem: (keys: readonly Key[], message: string, onKey?: boolean) => void): void {
  if (backend.type === "local") {
    if (backend.path !== undefined && (path.isAbsolute(backend.path) || backend.path.trim() === "")) {
      problem(["backend", "path"], `expected a state file path relative to the project root (absolute paths make the output machine-specific), found "${backend.path}".`);
    }
  } else if (backend.type === "s3") {
    if (backend.use_lockfile !== true && !backend.dynamodb_table) {
      problem(["backend"], `S3 state needs locking so two pipelines cannot write it at once; set use_lockfile: true (Terraform 1.10 or later) or dynamodb_table.`);
    }
  } else if (backend.type === "cloud") {
    const w = backend.workspaces;
    if ((w.name === undefined) === (w.tags === undefined)) {
      problem(["backend", "workspaces"], `give exactly one of workspaces.name and workspaces.tags; found ${w.name === undefined ? "neither" : "both"}.`);
    }
  } else {
    // Free-form by type: each key is checked against Terraform's own arguments for that backend, values are not.
    const known = TERRAFORM_BACKEND_ARGUMENTS[backend.type] ?? [];
    for (const key of Object.keys(backend)) {
      if (key === "type") continue;
      const hint = credentialHint(key);
      if (hint) problem(["backend", key], hint, true);
      else if (!known.includes(key)) {
        const near = closest(key, known);
        problem(["backend", key], `unknown key "${key}" for the ${backend.type} backend${near ? ` (did you mean "${near}"?)` : ""}; Terraform ${TERRAFORM_VERSION_READ}'s ${backend.type} backend takes: ${known.join(", ")}.`, true);
      }
    }
  }
}

/**
 * Turns a validated environment into the stack's typed config. Config strings are literal text: `${` and `%{`
 * are escaped (`$${`, `%%{`) so Terraform never evaluates a value from a config file as an expression (which
 * could pull a variable, a file or a secret into a profile). Palette's `{{ .spectro... }}` macros are untouched.
 */
export function toProjectConfig(env: EnvironmentConfig): VmoProjectConfig {
  const { $schema: _schema, backend, suppressions, ...rest } = env;
  const context = env.project.context;
  const profiles = env.profiles.map((p) => {
    const { suppressions: profileSuppressions, clusters, ...profile } = p;
    return {
      ...literal(profile),
      context: p.context ?? context,
      suppressions: profileSuppressions,
      clusters: clusters?.map((c) => {
        const { suppressions: clusterSuppressions, ...cluster } = c;
        return { ...literal(cluster), context: c.context ?? context, suppressions: clusterSuppressions };
      }),
    };
  });
  return { ...rest, project: literal(env.project), backend, suppressions, profiles } satisfies VmoProjectConfig;
}

/** Every string below `value` with Terraform's template sequences escaped; the shape (and so the type) is kept. */
function literal<T>(value: T): T {
  return escapeTemplates(value) as T;
}

function escapeTemplates(value: unknown): unknown {
  // Replacement functions: in a replacement string, "$$" would itself mean one "$".
  if (typeof value === "string") return value.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
  if (Array.isArray(value)) return value.map(escapeTemplates);
  // Keys too: pack values' keys end up in the values text Terraform reads as a template.
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeTemplates(k) as string, escapeTemplates(v)]));
  return value;
}

function allowedKeys(keys: readonly Key[], data: unknown): string[] {
  let schema: any = environmentSchema;
  for (let i = 0; i <= keys.length; i++) {
    schema = pickOption(unwrap(schema), valueAt(data, keys.slice(0, i)));
    if (i === keys.length) break;
    const key = keys[i];
    if (typeof key === "number") schema = unwrap(schema)?._zod?.def?.element;
    else schema = schema?._zod?.def?.shape?.[key];
  }
  return Object.keys(unwrap(schema)?._zod?.def?.shape ?? {});
}

/** The option of a discriminated union (the backends, by `type`) that `value` is meant to be. */
function pickOption(schema: any, value: unknown): any {
  const options: any[] | undefined = schema?._zod?.def?.options;
  const discriminator: string | undefined = schema?._zod?.def?.discriminator;
  if (!options || !discriminator) return schema;
  const tag = (value as Record<string, unknown> | undefined)?.[discriminator];
  return options.find((o) => unwrap(o)?._zod?.def?.shape?.[discriminator]?._zod?.def?.values?.includes(tag)) ?? schema;
}

function unwrap(schema: any): any {
  while (schema?._zod?.def?.innerType) schema = schema._zod.def.innerType;
  return schema;
}

function valueAt(data: unknown, keys: readonly Key[]): unknown {
  let cur: any = data;
  for (const k of keys) cur = cur == null ? undefined : cur[k];
  return cur;
}

/** Offset of the value (or key) at `keys`, falling back to the nearest existing parent. */
function offsetOf(doc: Document, keys: readonly Key[], onKey: boolean): number {
  for (let n = keys.length; n >= 0; n--) {
    const parentKeys = keys.slice(0, Math.max(0, n - 1));
    if (n > 0) {
      const parent = parentKeys.length ? doc.getIn(parentKeys, true) : doc.contents;
      const last = keys[n - 1];
      if (isMap(parent)) {
        const pair = parent.items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === last);
        if (pair && isPair(pair)) {
          const target = (onKey && n === keys.length) || !pair.value ? pair.key : pair.value;
          const range = (target as Node | null)?.range;
          if (range) return range[0];
        }
      }
      const node = doc.getIn(keys.slice(0, n), true) as Node | undefined;
      if (node?.range) return node.range[0];
    } else if (doc.contents?.range) {
      return doc.contents.range[0];
    }
  }
  return 0;
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list of ${value.length}`;
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}
