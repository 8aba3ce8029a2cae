// `npm run plan`: synth, validate, terraform init and plan per stack, summary, refusals.
import * as fs from "node:fs";
import * as path from "node:path";
import { formatPlanMarkdown, formatPlanText } from "./plan-format";
import { redactPlan } from "./plan-redact";
import { PROTECTED_OUTPUT, StackPlanSummary, destructiveWarnings, hasChanges, protectedWarnings, summarizePlan } from "./plan-summary";
import { VMO_008, VMO_024 } from "../../lib";
import { PipelineOptions, USAGE_EXIT, parsePipelineArgs, selectStacks, synthStep, validateStep } from "./options";
import { PLAN_FILE, PLAN_META, PipelineError, PlanMeta, StackWorkspace, sha256File, stackWorkspace, tail, terraform, workDirOf } from "./workspace";

/** Exit codes of `npm run plan`, as a pipeline branches on them. */
export const PLAN_EXIT = { NO_CHANGES: 0, FAILED: 1, CHANGES: 2, DESTRUCTIVE: 3, USAGE: USAGE_EXIT } as const;

const USAGE = `usage: npm run plan -- [options]

Synthesizes, validates, then per stack (in dependency order) runs terraform init and plan -out, writes
terraform show -json next to the saved plan, and prints a summary, also written as Markdown for a pull request.

options:
  --env <name>          plan only this environment (repeat or comma-separate; default: all)
  --offline             run against the local test provider, with local state in a scratch folder (.offline/)
                        instead of the environment's backend; no Palette, no credentials, no network
  --allow-destructive   do not fail on what the docs warn about (detaching VMO, switching Proxied/Direct)
  --no-synth            plan what is already in --out (a pipeline that ran synth and validate as steps)
  --out <dir>           synthesized output (default: cdktf.out)
  --config-dir <dir>    environment files (default: config)
  --offline-dir <dir>   scratch root for --offline (default: .offline)
  --inventory <file>    the simulated Palette for --offline: registries, packs, clusters, projects
                        (default: the test provider's fixture, which covers config/)
  -h, --help            show this help

writes: <out>/stacks/<env>/tfplan, tfplan.json (offline: in the scratch copy), <out>/plan-summary.md and .json
exit codes: 0 no changes, 2 changes planned, 3 destructive changes refused (see --allow-destructive; the
            detach of an attachment or the deletion of a VM the applied config protects is refused even
            with it, and so is a replacement of a protected resource, which terraform itself refuses),
            1 failure (synth, validation, terraform), 4 bad command line`;

export function main(argv: readonly string[], root: string): number {
  const log = (line: string) => console.error(line);
  const parsed = parsePipelineArgs("plan", argv, root, { "allow-destructive": { type: "boolean" }, "no-synth": { type: "boolean" } }, USAGE);
  if ("exit" in parsed) return parsed.exit;
  const { options, values } = parsed;
  // A refused or failed run discards the saved plans of the selected stacks, so `npm run apply` cannot apply them.
  const discard = () => discardSavedPlans(options);
  try {
    // Plans left by an earlier run must not outlive this one, whatever happens below.
    discard();
    if (options.offline)
      log(
        `plan: OFFLINE — the local test provider stands in for Palette and state is local under ${path.relative(root, options.offlineDir)}/; the environments' backends are not used.`,
      );
    if (!values["no-synth"]) {
      const envArgs = options.envs ? ["--env", options.envs.join(",")] : [];
      synthStep(root, ["--out", options.outdir, "--config-dir", options.configDir, "--quiet", ...envArgs], "synth", true);
    }
    validateStep(root, options.outdir);
    const stacks = selectStacks(options);
    const summaries: StackPlanSummary[] = [];
    stacks.forEach((stack, i) => {
      log(`[${i + 1}/${stacks.length}] ${stack}`);
      summaries.push(planStack(stackWorkspace(stack, options), log));
    });
    const note = options.offline
      ? "Offline plan: the local test provider stood in for Palette; state is a scratch file, not the environment's backend."
      : undefined;
    fs.writeFileSync(path.join(options.outdir, "plan-summary.md"), formatPlanMarkdown(summaries, note));
    fs.writeFileSync(path.join(options.outdir, "plan-summary.json"), JSON.stringify({ offline: options.offline, stacks: summaries }, null, 2) + "\n");
    console.log(formatPlanText(summaries));
    const decision = decidePlan(summaries, Boolean(values["allow-destructive"]));
    if (decision.refusal) {
      discard();
      console.error(`plan: refused: ${decision.refusal} The saved plans were discarded.`);
    }
    return decision.exit;
  } catch (err) {
    discard();
    if (!(err instanceof PipelineError)) throw err;
    console.error(`plan: ${err.message}`);
    if (err instanceof PreventDestroyError) return PLAN_EXIT.DESTRUCTIVE;
    return err.usage ? PLAN_EXIT.USAGE : PLAN_EXIT.FAILED;
  }
}

