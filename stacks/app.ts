// The app: one VmoProjectStack per environment file, synthesized, with problems located in the config.
import * as fs from "node:fs";
import * as path from "node:path";
import { ConstructProblem, fieldText, findProblems, problemText } from "../lib";
import { App, TerraformDataSource, TerraformResource, TerraformStack, invokeAspects } from "../lib/cdktf";
import { ConfigError, ConfigProblem, toProjectConfig } from "./config/load";
import { Key, pathText } from "./config/paths";
import { toHcl } from "./hcl";
import { Environment, loadEnvironments, selectEnvironments } from "./environments";
import { ConfigEntryError, ConfigSource, VmoProjectStack } from "./vmo-project-stack";

/** What to synthesize; `npm run synth` flags and the cdktf CLI's environment both map onto this. */
export interface SynthOptions {
  /** Folder of environment files. */
  readonly configDir: string;
  /**
   * Environments to synthesize, by file name.
   * @default - all of them
   */
  readonly envs?: readonly string[];
  /**
   * Output folder.
   * @default - CDKTF_OUTDIR, else cdktf.out (cdktf's own default)
   */
  readonly outdir?: string;
  /**
   * HCL (`cdk.tf`) instead of Terraform JSON, for teams moving off cdktf.
   * @default false
   */
  readonly hcl?: boolean;
}

/** What one stack holds, for the line printed after synth. */
export interface StackSummary {
  readonly stack: string;
  /** The stack's Terraform file, relative to the output folder. */
  readonly file: string;
  readonly project: string;
  readonly state: string;
  readonly profiles: readonly { readonly name: string; readonly version: string; readonly access: string; readonly packs: readonly string[] }[];
  readonly clusters: number;
  /** The VMs, as `<namespace>/<name> on <cluster>`. */
  readonly vms: readonly string[];
  readonly bindings: number;
  /** The Palette teams the stack owns, by name. */
  readonly teams: readonly string[];
  readonly secrets: readonly string[];
  readonly resources: number;
  readonly dataSources: number;
  /** Warnings and notes (policy warnings, suppressions with their reasons), by construct path. */
  readonly annotations: readonly { readonly level: "warning" | "info"; readonly path: string; readonly message: string }[];
}

/**
 * Builds one stack per selected environment, without synthesizing. Throws ConfigError on bad config. The other
 * environments are built too, into `unselected` (an app that is never synthesized), so that every file gets
 * every check, construct and rule checks included, whatever --env picks.
 */
export function buildApp(
  options: SynthOptions,
  appProps: { readonly skipValidation?: boolean } = {},
): { app: App; stacks: VmoProjectStack[]; environments: Environment[]; unselected: VmoProjectStack[]; problems: ConfigProblem[] } {
  const all = loadEnvironments(options.configDir);
  const envs = selectEnvironments(all, options.envs);
  const app = new App({ outdir: options.outdir, stackTraces: false, ...appProps });
  const problems: ConfigProblem[] = [];
  const stacks = envs.flatMap((env) => buildStack(app, env, problems));
  const others = all.filter((e) => !envs.includes(e));
  const checkOnly = others.length > 0 ? new App({ outdir: options.outdir, stackTraces: false }) : undefined;
  const unselected = checkOnly ? others.flatMap((env) => buildStack(checkOnly, env, problems)) : [];
  // Callers that do not synthesize (tests, tools) get the build problems as an error, as before.
  if (problems.length > 0 && !appProps.skipValidation) throw new ConfigError(sortProblems(problems));
  return { app, stacks, environments: all, unselected, problems };
}

