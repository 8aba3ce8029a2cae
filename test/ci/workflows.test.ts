import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

const root = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const environments = fs
  .readdirSync(path.join(root, "config"))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => f.replace(/\.ya?ml$/, ""))
  .sort();

/** Every `npm run <script>` in a command, so each can be checked against package.json. */
function npmScripts(command: string): string[] {
  return [...command.matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]);
}

/** Secrets may only arrive from the CI system's secret store: no literal values for these variables. */
const SECRET_VARS = ["SPECTROCLOUD_APIKEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "GITLAB_API_TOKEN"];

/** Runs a CI script line under `bash -e` (GitHub's shell) and `sh -e` (GitLab's) with npm answering `code`. */
function exitOf(line: string, code: number, shell: "bash" | "sh"): number | null {
  const script = line.replace(/npm run plan -- [^|]*/, `(exit ${code}) `);
  return spawnSync(shell, ["-e", "-c", script]).status;
}

describe("GitHub Actions (.github/workflows/vmo.yml)", () => {
  const text = fs.readFileSync(path.join(root, ".github/workflows/vmo.yml"), "utf8");
  const wf = parse(text);
  const runs = (job: string): string[] => wf.jobs[job].steps.filter((s: any) => s.run).map((s: any) => s.run as string);

  test("pull requests plan, pushes to main plan and apply", () => {
    expect(Object.keys(wf.on).sort()).toEqual(["pull_request", "push"]);
    expect(wf.on.push.branches).toEqual(["main"]);
    expect(wf.jobs.apply.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(wf.jobs.apply.needs).toBe("plan");
  });

  test("one plan and one apply job per environment file", () => {
    expect([...wf.jobs.plan.strategy.matrix.env].sort()).toEqual(environments);
    expect([...wf.jobs.apply.strategy.matrix.env].sort()).toEqual(environments);
  });

  test("plan: synth, validate, plan per environment, and post the summary on pull requests", () => {
    expect(runs("plan")).toEqual([
      "npm ci",
      "npm run synth -- --env ${{ matrix.env }}",
      "npm run validate",
      "npm run plan -- --env ${{ matrix.env }} --no-synth || [ $? -eq 2 ]",
      "gh pr comment ${{ github.event.pull_request.number }} --body-file cdktf.out/plan-summary.md",
    ]);
    const upload = wf.jobs.plan.steps.find((s: any) => s.uses?.startsWith("actions/upload-artifact"));
    expect(upload.with).toMatchObject({ name: "plan-${{ matrix.env }}", path: "cdktf.out/\n!cdktf.out/**/.terraform/providers/\n" });
  });

  test("plan's exit 2 (changes) passes the step; 1, 3 and 4 fail it", () => {
    const line = runs("plan").find((r) => r.startsWith("npm run plan")) as string;
    expect([0, 2, 1, 3, 4].map((c) => exitOf(line, c, "bash"))).toEqual([0, 0, 1, 1, 1]);
  });

  test("apply: behind the environment's approval, exactly the saved plan", () => {
    expect(wf.jobs.apply.environment).toBe("${{ matrix.env }}");
    const download = wf.jobs.apply.steps.find((s: any) => s.uses?.startsWith("actions/download-artifact"));
    expect(download.with).toEqual({ name: "plan-${{ matrix.env }}", path: "cdktf.out/" });
    expect(runs("apply")).toEqual(["npm ci", "npm run apply -- --env ${{ matrix.env }}"]);
    expect(runs("apply").some((r) => r.includes("synth"))).toBe(false);
  });

  test("tests run with terraform required, pinned to 1.11.4", () => {
    expect(runs("test")).toEqual(["npm ci", "npm test"]);
    const test = wf.jobs.test.steps.find((s: any) => s.run === "npm test");
    expect(test.env).toEqual({ REQUIRE_TERRAFORM: "1" });
    for (const job of Object.values<any>(wf.jobs)) {
      const tf = job.steps.find((s: any) => s.uses?.startsWith("hashicorp/setup-terraform"));
      expect(tf.with.terraform_version).toBe("1.11.4");
    }
  });

  test("every npm script it runs exists; secrets only from the secret store", () => {
    const steps = Object.values<any>(wf.jobs).flatMap((job) => job.steps);
    for (const step of steps) for (const script of npmScripts(step.run ?? "")) expect(pkg.scripts).toHaveProperty(script);
    // Every secret a step receives, unconditionally: there are some, and each comes from the secret store.
    const secretEnv = steps.flatMap((step) => Object.entries<string>({ ...step.env, ...step.with }).filter(([k]) => SECRET_VARS.includes(k)));
    expect(secretEnv.length).toBeGreaterThan(0);
    expect(secretEnv).toEqual(secretEnv.map(([k]) => [k, `\${{ secrets.${k} }}`]));
  });
});

describe("GitLab CI (.gitlab-ci.yml)", () => {
  const ci = parse(fs.readFileSync(path.join(root, ".gitlab-ci.yml"), "utf8"));
  const script = (job: any): string[] => [...(ci.default.before_script ?? []), ...(job.script ?? [])];
  const jobs = (prefix: string) =>
    Object.keys(ci)
      .filter((k) => k.startsWith(prefix))
      .sort();

  test("one plan and one apply job per environment file", () => {
    expect(jobs("plan:")).toEqual(environments.map((e) => `plan:${e}`));
    expect(jobs("apply:")).toEqual(environments.map((e) => `apply:${e}`));
    for (const e of environments) {
      expect(ci[`plan:${e}`]).toEqual({ extends: ".plan", variables: { VMO_ENV: e } });
      expect(ci[`apply:${e}`]).toMatchObject({ extends: ".apply", variables: { VMO_ENV: e }, environment: { name: e } });
      expect(ci[`apply:${e}`].needs).toContain(`plan:${e}`);
    }
  });

  test("merge requests: synth, validate, plan, post the summary; main: manual apply of the saved plan", () => {
    expect(ci.workflow.rules.map((r: any) => r.if)).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"', "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"]);
    expect(ci[".plan"].script).toEqual(["npm run synth -- --env $VMO_ENV", "npm run validate", "npm run plan -- --env $VMO_ENV --no-synth || [ $? -eq 2 ]"]);
    expect(ci[".plan"].after_script.join("\n")).toContain("node scripts/ci/post-mr-note.js cdktf.out/plan-summary.md");
    expect(ci[".plan"].artifacts.paths).toEqual(["cdktf.out/"]);
    expect(ci[".apply"].rules).toEqual([{ if: "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", when: "manual" }]);
    expect(ci[".apply"].script).toEqual(["npm run apply -- --env $VMO_ENV"]);
    expect(ci.test.variables).toEqual({ REQUIRE_TERRAFORM: "1" });
  });

  test("plan's exit 2 (changes) passes the job; 1, 3 and 4 fail it", () => {
    const line = ci[".plan"].script.find((r: string) => r.startsWith("npm run plan"));
    expect([0, 2, 1, 3, 4].map((c) => exitOf(line, c, "sh"))).toEqual([0, 0, 1, 1, 1]);
  });

  test("every npm script and helper it runs exists; no secret values in the file", () => {
    // The jobs (and job templates) checked: everything but GitLab's global keys.
    const jobsChecked = Object.entries<any>(ci).filter(([name]) => !["workflow", "variables", "default", "stages"].includes(name));
    expect(jobsChecked.map(([name]) => name).sort()).toEqual([".apply", ".plan", ...jobs("apply:"), ...jobs("plan:"), "test"].sort());
    for (const [, job] of jobsChecked) {
      for (const line of [...script(job), ...(job.after_script ?? [])]) {
        for (const s of npmScripts(line)) expect(pkg.scripts).toHaveProperty(s);
        for (const helper of line.match(/scripts\/ci\/[\w.-]+/g) ?? []) expect(fs.existsSync(path.join(root, helper))).toBe(true);
      }
    }
    for (const k of SECRET_VARS) expect(ci.variables).not.toHaveProperty(k);
    expect(ci.default.before_script).toEqual(["./scripts/ci/install-terraform.sh 1.11.4", "npm ci"]);
  });
});
