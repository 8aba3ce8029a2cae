// The offline validator: finds cdk.tf.json files and checks each against the committed provider schema.
import * as fs from "node:fs";
import * as path from "node:path";
import { checkInstance } from "./checks";
import { didYouMean, Finding, FindingSink, isObject, JsonObject } from "./findings";
import { collectSymbols, ReferenceChecker } from "./references";
import { checkAddonDeployment, checkClusterProfile, checkPackSimple } from "./rules";
import { defaultSchemaIndex, PROVIDER_VERSION, SchemaIndex, TypeSpec } from "./schema-index";

/** Top-level keys of Terraform JSON; only resource, data, provider and check hold things the schema covers. */
const TOP_LEVEL = [
  "//",
  "terraform",
  "provider",
  "resource",
  "data",
  "variable",
  "output",
  "locals",
  "module",
  "import",
  "check",
  "moved",
  "removed",
  "ephemeral",
];
const TOP_LEVEL_SET = new Set(TOP_LEVEL);
const PREFIX = "spectrocloud_";

export interface FileReport {
  readonly file: string;
  readonly stack: string;
  readonly findings: Finding[];
  /** spectrocloud_ resources and data sources checked against the schema. */
  readonly resources: number;
  /** Resources and data sources of other providers, which this validator does not know. */
  readonly skippedBlocks: number;
  readonly references: number;
  readonly skippedExpressions: number;
}

export interface Summary {
  readonly stacks: number;
  readonly resources: number;
  readonly findings: number;
  readonly references: number;
  readonly skippedExpressions: number;
  readonly skippedBlocks: number;
  readonly elapsedMs: number;
}

export interface Report {
  readonly ok: boolean;
  readonly files: FileReport[];
  readonly summary: Summary;
}

/** Bad input (missing path, unreadable file, invalid JSON): the CLI exits 2 with the message, no trace. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** Checks one parsed cdk.tf.json. `file` is only used to label findings. */
export function checkDocument(doc: unknown, file: string, index: SchemaIndex = defaultSchemaIndex()): FileReport {
  if (!isObject(doc))
    throw new InputError(`${file} is not Terraform JSON: expected an object at the top level, found ${Array.isArray(doc) ? "an array" : typeof doc}`);
  const sink = new FindingSink(file);
  const refs = new ReferenceChecker(collectSymbols(doc), index, sink);
  const counts = { resources: 0, skippedBlocks: 0 };

  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL_SET.has(key)) {
      sink.add(
        key,
        "unknown-top-level",
        `"${key}" is not a top-level Terraform JSON key; expected one of: ${TOP_LEVEL.slice(1).join(", ")}.${didYouMean(key, TOP_LEVEL)}`,
        `Remove "${key}" or move its content under the right top-level key.`,
      );
    }
  }

  const providerConfigs = spectroProviders(doc, index, sink);
  checkSection("resource", doc.resource, "resource", index, sink, refs, counts, providerConfigs);
  checkSection("data", doc.data, "data", index, sink, refs, counts, providerConfigs);

  if (isObject(doc.check)) {
    for (const [name, check] of Object.entries(doc.check)) {
      if (name === "//" || !isObject(check)) continue;
      const at = `check.${name}`;
      for (const key of Object.keys(check)) {
        if (key !== "//" && key !== "data" && key !== "assert") {
          sink.add(
            `${at}.${key}`,
            "unknown-attribute",
            `check block "${name}" has no "${key}"; expected data or assert.${didYouMean(key, ["data", "assert"])}`,
            `Remove "${key}".`,
          );
        }
      }
      checkSection("data", check.data, `${at}.data`, index, sink, refs, counts, providerConfigs);
      // A check's nested data sources are visible only inside that check.
      const scoped = collectSymbols({ data: check.data ?? null }).data;
      refs.walk(check, at, scoped);
    }
  }

  for (const section of ["resource", "data", "provider", "output", "locals", "module"]) refs.walk(doc[section], section);
  for (const section of ["output", "module"]) {
    const blocks = doc[section];
    if (!isObject(blocks)) continue;
    for (const [name, body] of Object.entries(blocks)) {
      if (isObject(body) && Array.isArray(body.depends_on)) {
        body.depends_on.forEach((a, i) => typeof a === "string" && refs.checkAddress(a, `${section}.${name}.depends_on[${i}]`));
      }
    }
  }

  const meta = isObject(doc["//"]) && isObject(doc["//"].metadata) ? doc["//"].metadata : undefined;
  const stack = typeof meta?.stackName === "string" ? meta.stackName : path.basename(path.dirname(file));
  return { file, stack, findings: sink.findings, ...counts, references: refs.stats.checked, skippedExpressions: refs.stats.skipped };
}

