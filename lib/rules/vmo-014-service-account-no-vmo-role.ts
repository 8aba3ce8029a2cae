// VMO-014: on VMO 4.10+, a service account gets Kubernetes RBAC only; VMO IAM cannot map it.
import { IConstruct } from "constructs";
import { VmoIamGap } from "../vmo-iam";
import { describeGrant, grantField, grantsOn } from "./helpers";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

/** VMO-014: on VMO 4.10+, a service account gets Kubernetes RBAC only; VMO IAM cannot map it. */
export const VMO_014: IVmoRule = {
  id: "VMO-014",
  name: "service-account-no-vmo-role",
  level: VmoRuleLevel.WARNING,
  description:
    "On VMO 4.10 or later, a VM role binding (a profile's roleBindings or an attachment's per-cluster roleBindings) has a ServiceAccount subject. The library writes its RoleBinding but no VMO IAM mapping, because VMO IAM maps only groups (groupMappings) and users (userMappings).",
  rationale:
    'Warning: never a silent gap. The service account can use the Kubernetes API (kubectl, the KubeVirt API) with its own token as its binding allows, but it has no VMO role, so it cannot use the VMO UI or VMO\'s API; VMO IAM "groupMappings" and "userMappings" match the IdP token\'s groups and email/sub/preferred_username claims (configure-external-oidc.md), which a service account token does not carry.',
  fix: "Nothing to change for automation that calls the Kubernetes API with the service account's token: suppress VMO-014 on the binding with that reason. For people, bind their IdP Group or User instead.",
  docUrl: "https://docs.spectrocloud.com/vm-management/vmo-pack/configure-external-oidc/#vmo-iam-roles",
  check(construct: IConstruct): RuleFinding[] {
    return grantsOn(construct)
      .filter(({ grant: g }) => g.gap === VmoIamGap.SERVICE_ACCOUNT)
      .map(({ set, grant: g }) => ({
        field: grantField(g, set.bindings, set.field),
        message: `${describeGrant(g, set.field)} gets Kubernetes RBAC only: VMO IAM maps groups and users, so it has no VMO role and no VMO UI or API access; it can still call the Kubernetes API with its token as the binding allows.`,
      }));
  },
};
