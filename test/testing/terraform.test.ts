// Real Terraform (on PATH) against the offline Spectro Cloud provider: the full lifecycle of a small
// .tf.json, the provider's validation and lookup errors as Terraform prints them, import, and the
// immutable-clusterprofiles preview.
import * as fs from "node:fs";
import * as path from "node:path";
import { loadTesting, scratch, terraform, terraformAvailable, tfOk, writeJson } from "./helpers";

const run = terraformAvailable() ? describe : describe.skip;
const testing = loadTesting();

const PROVIDER = { terraform: { required_providers: { spectrocloud: { source: "spectrocloud/spectrocloud", version: "0.29.9" } } } };

interface ProfileOpts {
  description?: string;
  type?: string;
  version?: string;
  vmoVersion?: string;
  skipDestroy?: boolean;
  createBeforeDestroy?: boolean;
  featurePreview?: boolean;
  withDeployments?: boolean;
}

/** The shape the project's stacks synthesize: registry + pack lookups feeding a profile, attached to two clusters. */
function config(o: ProfileOpts = {}): unknown {
  const profile: Record<string, unknown> = {
    name: "vmo-offline",
    description: o.description ?? "offline test profile",
    type: o.type ?? "add-on",
    version: o.version ?? "1.0.0",
    ...(o.skipDestroy ? { skip_destroy: true } : {}),
    ...(o.createBeforeDestroy ? { lifecycle: { create_before_destroy: true } } : {}),
    pack: [
      {
        name: "virtual-machine-orchestrator",
        tag: "${data.spectrocloud_pack.vmo.version}",
        uid: "${data.spectrocloud_pack.vmo.id}",
        registry_uid: "${data.spectrocloud_registry.public.id}",
        values: "${data.spectrocloud_pack.vmo.values}",
      },
      { name: "spectro-proxy", tag: "1.5.6", registry_name: "Public Repo" },
      {
        name: "vmo-role-bindings",
        type: "manifest",
        tag: "1.0.0",
        manifest: [{ name: "bindings", content: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: vmo\n" }],
      },
    ],
  };
  const resource: Record<string, unknown> = { spectrocloud_cluster_profile: { vmo: profile } };
  if (o.withDeployments !== false) {
    resource.spectrocloud_addon_deployment = {
      edge1: { cluster_uid: "${data.spectrocloud_cluster.edge.id}", context: "project", cluster_profile: [{ id: "${spectrocloud_cluster_profile.vmo.id}" }] },
      edge2: { cluster_uid: "6789abcdef0123456789abcd", context: "project", cluster_profile: [{ id: "${spectrocloud_cluster_profile.vmo.id}" }] },
    };
  }
  return {
    ...PROVIDER,
    provider: { spectrocloud: [{ project_name: "Default", ...(o.featurePreview ? { feature_preview: { "immutable-clusterprofiles": true } } : {}) }] },
    data: {
      spectrocloud_registry: { public: { name: "Public Repo" } },
      spectrocloud_pack: {
        vmo: { name: "virtual-machine-orchestrator", version: o.vmoVersion ?? "4.10.7", registry_uid: "${data.spectrocloud_registry.public.id}" },
      },
      spectrocloud_cluster: { edge: { name: "edge-cluster-1", context: "project" } },
      spectrocloud_project: { dev: { name: "Dev" } },
    },
    resource,
    check: {
      profile_visible_in_palette: {
        data: {
          spectrocloud_cluster_profile: { lookup: { name: "vmo-offline", version: o.version ?? "1.0.0", depends_on: ["spectrocloud_cluster_profile.vmo"] } },
        },
        assert: [{ condition: "${data.spectrocloud_cluster_profile.lookup.id == spectrocloud_cluster_profile.vmo.id}", error_message: "profile not visible" }],
      },
    },
    output: { profile_id: { value: "${spectrocloud_cluster_profile.vmo.id}" }, dev_project: { value: "${data.spectrocloud_project.dev.id}" } },
  };
}

/** A fresh run directory with the offline provider installed and one config file. */
function setup(name: string, cfg: unknown, extra: Partial<Parameters<typeof testing.prepareOfflineTerraform>[0]> = {}) {
  const workDir = scratch(`tf-${name}`);
  const dir = path.join(workDir, "cfg");
  writeJson(path.join(dir, "main.tf.json"), cfg);
  const offline = testing.prepareOfflineTerraform({ workDir, cacheDir, logFile: path.join(workDir, "trace.jsonl"), ...extra });
  tfOk(["init", "-input=false", "-no-color"], dir, offline.env);
  return { workDir, dir, offline, env: offline.env };
}

/** Plugin processes started since the last call, from the RPC trace. */
function launchesSince(traceFile: string, seen: Set<number>): number {
  if (!fs.existsSync(traceFile)) return 0;
  let n = 0;
  for (const line of fs.readFileSync(traceFile, "utf8").split("\n").filter(Boolean)) {
    const e = JSON.parse(line);
    if (e.event === "ready" && !seen.has(e.pid)) {
      seen.add(e.pid);
      n++;
    }
  }
  return n;
}

/** Actions planned for managed resources (check-block data reads are always re-planned by Terraform itself). */
function managedActions(dir: string, env: Record<string, string>): Record<string, string[]> {
  tfOk(["plan", "-input=false", "-no-color", "-out=check.tfplan"], dir, env);
  const plan = JSON.parse(tfOk(["show", "-json", "check.tfplan"], dir, env).stdout);
  return Object.fromEntries(plan.resource_changes.filter((r: any) => r.mode === "managed").map((r: any) => [r.address, r.change.actions]));
}

const cacheDir = scratch("schema-cache");
const cleanups: string[] = [cacheDir];
afterAll(() => {
  for (const d of cleanups) fs.rmSync(d, { recursive: true, force: true });
});

run("offline provider with terraform", () => {
  test("init/validate/plan/apply/re-plan/update/replace/destroy on the real schema", () => {
    const { workDir, dir, env, offline } = setup("cycle", config());
    cleanups.push(workDir);
    const trace = path.join(workDir, "trace.jsonl");
    const seen = new Set<number>();
    launchesSince(trace, seen);

    // The lock file sits with the config and records the mirror's hash; .terraform goes to TF_DATA_DIR.
    expect(fs.readFileSync(path.join(dir, ".terraform.lock.hcl"), "utf8")).toMatch(
      /provider "registry.terraform.io\/spectrocloud\/spectrocloud"[\s\S]*version\s+= "0.29.9"[\s\S]*"h1:/,
    );
    expect(fs.existsSync(path.join(dir, ".terraform"))).toBe(false);
    expect(fs.existsSync(path.join(offline.dataDir, "providers"))).toBe(true);

    const timings: Record<string, number> = {};
    const launches: Record<string, number> = {};
    const step = (label: string, args: string[], expected = 0) => {
      launchesSince(trace, seen);
      const r = tfOk([...args, "-no-color"], dir, env, expected);
      timings[label] = r.ms;
      launches[label] = launchesSince(trace, seen);
      return r;
    };

    step("validate", ["validate"]);
    const plan = step("plan", ["plan", "-input=false", "-out=create.tfplan"]);
    expect(plan.stdout).toContain("Plan: 3 to add, 0 to change, 0 to destroy.");
    expect(plan.stdout).toMatch(/\+ type\s+= "add-on"/);
    expect(plan.stdout).toMatch(/\+ skip_destroy\s+= false/); // SDK default planned
    expect(plan.stdout).toMatch(/\+ apply_setting\s+= "DownloadAndInstall"/);

    const apply = step("apply", ["apply", "-input=false", "create.tfplan"]);
    expect(apply.stdout).toContain("Apply complete! Resources: 3 added, 0 changed, 0 destroyed.");
    expect(apply.stdout + apply.stderr).not.toMatch(/Check block assertion|profile not visible/);
    const out = JSON.parse(tfOk(["output", "-json"], dir, env).stdout);
    const profileId = out.profile_id.value;
    expect(profileId).toMatch(/^[0-9a-f]{24}$/);
    const inventory = JSON.parse(fs.readFileSync(offline.inventoryFile, "utf8"));
    expect(out.dev_project.value).toBe(inventory.projects.find((p: any) => p.name === "Dev").uid);

    // The simulated Palette now has the profile, with pack UIDs resolved from the inventory.
    const palette = JSON.parse(fs.readFileSync(offline.stateFile, "utf8"));
    const stored = palette.clusterProfiles.find((p: any) => p.uid === profileId);
    const proxy = inventory.packs.find((p: any) => p.name === "spectro-proxy" && p.registry === "Public Repo").versions.find((v: any) => v.version === "1.5.6");
    expect(stored.packs.map((p: any) => [p.name, p.uid])).toEqual([
      ["virtual-machine-orchestrator", expect.stringMatching(/^[0-9a-f]{24}$/)],
      ["spectro-proxy", proxy.uid],
      ["vmo-role-bindings", "spectro-manifest-pack"],
    ]);
    // ... and both clusters run it: their profile templates (what the add-on deployment read looks at).
    const attached = palette.clusters.flatMap((c: any) => c.templates.map((t: any) => `${c.uid}_${t.uid}`));
    expect(attached.sort()).toEqual([`6789abcdef0123456789abcd_${profileId}`, expect.stringMatching(new RegExp(`^[0-9a-f]{24}_${profileId}$`))].sort());

    step("plan, no changes", ["plan", "-input=false"]);
    expect(managedActions(dir, env)).toEqual({
      "spectrocloud_addon_deployment.edge1": ["no-op"],
      "spectrocloud_addon_deployment.edge2": ["no-op"],
      "spectrocloud_cluster_profile.vmo": ["no-op"],
    });

    // In-place update.
    writeJson(path.join(dir, "main.tf.json"), config({ description: "changed" }));
    const upd = step("plan, update", ["plan", "-input=false"]);
    expect(upd.stdout).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
    step("apply, update", ["apply", "-input=false", "-auto-approve"]);
    expect(JSON.parse(tfOk(["output", "-json"], dir, env).stdout).profile_id.value).toBe(profileId);

    // Version change without the preview flag: still in place (legacy PUT behaviour).
    writeJson(path.join(dir, "main.tf.json"), config({ description: "changed", version: "1.0.1" }));
    const ver = tfOk(["plan", "-input=false", "-no-color"], dir, env);
    expect(ver.stdout).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");

    // ForceNew attribute: replacement.
    writeJson(path.join(dir, "main.tf.json"), config({ description: "changed", type: "cluster" }));
    const rep = step("plan, replace", ["plan", "-input=false", "-no-color"]);
    expect(rep.stdout).toMatch(/# spectrocloud_cluster_profile.vmo must be replaced/);
    expect(rep.stdout).toMatch(/~ type\s+= "add-on" -> "cluster" # forces replacement/);
    expect(rep.stdout).toMatch(/Plan: 1 to add, \d+ to change, 1 to destroy\./);
    step("apply, replace", ["apply", "-input=false", "-auto-approve"]);
    expect(Object.values(managedActions(dir, env)).flat()).toEqual(["no-op", "no-op", "no-op"]);

    const destroy = step("destroy", ["destroy", "-input=false", "-auto-approve"]);
    expect(destroy.stdout).toContain("Destroy complete! Resources: 3 destroyed.");
    const after = JSON.parse(fs.readFileSync(offline.stateFile, "utf8"));
    expect(after.clusterProfiles).toEqual([]);
    expect(after.clusters.flatMap((c: any) => c.templates)).toEqual([]);

    // Terraform starts the plugin once per phase: schema, validate, plan, apply (and plan-destroy).
    expect(launches.validate).toBe(2);
    expect(launches.plan).toBe(3);
    expect(launches.apply).toBe(2);
    expect(launches.destroy).toBe(5);
    console.log("offline provider timings (ms):", JSON.stringify(timings), "\nplugin launches per command:", JSON.stringify(launches));
  });

  test("schema and constraint violations are reported by terraform validate", () => {
    const cfg = config({ type: "addon", withDeployments: false }) as any;
    cfg.resource.spectrocloud_cluster_profile.vmo.pack[2].manifest[0].uid = "set-by-hand";
    cfg.data.spectrocloud_cluster_profile = { neither: {} };
    cfg.data.spectrocloud_pack.both = { name: "spectro-proxy", id: "abc" };
    const { workDir, dir, env } = setup("invalid", cfg);
    cleanups.push(workDir);
    const r = terraform(["validate", "-no-color"], dir, env);
    expect(r.status).toBe(1);
    const text = r.stderr.replace(/\s+/g, " ");
    expect(text).toContain('expected type to be one of ["add-on" "cluster" "infra" "system"], got addon');
    expect(text).toContain('Computed attributes cannot be set, but a value was set for "pack.2.manifest.0.uid".');
    expect(text).toContain('"id": one of `id,name` must be specified');
    expect(text).toContain('"id": conflicts with name');
    // Diagnostics point at the offending line of the JSON file.
    expect(r.stderr).toMatch(/on main\.tf\.json line \d+, in resource\.spectrocloud_cluster_profile\.vmo\.pack\[2\]\.manifest\[0\]:/);
  });

  test("unknown pack version and unknown cluster fail the plan with the provider's wording", () => {
    const cfg = config({ vmoVersion: "9.9.9", withDeployments: false }) as any;
    cfg.data.spectrocloud_cluster.missing = { name: "no-such-cluster" };
    const { workDir, dir, env } = setup("lookups", cfg);
    cleanups.push(workDir);
    const r = terraform(["plan", "-input=false", "-no-color"], dir, env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Error: virtual-machine-orchestrator: no matching packs");
    expect(r.stderr).toContain("No packs matching criteria found");
    expect(r.stderr).toMatch(/Error: expected 1 cluster: got 0\s+with data\.spectrocloud_cluster\.missing/);
  });

  test("provider configuration: unknown project and missing API key", () => {
    const cfg = { ...(config({ withDeployments: false }) as any), provider: { spectrocloud: [{ project_name: "Staging" }] } };
    const a = setup("project", cfg);
    cleanups.push(a.workDir);
    const r = terraform(["plan", "-input=false", "-no-color"], a.dir, a.env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Error: project 'Staging' not found");

    const b = setup("apikey", config({ withDeployments: false }), { apiKey: null });
    cleanups.push(b.workDir);
    const s = terraform(["plan", "-input=false", "-no-color"], b.dir, b.env);
    expect(s.status).toBe(1);
    expect(s.stderr).toContain("Unable to create Spectro Cloud client");
  });

  test("import: cluster profiles by NAME:CONTEXT[:VERSION], add-on deployments not importable", () => {
    const cfg = {
      ...PROVIDER,
      provider: { spectrocloud: [{}] },
      resource: {
        spectrocloud_cluster_profile: {
          base: {
            name: "vmo-base",
            description: "pre-existing add-on profile",
            pack: [
              {
                name: "virtual-machine-orchestrator",
                tag: "4.10.7",
                type: "spectro",
                registry_uid: "5ee9c5adc172449eeb9c30cf",
                values: "pack:\n  namespace: vm-dashboard",
              },
            ],
          },
        },
        spectrocloud_addon_deployment: { a: { cluster_uid: "6789abcdef0123456789abcd", cluster_profile: [{ id: "x" }] } },
      },
    };
    const { workDir, dir, env } = setup("import", cfg);
    cleanups.push(workDir);
    const bad = terraform(["import", "-input=false", "-no-color", "spectrocloud_cluster_profile.base", "vmo-base:nowhere"], dir, env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('context must be project, tenant, or system, got "nowhere"');
    const missing = terraform(["import", "-input=false", "-no-color", "spectrocloud_cluster_profile.base", "vmo-base:project:2.0.0"], dir, env);
    expect(missing.stderr).toContain('cluster profile with name "vmo-base" and version "2.0.0" not found in context "project"');

    const ok = tfOk(["import", "-input=false", "-no-color", "spectrocloud_cluster_profile.base", "vmo-base:project:1.0.0"], dir, env);
    expect(ok.stdout).toContain("Import successful!");
    const shown = tfOk(["state", "show", "-no-color", "spectrocloud_cluster_profile.base"], dir, env).stdout;
    const inventory = JSON.parse(fs.readFileSync(testing.prepareOfflineTerraform({ workDir }).inventoryFile, "utf8"));
    expect(shown).toContain(`id           = "${inventory.clusterProfiles[0].uid}"`);
    expect(shown).toMatch(/name\s+= "vmo-base"/);

    const addon = terraform(["import", "-input=false", "-no-color", "spectrocloud_addon_deployment.a", "whatever"], dir, env);
    expect(addon.status).toBe(1);
    expect(addon.stderr).toContain("resource spectrocloud_addon_deployment doesn't support import");
  });

  test("immutable-clusterprofiles preview: version becomes ForceNew and needs skip_destroy", () => {
    const { workDir, dir, env, offline } = setup("immutable", config({ featurePreview: true, withDeployments: false }));
    cleanups.push(workDir);
    tfOk(["apply", "-input=false", "-auto-approve", "-no-color"], dir, env);

    writeJson(path.join(dir, "main.tf.json"), config({ featurePreview: true, withDeployments: false, version: "1.0.1" }));
    const noSkip = terraform(["plan", "-input=false", "-no-color"], dir, env);
    expect(noSkip.status).toBe(1);
    expect(noSkip.stderr).toContain('immutable-clusterprofiles: version changes on "vmo-offline" require skip_destroy = true');

    writeJson(path.join(dir, "main.tf.json"), config({ featurePreview: true, withDeployments: false, description: "edited" }));
    const edit = terraform(["plan", "-input=false", "-no-color"], dir, env);
    expect(edit.status).toBe(1);
    expect(edit.stderr.replace(/\s+/g, " ")).toContain(
      'Detected changes to field(s) [description] on "vmo-offline" (version "1.0.0") without a corresponding version bump',
    );

    // skip_destroy must already be in state before the bump, as the provider's docs describe.
    writeJson(path.join(dir, "main.tf.json"), config({ featurePreview: true, withDeployments: false, skipDestroy: true, createBeforeDestroy: true }));
    tfOk(["apply", "-input=false", "-auto-approve", "-no-color"], dir, env);
    writeJson(
      path.join(dir, "main.tf.json"),
      config({ featurePreview: true, withDeployments: false, skipDestroy: true, createBeforeDestroy: true, version: "1.0.1" }),
    );
    const bump = tfOk(["plan", "-input=false", "-no-color"], dir, env);
    expect(bump.stdout).toMatch(/must be replaced/);
    expect(bump.stdout).toMatch(/~ version\s+= "1.0.0" -> "1.0.1" # forces replacement/);
    tfOk(["apply", "-input=false", "-auto-approve", "-no-color"], dir, env);
    // Both versions stay in Palette: the old one because of skip_destroy.
    const versions = JSON.parse(fs.readFileSync(offline.stateFile, "utf8"))
      .clusterProfiles.map((p: any) => p.version)
      .sort();
    expect(versions).toEqual(["1.0.0", "1.0.1"]);

    // The env switch turns the same preview on without a provider-level flag.
    const viaEnv = setup("immutable-env", config({ withDeployments: false }), { featurePreview: ["immutable-clusterprofiles"] });
    cleanups.push(viaEnv.workDir);
    tfOk(["apply", "-input=false", "-auto-approve", "-no-color"], viaEnv.dir, viaEnv.env);
    writeJson(path.join(viaEnv.dir, "main.tf.json"), config({ withDeployments: false, version: "2.0.0" }));
    expect(terraform(["plan", "-input=false", "-no-color"], viaEnv.dir, viaEnv.env).stderr).toContain("require skip_destroy = true");
  });
});
