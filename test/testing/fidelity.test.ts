// The provider's quirks, reproduced by the offline provider on raw Terraform JSON (not our constructs), each
// test named in docs/FIDELITY.md beside the v0.29.9 source it ports. Real terraform; scratch dirs in os.tmpdir().
import * as fs from "node:fs";
import * as path from "node:path";
import { loadTesting, scratch, terraform, terraformAvailable, tfOk, writeJson } from "./helpers";

const run = terraformAvailable() ? describe : describe.skip;
const testing = loadTesting();
const cacheDir = scratch("fidelity-cache");
const cleanups: string[] = [cacheDir];
afterAll(() => {
  for (const d of cleanups) fs.rmSync(d, { recursive: true, force: true });
});

const CLUSTER = "6789abcdef0123456789abcd"; // edge-cluster-2 in the inventory
const VMO_UID = "d664ff71249170908a640ea7"; // virtual-machine-orchestrator 4.10.7
const VMO_VALUES = "charts:\n  virtual-machine-orchestrator:\n    priority: 90";
const BINDINGS = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: vmo";

interface Shape {
  version?: string;
  vmoValues?: string;
  manifestLayer?: boolean;
  /** A second spectro pack (spectro-proxy 1.5.6) in the profile. */
  proxy?: boolean;
  bindings?: string;
  /** cluster_profile element of the attachment, beyond `id`. */
  attach?: Record<string, unknown>;
  applySetting?: string;
  variables?: Record<string, unknown>[];
}

function config(s: Shape = {}): unknown {
  const pack: Record<string, unknown>[] = [{ name: "virtual-machine-orchestrator", tag: "4.10.7", uid: VMO_UID, values: s.vmoValues ?? VMO_VALUES }];
  if (s.proxy) pack.push({ name: "spectro-proxy", tag: "1.5.6", uid: "dae59c38f395af152e2ae2b4" });
  if (s.manifestLayer)
    pack.push({ name: "vmo-role-bindings", type: "manifest", tag: "1.0.0", manifest: [{ name: "bindings", content: s.bindings ?? BINDINGS }] });
  return {
    terraform: { required_providers: { spectrocloud: { source: "spectrocloud/spectrocloud", version: "0.29.9" } } },
    provider: { spectrocloud: [{ project_name: "Default" }] },
    resource: {
      spectrocloud_cluster_profile: {
        vmo: {
          name: "vmo-raw",
          type: "add-on",
          version: s.version ?? "1.0.0",
          pack,
          ...(s.variables ? { profile_variables: [{ variable: s.variables }] } : {}),
        },
      },
      spectrocloud_addon_deployment: {
        edge: {
          cluster_uid: CLUSTER,
          ...(s.applySetting ? { apply_setting: s.applySetting } : {}),
          cluster_profile: [{ id: "${spectrocloud_cluster_profile.vmo.id}", ...(s.attach ?? {}) }],
        },
      },
    },
  };
}

/** A run directory with the offline provider; `plan()` is the exit code of `plan -detailed-exitcode` (0 clean, 2 changes). */
function workspace(name: string, cfg: unknown, extra: Partial<Parameters<typeof testing.prepareOfflineTerraform>[0]> = {}) {
  const workDir = scratch(`fid-${name}`);
  cleanups.push(workDir);
  const dir = path.join(workDir, "cfg");
  writeJson(path.join(dir, "main.tf.json"), cfg);
  const offline = testing.prepareOfflineTerraform({ workDir, cacheDir, ...extra });
  const env = offline.env;
  tfOk(["init", "-input=false", "-no-color"], dir, env);
  const palette = () => {
    process.env.PALETTE_OFFLINE_STATE = offline.stateFile;
    return testing.describePalette();
  };
  return {
    dir,
    env,
    offline,
    write: (c: unknown) => writeJson(path.join(dir, "main.tf.json"), c),
    apply: (...args: string[]) => tfOk(["apply", "-input=false", "-auto-approve", "-no-color", ...args], dir, env),
    plan: () => terraform(["plan", "-input=false", "-no-color", "-detailed-exitcode"], dir, env),
    actions: (): Record<string, string[]> => {
      tfOk(["plan", "-input=false", "-no-color", "-out=x.tfplan"], dir, env, undefined);
      const p = JSON.parse(tfOk(["show", "-json", "x.tfplan"], dir, env).stdout);
      return Object.fromEntries(p.resource_changes.map((r: any) => [r.address, r.change.actions]));
    },
    state: (address: string) =>
      JSON.parse(tfOk(["show", "-json"], dir, env).stdout).values.root_module.resources.find((r: any) => r.address === address).values,
    palette,
  };
}

const OVERRIDE = { name: "virtual-machine-orchestrator", tag: "4.10.7", uid: VMO_UID, values: "charts:\n  virtual-machine-orchestrator:\n    priority: 91" };