/** One environment's stack; a problem with a config entry is located and collected, so every file is reported. */
function buildStack(app: App, env: Environment, problems: ConfigProblem[]): VmoProjectStack[] {
  const entry = (err: ConfigEntryError): ConfigProblem => ({ file: env.file, ...env.locate(err.keys), path: pathText(err.keys), message: err.message });
  try {
    const stack = new VmoProjectStack(app, env.name, { config: toProjectConfig(env.config) });
    problems.push(...stack.entryProblems.map(entry));
    stack.entryProblemsReported = true;
    return [stack];
  } catch (err) {
    if (err instanceof ConfigEntryError) {
      problems.push(entry(err));
      return [];
    }
    throw err;
  }
}

/** In file order: file, then line, then column. */
function sortProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

/** Builds and synthesizes; returns one summary per stack. Throws on config errors and error annotations. */
export function synthesize(options: SynthOptions): StackSummary[] {
  // Validations run once, here (findProblems, which locates each problem); app.synth need not run them again.
  // (cdktf adds one validation of its own inside synth, the Terraform >= 1.5 check for moveTo, which we never use.)
  const { app, stacks, environments, unselected, problems: buildProblems } = buildApp(options, { skipValidation: true });
  // Aspects (policy rules among them) first, as App.synth would, then every validation: each problem a construct
  // or rule reports is located at its config field before anything is written.
  const found = [...stacks, ...unselected].flatMap((stack) => {
    invokeAspects(stack);
    const env = environments.find((e) => e.name === stack.node.id) as Environment;
    return findProblems(stack).map((p) => locateProblem(p, stack, env));
  });
  const problems = sortProblems([...buildProblems, ...found]);
  if (problems.length > 0) throw new ConfigError(problems);
  app.synth();
  if (options.hcl)
    writeHcl(
      app.outdir,
      stacks.map((s) => s.node.id),
    );
  failOnErrorAnnotations(stacks);
  return stacks.map((s) => summarize(s, options.hcl));
}

/**
 * Replaces each stack's cdk.tf.json with cdk.tf (stacks/hcl.ts) and points cdktf's manifest at it, as cdktf's own
 * HCL mode lays the output out.
 */
function writeHcl(outdir: string, stackIds: readonly string[]): void {
  const manifestFile = path.join(outdir, "manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  for (const id of stackIds) {
    const json = path.join(outdir, "stacks", id, "cdk.tf.json");
    fs.writeFileSync(path.join(outdir, "stacks", id, "cdk.tf"), toHcl(JSON.parse(fs.readFileSync(json, "utf8"))));
    fs.rmSync(json);
    if (manifest.stacks?.[id]) manifest.stacks[id].synthesizedStackPath = path.join("stacks", id, "cdk.tf");
  }
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
}

/**
 * Points a construct's problem at the config: the stack recorded where each construct came from (its entry, and
 * how its props are named there), so the field's own line is found without reading the message. Constructs the
 * config did not make directly (a profile's generated resource) are located at their nearest recorded parent.
 */
export function locateProblem(p: ConstructProblem, stack: VmoProjectStack, env: Environment): ConfigProblem {
  const constructPath = p.construct.node.path;
  let best: { path: string; source: ConfigSource } | undefined;
  for (const [path, source] of stack.configSources) {
    if ((constructPath === path || constructPath.startsWith(`${path}/`)) && (!best || path.length > best.path.length)) best = { path, source };
  }
  const ownFix = best && best.path === constructPath && typeof p.field[0] === "string" ? best.source.fixes?.[p.field[0]] : undefined;
  const fix = ownFix ?? p.fix;
  const text = p.ruleId ? problemText(p) : fix ? `${p.message} ${fix}` : p.message;
  if (!best) {
    const pos = env.locate([]);
    return { file: env.file, ...pos, path: "", message: `${constructPath}: ${p.field.length ? `${fieldText(p.field)}: ` : ""}${text}` };
  }
  const exact = best.path === constructPath;
  let keys: Key[] = [...best.source.keys];
  if (exact && p.field.length > 0) {
    const [first, ...rest] = p.field;
    const renamed = typeof first === "string" ? best.source.fields?.[first] : undefined;
    keys = [...keys, ...(renamed ?? [first]), ...rest];
  }
  const message = !exact && p.field.length > 0 ? `${fieldText(p.field)} of ${constructPath.slice(best.path.length + 1)}: ${text}` : text;
  return { file: env.file, ...env.locate(keys), path: pathText(keys), message };
}

