import { parseAllDocuments } from "yaml";
import { KubernetesRole, SubjectKind, VmRole, VmoAddonProfile, renderRoleBindings, roleBindingName, roleBindingNameProblem } from "../lib";
import { resources, synth, synthError } from "./util";

const docs = (yaml: string) => parseAllDocuments(yaml).map((d) => d.toJS());
const VM_NS = ["default", "virtual-machines"];

const LABEL_RULE =
  "Kubernetes: \"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\" and \"must be no more than 63 characters\"";
const SUBDOMAIN_RULE =
  "Kubernetes: \"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\" and \"must be no more than 253 characters\"";

describe("renderRoleBindings", () => {
  test("cluster-wide bindings become ClusterRoleBindings to the ClusterRole", () => {
    const { yaml, errors } = renderRoleBindings([{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "vmo-admins" }] }], { vmNamespaces: VM_NS });
    expect(errors).toEqual([]);
    expect(docs(yaml)).toEqual([
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRoleBinding",
        metadata: { name: "vmo-spectro-vm-admin", labels: { "app.kubernetes.io/managed-by": "palette-vmo-cdktf" } },
        subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "vmo-admins" }],
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "spectro-vm-admin" },
      },
    ]);
  });

  test("namespaced bindings become one RoleBinding per namespace; allVmNamespaces uses the pack's VM namespaces", () => {
    const { yaml } = renderRoleBindings(
      [
        { role: VmRole.USER, subjects: [{ kind: SubjectKind.USER, name: "u@example.com" }], namespaces: ["team-a"] },
        { role: VmRole.VIEWER, subjects: [{ kind: SubjectKind.GROUP, name: "viewers" }], allVmNamespaces: true },
      ],
      { vmNamespaces: VM_NS },
    );
    expect(docs(yaml).map((d) => `${d.kind} ${d.metadata.namespace ?? "-"} ${d.roleRef.name}`)).toEqual([
      "RoleBinding default spectro-vm-viewer",
      "RoleBinding team-a spectro-vm-user",
      "RoleBinding virtual-machines spectro-vm-viewer",
    ]);
  });

  test("OIDC prefixes apply to groups and users, not to service accounts, and are not doubled", () => {
    const { yaml } = renderRoleBindings(
      [
        {
          role: VmRole.POWER_USER,
          subjects: [
            { kind: SubjectKind.GROUP, name: "ops" },
            { kind: SubjectKind.GROUP, name: "oidc:already" },
            { kind: SubjectKind.USER, name: "me@example.com" },
            { kind: SubjectKind.SERVICE_ACCOUNT, name: "virtual-machine-orchestrator", namespace: "vm-dashboard" },
          ],
        },
      ],
      { vmNamespaces: VM_NS, groupPrefix: "oidc:", usernamePrefix: "u:" },
    );
    expect(docs(yaml)[0].subjects).toEqual([
      { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "oidc:already" },
      { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "oidc:ops" },
      { kind: "ServiceAccount", name: "virtual-machine-orchestrator", namespace: "vm-dashboard" },
      { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "u:me@example.com" },
    ]);
  });

  test("same role and scope merge; output does not depend on input order", () => {
    const a = { role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "b" }] };
    const b = {
      role: VmRole.ADMIN,
      subjects: [
        { kind: SubjectKind.GROUP, name: "a" },
        { kind: SubjectKind.GROUP, name: "b" },
      ],
    };
    const c = { role: KubernetesRole.VIEW, subjects: [{ kind: SubjectKind.GROUP, name: "c" }] };
    const one = renderRoleBindings([a, b, c], { vmNamespaces: VM_NS }).yaml;
    const two = renderRoleBindings([c, b, a], { vmNamespaces: VM_NS }).yaml;
    expect(one).toBe(two);
    expect(docs(one)).toHaveLength(2);
    expect(
      docs(one)
        .find((d) => d.roleRef.name === "spectro-vm-admin")
        .subjects.map((s: any) => s.name),
    ).toEqual(["a", "b"]);
  });

  test("Kubernetes default roles are bindable too", () => {
    const { yaml, errors } = renderRoleBindings([{ role: KubernetesRole.EDIT, subjects: [{ kind: SubjectKind.USER, name: "x" }], namespaces: ["default"] }], {
      vmNamespaces: VM_NS,
    });
    expect(errors).toEqual([]);
    expect(docs(yaml)[0].roleRef.name).toBe("edit");
  });

  test.each([
    [
      { role: "spectro-vm-admn", subjects: [{ kind: "Group", name: "g" }] },
      'bindings[0].role: "spectro-vm-admn" is not a role this library binds; expected one of "spectro-vm-admin", "spectro-vm-power-user", "spectro-vm-user", "spectro-vm-viewer", "cluster-admin", "admin", "edit" or "view" (did you mean "spectro-vm-admin"?).',
    ],
    [
      { role: "spectro-vm-admin", subjects: [] },
      'bindings[0].subjects: binding for "spectro-vm-admin" has no subjects; add at least one user, group or service account.',
    ],
    [
      { role: "spectro-vm-admin", subjects: [{ kind: "group", name: "g" }] },
      'bindings[0].subjects[0].kind: "group" is not a subject kind; expected one of "User", "Group" or "ServiceAccount" (did you mean "Group"?).',
    ],
    [{ role: "spectro-vm-admin", subjects: [{ kind: "User", name: " " }] }, "bindings[0].subjects[0].name: must not be empty; give the User name."],
    [
      { role: "spectro-vm-admin", subjects: [{ kind: "ServiceAccount", name: "sa" }] },
      'bindings[0].subjects[0].namespace: ServiceAccount "sa" needs its namespace.',
    ],
    [
      { role: "spectro-vm-admin", subjects: [{ kind: "Group", name: "g", namespace: "x" }] },
      'bindings[0].subjects[0].namespace: only ServiceAccount subjects take a namespace; remove it from Group "g".',
    ],
    [
      { role: "spectro-vm-admin", subjects: [{ kind: "Group", name: "g" }], namespaces: ["Bad_NS"] },
      `bindings[0].namespaces[0]: namespace "Bad_NS" is not a valid Kubernetes namespace name; ${LABEL_RULE}.`,
    ],
    [
      { role: "spectro-vm-admin", subjects: [{ kind: "Group", name: "g" }], namespaces: ["n".repeat(64)] },
      `bindings[0].namespaces[0]: namespace "${"n".repeat(64)}" is not a valid Kubernetes namespace name; ${LABEL_RULE}.`,
    ],
    [
      { role: "spectro-vm-admin", subjects: [{ kind: "ServiceAccount", name: "sa", namespace: "Team_A" }] },
      `bindings[0].subjects[0].namespace: ServiceAccount namespace "Team_A" is not a valid Kubernetes namespace name; ${LABEL_RULE}.`,
    ],
    [
      { role: "spectro-vm-admin", subjects: [{ kind: "ServiceAccount", name: "My SA", namespace: "team-a" }] },
      `bindings[0].subjects[0].name: ServiceAccount name "My SA" is not valid; ${SUBDOMAIN_RULE}.`,
    ],
    [
      { role: "spectro-vm-admin", subjects: [{ kind: "Group", name: "ops\nadmins" }] },
      'bindings[0].subjects[0].name: Group name "ops\\nadmins" holds a control character (a newline or tab among them); no identity provider issues such a name. Remove it.',
    ],
    [
      { role: "spectro-vm-admin", subjects: [{ kind: "Group", name: "g" }], namespaces: ["a"], allVmNamespaces: true },
      "bindings[0]: give either namespaces or allVmNamespaces, not both.",
    ],
  ])("rejects %j", (binding, message) => {
    expect(renderRoleBindings([binding as any], { vmNamespaces: VM_NS }).errors).toEqual([message]);
  });
});

