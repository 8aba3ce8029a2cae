/**
 * What plan and apply share: their flags, parsed in the project's one CLI style, the stack selection, and the
 * in-process synth and validate steps (no child process on scripts/, no dependency on .build/ paths).
 */
import * as path from "node:path";
import { CommandIo, listOption, parseCommandLine, stderrIo } from "../../lib/private/cli";
import { runCli as validateCommand } from "../../lib/validate";
import { SYNTH_EXIT, synthCommand } from "../cli/synth";
import { PipelineError, stackOrder } from "./workspace";

/** A bad command line, for plan and apply alike. */
export const USAGE_EXIT = 4;

export interface PipelineOptions {
  readonly root: string;
  readonly envs?: string[];
  readonly offline: boolean;
  readonly outdir: string;
  readonly configDir: string;
  readonly offlineDir: string;
  /** Simulated Palette inventory for --offline. */
  readonly inventoryFile?: string;
}

interface SharedValues {
  env?: string[];
  offline?: boolean;
  out?: string;
  "config-dir"?: string;
  "offline-dir"?: string;
  inventory?: string;
}

/**
 * The shared flags of plan and apply plus `extra` (boolean flags). `--help` prints `usage` and a bad command line
 * prints the error and `usage`; both return the exit code to stop with (0, or 4) instead of the flags.
 */
export function parsePipelineArgs(
  command: string,
  argv: readonly string[],
  root: string,
  extra: Record<string, { type: "boolean" }>,
  usage: string,
  io: CommandIo = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) },
): { readonly exit: number } | { readonly options: PipelineOptions; readonly values: Record<string, unknown> } {
  const parsed = parseCommandLine<SharedValues & Record<string, unknown>>(
    {
      command,
      usage,
      usageExit: USAGE_EXIT,
      options: {
        env: { type: "string", multiple: true },
        offline: { type: "boolean" },
        out: { type: "string" },
        "config-dir": { type: "string" },
        "offline-dir": { type: "string" },
        inventory: { type: "string" },
        ...extra,
      },
    },
    argv,
    io,
  );
  if ("exit" in parsed) return parsed;
  const values = parsed.values;
  const envs = listOption(values.env);
  const options: PipelineOptions = {
    root,
    envs: envs?.length ? envs : undefined,
    offline: Boolean(values.offline),
    outdir: path.resolve(root, values.out ?? "cdktf.out"),
    configDir: path.resolve(root, values["config-dir"] ?? "config"),
    offlineDir: path.resolve(root, values["offline-dir"] ?? ".offline"),
    inventoryFile: values.inventory ? path.resolve(root, values.inventory) : undefined,
  };
  return { options, values };
}

/** The stacks to run, in dependency order, limited to --env. */
export function selectStacks(options: PipelineOptions): string[] {
  const all = stackOrder(options.outdir);
  if (!options.envs) return all;
  const missing = options.envs.filter((e) => !all.includes(e));
  if (missing.length)
    throw new PipelineError(
      `no synthesized stack for --env ${missing.join(", ")} in ${path.relative(options.root, options.outdir)} (stacks: ${all.join(", ")}).`,
      true,
    );
  return all.filter((s) => options.envs?.includes(s));
}

/**
 * `npm run synth` as a step: its output is progress, so both streams go to stderr. Throws on failure; with
 * `usageOnBadArgs`, synth's 2 (a bad command line: an unknown --env, say) is the pipeline's own usage error.
 */
export function synthStep(root: string, args: readonly string[], what: string, usageOnBadArgs: boolean): void {
  const status = synthCommand(args, { root, io: stderrIo, cwd: root });
  if (status !== SYNTH_EXIT.OK)
    throw new PipelineError(`${what} failed (exit ${status}); nothing was planned or applied.`, usageOnBadArgs && status === SYNTH_EXIT.USAGE);
}

/** `npm run validate` as a step, output to stderr. Throws on findings or bad input. */
export function validateStep(root: string, outdir: string): void {
  const status = validateCommand([outdir], { ...stderrIo, cwd: root });
  if (status !== 0) throw new PipelineError(`validate failed (exit ${status}); nothing was planned or applied.`);
}
