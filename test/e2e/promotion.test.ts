// Promotion under the provider's real refresh and update semantics, against the simulated Palette, under both
// answers Palette may give the add-on deployment's manifest fetch (PALETTE_OFFLINE_MANIFEST_FETCH, docs/FIDELITY.md):
// plan -> apply -> re-plan is empty; a VMO version + profile version bump reaches every cluster in one apply; a
// pending update applied by hand in Palette leaves the next plan empty. Skips loudly without terraform.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { prerequisiteChecklist } from "../../stacks/pipeline/vmo-prerequisites";
import { terraformAvailable } from "../testing/helpers";

const root = path.resolve(__dirname, "..", "..");
const maybe = terraformAvailable() ? describe : describe.skip;

maybe.each(["not-found", "error"])("promotion with the manifest fetch answering %s", (outcome) => {
  const base = path.join(process.env.TMPDIR || path.join(root, ".tmp", "jest"), `e2e-promotion-${outcome}`);
  const configDir = path.join(base, "config");
  const offline = path.join(base, "offline");
  const env = { ...process.env, PALETTE_OFFLINE_MANIFEST_FETCH: outcome };
  const run = (script: "plan" | "apply", ...args: string[]) =>
    spawnSync(
      process.execPath,
      [path.join(root, "scripts", `${script}.js`), "--offline", "--config-dir", configDir, "--out", path.join(base, "out"), "--offline-dir", offline, ...args],
      {
        cwd: root,
        encoding: "utf8",
        env,
        timeout: 300_000,
      },
    );
  const palette = (stack: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, [path.join(root, "scripts", "palette.js"), path.join(offline, stack, "palette-state.json"), ...args], {
      cwd: root,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    return r.stdout
      .replace(/ \{"vmo_profile_revision":"[^"]+"\}/g, "")
      .replace(/ \([0-9a-f]{24}, project, revision \d+\)/g, "")
      .replace(/ \([0-9a-f]{24}\): /g, ": ");
  };
  const edit = (change: (t: string) => string) => {
    const file = path.join(configDir, "dev.yaml");
    const before = fs.readFileSync(file, "utf8");
    const after = change(before);
    if (after === before) throw new Error("edit changed nothing");
    fs.writeFileSync(file, after);
  };

  beforeAll(() => {
    fs.rmSync(base, { recursive: true, force: true });
    fs.mkdirSync(configDir, { recursive: true });
    for (const f of ["dev.yaml", "prod.yaml"]) fs.copyFileSync(path.join(root, "config", f), path.join(configDir, f));
  });

  test("plan -> apply -> re-plan is empty for dev and prod", () => {
    expect(run("plan").status).toBe(2);
    expect(run("apply").status).toBe(0);
    const again = run("plan");
    expect(again.stdout).toBe("dev: no changes\nprod: no changes\n");
    expect(again.status).toBe(0);
  });

  test("a VMO and profile version bump reaches every dev cluster in one apply, and the next plan is empty", () => {
    edit((t) => t.replace("profileVersion: 1.1.0", "profileVersion: 1.2.0").replace("vmoVersion: 4.10.7", "vmoVersion: 4.10.8"));
    const plan = run("plan", "--env", "dev");
    expect(plan.stdout).toBe(
      [
        "dev: 0 to add, 4 to change, 0 to replace, 0 to destroy",
        "  profile vmo-dev-dev-edge-k3s-1: update (version 1.1.0 -> 1.2.0, VMO 4.10.7 -> 4.10.8)",
        "  profile vmo-dev: update (version 1.1.0 -> 1.2.0, VMO 4.10.7 -> 4.10.8)",
        "  clusters moving: 64f1c2a9b7e3d80012a4c5e6 1.1.0 -> 1.2.0, dev-edge-k3s-1 1.1.0 -> 1.2.0",
        "",
      ].join("\n"),
    );
    expect(plan.status).toBe(2);
    expect(run("apply", "--env", "dev").stdout).toBe("dev: Apply complete! Resources: 0 added, 4 changed, 0 destroyed.\n");
    const again = run("plan", "--env", "dev");
    expect(again.stdout).toBe("dev: no changes\n");
    expect(again.status).toBe(0);
    expect(palette("dev")).toBe(
      [
        "profiles:",
        "  vmo-dev 1.2.0: virtual-machine-orchestrator 4.10.8, spectro-proxy 1.5.6, vmo-manifests 1.0.0",
        "  vmo-dev-dev-edge-k3s-1 1.2.0: virtual-machine-orchestrator 4.10.8, spectro-proxy 1.5.6, vmo-manifests 1.0.0",
        "clusters:",
        "  dev-edge-k3s-1 runs vmo-dev-dev-edge-k3s-1 1.2.0",
        "  dev-edge-rke2-2 runs vmo-dev 1.2.0",
        "pending updates: none",
        "teams:",
        "  vmo-developers: members bob@example.com, carol@example.com; roles Dev: Cluster Viewer, Virtual Machine Power User",
        "virtual machines:",
        "  dev-edge-rke2-2 default/dev-ubuntu-1: Running (running: true), disks: dev-ubuntu-1-rootdisk",
        "",
      ].join("\n"),
    );
  });

  test("a pending update applied by hand in Palette leaves the next plan empty", () => {
    // A tags-only change is an in-place update of the profiles (resourceClusterProfileUpdate), which leaves each
    // cluster a pending update; the attachments' revision does not change, so Terraform leaves them alone.
    edit((t) => t.replace('tags: ["env:dev", "owner:platform"]', 'tags: ["env:dev", "owner:platform", "cost:lab"]'));
    expect(run("plan", "--env", "dev").stdout.split("\n")[0]).toBe("dev: 0 to add, 2 to change, 0 to replace, 0 to destroy");
    expect(run("apply", "--env", "dev").status).toBe(0);
    expect(palette("dev").split("pending updates:")[1].split("teams:")[0]).toBe(
      ["", "  dev-edge-k3s-1: vmo-dev-dev-edge-k3s-1 1.2.0 -> 1.2.0", "  dev-edge-rke2-2: vmo-dev 1.2.0 -> 1.2.0", ""].join("\n"),
    );
    expect(run("plan", "--env", "dev").stdout).toBe("dev: no changes\n");
    // A Palette user applies both in the UI.
    expect(palette("dev", "apply-update", "dev-edge-k3s-1")).toContain("applied: dev-edge-k3s-1: vmo-dev-dev-edge-k3s-1 1.2.0 -> 1.2.0\n");
    expect(palette("dev", "apply-update", "64f1c2a9b7e3d80012a4c5e6")).toContain("pending updates: none\n");
    const after = run("plan", "--env", "dev");
    expect(after.stdout).toBe("dev: no changes\n");
    expect(after.status).toBe(0);
  });
  test("an interrupted promotion (profiles applied, attachments not) converges in the next apply, without a second copy of VMO", () => {
    edit((t) => t.replace("profileVersion: 1.2.0", "profileVersion: 1.3.0"));
    expect(run("plan", "--env", "dev").status).toBe(2);
    // Terraform stopped after the profiles: apply only them, as a failed or cancelled run would leave it.
    require(path.join(root, "scripts", "transpile")).transpile();
    const { stackWorkspace } = require(path.join(root, ".build", "stacks", "pipeline", "workspace.js"));
    const w = stackWorkspace("dev", { outdir: path.join(base, "out"), offline: true, offlineDir: offline });
    const profiles = Object.keys(JSON.parse(fs.readFileSync(path.join(w.workDir, "cdk.tf.json"), "utf8")).resource.spectrocloud_cluster_profile);
    const targeted = spawnSync(
      "terraform",
      ["apply", "-auto-approve", "-no-color", "-input=false", ...profiles.map((a) => `-target=spectrocloud_cluster_profile.${a}`)],
      { cwd: w.workDir, env: { ...w.env, PALETTE_OFFLINE_MANIFEST_FETCH: outcome }, encoding: "utf8" },
    );
    expect(targeted.status).toBe(0);
    expect(palette("dev").split("pending updates:")[1].split("teams:")[0]).toBe(
      ["", "  dev-edge-k3s-1: vmo-dev-dev-edge-k3s-1 1.2.0 -> 1.3.0", "  dev-edge-rke2-2: vmo-dev 1.2.0 -> 1.3.0", ""].join("\n"),
    );
    // The refresh no longer finds the profile at its published version on the clusters (readAddonDeployment): creates.
    const plan = run("plan", "--env", "dev");
    // (Clusters "gaining" VMO get the prerequisites checklist, as any plan summary does.)
    expect(plan.stdout).toBe(
      [
        "dev: 2 to add, 0 to change, 0 to replace, 0 to destroy",
        "  clusters gaining VMO: 64f1c2a9b7e3d80012a4c5e6, dev-edge-k3s-1",
        ...prerequisiteChecklist("text"),
        "",
      ].join("\n"),
    );
    // Create finds the profile UID attached and updates it (isProfileAttached): one template per cluster, resolved.
    expect(run("apply", "--env", "dev").status).toBe(0);
    const view = palette("dev");
    expect(view.slice(view.indexOf("clusters:"))).toBe(
      [
        "clusters:",
        "  dev-edge-k3s-1 runs vmo-dev-dev-edge-k3s-1 1.3.0",
        "  dev-edge-rke2-2 runs vmo-dev 1.3.0",
        "pending updates: none",
        "teams:",
        "  vmo-developers: members bob@example.com, carol@example.com; roles Dev: Cluster Viewer, Virtual Machine Power User",
        "virtual machines:",
        "  dev-edge-rke2-2 default/dev-ubuntu-1: Running (running: true), disks: dev-ubuntu-1-rootdisk",
        "",
      ].join("\n"),
    );
    expect(run("plan", "--env", "dev").stdout).toBe("dev: no changes\n");
  });
});
