// The simulated Palette installs a profile's layers in install-priority order and fails a manifest layer whose
// custom resources arrive before their CRDs, as the real cluster does; the VMO IAM layer lands after VMO.
import * as fs from "node:fs";
import * as path from "node:path";
import { PaletteCluster, SubjectKind, VmRole, VmoAddonProfile, VmoClusterAttachment, renderVmoIamRoles, vmoIamGrants } from "../../lib";
import { Testing } from "../../lib/cdktf";
import { installOrderFailures, layerPriority } from "../../lib/testing/install-order";
import type { ProfilePack } from "../../lib/testing/inventory";
import { newStack } from "../util";
import { loadTesting, scratch, terraform, terraformAvailable, tfOk, writeJson } from "./helpers";

const IAM = renderVmoIamRoles(vmoIamGrants([{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "vmo-admins" }] }], { vmNamespaces: [] }));
const pack = (name: string, type: string, values: string | null, manifest: { name: string; content: string }[] = []): ProfilePack => ({
  name,
  tag: "1.0.0",
  type,
  uid: "",
  registry_uid: null,
  values,
  manifest: manifest.map((m) => ({ ...m, uid: "" })),
});
const VMO = pack("virtual-machine-orchestrator", "spectro", 'pack:\n  spectrocloud.com/install-priority: "90"\n');
const bindingsLayer = (priority?: string) =>
  pack("vmo-role-bindings", "manifest", priority === undefined ? null : `pack:\n  spectrocloud.com/install-priority: "${priority}"\n`, [
    { name: "vmo-iam-roles", content: IAM },
  ]);

describe("installOrderFailures", () => {
  test("a custom resource after its CRD pack (higher priority) applies", () => {
    expect(installOrderFailures([VMO, bindingsLayer("100")], new Set())).toEqual([]);
  });

  test("a custom resource at the default priority 0, before VMO at 90, fails like kubectl apply", () => {
    expect(installOrderFailures([VMO, bindingsLayer()], new Set())).toEqual([
      {
        pack: "vmo-role-bindings",
        message:
          'layer vmo-role-bindings, manifest vmo-iam-roles: resource mapping not found for name: "vmo-platform-admin" namespace: "vm-dashboard": no matches for kind "VmoRole" in version "virtualization.spectrocloud.com/v1beta1"; ensure CRDs are installed first (its CRD comes with pack virtual-machine-orchestrator at install priority 90, and layer vmo-role-bindings installs at 0)',
      },
    ]);
  });

  test("the same priority as the CRD pack fails too: Palette deploys a tier together", () => {
    expect(installOrderFailures([VMO, bindingsLayer("90")], new Set())).toHaveLength(1);
  });

  test("VM templates (spectrocloud.com) and golden images (cdi.kubevirt.io) need the VMO pack's CRDs too", () => {
    const catalog = pack("vmo-manifests", "manifest", null, [
      { name: "vm-template-ubuntu", content: "apiVersion: spectrocloud.com/v1\nkind: VmTemplate\nmetadata:\n  name: ubuntu\n" },
      { name: "golden-image-ubuntu", content: "apiVersion: cdi.kubevirt.io/v1beta1\nkind: DataVolume\nmetadata:\n  name: ubuntu\n" },
    ]);
    expect(installOrderFailures([VMO, catalog], new Set())[0].message).toContain('no matches for kind "VmTemplate" in version "spectrocloud.com/v1"');
    const dvOnly = pack("vmo-manifests", "manifest", null, [catalog.manifest[1]]);
    expect(installOrderFailures([VMO, dvOnly], new Set())[0].message).toContain('no matches for kind "DataVolume"');
    const later = pack("vmo-manifests", "manifest", 'pack:\n  spectrocloud.com/install-priority: "100"\n', catalog.manifest);
    expect(installOrderFailures([VMO, later], new Set())).toEqual([]);
  });

  test("a CRD pack already on the cluster through another profile counts as installed", () => {
    expect(installOrderFailures([bindingsLayer()], new Set(["virtual-machine-orchestrator"]))).toEqual([]);
    expect(installOrderFailures([bindingsLayer()], new Set())[0].message).toContain(
      "its CRD comes with pack virtual-machine-orchestrator, which is not on the cluster",
    );
  });

  test("built-in kinds (RoleBindings, Namespaces) and unknown API groups are not judged", () => {
    const rb = pack("vmo-role-bindings", "manifest", null, [
      {
        name: "b",
        content:
          "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: y\n",
      },
      { name: "c", content: "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n" },
    ]);
    expect(installOrderFailures([rb, VMO], new Set())).toEqual([]);
  });

  test("layerPriority reads strings and numbers, and defaults to 0", () => {
    expect(layerPriority(VMO)).toBe(90);
    expect(layerPriority(pack("a", "manifest", "pack:\n  spectrocloud.com/install-priority: -5\n"))).toBe(-5);
    expect(layerPriority(pack("a", "manifest", null))).toBe(0);
  });
});

