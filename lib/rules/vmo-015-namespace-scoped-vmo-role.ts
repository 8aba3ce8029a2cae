// VMO-015: on VMO 4.10+, a namespace-scoped binding maps to a VMO role, and VMO roles are platform-wide.
import { IConstruct } from "constructs";
import { VMO_IAM } from "../vmo-iam";
import { describeGrant, grantField, grantsOn } from "./helpers";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

/** VMO-015: on VMO 4.10+, a namespace-scoped binding maps to a VMO role, and VMO roles are platform-wide. */
export const VMO_015: IVmoRule = {
  id: "VMO-015",
  name: "namespace-scoped-vmo-role",
  level: VmoRuleLevel.WARNING,
  description:
    "On VMO 4.10 or later, a VM role binding limited to namespaces (namespaces, or allVmNamespaces) has a Group or User subject, which the library maps to the binding's VMO IAM role. VMO IAM has no namespace scope: its four roles are platform-wide.",
  rationale:
    "Warning: this is how VMO itself grants a namespace-scoped role (the VMO role plus RoleBindings in the selected namespaces, vm-launchpad/access-management/users.md), and Kubernetes RBAC still refuses the subject outside those namespaces; but the VMO UI offers the role's actions in every managed namespace, and users with a VMO role see all managed namespaces. A reviewer should know the UI is wider than the binding. (With oidc.k8sNotFederated: true the library does not map such bindings at all: VMO-013.)",
  fix: "Accept it and suppress VMO-015 on the binding with that reason, or bind the subject cluster wide if that is what the UI should show.",
  docUrl: "https://docs.spectrocloud.com/vm-management/vm-launchpad/access-management/users/",
  check(construct: IConstruct): RuleFinding[] {
    return grantsOn(construct)
      .filter(({ grant: g }) => g.namespaces && g.vmoRole && !g.seeded)
      .map(({ set, grant: g }) => ({
        field: grantField(g, set.bindings, set.field),
        message: `${describeGrant(g, set.field)} is mapped to VMO role ${VMO_IAM.displayNames[g.vmoRole!]}, which is platform-wide: the VMO UI offers its actions in every managed namespace, while its Kubernetes binding lets the API server accept them only in ${g.namespaces!.map((n) => `"${n}"`).join(", ")}.`,
      }));
  },
};
