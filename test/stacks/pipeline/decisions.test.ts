// The plan and apply decisions, without terraform: what a summary means for the exit code, which saved plans
// apply refuses, the shared command line and the stack order.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkPlan } from "../../../stacks/pipeline/apply";
import { USAGE_EXIT, parsePipelineArgs, selectStacks } from "../../../stacks/pipeline/options";
import { PLAN_EXIT, decidePlan } from "../../../stacks/pipeline/plan";
import type { StackPlanSummary } from "../../../stacks/pipeline/plan-summary";
import { PLAN_FILE, PLAN_META, sha256File, stackOrder, stackWorkspace } from "../../../stacks/pipeline/workspace";

const summary = (over: Partial<StackPlanSummary> = {}): StackPlanSummary => ({
  stack: "dev",
  adds: 0,
  changes: 0,
  replaces: 0,
  destroys: 0,
  imports: 0,
  outputs: 0,
  profiles: [],
  clustersGaining: [],
  clustersLosing: [],
  clustersMoving: [],
  vms: [],
  warnings: [],
  ...over,
});
const detach = { kind: "detach", destructive: true, message: "m" } as const;
const protectedDetach = { kind: "protected-detach", destructive: true, protected: true, message: "m" } as const;

describe("decidePlan", () => {
  test("no changes, changes, and output-only changes", () => {
    expect(decidePlan([summary()], false)).toEqual({ exit: PLAN_EXIT.NO_CHANGES });
    expect(decidePlan([summary(), summary({ stack: "prod", adds: 1 })], false)).toEqual({ exit: PLAN_EXIT.CHANGES });
    expect(decidePlan([summary({ outputs: 1 })], false)).toEqual({ exit: PLAN_EXIT.CHANGES });
  });

  test("destructive changes are refused unless allowed", () => {
    const s = [summary({ destroys: 1, warnings: [detach] })];
    expect(decidePlan(s, false)).toEqual({
      exit: PLAN_EXIT.DESTRUCTIVE,
      refusal: "1 destructive change(s) above. Review them; rerun with --allow-destructive to keep the plan.",
    });
    expect(decidePlan(s, true)).toEqual({ exit: PLAN_EXIT.CHANGES });
  });

  test("a protected detach is refused whatever the flags, and counted before other destructive changes", () => {
    const s = [summary({ destroys: 2, warnings: [detach, protectedDetach] })];
    for (const allow of [false, true]) {
      expect(decidePlan(s, allow)).toEqual({
        exit: PLAN_EXIT.DESTRUCTIVE,
        refusal: "1 protected attachment(s) would be detached (see above); --allow-destructive does not override prevent_destroy.",
      });
    }
  });

  test("non-destructive warnings (failed checks) do not refuse", () => {
    expect(decidePlan([summary({ warnings: [{ kind: "check-failed", destructive: false, message: "m" }] })], false)).toEqual({ exit: PLAN_EXIT.NO_CHANGES });
  });
});

describe("saved plans apply refuses", () => {
  let out: string;
  const options = () => ({ outdir: out, offline: false, offlineDir: path.join(out, ".offline") });
  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "decisions-"));
    fs.mkdirSync(path.join(out, "stacks", "dev"), { recursive: true });
    fs.writeFileSync(path.join(out, "stacks", "dev", "cdk.tf.json"), '{"resource":{}}');
  });
  const save = (meta: object) => {
    fs.writeFileSync(path.join(out, "stacks", "dev", PLAN_FILE), "binary plan");
    fs.writeFileSync(path.join(out, "stacks", "dev", PLAN_META), JSON.stringify(meta));
  };
  const sha = () => sha256File(path.join(out, "stacks", "dev", "cdk.tf.json"));

  test("a plan made from this cdk.tf.json in this mode is accepted", () => {
    save({ stack: "dev", offline: false, configSha256: sha(), hasChanges: true });
    expect(checkPlan(stackWorkspace("dev", options()), options())).toMatchObject({ hasChanges: true });
  });

  test("a missing plan, a plan made offline, and a stale plan are refused with the fix", () => {
    const w = () => stackWorkspace("dev", options());
    expect(() => checkPlan(w(), options())).toThrow("dev: no saved plan to apply; run npm run plan first (a plan applies once).");
    save({ stack: "dev", offline: true, configSha256: sha(), hasChanges: true });
    expect(() => checkPlan(w(), options())).toThrow("dev: the saved plan was made offline; apply it the same way.");
    save({ stack: "dev", offline: false, configSha256: "0".repeat(64), hasChanges: true });
    expect(() => checkPlan(w(), options())).toThrow(
      `dev: stale plan: ${path.basename(out)}/stacks/dev/cdk.tf.json changed after the plan was made. Run npm run plan again.`,
    );
  });
});

describe("the shared command line of plan and apply", () => {
  const root = "/project";
  const quiet = { stdout: () => undefined, stderr: () => undefined };

  test("flags resolve against the project root; --env lists split on commas", () => {
    const parsed = parsePipelineArgs(
      "plan",
      ["--env", "dev,prod", "--env", "qa", "--offline", "--out", "o"],
      root,
      { "allow-destructive": { type: "boolean" } },
      "usage: x",
      quiet,
    );
    expect(parsed).toEqual({
      options: {
        root,
        envs: ["dev", "prod", "qa"],
        offline: true,
        outdir: "/project/o",
        configDir: "/project/config",
        offlineDir: "/project/.offline",
        inventoryFile: undefined,
      },
      values: { env: ["dev,prod", "qa"], offline: true, out: "o" },
    });
  });

  test("a bad command line is exit 4 with the usage; --help is exit 0 on stdout", () => {
    const err: string[] = [];
    const out: string[] = [];
    const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) };
    expect(parsePipelineArgs("apply", ["--bogus"], root, {}, "usage: npm run apply", io)).toEqual({ exit: USAGE_EXIT });
    expect(err.join("")).toBe("apply: Unknown option '--bogus'\n\nusage: npm run apply\n");
    expect(parsePipelineArgs("apply", ["-h"], root, {}, "usage: npm run apply", io)).toEqual({ exit: 0 });
    expect(out.join("")).toBe("usage: npm run apply\n");
  });

  test("stacks run in dependency order; an unknown --env is a usage error naming the stacks", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "order-"));
    fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify({ stacks: { b: { dependencies: ["c"] }, a: {}, c: {} } }));
    expect(stackOrder(out)).toEqual(["a", "c", "b"]);
    const options = { root: path.dirname(out), outdir: out, offline: false, configDir: "", offlineDir: "" };
    expect(selectStacks({ ...options, envs: ["b", "a"] })).toEqual(["a", "b"]);
    expect(() => selectStacks({ ...options, envs: ["x"] })).toThrow(`no synthesized stack for --env x in ${path.basename(out)} (stacks: a, c, b).`);
    fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify({ stacks: { a: { dependencies: ["b"] }, b: { dependencies: ["a"] } } }));
    expect(() => stackOrder(out)).toThrow("stacks depend on each other in a cycle: a -> b -> a");
  });
});
