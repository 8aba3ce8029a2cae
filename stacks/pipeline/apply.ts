// `npm run apply`: applies exactly the saved plans and refuses stale ones.
import * as fs from "node:fs";
import * as path from "node:path";
import { USAGE_EXIT, parsePipelineArgs, selectStacks, synthStep } from "./options";
import { PipelineError, PlanMeta, StackWorkspace, sha256File, stackWorkspace, tail, terraform } from "./workspace";

/** Exit codes of `npm run apply`. */
export const APPLY_EXIT = { APPLIED: 0, FAILED: 1, REFUSED: 3, USAGE: USAGE_EXIT } as const;

const USAGE = `usage: npm run apply -- [options]

Applies exactly the plans \`npm run plan\` saved, per stack in dependency order, and refuses stale ones: a plan
whose cdk.tf.json changed since, or that the current config no longer synthesizes to; Terraform itself refuses
a plan whose state moved on. Nothing is synthesized into the output folder and nothing is re-planned.

options:
  --env <name>          apply only this environment (repeat or comma-separate; default: every planned stack)
  --offline             apply the offline plans (local test provider, scratch state in .offline/)
  --skip-config-check   do not re-synthesize the config to compare it with the plan (the plan's own
                        cdk.tf.json hash is still checked)
  --out <dir>           synthesized output holding the plans (default: cdktf.out)
  --config-dir <dir>    environment files (default: config)
  --offline-dir <dir>   scratch root for --offline (default: .offline)
  --inventory <file>    the simulated Palette for --offline (as given to plan)
  -h, --help            show this help

exit codes: 0 applied (or the plans had no changes), 1 terraform failed, 3 refused (missing or stale plan),
            4 bad command line`;

export function main(argv: readonly string[], root: string): number {
  const log = (line: string) => console.error(line);
  const parsed = parsePipelineArgs("apply", argv, root, { "skip-config-check": { type: "boolean" } }, USAGE);
  if ("exit" in parsed) return parsed.exit;
  const { options, values } = parsed;
  if (options.offline)
    log(`apply: OFFLINE — applying to the local test provider and scratch state under ${path.relative(root, options.offlineDir)}/, not to Palette.`);
  let stacks: string[];
  const metas = new Map<string, PlanMeta>();
  // Prepared once per stack (offline, preparing writes the provider mirror and the scratch config).
  const workspaces = new Map<string, StackWorkspace>();
  try {
    stacks = selectStacks(options);
    for (const stack of stacks) workspaces.set(stack, stackWorkspace(stack, options));
    // Every check first, so a stale plan for one stack stops the run before any stack is applied.
    for (const stack of stacks) metas.set(stack, checkPlan(workspaces.get(stack) as StackWorkspace, options));
    if (!values["skip-config-check"]) checkConfig(stacks, options, root, metas);
  } catch (err) {
    if (!(err instanceof PipelineError)) throw err;
    if (err.usage) {
      console.error(`apply: ${err.message}\n\n${USAGE}`);
      return APPLY_EXIT.USAGE;
    }
    console.error(`apply: refused: ${err.message}`);
    return APPLY_EXIT.REFUSED;
  }
  try {
    stacks.forEach((stack, i) => {
      log(`[${i + 1}/${stacks.length}] ${stack}`);
      const w = workspaces.get(stack) as StackWorkspace;
      if (!metas.get(stack)?.hasChanges) {
        console.log(`${stack}: the saved plan has no changes; nothing to apply.`);
        fs.rmSync(w.planFile, { force: true });
        return;
      }
      // A CI apply job starts from the plan job's artifact on a fresh runner: init again (same backend, same
      // lock file) so the saved plan finds its providers and backend.
      const init = terraform(w, ["init", "-input=false", "-no-color"], log);
      if (init.status !== 0) throw new PipelineError(`${stack}: terraform init failed:\n${tail(init)}`);
      const r = terraform(w, ["apply", "-input=false", "-no-color", "-auto-approve", path.basename(w.planFile)], log);
      if (r.status !== 0) {
        const stale = /Saved plan is stale/.test(r.stdout + r.stderr);
        throw new PipelineError(
          stale
            ? `${stack}: Terraform refused the saved plan: the state changed since it was made. Run npm run plan again.`
            : `${stack}: terraform apply failed:\n${tail(r)}`,
        );
      }
      // A saved plan applies once; removing it makes a second apply a clear refusal instead of a Terraform error.
      fs.rmSync(w.planFile, { force: true });
      const applied = /Apply complete! Resources: .*/.exec(r.stdout);
      console.log(`${stack}: ${applied ? applied[0] : "applied"}`);
    });
    return APPLY_EXIT.APPLIED;
  } catch (err) {
    if (!(err instanceof PipelineError)) throw err;
    console.error(`apply: ${err.message}`);
    return APPLY_EXIT.FAILED;
  }
}

/** The saved plan exists, was made in the same mode, from the cdk.tf.json that is there now. */
export function checkPlan(w: StackWorkspace, options: Parameters<typeof stackWorkspace>[1]): PlanMeta {
  const stack = w.stack;
  if (!fs.existsSync(w.planMeta) || !fs.existsSync(w.planFile)) {
    throw new PipelineError(
      `${stack}: no saved plan${options.offline ? " (offline)" : ""} to apply; run npm run plan${options.offline ? " -- --offline" : ""} first (a plan applies once).`,
    );
  }
  const meta = JSON.parse(fs.readFileSync(w.planMeta, "utf8")) as PlanMeta;
  if (meta.offline !== w.offline)
    throw new PipelineError(`${stack}: the saved plan was made ${meta.offline ? "offline" : "against Palette"}; apply it the same way.`);
  if (meta.configSha256 !== sha256File(path.join(w.stackDir, "cdk.tf.json"))) {
    throw new PipelineError(
      `${stack}: stale plan: ${path.join(path.basename(options.outdir), "stacks", stack, "cdk.tf.json")} changed after the plan was made. Run npm run plan again.`,
    );
  }
  return meta;
}

/** The config as it is now still synthesizes to what was planned (catches an edit made after the plan). */
function checkConfig(
  stacks: readonly string[],
  options: Parameters<typeof stackWorkspace>[1] & { configDir: string },
  root: string,
  metas: Map<string, PlanMeta>,
): void {
  for (const stack of stacks) {
    if (![".yaml", ".yml"].some((ext) => fs.existsSync(path.join(options.configDir, `${stack}${ext}`)))) {
      throw new PipelineError(
        `${stack}: stale plan: its environment file (${path.relative(root, path.join(options.configDir, stack))}.yaml) is gone from the config. Run npm run plan again.`,
      );
    }
  }
  const tmp = `${options.outdir}.apply-check-${process.pid}`;
  try {
    synthStep(
      root,
      ["--out", tmp, "--config-dir", options.configDir, "--env", stacks.join(","), "--quiet"],
      "re-synthesizing the config to compare with the plan",
      false,
    );
    for (const stack of stacks) {
      const now = sha256File(path.join(tmp, "stacks", stack, "cdk.tf.json"));
      if (now !== metas.get(stack)?.configSha256) {
        throw new PipelineError(
          `${stack}: stale plan: the environment config no longer synthesizes to the planned cdk.tf.json (it changed after the plan). Run npm run plan again.`,
        );
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
