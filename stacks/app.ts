import * as path from "node:path";
import { App, TerraformDataSource, TerraformResource, TerraformStack } from "../lib/cdktf";
import { toProjectConfig } from "./config/load";
import { loadEnvironments, selectEnvironments } from "./environments";
import { VmoProjectStack } from "./vmo-project-stack";

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
  readonly bindings: number;
  readonly secrets: readonly string[];
  readonly resources: number;
  readonly dataSources: number;
  /** Warnings and notes (policy warnings, suppressions with their reasons), by construct path. */
  readonly annotations: readonly { readonly level: "warning" | "info"; readonly path: string; readonly message: string }[];
}

/** Builds one stack per selected environment, without synthesizing. Throws ConfigError on bad config. */
export function buildApp(options: SynthOptions): { app: App; stacks: VmoProjectStack[] } {
  const envs = selectEnvironments(loadEnvironments(options.configDir), options.envs);
  // cdktf 0.21 stacks read HCL output from the environment only, not from the App's option.
  if (options.hcl) process.env.SYNTH_HCL_OUTPUT = "true";
  const app = new App({ outdir: options.outdir, hclOutput: options.hcl, stackTraces: false });
  const stacks = envs.map((env) => new VmoProjectStack(app, env.name, { config: toProjectConfig(env.config) }));
  return { app, stacks };
}

/** Builds and synthesizes; returns one summary per stack. Throws on config errors and error annotations. */
export function synthesize(options: SynthOptions): StackSummary[] {
  const { app, stacks } = buildApp(options);
  app.synth();
  failOnErrorAnnotations(stacks);
  return stacks.map((s) => summarize(s, app));
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

export function summarize(stack: VmoProjectStack, app: App): StackSummary {
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
    file: path.join("stacks", stack.node.id, app.hclOutput ? "cdk.tf" : "cdk.tf.json"),
    project: stack.config.project.name,
    state: stack.backend.describe(),
    profiles: stack.profiles.map((p) => ({
      name: p.profileName,
      version: p.profileVersion,
      access: p.vmoPack.accessMode,
      packs: p.layers.map((l) => `${l.packName}@${l.tag}`),
    })),
    clusters: stack.attachments.length,
    bindings: stack.profiles.reduce((n, p) => n + (p.roleBindings?.bindings.length ?? 0), 0) + clusterBindings,
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
    if (s.secrets.length) lines.push(`  secrets from the environment: ${s.secrets.map((n) => `TF_VAR_${n}`).join(", ")}`);
    for (const a of s.annotations) lines.push(a.level === "warning" ? `  warning: ${a.message} (${a.path})` : `  info: ${a.message}`);
    lines.push(`  -> ${path.join(outdir, s.file)}`);
  }
  return lines.join("\n");
}
