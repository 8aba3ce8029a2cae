import { parseAllDocuments } from "yaml";
import {
  KubernetesRole,
  SubjectKind,
  VMO_IAM,
  VMO_ROLE_FOR_BINDING_ROLE,
  VmRole,
  VmoAddonProfile,
  VmoClusterAttachment,
  VmoIamGap,
  VmoIamMappings,
  VmoIamRole,
  PaletteCluster,
  renderVmoIamRoles,
  vmoIamGrants,
} from "../lib";
import { resources, synth, synthError } from "./util";

const profileOf = (json: any, name = "vmo") => resources(json, "spectrocloud_cluster_profile").find((p: any) => p.name === name);
const docsOf = (yaml: string) => parseAllDocuments(yaml).map((d) => d.toJS());
const roleDoc = (yaml: string, role: VmoIamRole) => docsOf(yaml).find((d: any) => d.metadata.name === role);

const group = (name: string) => ({ kind: SubjectKind.GROUP, name });
const NS = ["default", "virtual-machines"];

describe("VMO_ROLE_FOR_BINDING_ROLE", () => {
  test("pairs every bindable role with one VMO role, the spectro-vm-* roles as VMO's fixed mapping", () => {
    expect(VMO_ROLE_FOR_BINDING_ROLE).toEqual({
      "spectro-vm-admin": "vmo-platform-admin",
      "spectro-vm-power-user": "vmo-editor",
      "spectro-vm-user": "vmo-operator",
      "spectro-vm-viewer": "vmo-viewer",
      "cluster-admin": "vmo-platform-admin",
      admin: "vmo-editor",
      edit: "vmo-editor",
      view: "vmo-viewer",
    });
  });
});

describe("vmoIamGrants", () => {
  test("groups and users map to the VMO role of their binding, without the API server's prefix", () => {
    const grants = vmoIamGrants(
      [
        { role: VmRole.ADMIN, subjects: [group("vmo-admins"), group("oidc:already-prefixed")] },
        { role: KubernetesRole.VIEW, subjects: [{ kind: SubjectKind.USER, name: "u:ann@example.com" }] },
      ],
      { groupPrefix: "oidc:", usernamePrefix: "u:", vmNamespaces: NS },
    );
    expect(grants.map((g) => [g.kind, g.iamName, g.vmoRole, g.gap])).toEqual([
      ["Group", "vmo-admins", "vmo-platform-admin", undefined],
      ["Group", "already-prefixed", "vmo-platform-admin", undefined],
      ["User", "ann@example.com", "vmo-viewer", undefined],
    ]);
  });

  test("service accounts get no VMO role; namespace-scoped bindings do, with their namespaces recorded", () => {
    const grants = vmoIamGrants(
      [
        { role: VmRole.USER, subjects: [{ kind: SubjectKind.SERVICE_ACCOUNT, name: "ci", namespace: "ci" }], namespaces: ["virtual-machines"] },
        { role: VmRole.POWER_USER, subjects: [group("devs")], allVmNamespaces: true },
      ],
      { vmNamespaces: NS },
    );
    expect(grants[0]).toMatchObject({ kind: "ServiceAccount", gap: VmoIamGap.SERVICE_ACCOUNT });
    expect(grants[0].vmoRole).toBeUndefined();
    expect(grants[1]).toMatchObject({ iamName: "devs", vmoRole: "vmo-editor", namespaces: NS });
  });

  test("with k8sNotFederated a namespace-scoped binding is left unmapped, a cluster-wide one is not", () => {
    const grants = vmoIamGrants(
      [
        { role: VmRole.USER, subjects: [group("ops")], namespaces: ["virtual-machines"] },
        { role: VmRole.VIEWER, subjects: [group("auditors")] },
      ],
      { vmNamespaces: NS, k8sNotFederated: true },
    );
    expect(grants.map((g) => [g.iamName, g.vmoRole, g.gap])).toEqual([
      ["ops", undefined, VmoIamGap.NAMESPACE_SCOPE_NOT_FEDERATED],
      ["auditors", "vmo-viewer", undefined],
    ]);
  });

  test("a seeded group keeps its VMO role even when mappings are off", () => {
    const grants = vmoIamGrants([{ role: VmRole.ADMIN, subjects: [group("cluster-admins"), group("vmo-admins")] }], { vmNamespaces: NS, enabled: false });
    expect(grants.map((g) => [g.iamName, g.vmoRole, g.gap, g.seeded])).toEqual([
      ["cluster-admins", "vmo-platform-admin", undefined, true],
      ["vmo-admins", undefined, VmoIamGap.MAPPINGS_OFF, false],
    ]);
  });

  test("skips what the role-bindings renderer rejects (reported there once)", () => {
    expect(
      vmoIamGrants(
        [
          { role: "nope" as VmRole, subjects: [group("a")] },
          { role: VmRole.ADMIN, subjects: [] },
          { role: VmRole.ADMIN, subjects: [group("")] },
        ],
        { vmNamespaces: NS },
      ),
    ).toEqual([]);
  });
});

