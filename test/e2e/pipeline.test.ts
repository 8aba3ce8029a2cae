// End to end through real terraform: `npm run plan -- --offline` and `npm run apply -- --offline` on copies of the
// shipped example configs, against the offline Spectro Cloud provider. Skips loudly without terraform, unless
// REQUIRE_TERRAFORM=1 (set by .ci/run), which makes a missing terraform a failure.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { prerequisiteChecklist } from "../../stacks/pipeline/vmo-prerequisites";
import { terraformAvailable } from "../testing/helpers";

const root = path.resolve(__dirname, "..", "..");
const base = path.join(os.tmpdir(), "e2e-pipeline");
const configDir = path.join(base, "config");
const out = path.join(base, "out");
const offline = path.join(base, "offline");
const launches = path.join(base, "provider.log");
const haveTerraform = terraformAvailable();
const maybe = haveTerraform ? describe : describe.skip;

function run(script: "plan" | "apply", ...args: string[]) {
  const r = spawnSync(
    process.execPath,
    [path.join(root, "scripts", `${script}.js`), "--offline", "--config-dir", configDir, "--out", out, "--offline-dir", offline, ...args],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, PALETTE_OFFLINE_LOG: launches },
      timeout: 300_000,
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Edits an environment file in the scratch config. */
function edit(env: string, change: (text: string) => string): void {
  const file = path.join(configDir, `${env}.yaml`);
  const before = fs.readFileSync(file, "utf8");
  const after = change(before);
  if (after === before) throw new Error(`edit of ${env}.yaml changed nothing`);
  fs.writeFileSync(file, after);
}

/** terraform in a stack's offline workspace, with the environment the pipeline uses. */
function terraformIn(stack: string, args: string[]) {
  require(path.join(root, "scripts", "transpile")).transpile();
  const { stackWorkspace } = require(path.join(root, ".build", "stacks", "pipeline", "workspace.js"));
  const w = stackWorkspace(stack, { outdir: out, offline: true, offlineDir: offline });
  return spawnSync("terraform", args, { cwd: w.workDir, env: w.env, encoding: "utf8" });
}

/** What the simulated Palette of a stack holds (npm run palette), from the clusters section on. */
function palette(stack: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "palette.js"), path.join(offline, stack, "palette-state.json"), ...args], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`npm run palette failed: ${r.stderr}`);
  // The revision changes with every content change; the other variables (a Direct cluster's address) stay visible.
  return r.stdout
    .slice(r.stdout.indexOf("clusters:"))
    .replace(/"vmo_profile_revision":"[^"]+",?/g, "")
    .replace(/,\}/g, "}")
    .replace(/ \{\}/g, "")
    .replace(/ \([0-9a-f]{24}\): /g, ": ");
}

/** The UID cluster's entry in config/dev.yaml: its line and every more-indented line after it (its VMs). */
const UID_ENTRY = /^ {6}- uid: 64f1c2a9b7e3d80012a4c5e6\n(?: {8,}.*\n)*/m;
/** The entry as the file had it, taken when the first test removes it. */
let uidEntry = "";
/** Opting the entry's (last) VM out of prevent_destroy: the flag and a reasoned suppression of VMO-024. */
const VM_OPT_OUT = "            preventDestroy: false\n            suppressions: [{ id: VMO-024, reason: CHG-42 retires this cluster's VMs }]\n";
/** Opting out of prevent_destroy takes the flag and a reasoned suppression of VMO-008. */
const OPT_OUT = "        preventDestroy: false\n        suppressions: [{ id: VMO-008, reason: CHG-42 retires this cluster's VMs }]\n";