/** Checks `provider.spectrocloud` configurations and returns them by alias ("" for the default one). */
function spectroProviders(doc: JsonObject, index: SchemaIndex, sink: FindingSink): Map<string, JsonObject> {
  const byAlias = new Map<string, JsonObject>();
  const providers = doc.provider;
  if (!isObject(providers) || providers.spectrocloud === undefined) return byAlias;
  const raw = providers.spectrocloud;
  const list = Array.isArray(raw) ? raw : [raw];
  list.forEach((config, i) => {
    const at = Array.isArray(raw) ? `provider.spectrocloud[${i}]` : "provider.spectrocloud";
    if (!isObject(config)) {
      sink.add(
        at,
        "wrong-type",
        `a provider "spectrocloud" configuration must be an object, found ${JSON.stringify(config)}.`,
        "Write the provider configuration as { ... }.",
      );
      return;
    }
    checkInstance(index.provider(), config, at, sink);
    byAlias.set(typeof config.alias === "string" ? config.alias : "", config);
  });
  return byAlias;
}

function checkSection(
  kind: "resource" | "data",
  section: unknown,
  base: string,
  index: SchemaIndex,
  sink: FindingSink,
  refs: ReferenceChecker,
  counts: { resources: number; skippedBlocks: number },
  providers: Map<string, JsonObject>,
): void {
  if (section === undefined || section === null) return;
  if (!isObject(section)) {
    sink.add(
      base,
      "wrong-type",
      `"${base}" must be an object of types, found ${JSON.stringify(section).slice(0, 40)}.`,
      `Write "${base}" as { "<type>": { "<name>": { ... } } }.`,
    );
    return;
  }
  for (const [type, byName] of Object.entries(section)) {
    if (type === "//") continue;
    const at = `${base}.${type}`;
    if (!isObject(byName)) {
      sink.add(
        at,
        "wrong-type",
        `${at} must be an object of named blocks, found ${JSON.stringify(byName).slice(0, 40)}.`,
        `Write it as { "<name>": { ... } }.`,
      );
      continue;
    }
    const names = Object.keys(byName).filter((n) => n !== "//");
    if (!type.startsWith(PREFIX)) {
      counts.skippedBlocks += names.length;
      continue;
    }
    const spec = kind === "resource" ? index.resource(type) : index.dataSource(type);
    if (!spec) {
      reportUnknownType(kind, type, at, index, sink);
      continue;
    }
    for (const name of names) {
      const body = byName[name];
      const here = `${at}.${name}`;
      if (!isObject(body)) {
        sink.add(here, "wrong-type", `${type} "${name}" must be an object, found ${JSON.stringify(body).slice(0, 40)}.`, "Write the block body as { ... }.");
        continue;
      }
      counts.resources++;
      checkOne(spec, body, here, sink, refs, providers);
    }
  }
}

function checkOne(spec: TypeSpec, body: JsonObject, at: string, sink: FindingSink, refs: ReferenceChecker, providers: Map<string, JsonObject>): void {
  checkInstance(spec, body, at, sink);
  if (Array.isArray(body.depends_on)) body.depends_on.forEach((a, i) => typeof a === "string" && refs.checkAddress(a, `${at}.depends_on[${i}]`));
  if (body.provider !== undefined) refs.checkProviderMeta(body.provider, `${at}.provider`);
  if (spec.kind === "resource" && spec.type === "spectrocloud_cluster_profile") checkClusterProfile(body, at, sink);
  else if (spec.kind === "resource" && spec.type === "spectrocloud_addon_deployment") {
    const alias = typeof body.provider === "string" ? (body.provider.split(".")[1] ?? "") : "";
    checkAddonDeployment(body, at, providers.get(alias), sink);
  } else if (spec.kind === "data" && spec.type === "spectrocloud_pack_simple") checkPackSimple(body, at, sink);
}