/**
 * What a finished plan means, from its summaries alone: a protected detach is refused whatever the flags, other
 * destructive changes unless allowed; otherwise changes or none. `refusal` says why, for the log.
 */
export function decidePlan(summaries: readonly StackPlanSummary[], allowDestructive: boolean): { readonly exit: number; readonly refusal?: string } {
  const guarded = protectedWarnings(summaries);
  if (guarded.length) {
    const detaches = guarded.filter((w) => w.kind === "protected-detach").length;
    const vms = guarded.filter((w) => w.kind === "protected-vm-delete").length;
    const other = guarded.length - detaches - vms;
    const what = [
      detaches && `${detaches} protected attachment(s) would be detached`,
      vms && `${vms} protected VM(s) would be deleted with their disks`,
      other && `${other} other protected resource(s) would be destroyed`,
    ].filter(Boolean);
    return {
      exit: PLAN_EXIT.DESTRUCTIVE,
      refusal: `${what.join(", ")} (see above); --allow-destructive does not override prevent_destroy.`,
    };
  }
  const destructive = destructiveWarnings(summaries);
  if (destructive.length && !allowDestructive) {
    return {
      exit: PLAN_EXIT.DESTRUCTIVE,
      refusal: `${destructive.length} destructive change(s) above. Review them; rerun with --allow-destructive to keep the plan.`,
    };
  }
  return { exit: summaries.some(hasChanges) ? PLAN_EXIT.CHANGES : PLAN_EXIT.NO_CHANGES };
}

/**
 * Terraform itself refused the plan: a resource with `prevent_destroy` would be destroyed while still in config,
 * which is a replacement (a ForceNew argument changed). Not a failure to debug but a refused destructive change.
 */
export class PreventDestroyError extends PipelineError {}

/** `Resource <address> has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed` (Terraform 1.11). */
const PREVENT_DESTROY = /Resource (\S+) has lifecycle\.prevent_destroy set, but the plan calls for this resource to be destroyed/g;

/** What `plan` says when Terraform refused it for prevent_destroy, per refused resource; undefined otherwise. */
export function preventDestroyRefusal(stack: string, output: string): string | undefined {
  const addresses = [...new Set([...output.replace(/\s+/g, " ").matchAll(PREVENT_DESTROY)].map((m) => m[1]))].sort();
  if (!addresses.length) return undefined;
  const lines = addresses.map((a) =>
    a.split(".").includes("spectrocloud_virtual_machine")
      ? `  ${a}: the change replaces the VM (name, namespace, cluster_uid and base_vm_name are ForceNew), which deletes it and its disks.`
      : a.split(".").includes("spectrocloud_addon_deployment")
        ? `  ${a}: the change replaces the attachment (detach, then attach), which deletes the cluster's VMs.`
        : `  ${a}: the change replaces it (a ForceNew argument changed).`,
  );
  return [
    `${stack}: terraform refused the plan: prevent_destroy protects ${addresses.length === 1 ? "a resource" : `${addresses.length} resources`} that this change would replace.`,
    ...lines,
    "  Terraform refuses any replacement of a protected resource, whatever the flags. To replace it on purpose, two steps:",
    `  set preventDestroy: false on it with a reasoned suppression of its rule (${ruleIds(addresses)}), apply that alone, then make the change.`,
  ].join("\n");
}