maybe("offline plan/apply of the example configs with real terraform", () => {
  beforeAll(() => {
    fs.rmSync(base, { recursive: true, force: true });
    fs.mkdirSync(configDir, { recursive: true });
    for (const f of ["dev.yaml", "prod.yaml"]) fs.copyFileSync(path.join(root, "config", f), path.join(configDir, f));
  });

  test("plan: synth, validate, then a plan per stack that creates the profiles and attachments", () => {
    const r = run("plan");
    expect(r.stderr).toContain("plan: OFFLINE — the local test provider stands in for Palette");
    expect(r.stderr).toContain("valid against spectrocloud 0.29.9: 2 stacks");
    expect(r.stderr).toContain("[1/2] dev");
    expect(r.stdout).toBe(
      [
        // dev-edge-k3s-1 and prod-dc-maas-1 have per-cluster values or bindings: each gets its own copy of the profile.
        "dev: 6 to add, 0 to change, 0 to replace, 0 to destroy, 2 output(s) to update",
        "  profile vmo-dev-dev-edge-k3s-1: create (version 1.1.0, VMO 4.10.7, Spectro Proxy 1.5.6, access proxied)",
        "  profile vmo-dev: create (version 1.1.0, VMO 4.10.7, Spectro Proxy 1.5.6, access proxied)",
        "  clusters gaining VMO: 64f1c2a9b7e3d80012a4c5e6, dev-edge-k3s-1",
        "  Palette teams: vmo-developers (create)",
        "  VMs to create: default/dev-ubuntu-1 on 64f1c2a9b7e3d80012a4c5e6",
        "prod: 5 to add, 0 to change, 0 to replace, 0 to destroy, 2 output(s) to update",
        "  profile vmo-prod-prod-dc-maas-1: create (version 1.0.0, VMO 4.10.0, access direct)",
        "  profile vmo-prod: create (version 1.0.0, VMO 4.10.0, access direct)",
        "  clusters gaining VMO: prod-dc-maas-1",
        "  Palette teams: dc1-operators (create), vmo-admins (create)",
        ...prerequisiteChecklist("text"),
        "",
      ].join("\n"),
    );
    expect(r.status).toBe(2);
    expect(fs.readFileSync(path.join(out, "plan-summary.md"), "utf8")).toContain("> Offline plan: the local test provider stood in for Palette");
    const plan = JSON.parse(fs.readFileSync(path.join(offline, "dev", "config", "tfplan.json"), "utf8"));
    expect(plan.resource_changes.filter((c: any) => c.mode === "managed").map((c: any) => c.change.actions[0])).toEqual([
      "create",
      "create",
      "create",
      "create",
      "create",
      "create",
    ]);
  });

  test("apply: exactly the saved plans", () => {
    const r = run("apply");
    expect(r.stdout).toBe(
      "dev: Apply complete! Resources: 6 added, 0 changed, 0 destroyed.\nprod: Apply complete! Resources: 5 added, 0 changed, 0 destroyed.\n",
    );
    expect(r.status).toBe(0);
  });

  test("an unknown --env is a command-line error (exit 4) for plan and apply", () => {
    const plan = run("plan", "--env", "prd");
    expect(plan.status).toBe(4);
    expect(plan.stderr).toContain('--env: no environment "prd" (did you mean "prod"?)');
    const apply = run("apply", "--env", "prd");
    expect(apply.status).toBe(4);
    expect(apply.stderr).toContain("no synthesized stack for --env prd");
  });

  test("a saved plan applies once", () => {
    const r = run("apply", "--env", "dev");
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("apply: refused: dev: no saved plan (offline) to apply; run npm run plan -- --offline first (a plan applies once).");
  });

  test("a second plan has no changes (idempotent)", () => {
    const r = run("plan");
    expect(r.stdout).toBe("dev: no changes\nprod: no changes\n");
    expect(r.status).toBe(0);
  });

  test("the VM removed from config (its cluster stays): the plan refuses its deletion, even with --allow-destructive", () => {
    const vmBlock = /^ {8}virtualMachines:\n(?: {10}.*\n)+/m;
    let removed = "";
    edit("dev", (t) => {
      removed = vmBlock.exec(t)?.[0] ?? "";
      return t.replace(vmBlock, "");
    });
    expect(removed).toContain("- name: dev-ubuntu-1");
    for (const flags of [[], ["--allow-destructive"]]) {
      const r = run("plan", "--env", "dev", ...flags);
      expect(r.status).toBe(3);
      expect(r.stdout).toMatch(/^ {2}PROTECTED: .*dev-ubuntu-1/m);
      expect(r.stdout).not.toContain("clusters losing VMO");
      expect(r.stderr).toContain("1 protected VM(s) would be deleted with their disks");
      expect(r.stderr).toContain("--allow-destructive does not override prevent_destroy");
    }
    // Back in config, nothing to do: the refused plans were discarded and Palette still runs the VM.
    edit("dev", (t) => t.replace("      - uid: 64f1c2a9b7e3d80012a4c5e6\n", `      - uid: 64f1c2a9b7e3d80012a4c5e6\n${removed}`));
    expect(run("plan", "--env", "dev").stdout).toBe("dev: no changes\n");
  });

  test("a profile edited in Palette shows up on the next plan, which restores it", () => {
    // The provider's refresh rebuilds the profile from Palette (resourceClusterProfileRead), so the edit is drift.
    const file = path.join(offline, "dev", "palette-state.json");
    const before = fs.readFileSync(file, "utf8");
    const palette = JSON.parse(before);
    for (const p of palette.clusterProfiles) for (const pack of p.packs) if (pack.name === "spectro-proxy") pack.tag = "1.4.0";
    fs.writeFileSync(file, JSON.stringify(palette));
    const r = run("plan", "--env", "dev");
    expect(r.stdout).toBe(
      [
        "dev: 0 to add, 2 to change, 0 to replace, 0 to destroy",
        "  profile vmo-dev-dev-edge-k3s-1: update (Spectro Proxy 1.4.0 -> 1.5.6)",
        "  profile vmo-dev: update (Spectro Proxy 1.4.0 -> 1.5.6)",
        "",
      ].join("\n"),
    );
    expect(r.status).toBe(2);
    fs.writeFileSync(file, before);
  });

  test("a plan whose config changed afterwards is refused as stale", () => {
    expect(run("plan", "--env", "dev").status).toBe(0);
    edit("dev", (t) => t.replace('tags: ["env:dev", "owner:platform"]', 'tags: ["env:dev", "owner:platform", "cost:lab"]'));
    const r = run("apply", "--env", "dev");
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("dev: stale plan: the environment config no longer synthesizes to the planned cdk.tf.json");
    edit("dev", (t) => t.replace(', "cost:lab"]', "]"));
    // An environment file removed after its plan was made.
    expect(run("plan", "--env", "prod").status).toBe(0);
    fs.renameSync(path.join(configDir, "prod.yaml"), path.join(base, "prod.yaml.away"));
    const gone = run("apply", "--env", "prod");
    expect(gone.status).toBe(3);
    expect(gone.stderr).toContain("prod: stale plan: its environment file");
    fs.renameSync(path.join(base, "prod.yaml.away"), path.join(configDir, "prod.yaml"));
  });

  test("promotion: prod moves to dev's VMO version in one apply; its cluster runs it and the next plan is empty", () => {
    edit("prod", (t) => t.replace("profileVersion: 1.0.0", "profileVersion: 1.1.0").replace("vmoVersion: 4.10.0", "vmoVersion: 4.10.7"));
    const plan = run("plan", "--env", "prod");
    expect(plan.stdout).toBe(
      [
        "prod: 0 to add, 3 to change, 0 to replace, 0 to destroy",
        "  profile vmo-prod-prod-dc-maas-1: update (version 1.0.0 -> 1.1.0, VMO 4.10.0 -> 4.10.7)",
        "  profile vmo-prod: update (version 1.0.0 -> 1.1.0, VMO 4.10.0 -> 4.10.7)",
        "  clusters moving: prod-dc-maas-1 1.0.0 -> 1.1.0",
        "",
      ].join("\n"),
    );
    expect(plan.status).toBe(2);
    const apply = run("apply", "--env", "prod");
    expect(apply.stdout).toBe("prod: Apply complete! Resources: 0 added, 3 changed, 0 destroyed.\n");
    expect(apply.status).toBe(0);
    const again = run("plan", "--env", "prod");
    expect(again.stdout).toBe("prod: no changes\n");
    expect(again.status).toBe(0);
    expect(palette("prod")).toBe(
      [
        "clusters:",
        '  prod-dc-maas-1 runs vmo-prod-prod-dc-maas-1 1.1.0 {"vmo_dashboard_address":"https://198.51.100.42"}',
        "pending updates: none",
        "teams:",
        "  dc1-operators: members dave@example.com, erin@example.com; roles Production: Cluster Viewer, Virtual Machine User",
        "  vmo-admins: members alice@example.com; roles Production: Cluster Editor, Cluster Profile Editor, Virtual Machine Admin",
        "",
      ].join("\n"),
    );
  });

  test("a protected cluster removed from config: the plan refuses the detach, even with --allow-destructive", () => {
    edit("dev", (t) => {
      uidEntry = UID_ENTRY.exec(t)?.[0] ?? "";
      return t.replace(UID_ENTRY, "");
    });
    expect(uidEntry).toContain("virtualMachines:");
    for (const flags of [[], ["--allow-destructive"]]) {
      const r = run("plan", "--env", "dev", ...flags);
      expect(r.status).toBe(3);
      expect(r.stdout).toContain("  clusters losing VMO: 64f1c2a9b7e3d80012a4c5e6");
      expect(r.stdout).toContain("  PROTECTED: VMO would be detached from cluster 64f1c2a9b7e3d80012a4c5e6");
      expect(r.stderr).toContain(
        "plan: refused: 1 protected attachment(s) would be detached, 1 protected VM(s) would be deleted with their disks (see above); --allow-destructive does not override prevent_destroy. The saved plans were discarded.",
      );
      // A refused plan cannot be applied afterwards.
      const apply = run("apply", "--env", "dev");
      expect(apply.status).toBe(3);
      expect(apply.stderr).toContain("dev: no saved plan (offline) to apply");
    }
  });

  test("once the config opts out and that is applied, removing the cluster plans the detach (and its VM's deletion)", () => {
    const optedOut = `${uidEntry}${VM_OPT_OUT}${OPT_OUT}`;
    edit("dev", (t) => t.replace("    clusters:\n", `    clusters:\n${optedOut}`));
    expect(run("plan", "--env", "dev").status).toBe(2); // the protected list in state changes
    expect(run("apply", "--env", "dev").status).toBe(0);
    edit("dev", (t) => t.replace(optedOut, ""));
    const refused = run("plan", "--env", "dev");
    expect(refused.status).toBe(3);
    expect(refused.stdout).toContain("  DESTRUCTIVE: VMO is detached from cluster 64f1c2a9b7e3d80012a4c5e6");
    expect(refused.stderr).toContain(
      "plan: refused: 2 destructive change(s) above. Review them; rerun with --allow-destructive to keep the plan. The saved plans were discarded.",
    );
    expect(run("apply", "--env", "dev").status).toBe(3);
    const allowed = run("plan", "--env", "dev", "--allow-destructive");
    expect(allowed.stdout.split("\n")[0]).toBe("dev: 0 to add, 0 to change, 0 to replace, 2 to destroy");
    expect(allowed.status).toBe(2);
    const apply = run("apply", "--env", "dev");
    expect(apply.stdout).toBe("dev: Apply complete! Resources: 0 added, 0 changed, 2 destroyed.\n");
  });

  test("destroy: prevent_destroy stops it while attachments are protected; after opting out it empties Palette", () => {
    expect(run("plan", "--env", "prod").status).toBe(0); // the last plan synthesized dev only
    const blocked = terraformIn("prod", ["destroy", "-auto-approve", "-no-color", "-input=false"]);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toMatch(/Instance cannot be destroyed/);
    edit("prod", (t) => t.replace("      - name: prod-dc-maas-1\n", `      - name: prod-dc-maas-1\n${OPT_OUT}`));
    expect(run("plan", "--env", "prod").status).toBe(2);
    expect(run("apply", "--env", "prod").status).toBe(0);
    const destroyed = terraformIn("prod", ["destroy", "-auto-approve", "-no-color", "-input=false"]);
    expect(destroyed.stdout).toContain("Destroy complete! Resources: 5 destroyed.");
    const palette = JSON.parse(fs.readFileSync(path.join(offline, "prod", "palette-state.json"), "utf8"));
    expect(JSON.stringify(palette)).not.toContain("vmo-prod");
    expect(palette.teams).toEqual([]);
  });
});

