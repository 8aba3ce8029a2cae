// VMO-010: one subject, one role per family and scope.
import { IConstruct } from "constructs";
import { VmRoleBindings } from "../vm-role-bindings";
import { VmoClusterAttachment } from "../vmo-cluster-attachment";
import { BindingGrant, describeScope, expandGrants, roleFamily } from "./helpers";
import { IVmoRule, VmoRuleLevel } from "./rule";

/** VMO-010: one subject, one role per family and scope. */
export const VMO_010: IVmoRule = {
  id: "VMO-010",
  name: "no-duplicate-subject-binding",
  level: VmoRuleLevel.WARNING,
  description:
    "The same subject is bound twice in the same scope (cluster wide, or the same namespace): either to the same role again, or to two roles of the same family (two spectro-vm-* roles, or two Kubernetes roles). A VM role plus a Kubernetes role is the documented pairing and is not flagged. On attachments, the profile's bindings and the per-cluster ones are checked together; only pairs involving a per-cluster binding are reported there.",
  rationale:
    "Warning: Kubernetes grants the union of all bindings, so the result works, but a repeat is dead config and a second role of the same family (e.g. viewer and admin) is misleading: reviewers read the narrower one while the broader one applies.",
  fix: "Keep one binding per subject, role family and scope: remove the repeat, or the narrower of two conflicting roles.",
  docUrl: "https://docs.spectrocloud.com/vm-management/rbac/add-roles-and-role-bindings/",
  check(construct: IConstruct): string[] {
    if (VmRoleBindings.isVmRoleBindings(construct)) return duplicates(expandGrants(construct.bindings, construct.vmNamespaces, "bindings"), () => true);
    if (VmoClusterAttachment.isVmoClusterAttachment(construct)) {
      const extra = construct.options.roleBindings ?? [];
      if (extra.length === 0) return [];
      const profileBindings = construct.profile.roleBindings?.bindings ?? [];
      const vmNamespaces = construct.profile.vmNamespaces;
      const grants = [...expandGrants(profileBindings, vmNamespaces, "profile bindings"), ...expandGrants(extra, vmNamespaces, "roleBindings")];
      return duplicates(grants, (pair) => pair.some((g) => g.source.startsWith("roleBindings")));
    }
    return [];
  },
};

function duplicates(grants: readonly BindingGrant[], report: (pair: readonly BindingGrant[]) => boolean): string[] {
  const byKey = new Map<string, BindingGrant[]>();
  for (const g of grants) {
    const key = `${g.subject}\n${g.namespace ?? ""}\n${roleFamily(g.role)}`;
    const list = byKey.get(key);
    if (list) list.push(g);
    else byKey.set(key, [g]);
  }
  const messages: string[] = [];
  for (const list of byKey.values()) {
    if (list.length < 2 || !report(list)) continue;
    const [first] = list;
    const roles = [...new Set(list.map((g) => g.role))];
    const sources = [...new Set(list.map((g) => g.source))].join(", ");
    messages.push(
      roles.length === 1
        ? `${first.subject} is bound to ${first.role} more than once ${describeScope(first.namespace)} (${sources}).`
        : `${first.subject} is bound to ${roles.join(" and ")} ${describeScope(first.namespace)} (${sources}); the broadest role applies.`,
    );
  }
  return messages;
}