function reportUnknownType(kind: "resource" | "data", type: string, at: string, index: SchemaIndex, sink: FindingSink): void {
  const same = kind === "resource" ? index.resourceTypes : index.dataSourceTypes;
  const other = kind === "resource" ? index.dataSource(type) : index.resource(type);
  const hint = other
    ? ` It is a ${kind === "resource" ? "data source" : "resource"} type: declare it under "${kind === "resource" ? "data" : "resource"}".`
    : didYouMean(type, same);
  sink.add(
    at,
    "unknown-type",
    `${type} is not a ${kind === "resource" ? "resource" : "data source"} type of the spectrocloud provider ${PROVIDER_VERSION}.${hint}`,
    other
      ? `Move it under "${kind === "resource" ? "data" : "resource"}".`
      : `Use one of the provider's ${same.length} ${kind === "resource" ? "resource" : "data source"} types.`,
  );
}

/**
 * The cdk.tf.json files under `target`: a cdktf.out folder (its stacks/), a stacks folder, one stack folder,
 * or one file. Sorted, so output is stable.
 */
export function findStackFiles(target: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new InputError(`${target}: no such file or directory (run \`npm run synth\` first, or pass the cdktf.out folder)`);
  }
  if (stat.isFile()) return [target];
  if (fs.existsSync(path.join(target, "cdk.tf.json"))) return [path.join(target, "cdk.tf.json")];
  const stacksDir = fs.existsSync(path.join(target, "stacks")) ? path.join(target, "stacks") : target;
  let entries: string[];
  try {
    entries = fs.readdirSync(stacksDir).sort();
  } catch (err) {
    throw new InputError(`cannot read ${stacksDir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const files = entries.map((e) => path.join(stacksDir, e, "cdk.tf.json")).filter((f) => fs.existsSync(f));
  if (files.length === 0) {
    throw new InputError(`${target}: no stacks found; expected <cdktf.out>/stacks/<stack>/cdk.tf.json, <stacks>/<stack>/cdk.tf.json or a cdk.tf.json file`);
  }
  return files;
}

/** Reads and parses one stack file, turning I/O and syntax errors into {@link InputError}. */
export function readStackFile(file: string, label: string = file): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new InputError(`cannot read ${label}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${label} is not valid JSON: ${(err as Error).message}`);
  }
}

export interface ValidateOptions {
  /** Defaults to the committed schema, loaded once per process. */
  readonly index?: SchemaIndex;
  /** Findings name files relative to this folder; defaults to the working directory. */
  readonly cwd?: string;
}

/** Validates every stack under `target`; throws {@link InputError} when the input cannot be read. */
export function validatePath(target: string, options: ValidateOptions = {}): Report {
  const started = process.hrtime.bigint();
  const cwd = options.cwd ?? process.cwd();
  const files = findStackFiles(path.resolve(cwd, target));
  const index = options.index ?? defaultSchemaIndex();
  const reports = files.map((file) => {
    const label = path.relative(cwd, file) || file;
    return checkDocument(readStackFile(file, label), label, index);
  });
  const sum = (pick: (r: FileReport) => number) => reports.reduce((n, r) => n + pick(r), 0);
  const summary: Summary = {
    stacks: reports.length,
    resources: sum((r) => r.resources),
    findings: sum((r) => r.findings.length),
    references: sum((r) => r.references),
    skippedExpressions: sum((r) => r.skippedExpressions),
    skippedBlocks: sum((r) => r.skippedBlocks),
    elapsedMs: Number(process.hrtime.bigint() - started) / 1e6,
  };
  return { ok: summary.findings === 0, files: reports, summary };
}
