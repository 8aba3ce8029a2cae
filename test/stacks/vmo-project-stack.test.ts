import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { Testing } from "../../lib/cdktf";
import { DEFAULT_CONFIG } from "../../stacks/default-config";
import { VmoProjectConfig, VmoProjectStack } from "../../stacks/vmo-project-stack";

const root = path.resolve(__dirname, "..", "..");

function synthConfig(config: VmoProjectConfig): any {
  const stack = new VmoProjectStack(Testing.app(), "vmo-default", { config });
  return JSON.parse(Testing.synth(stack, true));
}

describe("VmoProjectStack with the embedded default", () => {
  const json = synthConfig(DEFAULT_CONFIG);
  const profile = Object.values<any>(json.resource.spectrocloud_cluster_profile)[0];

  test("one Proxied VMO profile with both packs and the bindings layer", () => {
    expect(profile).toMatchObject({ name: "vmo", type: "add-on", cloud: "all", context: "project", version: "1.0.0" });
    expect(profile.pack.map((p: any) => `${p.name}@${p.tag}`)).toEqual(["virtual-machine-orchestrator@4.10.7", "spectro-proxy@1.5.6", "vmo-role-bindings@1.0.0"]);
    const vmo = parse(profile.pack[0].values);
    expect(vmo.charts["virtual-machine-orchestrator"]["vmo-manager"].service.type).toBe("ClusterIP");
  });

  test("admin and viewer bindings", () => {
    const docs = parseAllDocuments(profile.pack[2].manifest[0].content).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind}/${d.metadata.namespace ?? ""}/${d.roleRef.name}/${d.subjects.map((s: any) => s.name).join(",")}`)).toEqual([
      "ClusterRoleBinding//spectro-vm-admin/vmo-admins",
      "RoleBinding/default/spectro-vm-viewer/vmo-viewers",
      "RoleBinding/virtual-machines/spectro-vm-viewer/vmo-viewers",
    ]);
  });

  test("two attachments, by name and by UID, both protected", () => {
    const deps = Object.values<any>(json.resource.spectrocloud_addon_deployment);
    expect(deps.map((d) => d.cluster_uid).sort()).toEqual(["${data.spectrocloud_cluster.Cluster-edge-cluster-1_Lookup_053DEA21.id}", "6789abcdef0123456789abcd"]);
    for (const d of deps) {
      expect(d.lifecycle).toEqual({ prevent_destroy: true });
      expect(d.cluster_profile).toEqual([{ id: expect.stringMatching(/^\$\{spectrocloud_cluster_profile\.Profile-vmo_\w+\.id\}$/) }]);
    }
  });

  test("provider without credentials, local state outside cdktf.out, profile id output", () => {
    expect(json.provider.spectrocloud).toEqual([{ project_name: "Default" }]);
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.vmo-default.tfstate" } });
    expect(json.output["profile-vmo-id"].value).toMatch(/^\$\{spectrocloud_cluster_profile\.Profile-vmo_\w+\.id\}$/);
  });

  test("snapshot", () => {
    expect(json).toMatchSnapshot();
  });

  test("a cluster named under two profiles is looked up once", () => {
    const json = synthConfig({ project: { name: "Default" }, profiles: [{ name: "a", accessMode: undefined, clusters: [{ name: "c" }] }, { name: "b", clusters: [{ name: "c" }] }] });
    expect(Object.keys(json.data.spectrocloud_cluster)).toHaveLength(1);
    expect(Object.keys(json.resource.spectrocloud_addon_deployment)).toHaveLength(2);
  });

  test("a cluster given by both name and UID is rejected", () => {
    expect(() => synthConfig({ project: { name: "Default" }, profiles: [{ name: "vmo", clusters: [{ name: "a", uid: "b" }] }] })).toThrow(
      'cluster "a": give either name or uid, not both.',
    );
  });
});

describe("npm run synth", () => {
  const out = (n: string) => path.join(root, ".tmp", `synth-${n}`);

  beforeAll(() => {
    for (const n of ["a", "b"]) fs.rmSync(out(n), { recursive: true, force: true });
  });

  test("writes cdk.tf.json, byte-identical across runs, with no secret from the environment", () => {
    const env = { ...process.env, SPECTROCLOUD_APIKEY: "sk-live-0123456789abcdef0123456789", CDKTF_OUTDIR_FINAL: out("a") };
    const stdout = execFileSync(process.execPath, ["scripts/synth.js"], { cwd: root, env, encoding: "utf8" });
    expect(stdout).toContain("synthesized .tmp/synth-a/stacks/vmo-default/cdk.tf.json");
    execFileSync(process.execPath, ["scripts/synth.js"], { cwd: root, env: { ...env, CDKTF_OUTDIR_FINAL: out("b") } });
    const a = fs.readFileSync(path.join(out("a"), "stacks/vmo-default/cdk.tf.json"));
    const b = fs.readFileSync(path.join(out("b"), "stacks/vmo-default/cdk.tf.json"));
    expect(a.equals(b)).toBe(true);
    expect(a.toString()).not.toContain("sk-live-0123456789abcdef0123456789");
    expect(a.toString()).not.toContain(root);
    expect(fs.readdirSync(path.dirname(out("a"))).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  test("an app that synthesizes nothing exits 1 and leaves the previous output alone", () => {
    const target = out("a");
    const before = fs.readFileSync(path.join(target, "stacks/vmo-default/cdk.tf.json"), "utf8");
    const noop = path.join(root, ".tmp", "noop-app.js");
    fs.writeFileSync(noop, "// synthesizes nothing\n");
    const res = spawnSync(process.execPath, ["scripts/synth.js"], { cwd: root, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR_FINAL: target, VMO_SYNTH_APP: noop } });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("the app synthesized no stacks");
    expect(fs.readFileSync(path.join(target, "stacks/vmo-default/cdk.tf.json"), "utf8")).toBe(before);
    expect(fs.readdirSync(path.dirname(target)).filter((f) => /synth-a\.(old|tmp)-/.test(f))).toEqual([]);
  });

  test("a failing app exits 1 with the message, no stack trace, and leaves the previous output alone", () => {
    const target = out("a");
    const before = fs.readFileSync(path.join(target, "stacks/vmo-default/cdk.tf.json"), "utf8");
    const res = spawnSync(process.execPath, ["scripts/synth.js"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, CDKTF_OUTDIR_FINAL: target, VMO_SYNTH_APP: path.join(root, "test/fixtures/failing-app.js") },
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('vmoVersion: "0.5.0" is below 1.0.0');
    expect(res.stderr).toContain("Nothing was written");
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(path.join(target, "stacks/vmo-default/cdk.tf.json"), "utf8")).toBe(before);
  });
});