maybe("adopting a profile made by hand in Palette (import: true)", () => {
  const adopt = path.join(base, "adopt");
  const args = ["--offline", "--config-dir", path.join(adopt, "config"), "--out", path.join(adopt, "out"), "--offline-dir", path.join(adopt, "offline")];
  const pipeline = (script: "plan" | "apply") =>
    spawnSync(process.execPath, [path.join(root, "scripts", `${script}.js`), ...args], { cwd: root, encoding: "utf8", timeout: 300_000 });

  test("the plan imports the existing profile and updates it in place; the next plan has no changes", () => {
    fs.rmSync(adopt, { recursive: true, force: true });
    fs.mkdirSync(path.join(adopt, "config"), { recursive: true });
    // vmo-base 1.0.0 exists in the test provider's inventory, made outside Terraform.
    fs.writeFileSync(
      path.join(adopt, "config", "lab.yaml"),
      "project: { name: Default }\nprofiles:\n  - name: vmo-base\n    profileVersion: 1.0.0\n    accessMode: direct\n    import: true\n",
    );
    const plan = pipeline("plan");
    expect(plan.stdout).toBe(
      "lab: 0 to add, 1 to change, 0 to replace, 0 to destroy, 1 to import, 2 output(s) to update\n  profile vmo-base: update (access direct)\n",
    );
    expect(plan.status).toBe(2);
    const apply = pipeline("apply");
    expect(apply.stdout).toBe("lab: Apply complete! Resources: 1 imported, 0 added, 1 changed, 0 destroyed.\n");
    const again = pipeline("plan");
    expect(again.stdout).toBe("lab: no changes\n");
    expect(again.status).toBe(0);
  });
});

