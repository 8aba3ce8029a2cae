// VMO-013: on VMO 4.10+, a bound group or user with no VMO IAM role passes Kubernetes RBAC and sees nothing in VMO.
import { IConstruct } from "constructs";
import { VMO_IAM, VmoIamGap } from "../vmo-iam";
import { describeGrant, grantField, grantsOn } from "./helpers";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

const WHY: Partial<Record<VmoIamGap, string>> = {
  [VmoIamGap.MAPPINGS_OFF]: "the profile writes no VMO IAM mappings (roleBindings.vmoIamMappings is false)",
  [VmoIamGap.NAMESPACE_SCOPE_NOT_FEDERATED]:
    "the VMO values set oidc.k8sNotFederated: true, where VM writes ride VMO's service account and a namespace-scoped binding no longer limits them, so the library does not widen it to a platform-wide VMO role",
};

/** VMO-013: on VMO 4.10+, a bound group or user with no VMO IAM role passes Kubernetes RBAC and sees nothing in VMO. */
export const VMO_013: IVmoRule = {
  id: "VMO-013",
  name: "bound-group-without-vmo-role",
  level: VmoRuleLevel.WARNING,
  description:
    "On VMO 4.10 or later, a Group or User subject of a VM role binding (a profile's roleBindings or an attachment's per-cluster roleBindings) gets no VMO IAM role: the profile's VMO IAM mappings are turned off (vmoIamMappings: false), or the VMO values set oidc.k8sNotFederated: true and the binding is namespace-scoped. Groups named like a seeded mapping (cluster-admins, vmo-editors, vmo-operators, cluster-viewers) already have their VMO role and are not flagged. With the defaults it cannot happen: the mappings follow the bindings, a legacy profile gains them when its VMO version reaches 4.10, and profiles made elsewhere (fromProfileAttributes) take no bindings from this stack, so it cannot see or judge theirs.",
  rationale:
    'Warning: VMO 4.10 has two authorization layers and "both must recognize the user\'s IdP group"; VMO Manager checks every request against VMO IAM first, so such users pass Kubernetes RBAC but the VMO UI offers them nothing (configure-external-oidc.md, "Grant Access to Groups"). Not an error: the mappings may be managed in the VMO UI on purpose.',
  fix: "Leave vmoIamMappings on (the default), so the same bindings also map the groups and users to VMO roles; or map them in the VMO UI and suppress VMO-013 with that reason.",
  docUrl: "https://docs.spectrocloud.com/vm-management/vmo-pack/configure-external-oidc/#grant-access-to-groups",
  check(construct: IConstruct): RuleFinding[] {
    return grantsOn(construct)
      .filter(({ grant: g }) => g.gap === VmoIamGap.MAPPINGS_OFF || g.gap === VmoIamGap.NAMESPACE_SCOPE_NOT_FEDERATED)
      .map(({ set, grant: g }) => {
        const why =
          set.byHand && g.gap === VmoIamGap.MAPPINGS_OFF
            ? `role bindings "${set.byHand.manifestName}" were added to the profile's manifest layer by hand and carry no VMO IAM mappings (give the bindings as the profile's roleBindings instead)`
            : WHY[g.gap!];
        return {
          field: grantField(g, set.bindings, set.field),
          message: `${describeGrant(g, set.field)} gets no VMO IAM role on VMO ${set.profile.vmoPack?.tag ?? ""}: ${why}. Its users pass Kubernetes RBAC, but the VMO UI offers them nothing (no ${VMO_IAM.kind} maps "${g.iamName}").`,
        };
      });
  },
};