describe("renderVmoIamRoles", () => {
  test("renders all four VmoRoles, each keeping its seeded group first, the rest sorted and unique", () => {
    const yaml = renderVmoIamRoles(
      vmoIamGrants(
        [
          { role: VmRole.ADMIN, subjects: [group("zeta"), group("alpha"), group("zeta")] },
          { role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.USER, name: "bob@example.com" }] },
        ],
        { vmNamespaces: NS },
      ),
    );
    const docs = docsOf(yaml);
    expect(docs.map((d: any) => `${d.apiVersion} ${d.kind} ${d.metadata.namespace}/${d.metadata.name}`)).toEqual([
      "virtualization.spectrocloud.com/v1beta1 VmoRole vm-dashboard/vmo-platform-admin",
      "virtualization.spectrocloud.com/v1beta1 VmoRole vm-dashboard/vmo-editor",
      "virtualization.spectrocloud.com/v1beta1 VmoRole vm-dashboard/vmo-operator",
      "virtualization.spectrocloud.com/v1beta1 VmoRole vm-dashboard/vmo-viewer",
    ]);
    expect(docs[0].spec).toEqual({ groupMappings: ["cluster-admins", "alpha", "zeta"], userMappings: ["bob@example.com"] });
    expect(docs[1].spec).toEqual({ groupMappings: ["vmo-editors"], userMappings: [] });
    expect(docs[3].spec).toEqual({ groupMappings: ["cluster-viewers"], userMappings: [] });
  });

  test("the same grants in another order render the same bytes", () => {
    const a = vmoIamGrants([{ role: VmRole.VIEWER, subjects: [group("b"), group("a")] }], { vmNamespaces: NS });
    const b = vmoIamGrants([{ role: VmRole.VIEWER, subjects: [group("a"), group("b")] }], { vmNamespaces: NS });
    expect(renderVmoIamRoles(a)).toBe(renderVmoIamRoles(b));
  });
});