maybe("secrets stay out of everything the pipeline writes or prints", () => {
  const dir = path.join(base, "secret");
  const SECRET = "SuperSecretValue-8c1f";

  test("a TF_VAR_ secret reaches the plan but not tfplan.json, the summaries or the logs", () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "config"), { recursive: true });
    fs.writeFileSync(
      path.join(dir, "config", "lab.yaml"),
      [
        "project: { name: Dev }",
        "profiles:",
        "  - name: vmo-lab",
        "    variables: [{ name: adminPassword, isSensitive: true }]",
        "    clusters:",
        "      - name: dev-edge-k3s-1",
        "        variables: { adminPassword: { secret: lab_admin_password } }",
        "        suppressions: [{ id: VMO-007, reason: lab cluster }]",
        "",
      ].join("\n"),
    );
    const args = ["--offline", "--config-dir", path.join(dir, "config"), "--out", path.join(dir, "out"), "--offline-dir", path.join(dir, "offline")];
    const r = spawnSync(process.execPath, [path.join(root, "scripts", "plan.js"), ...args], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, TF_VAR_lab_admin_password: SECRET },
      timeout: 300_000,
    });
    expect(r.status).toBe(2);
    const planJson = fs.readFileSync(path.join(dir, "offline", "lab", "config", "tfplan.json"), "utf8");
    expect(JSON.parse(planJson).variables.lab_admin_password.value).toBe("(sensitive value)");
    const written = [planJson, r.stdout, r.stderr, ...["plan-summary.md", "plan-summary.json"].map((f) => fs.readFileSync(path.join(dir, "out", f), "utf8"))];
    for (const text of written) expect(text).not.toContain(SECRET);
    for (const f of fs.readdirSync(path.join(dir, "out"), { recursive: true }).map(String)) {
      const file = path.join(dir, "out", f);
      if (fs.statSync(file).isFile()) expect(fs.readFileSync(file, "utf8")).not.toContain(SECRET);
    }
  });

  test("with the secret set on the attachment, apply leaves a re-plan empty (sensitive values keep their prior state)", () => {
    const args = ["--offline", "--config-dir", path.join(dir, "config"), "--out", path.join(dir, "out"), "--offline-dir", path.join(dir, "offline")];
    const env = { ...process.env, TF_VAR_lab_admin_password: SECRET };
    const apply = spawnSync(process.execPath, [path.join(root, "scripts", "apply.js"), ...args], { cwd: root, encoding: "utf8", env, timeout: 300_000 });
    expect(apply.stdout).toBe("lab: Apply complete! Resources: 2 added, 0 changed, 0 destroyed.\n");
    const again = spawnSync(process.execPath, [path.join(root, "scripts", "plan.js"), ...args], { cwd: root, encoding: "utf8", env, timeout: 300_000 });
    expect(again.stdout).toBe("lab: no changes\n");
    expect(again.status).toBe(0);
    expect(apply.stdout + apply.stderr + again.stdout + again.stderr).not.toContain(SECRET);
  });
});