/** Removes saved plans (not their JSON) of the selected environments, online and offline. */
function discardSavedPlans(options: PipelineOptions): void {
  for (const offline of [false, true]) {
    const dir = offline ? options.offlineDir : path.join(options.outdir, "stacks");
    if (!fs.existsSync(dir)) continue;
    for (const stack of fs.readdirSync(dir)) {
      if (options.envs && !options.envs.includes(stack)) continue;
      const work = workDirOf(stack, { ...options, offline });
      for (const f of [PLAN_FILE, PLAN_META]) fs.rmSync(path.join(work, f), { force: true });
    }
  }
}

/** init, plan -out, show -json for one stack; records what the plan was made from. */
export function planStack(w: StackWorkspace, log: (line: string) => void): StackPlanSummary {
  for (const f of [w.planFile, w.planJson, w.planMeta]) fs.rmSync(f, { force: true });
  const init = terraform(w, ["init", "-input=false", "-no-color"], log);
  if (init.status !== 0) throw new PipelineError(`${w.stack}: terraform init failed:\n${tail(init)}`);
  // What the last apply protected, from state as it is (empty before the first apply).
  const outputs = terraform(w, ["output", "-json"], log);
  if (outputs.status !== 0) throw new PipelineError(`${w.stack}: terraform output failed:\n${tail(outputs)}`);
  const protectedBefore: string[] = ((JSON.parse(outputs.stdout || "{}") as Record<string, { value?: unknown }>)[PROTECTED_OUTPUT]?.value as string[]) ?? [];
  // No -detailed-exitcode: a `check` block's data source is re-read on every plan, so its "2" would say "changes"
  // for every plan; whether anything changes is judged from the plan JSON below, and the log's exit code stays 0.
  const plan = terraform(w, ["plan", "-input=false", "-no-color", `-out=${path.basename(w.planFile)}`], log);
  if (plan.status !== 0) {
    const refused = preventDestroyRefusal(w.stack, `${plan.stdout}\n${plan.stderr}`);
    if (refused) throw new PreventDestroyError(refused);
    throw new PipelineError(`${w.stack}: terraform plan failed:\n${tail(plan)}`);
  }
  const show = terraform(w, ["show", "-json", path.basename(w.planFile)], log);
  if (show.status !== 0) throw new PipelineError(`${w.stack}: terraform show failed:\n${tail(show)}`);
  const planJson = JSON.parse(show.stdout);
  fs.writeFileSync(w.planJson, JSON.stringify(redactPlan(planJson), null, 2) + "\n");
  const summary = summarizePlan(w.stack, planJson, protectedBefore);
  // Changes as the summary counts them (resources, imports, outputs), not as a re-read check data source makes them.
  const meta: PlanMeta = {
    stack: w.stack,
    offline: w.offline,
    configSha256: sha256File(path.join(w.stackDir, "cdk.tf.json")),
    hasChanges: hasChanges(summary),
  };
  fs.writeFileSync(w.planMeta, JSON.stringify(meta, null, 2) + "\n");
  return summary;
}

/** The rules that guard the protected resources at `addresses` (VMO-024 a VM, VMO-008 a VMO attachment). */
function ruleIds(addresses: readonly string[]): string {
  const ids = new Set<string>();
  for (const a of addresses) {
    const parts = a.split(".");
    if (parts.includes("spectrocloud_virtual_machine") || parts.includes("spectrocloud_datavolume")) ids.add(`${VMO_024.id} for a VM or its disk`);
    else if (parts.includes("spectrocloud_addon_deployment")) ids.add(`${VMO_008.id} for an attachment`);
  }
  return ids.size ? [...ids].join(", ") : "the rule that asks for it";
}
