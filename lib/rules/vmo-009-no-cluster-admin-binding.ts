// VMO-009: cluster-admin through a profile layer reaches every attached cluster.
import { IConstruct } from "constructs";
import { KubernetesRole, VmRoleBinding, VmRoleBindings } from "../vm-role-bindings";
import { VmoClusterAttachment } from "../vmo-cluster-attachment";
import { describeScope, expandGrants } from "./helpers";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

/** VMO-009: cluster-admin through a profile layer reaches every attached cluster. */
export const VMO_009: IVmoRule = {
  id: "VMO-009",
  name: "no-cluster-admin-binding",
  level: VmoRuleLevel.ERROR,
  description: "A VM role binding (a profile's roleBindings or an attachment's per-cluster roleBindings) binds the Kubernetes cluster-admin role.",
  rationale:
    "Error: the bindings are a manifest layer of the profile, so a profile-wide cluster-admin binding grants full control of every cluster the profile is (or will be) attached to, far beyond VM management; the docs' roles (spectro-vm-* plus admin/edit/view for console access) cover VMO, so cluster-admin should only exist with a recorded reason.",
  fix: 'Bind spectro-vm-admin (VmRole.ADMIN) for VMO and, where console access is needed, the Kubernetes "admin" role in the VM namespaces; if cluster-admin is really required, suppress VMO-009 on the bindings or attachment with the reason.',
  docUrl: "https://docs.spectrocloud.com/vm-management/rbac/vm-roles-permissions/",
  check(construct: IConstruct): RuleFinding[] {
    if (VmRoleBindings.isVmRoleBindings(construct)) return clusterAdmins(construct.bindings, construct.vmNamespaces, "bindings");
    if (VmoClusterAttachment.isVmoClusterAttachment(construct)) {
      // Most attachments have no per-cluster bindings; skip vmNamespaces, which merges the VMO values.
      const extra = construct.options.roleBindings ?? [];
      return extra.length > 0 ? clusterAdmins(extra, construct.profile.vmNamespaces, "roleBindings") : [];
    }
    return [];
  },
};

function clusterAdmins(bindings: readonly VmRoleBinding[], vmNamespaces: readonly string[], field: string): RuleFinding[] {
  return expandGrants(bindings, vmNamespaces, field)
    .filter((g) => g.role === KubernetesRole.CLUSTER_ADMIN)
    .map((g) => ({ field: [field, g.index, "role"], message: `${g.source} binds cluster-admin to ${g.subject} ${describeScope(g.namespace)}.` }));
}