describe("VmRoleBindings in a profile", () => {
  const bindings = [{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "vmo-admins" }] }];

  test("the manifest layer carries the rendered YAML", () => {
    const json = synth((s) => new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: { bindings, groupPrefix: "oidc:" } }));
    const layer = resources(json, "spectrocloud_cluster_profile")[0].pack.find((p: any) => p.type === "manifest");
    expect(layer).toMatchObject({ name: "vmo-manifests", tag: "1.0.0" });
    expect(docs(layer.manifest[0].content)[0].subjects[0].name).toBe("oidc:vmo-admins");
  });

  test("errors fail synth with the construct path", () => {
    const msg = synthError((s) => new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: { bindings: [{ role: "root" as VmRole, subjects: [] }] } }));
    expect(msg).toContain('[test/P/RoleBindings] bindings[0].role: "root" is not a role this library binds');
  });

  test("a subject prefix with a newline is refused before it reaches every subject name", () => {
    const msg = synthError((s) => new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: { bindings, groupPrefix: "oidc:\n" } }));
    expect(msg).toContain(
      '[test/P/RoleBindings] groupPrefix: "oidc:\\n" holds a control character (a newline or tab among them); it would be prepended to every subject name. Use the API server\'s --oidc-groups-prefix value exactly.',
    );
  });

  test("derived RoleBinding names are checked against Kubernetes' path-segment rule", () => {
    expect(roleBindingName(VmRole.ADMIN)).toBe("vmo-spectro-vm-admin");
    expect(roleBindingNameProblem(VmRole.ADMIN)).toBeUndefined();
    expect(roleBindingNameProblem("a/b")).toBe(
      `the RoleBinding name "vmo-a/b" derived from role "a/b" is not valid; Kubernetes: a RoleBinding name "may not be '.'", "may not be '..'", "may not contain '/'" and "may not contain '%'".`,
    );
  });

  test("an empty binding list is an error, not an empty manifest", () => {
    expect(synthError((s) => new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: { bindings: [] } }))).toContain(
      "[test/P/RoleBindings] bindings: no bindings given; add at least one or leave roleBindings out.",
    );
  });

  test("namespaces outside the VM namespaces produce a warning, not an error", () => {
    const { Testing } = require("../lib/cdktf");
    const stack = require("./util").newStack();
    new VmoAddonProfile(stack, "P", {
      name: "vmo",
      roleBindings: { bindings: [{ role: VmRole.USER, subjects: [{ kind: SubjectKind.GROUP, name: "g" }], namespaces: ["team-a"] }] },
    });
    Testing.synth(stack, true);
    const warnings = stack.node.findAll().flatMap((c: any) => c.node.metadata.filter((m: any) => m.type === "@cdktf/warn").map((m: any) => m.data));
    expect(warnings).toEqual([
      'bindings: namespaces "team-a" are not created by this VMO version (it sets up default); the API server refuses a RoleBinding into a namespace that does not exist, which fails this manifest layer. Make sure they exist before the profile is applied (create them outside this profile), or list them in the VMO values\' vmEnabledNamespaces.',
    ]);
  });
});