const run = terraformAvailable() ? describe : describe.skip;
const testing = loadTesting();
const cacheDir = scratch("install-order-cache");
const cleanups: string[] = [cacheDir];
afterAll(() => {
  for (const d of cleanups) fs.rmSync(d, { recursive: true, force: true });
});

const CLUSTER = "6789abcdef0123456789abcd"; // edge-cluster-2 in the inventory

/** Our constructs' stack JSON: a 4.10 VMO profile with bindings, attached to edge-cluster-2. */
function stackJson(misorder: boolean): unknown {
  const stack = newStack("io");
  const profile = new VmoAddonProfile(stack, "P", {
    name: misorder ? "vmo-misordered" : "vmo-ordered",
    verifyInPalette: false,
    roleBindings: { groupPrefix: "oidc:", bindings: [{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "vmo-admins" }] }] },
  });
  // A mis-ordered manifest layer: the VMO pack's own priority, so Palette deploys it together with VMO.
  if (misorder) profile.manifestLayer!.addValues({ pack: { "spectrocloud.com/install-priority": "90" } });
  new VmoClusterAttachment(stack, "A", { profile, cluster: PaletteCluster.fromClusterUid(stack, "C", CLUSTER), preventDestroy: false });
  return JSON.parse(Testing.synth(stack));
}

function workspace(name: string, cfg: unknown) {
  const workDir = scratch(`io-${name}`);
  cleanups.push(workDir);
  const dir = path.join(workDir, "cfg");
  writeJson(path.join(dir, "main.tf.json"), cfg);
  const offline = testing.prepareOfflineTerraform({ workDir, cacheDir });
  tfOk(["init", "-input=false", "-no-color"], dir, offline.env);
  return {
    apply: () => terraform(["apply", "-input=false", "-auto-approve", "-no-color"], dir, offline.env),
    plan: () => terraform(["plan", "-input=false", "-no-color", "-detailed-exitcode"], dir, offline.env),
    stateList: () => tfOk(["state", "list"], dir, offline.env).stdout,
    showJson: () => JSON.parse(tfOk(["show", "-json"], dir, offline.env).stdout),
    palette: () => {
      process.env.PALETTE_OFFLINE_STATE = offline.stateFile;
      return testing.describePalette();
    },
  };
}

run("install order in the simulated Palette", () => {
  test("the VMO IAM mappings land after the VMO pack's CRDs: apply succeeds and the re-plan is clean", () => {
    const w = workspace("ordered", stackJson(false));
    const r = w.apply();
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const replan = w.plan();
    expect(replan.stdout).toContain("No changes.");
    expect(replan.status).toBe(0);
    expect(
      w
        .palette()
        .clusters.find((c) => c.uid === CLUSTER)
        ?.runs.map((x) => x.profile),
    ).toEqual(["vmo-ordered"]);
  });

  test("the manifest layer carrying VMO IAM at the VMO pack's priority fails the apply with the missing CRD, and the attachment is tainted", () => {
    const w = workspace("misordered", stackJson(true));
    const r = w.apply();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no matches for kind "VmoRole" in version "virtualization.spectrocloud.com/v1beta1"; ensure CRDs are installed first');
    expect(r.stderr).toContain("layer vmo-manifests installs at 90");
    // The provider set the id before its wait failed: Terraform keeps the attachment, tainted.
    const attachment = w.showJson().values.root_module.resources.find((x: any) => x.type === "spectrocloud_addon_deployment");
    expect(attachment.tainted).toBe(true);
  });
});
