/**
 * `npm run synth [-- options]`: one stack per environment file, written into a temporary folder that replaces the
 * output only when every stack synthesized. A config or validation error exits 1 with the message and no stack
 * trace, and leaves the previous output untouched. scripts/synth.js is its entry point; `npm run plan` calls
 * `synthCommand` in-process.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CommandIo, listOption, parseCommandLine, processIo, usageError } from "../../lib/private/cli";
import { formatSummary, synthesize, type StackSummary } from "../app";

export const SYNTH_EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

export const SYNTH_USAGE = `usage: npm run synth -- [options]

Synthesizes one Terraform stack per environment file (config/<env>.yaml -> stack <env>).

options:
  --env <name>         synthesize only this environment; repeat or comma-separate for several (default: all)
  --config-dir <dir>   folder of environment files (default: config)
  --out <dir>          output folder, replaced only on success (default: cdktf.out)
  --hcl                write HCL (cdk.tf) instead of Terraform JSON (cdk.tf.json)
  --quiet              print only errors
  -h, --help           show this help

Every environment file is checked, also when --env picks only some, so a broken file fails every run.
Secrets are never read here: the pipeline sets TF_VAR_<name> for each secret the summary lists, and
SPECTROCLOUD_APIKEY for the provider. Under the cdktf CLI the same app reads VMO_ENV and VMO_CONFIG_DIR.

exit codes: 0 synthesized, 1 config or synth error (nothing written), 2 bad command line`;

const SPEC = {
  command: "synth",
  usage: SYNTH_USAGE,
  usageExit: SYNTH_EXIT.USAGE,
  options: {
    env: { type: "string", multiple: true },
    "config-dir": { type: "string" },
    out: { type: "string" },
    hcl: { type: "boolean" },
    quiet: { type: "boolean" },
  },
} as const;

interface SynthValues {
  env?: string[];
  "config-dir"?: string;
  out?: string;
  hcl?: boolean;
  quiet?: boolean;
}

export interface SynthContext {
  /** The project root (where config/ and cdktf.out/ are by default). */
  readonly root: string;
  /** @default the process's own streams */
  readonly io?: CommandIo;
  /** @default process.cwd() */
  readonly cwd?: string;
}

/** Runs synth with `argv`; returns the exit code. Never throws for bad input and never calls process.exit. */
export function synthCommand(argv: readonly string[], ctx: SynthContext): number {
  const io = ctx.io ?? processIo;
  const cwd = ctx.cwd ?? process.cwd();
  const show = (p: string) => path.relative(cwd, p) || p;
  const parsed = parseCommandLine<SynthValues>(SPEC, argv, io);
  if ("exit" in parsed) return parsed.exit;
  const v = parsed.values;
  const envs = listOption(v.env);
  if (envs !== undefined && envs.length === 0) return usageError(SPEC, "--env needs an environment name", io);
  const configDir = path.resolve(cwd, v["config-dir"] ?? process.env.VMO_CONFIG_DIR ?? path.join(ctx.root, "config"));
  const outdir = path.resolve(cwd, v.out ?? process.env.CDKTF_OUTDIR_FINAL ?? path.join(ctx.root, "cdktf.out"));
  const refusal = outdirRefusal(outdir, [
    ["the project", ctx.root],
    ["the current folder", cwd],
    ["the config folder", configDir],
  ]);
  if (refusal) return usageError(SPEC, `--out ${show(outdir)} ${refusal}`, io);

  const tmp = `${outdir}.tmp-${process.pid}`;
  const fail = (message: string): number => {
    fs.rmSync(tmp, { recursive: true, force: true });
    io.stderr(`${message}\nNothing was written; ${show(outdir)} is unchanged.\n`);
    return SYNTH_EXIT.FAILED;
  };
  fs.rmSync(tmp, { recursive: true, force: true });
  let summaries: StackSummary[] = [];
  try {
    if (process.env.VMO_SYNTH_APP) {
      // Tests swap the app for one that fails or synthesizes nothing.
      process.env.CDKTF_OUTDIR = tmp;
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module path known only at run time
      require(process.env.VMO_SYNTH_APP);
    } else {
      summaries = synthesize({ configDir, envs: envs?.length ? envs : undefined, outdir: tmp, hcl: Boolean(v.hcl) });
    }
  } catch (err) {
    const e = err as Error;
    const message = e && e.message ? e.message : String(err);
    if (e?.name === "UnknownEnvironmentError") {
      fs.rmSync(tmp, { recursive: true, force: true });
      return usageError(SPEC, `--env: ${message}`, io);
    }
    return fail(e?.name === "ConfigError" ? `config error:\n${message}` : `synth failed: ${message}`);
  }
  const stacksDir = path.join(tmp, "stacks");
  const stacks = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : [];
  if (stacks.length === 0) return fail("synth failed: the app synthesized no stacks.");

  // Swap: the old output is moved back if the new one cannot be put in place.
  const old = `${outdir}.old-${process.pid}`;
  const hadOld = fs.existsSync(outdir);
  if (hadOld) fs.renameSync(outdir, old);
  try {
    fs.renameSync(tmp, outdir);
  } catch (err) {
    if (hadOld) fs.renameSync(old, outdir);
    return fail(`synth failed: could not replace ${show(outdir)}: ${(err as Error).message}`);
  }
  fs.rmSync(old, { recursive: true, force: true });
  if (v.quiet) return SYNTH_EXIT.OK;
  if (summaries.length > 0) io.stdout(`${formatSummary(summaries, show(outdir))}\n`);
  else for (const s of stacks) io.stdout(`synthesized ${show(path.join(outdir, "stacks", s))}\n`);
  return SYNTH_EXIT.OK;
}

/**
 * Why the output folder may not be replaced wholesale, or undefined: it must not hold the project, the working
 * folder or the config, and must be absent, empty, a previous output, or a tree of nothing but empty folders.
 */
function outdirRefusal(outdir: string, keep: readonly [string, string][]): string | undefined {
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);
  for (const [what, p] of keep) {
    if (inside(p, outdir)) return `would replace ${what} (${path.relative(process.cwd(), p) || p}); give a folder of its own, such as cdktf.out.`;
  }
  if (!fs.existsSync(outdir)) return undefined;
  if (!fs.statSync(outdir).isDirectory()) return "is a file; give a folder.";
  const entries = fs.readdirSync(outdir);
  // A folder of nothing but empty folders (what an interrupted run or a bare `new App()` leaves) holds no work.
  if (entries.length > 0 && !entries.includes("manifest.json") && !onlyEmptyFolders(outdir)) {
    return "is not empty and holds no previous synth output (no manifest.json); refusing to replace it.";
  }
  return undefined;
}

function onlyEmptyFolders(dir: string): boolean {
  return fs.readdirSync(dir, { withFileTypes: true }).every((e) => e.isDirectory() && onlyEmptyFolders(path.join(dir, e.name)));
}