/**
 * The cdktf CLI sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, so cdktf writes the stacks and carries on
 * past error annotations (policy errors among them); a pipeline must not. Throw like cdktf would without it.
 */
export function failOnErrorAnnotations(stacks: readonly TerraformStack[]): void {
  const errors: string[] = [];
  for (const stack of stacks) {
    for (const c of stack.node.findAll()) {
      for (const m of c.node.metadata) if (m.type === "@cdktf/error") errors.push(`[${c.node.path}] ${String(m.data)}`);
    }
  }
  if (errors.length > 0) throw new Error(`synthesis found ${errors.length} error(s):\n${errors.join("\n")}`);
}

export function summarize(stack: VmoProjectStack, hcl = false): StackSummary {
  let resources = 0;
  let dataSources = 0;
  const annotations: { level: "warning" | "info"; path: string; message: string }[] = [];
  for (const c of stack.node.findAll()) {
    if (c instanceof TerraformResource) resources++;
    else if (c instanceof TerraformDataSource) dataSources++;
    for (const m of c.node.metadata) {
      const level = m.type === "@cdktf/warn" ? "warning" : m.type === "@cdktf/info" ? "info" : undefined;
      if (level) annotations.push({ level, path: c.node.path, message: String(m.data) });
    }
  }
  const clusterBindings = stack.config.profiles.flatMap((p) => p.clusters ?? []).reduce((n, c) => n + (c.roleBindings?.length ?? 0), 0);
  return {
    stack: stack.node.id,
    file: path.join("stacks", stack.node.id, hcl ? "cdk.tf" : "cdk.tf.json"),
    project: stack.config.project.name,
    state: stack.backend.describe(),
    profiles: stack.profiles.map((p) => ({
      name: p.profileName,
      version: p.profileVersion,
      access: p.vmoPack.accessMode,
      packs: p.layers.map((l) => `${l.packName}@${l.tag}`),
    })),
    clusters: stack.attachments.length,
    vms: stack.virtualMachines.map((v) => `${v.namespace}/${v.vmName} on ${v.cluster.displayName}`),
    bindings: stack.profiles.reduce((n, p) => n + (p.roleBindings?.bindings.length ?? 0), 0) + clusterBindings,
    teams: stack.teams.map((t) => t.teamName),
    secrets: stack.secrets.map((v) => v.node.id),
    resources,
    dataSources,
    annotations,
  };
}

/** The human summary: a few lines per stack. */
export function formatSummary(summaries: readonly StackSummary[], outdir: string): string {
  const lines: string[] = [];
  for (const s of summaries) {
    lines.push(`${s.stack}: project ${s.project}, state ${s.state}`);
    for (const p of s.profiles) lines.push(`  profile ${p.name} ${p.version} (${p.access}): ${p.packs.join(", ")}`);
    lines.push(`  ${s.clusters} cluster attachment(s), ${s.bindings} role binding(s), ${s.resources} resource(s) + ${s.dataSources} data source(s)`);
    if (s.teams.length) lines.push(`  Palette teams owned: ${s.teams.join(", ")}`);
    if (s.vms.length) lines.push(`  VMs: ${s.vms.join(", ")}`);
    if (s.secrets.length) lines.push(`  secrets from the environment: ${s.secrets.map((n) => `TF_VAR_${n}`).join(", ")}`);
    for (const a of s.annotations) lines.push(a.level === "warning" ? `  warning: ${a.message} (${a.path})` : `  info: ${a.message}`);
    lines.push(`  -> ${path.join(outdir, s.file)}`);
  }
  return lines.join("\n");
}
