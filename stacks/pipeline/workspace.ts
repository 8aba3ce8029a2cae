// Where terraform runs for one stack: its folder and backend, or an offline scratch copy.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

// Where and how Terraform runs for one synthesized stack: in the stack's own folder against the backend its
// environment file names, or (--offline) in a scratch copy against the local test provider and a local state
// file, so nothing offline can touch real state or a real provider install.

/** One stack's Terraform working folder and the environment Terraform runs with. */
export interface StackWorkspace {
  readonly stack: string;
  /** The synthesized stack folder, cdktf.out/stacks/<stack>. */
  readonly stackDir: string;
  /** Where terraform runs: stackDir, or the offline scratch copy. */
  readonly workDir: string;
  readonly env: Record<string, string>;
  readonly offline: boolean;
  /** Saved plan, its JSON, and what it was made from. */
  readonly planFile: string;
  readonly planJson: string;
  readonly planMeta: string;
}

/** What a saved plan was made from, to refuse applying it to anything else. */
export interface PlanMeta {
  readonly stack: string;
  readonly offline: boolean;
  /** sha256 of the cdk.tf.json the plan was made from. */
  readonly configSha256: string;
  readonly hasChanges: boolean;
}

export function sha256File(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Stacks of a cdktf.out folder in dependency order (cdktf's manifest lists each stack's dependencies). */
export function stackOrder(outdir: string): string[] {
  const manifestFile = path.join(outdir, "manifest.json");
  if (!fs.existsSync(manifestFile)) throw new PipelineError(`${outdir} holds no synthesized stacks (no manifest.json); run npm run synth first.`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as { stacks: Record<string, { dependencies?: string[] }> };
  const names = Object.keys(manifest.stacks).sort();
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, trail: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") throw new PipelineError(`stacks depend on each other in a cycle: ${[...trail, name].join(" -> ")}`);
    state.set(name, "visiting");
    for (const dep of [...(manifest.stacks[name]?.dependencies ?? [])].sort()) visit(dep, [...trail, name]);
    state.set(name, "done");
    order.push(name);
  };
  for (const n of names) visit(n, []);
  return order;
}

/** A pipeline failure with a message for the user (no stack trace). */
export class PipelineError extends Error {
  /** A command-line mistake (exit 4) rather than a failure. */
  constructor(
    message: string,
    public readonly usage = false,
  ) {
    super(message);
    this.name = "PipelineError";
  }
}

export interface WorkspaceOptions {
  readonly outdir: string;
  readonly offline: boolean;
  /** Root of the offline scratch folders (one per stack). */
  readonly offlineDir: string;
  /** Simulated Palette inventory for offline runs. */
  readonly inventoryFile?: string;
}

/**
 * Prepares where `stack` runs. Offline: a scratch copy of cdk.tf.json whose backend is replaced by a local
 * state file in the scratch folder, plus the test provider's mirror, CLI config and data dir.
 */
export function stackWorkspace(stack: string, options: WorkspaceOptions): StackWorkspace {
  const stackDir = path.join(options.outdir, "stacks", stack);
  const config = path.join(stackDir, "cdk.tf.json");
  if (!fs.existsSync(config)) throw new PipelineError(`no synthesized stack "${stack}" in ${options.outdir} (missing ${config}); run npm run synth first.`);
  if (!options.offline) {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    Object.assign(env, { TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" });
    return files({ stack, stackDir, workDir: stackDir, env, offline: false });
  }
  // Loaded only offline: the test provider's setup code is not needed to plan against Palette.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: online plans never load it
  const { prepareOfflineTerraform } = require("../../lib/testing") as typeof import("../../lib/testing");
  const scratch = path.join(options.offlineDir, stack);
  const prepared = prepareOfflineTerraform({
    workDir: scratch,
    cacheDir: path.join(options.offlineDir, ".schema-cache"),
    inventoryFile: options.inventoryFile,
    // Tests and benchmarks count plugin launches through the provider's own log.
    logFile: process.env.PALETTE_OFFLINE_LOG,
  });
  const workDir = workDirOf(stack, options);
  fs.mkdirSync(workDir, { recursive: true });
  const tf = JSON.parse(fs.readFileSync(config, "utf8"));
  tf.terraform = { ...tf.terraform };
  delete tf.terraform.cloud;
  tf.terraform.backend = { local: { path: path.join(scratch, "terraform.tfstate") } };
  fs.writeFileSync(path.join(workDir, "cdk.tf.json"), JSON.stringify(tf, null, 2));
  return files({ stack, stackDir, workDir, env: { ...prepared.env, TF_INPUT: "0" }, offline: true });
}

/** The saved plan and its record, in a stack's working folder. */
export const PLAN_FILE = "tfplan";
export const PLAN_META = "tfplan.meta.json";

/** A stack's Terraform working folder: the stack folder, or under --offline its scratch copy. */
export function workDirOf(stack: string, options: WorkspaceOptions): string {
  return options.offline ? path.join(options.offlineDir, stack, "config") : path.join(options.outdir, "stacks", stack);
}

function files(w: Omit<StackWorkspace, "planFile" | "planJson" | "planMeta">): StackWorkspace {
  return { ...w, planFile: path.join(w.workDir, PLAN_FILE), planJson: path.join(w.workDir, "tfplan.json"), planMeta: path.join(w.workDir, PLAN_META) };
}

export interface TerraformResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Runs terraform in the workspace; output is captured and shown only on failure (or always, with `echo`). */
export function terraform(w: StackWorkspace, args: readonly string[], log: (line: string) => void, echo = false): TerraformResult {
  const started = process.hrtime.bigint();
  log(`${w.stack}: terraform ${args.join(" ")}`);
  const r = spawnSync("terraform", args, { cwd: w.workDir, env: w.env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === "ENOENT";
    throw new PipelineError(missing ? "terraform is not on PATH; install Terraform 1.11 or later." : `could not run terraform: ${r.error.message}`);
  }
  log(`${w.stack}: terraform ${args[0]} finished in ${seconds.toFixed(1)} s (exit ${r.status})`);
  if (echo && r.stdout) process.stderr.write(r.stdout);
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr, seconds };
}

/** The tail of terraform's output, for failure messages. */
export function tail(r: TerraformResult, lines = 40): string {
  const text = `${r.stdout}\n${r.stderr}`.trim().split("\n");
  return text.slice(-lines).join("\n");
}