run("the provider's refresh and update semantics on raw Terraform JSON", () => {
  test("pack override without a manifest layer diffs on every re-plan", () => {
    // Two spectro packs, one overridden: refresh writes both into the set element.
    const w = workspace("override", config({ proxy: true, attach: { pack: [OVERRIDE] } }));
    w.apply();
    for (let i = 0; i < 2; i++) {
      expect(w.actions()["spectrocloud_addon_deployment.edge"]).toEqual(["update"]);
      w.apply();
    }
    // The cluster got the override; refresh wrote the pack back as Palette returns it (no registry fields).
    const pack = w.state("spectrocloud_addon_deployment.edge").cluster_profile[0].pack;
    expect(pack).toEqual([
      expect.objectContaining({
        name: "virtual-machine-orchestrator",
        uid: VMO_UID,
        tag: "4.10.7",
        type: "spectro",
        values: OVERRIDE.values,
        registry_uid: null,
      }),
      expect.objectContaining({ name: "spectro-proxy", uid: "dae59c38f395af152e2ae2b4", tag: "1.5.6", type: "spectro", registry_uid: null }),
    ]);
    expect(w.palette().clusters.find((c) => c.uid === CLUSTER)?.runs).toEqual([{ profile: "vmo-raw", version: "1.0.0", variables: {} }]);
  });

  test("pack override with a manifest layer, manifest fetch 404: every pack comes back, without manifest, and diffs on every re-plan", () => {
    const w = workspace("manifest-404", config({ manifestLayer: true, attach: { pack: [OVERRIDE] } }));
    w.apply();
    const pack = w.state("spectrocloud_addon_deployment.edge").cluster_profile[0].pack;
    expect(pack.map((p: any) => [p.name, p.type, p.manifest])).toEqual([
      ["virtual-machine-orchestrator", "spectro", []],
      ["vmo-role-bindings", "manifest", []],
    ]);
    expect(w.plan().status).toBe(2);
    w.apply();
    expect(w.plan().status).toBe(2);
  });

  test("pack override with a manifest layer, manifest fetch error: the read leaves state (variables included) as it was", () => {
    const variables = [{ name: "site", display_name: "Site", default_value: "lab" }];
    const w = workspace("manifest-error", config({ manifestLayer: true, variables, attach: { pack: [OVERRIDE] } }), { manifestFetch: "error" });
    w.apply();
    // State is the planned config: one pack, no variables, although Palette holds two packs and site=lab.
    const cp = w.state("spectrocloud_addon_deployment.edge").cluster_profile[0];
    expect(cp.pack.map((p: any) => p.name)).toEqual(["virtual-machine-orchestrator"]);
    expect(cp.variables).toBeNull();
    expect(w.plan().status).toBe(0);
    // The same config under the 404 outcome: the variable and both packs reach state, and the plan diffs.
    const other = workspace("manifest-error-404", config({ manifestLayer: true, variables, attach: { pack: [OVERRIDE] } }));
    other.apply();
    expect(other.state("spectrocloud_addon_deployment.edge").cluster_profile[0].variables).toEqual({ site: "lab" });
    expect(other.plan().status).toBe(2);
  });

  test("override values: a trailing newline diffs forever, the same values without it are clean", () => {
    // An override listing every pack exactly as Palette returns it: only the whitespace differs.
    const exact = { ...OVERRIDE, type: "spectro" };
    const clean = workspace("trim-clean", config({ attach: { pack: [exact] } }));
    clean.apply();
    expect(clean.plan().status).toBe(0);
    const newline = workspace("trim-newline", config({ attach: { pack: [{ ...exact, values: `${exact.values}\n` }] } }));
    newline.apply();
    expect(newline.plan().status).toBe(2);
    newline.apply();
    expect(newline.plan().status).toBe(2);
  });

  test("registry_uid on an override is never written back and diffs forever", () => {
    const w = workspace("registry", config({ attach: { pack: [{ ...OVERRIDE, type: "spectro", registry_uid: "5ee9c5adc172449eeb9c30cf" }] } }));
    w.apply();
    expect(w.state("spectrocloud_addon_deployment.edge").cluster_profile[0].pack[0].registry_uid).toBeNull();
    expect(w.plan().status).toBe(2);
  });

  test("variables: every non-empty cluster variable goes into state; sensitive ones keep the prior value", () => {
    const variables = [
      { name: "site", display_name: "Site", default_value: "lab" },
      { name: "token", display_name: "Token", is_sensitive: true },
    ];
    const unset = workspace("vars-unset", config({ variables }));
    unset.apply();
    // The default reaches state although config sets no variables: a diff on every plan.
    expect(unset.state("spectrocloud_addon_deployment.edge").cluster_profile[0].variables).toEqual({ site: "lab" });
    expect(unset.plan().status).toBe(2);
    const all = workspace("vars-all", config({ variables, attach: { variables: { site: "dc1", token: "s3cret" } } }));
    all.apply();
    expect(all.state("spectrocloud_addon_deployment.edge").cluster_profile[0].variables).toEqual({ site: "dc1", token: "s3cret" });
    expect(all.plan().status).toBe(0);
  });

  test("profile bump under an unchanged attachment: apply 1 updates the profile only, plan 2 creates the attachment, apply 2 adopts it", () => {
    const w = workspace("bump", config());
    w.apply();
    w.write(config({ version: "1.1.0", vmoValues: `${VMO_VALUES}\n    replicas: 2` }));
    expect(w.actions()).toEqual({ "spectrocloud_addon_deployment.edge": ["no-op"], "spectrocloud_cluster_profile.vmo": ["update"] });
    w.apply();
    expect(w.palette().pending).toEqual([expect.objectContaining({ clusterUid: CLUSTER, profile: "vmo-raw", from: "1.0.0", to: "1.1.0" })]);
    // Refresh finds no template of vmo-raw at 1.1.0 on the cluster and clears the id.
    expect(w.actions()).toEqual({ "spectrocloud_addon_deployment.edge": ["create"], "spectrocloud_cluster_profile.vmo": ["no-op"] });
    w.apply();
    // Create found the profile UID attached and went through the update, which resolves the pending update.
    const view = w.palette();
    expect(view.pending).toEqual([]);
    expect(view.clusters.find((c) => c.uid === CLUSTER)?.runs).toEqual([{ profile: "vmo-raw", version: "1.1.0", variables: {} }]);
    expect(w.plan().status).toBe(0);
  });

  test("update sends nothing unless cluster_uid or cluster_profile changed", () => {
    const w = workspace("no-op-update", config());
    w.apply();
    w.write(config({ version: "1.1.0", applySetting: "DownloadAndInstallLater" }));
    expect(w.actions()).toEqual({ "spectrocloud_addon_deployment.edge": ["update"], "spectrocloud_cluster_profile.vmo": ["update"] });
    w.apply();
    // The attachment's update ran (apply_setting changed) but sent no PATCH: the cluster still waits on 1.0.0.
    expect(w.palette().pending).toEqual([expect.objectContaining({ from: "1.0.0", to: "1.1.0" })]);
  });

  test("an attachment switched to a profile of another name gets it beside the old one", () => {
    const two = (attach: string) => {
      const c = config() as any;
      c.resource.spectrocloud_cluster_profile.other = { ...c.resource.spectrocloud_cluster_profile.vmo, name: "vmo-raw-copy" };
      c.resource.spectrocloud_addon_deployment.edge.cluster_profile[0].id = `\${spectrocloud_cluster_profile.${attach}.id}`;
      return c;
    };
    const w = workspace("switch", two("vmo"));
    w.apply();
    w.write(two("other"));
    expect(w.actions()["spectrocloud_addon_deployment.edge"]).toEqual(["update"]);
    w.apply();
    expect(
      w
        .palette()
        .clusters.find((c) => c.uid === CLUSTER)
        ?.runs.map((r) => r.profile),
    ).toEqual(["vmo-raw", "vmo-raw-copy"]);
    expect(w.plan().status).toBe(0);
  });

  test("a pending update applied by hand leaves the next plan empty", () => {
    const w = workspace("by-hand", config());
    w.apply();
    w.write(config({ version: "1.1.0" }));
    w.apply();
    process.env.PALETTE_OFFLINE_STATE = w.offline.stateFile;
    expect(testing.applyPendingUpdate("edge-cluster-2")).toEqual([expect.objectContaining({ clusterUid: CLUSTER, from: "1.0.0", to: "1.1.0" })]);
    expect(w.palette().pending).toEqual([]);
    expect(w.plan().status).toBe(0);
  });

  test("whitespace-only changes to profile pack values and manifest content plan nothing", () => {
    const w = workspace("whitespace", config({ manifestLayer: true }));
    w.apply();
    w.write(config({ manifestLayer: true, vmoValues: `\n${VMO_VALUES}\n\n`, bindings: `${BINDINGS}\n` }));
    expect(w.plan().status).toBe(0);
    w.write(config({ manifestLayer: true, vmoValues: `${VMO_VALUES}\n    replicas: 2` }));
    expect(w.plan().status).toBe(2);
  });

  test("an out-of-range integer fails offline terraform validate", () => {
    const w = workspace("int-range", {
      terraform: { required_providers: { spectrocloud: { source: "spectrocloud/spectrocloud", version: "0.29.9" } } },
      provider: { spectrocloud: [{}] },
      resource: { spectrocloud_developer_setting: { d: { cpu: 2, memory: 16, storage: 20, virtual_clusters_limit: 2 } } },
    });
    const r = terraform(["validate", "-no-color"], w.dir, w.env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("expected cpu to be in the range (4 - 1000), got 2");
  });
});