describe("VmoIamMappings in VmoAddonProfile (one declaration, two manifests)", () => {
  const bindings = {
    groupPrefix: "oidc:",
    bindings: [
      { role: VmRole.ADMIN, subjects: [group("vmo-admins")] },
      { role: VmRole.POWER_USER, subjects: [group("vmo-developers")], allVmNamespaces: true },
    ],
  };

  test("4.10+: the manifest layer carries the VmoRoles after the VMO pack; RoleBindings prefixed, mappings not", () => {
    const profile = profileOf(synth((s) => new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: bindings })));
    expect(profile.pack.map((p: any) => p.name)).toEqual(["virtual-machine-orchestrator", "spectro-proxy", "vmo-manifests"]);
    const layer = profile.pack[2];
    expect(layer).toMatchObject({ type: "manifest", tag: "1.0.0", values: 'pack:\n  spectrocloud.com/install-priority: "100"\n' });
    expect(layer.manifest.map((m: any) => m.name)).toEqual(["vm-role-bindings", "vmo-iam-roles"]);
    const iam = layer.manifest[1].content;
    expect(roleDoc(iam, VmoIamRole.PLATFORM_ADMIN).spec.groupMappings).toEqual(["cluster-admins", "vmo-admins"]);
    expect(roleDoc(iam, VmoIamRole.EDITOR).spec.groupMappings).toEqual(["vmo-editors", "vmo-developers"]);
    const rb = docsOf(layer.manifest[0].content);
    expect(rb.flatMap((d: any) => d.subjects.map((s: any) => s.name))).toEqual(["oidc:vmo-admins", "oidc:vmo-developers"]); // allVmNamespaces: only "default" on 4.10+
  });

  test("the layer installs 10 after the VMO pack's own priority, whatever the values make it", () => {
    const profile = profileOf(
      synth((s) => new VmoAddonProfile(s, "P", { name: "vmo", values: { pack: { "spectrocloud.com/install-priority": "150" } }, roleBindings: bindings })),
    );
    expect(profile.pack.find((p: any) => p.name === "vmo-manifests").values).toContain('spectrocloud.com/install-priority: "160"');
  });

  test("a non-integer VMO priority is an error naming the layer", () => {
    const msg = synthError(
      (s) => new VmoAddonProfile(s, "P", { name: "vmo", values: { pack: { "spectrocloud.com/install-priority": "soon" } }, roleBindings: bindings }),
    );
    expect(msg).toContain("is not an integer, so the VMO IAM mappings cannot be ordered after it");
  });

  test("legacy VMO (4.9.x) has no VMO IAM: the bindings alone, still after the VMO pack (10)", () => {
    const profile = profileOf(synth((s) => new VmoAddonProfile(s, "P", { name: "vmo", vmoVersion: "4.9.9", roleBindings: bindings })));
    const layer = profile.pack.find((p: any) => p.name === "vmo-manifests");
    expect(layer.manifest.map((m: any) => m.name)).toEqual(["vm-role-bindings"]);
    expect(layer.values).toBe('pack:\n  spectrocloud.com/install-priority: "20"\n');
  });

  test("vmoIamMappings: false leaves the VmoRoles out", () => {
    let made: VmoAddonProfile | undefined;
    const profile = profileOf(synth((s) => (made = new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: { ...bindings, vmoIamMappings: false } }))));
    expect(profile.pack.find((p: any) => p.name === "vmo-manifests").manifest.map((m: any) => m.name)).toEqual(["vm-role-bindings"]);
    expect(made!.vmoIamMappings).toBeUndefined();
  });

  test("no role bindings, no mappings", () => {
    let made: VmoAddonProfile | undefined;
    const profile = profileOf(synth((s) => (made = new VmoAddonProfile(s, "P", { name: "vmo" }))));
    expect(profile.pack.map((p: any) => p.name)).toEqual(["virtual-machine-orchestrator", "spectro-proxy"]);
    expect(made!.vmoIamMappings).toBeUndefined();
  });

  test("a cluster's own bindings reach its copy's IAM manifest too, and not the shared profile's", () => {
    const json = synth((s) => {
      const p = new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: bindings });
      const c = PaletteCluster.fromClusterUid(s, "C", "64f1c2a9b7e3d80012a4c5e6");
      new VmoClusterAttachment(s, "A", {
        profile: p,
        cluster: c,
        roleBindings: [{ role: VmRole.USER, subjects: [group("dc1-operators")], namespaces: ["virtual-machines"] }],
      });
    });
    const shared = profileOf(json);
    const copy = resources(json, "spectrocloud_cluster_profile").find((p: any) => p.name !== "vmo");
    const iamOf = (p: any) => p.pack.find((x: any) => x.name === "vmo-manifests").manifest.find((m: any) => m.name === "vmo-iam-roles").content;
    expect(roleDoc(iamOf(shared), VmoIamRole.OPERATOR).spec.groupMappings).toEqual(["vmo-operators"]);
    expect(roleDoc(iamOf(copy), VmoIamRole.OPERATOR).spec.groupMappings).toEqual(["vmo-operators", "dc1-operators"]);
    expect(copy.pack.find((x: any) => x.name === "vmo-manifests").values).toContain('spectrocloud.com/install-priority: "100"');
  });

  test("is branded and exposes the grants it rendered", () => {
    let made: VmoAddonProfile | undefined;
    synth((s) => (made = new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: bindings })));
    expect(VmoIamMappings.isVmoIamMappings(made!.vmoIamMappings)).toBe(true);
    expect(made!.manifestLayer!.installPriority).toBe(100);
    expect(made!.vmoIamMappings!.grants().map((g) => g.iamName)).toEqual(["vmo-admins", "vmo-developers"]);
    expect(VMO_IAM.seededGroups[VmoIamRole.VIEWER]).toBe("cluster-viewers");
  });
});

describe("docs/VMO-IAM.md", () => {
  test("its role table is VMO_ROLE_FOR_BINDING_ROLE, row for row", () => {
    const text = require("node:fs").readFileSync(require("node:path").join(__dirname, "..", "docs", "VMO-IAM.md"), "utf8") as string;
    const rows = text
      .split("\n")
      .map((l) => /^\| `([a-z-]+)` +\| [A-Za-z ]+ \(`(vmo-[a-z-]+)`\) +\|/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(rows)).toEqual(VMO_ROLE_FOR_BINDING_ROLE);
    expect(rows).toHaveLength(Object.keys(VMO_ROLE_FOR_BINDING_ROLE).length);
  });
});
