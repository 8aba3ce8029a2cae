// VMO-016: the OIDC prefixes the role bindings prepend are mirrored in the VMO values.
import { IConstruct } from "constructs";
import { PackValuesError, ValuesObject, deepMerge, getPath, parsePackValues } from "../values";
import { RoleBindingRenderOptions } from "../vm-role-bindings";
import { VmoAddonProfile } from "../vmo-addon-profile";
import { VmoClusterAttachment } from "../vmo-cluster-attachment";
import { IVmoPack, OIDC_PREFIX_PATHS, VmoValuesLayout } from "../vmo-pack";
import { VMO_PACK } from "../versions";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

/** VMO-016: the OIDC prefixes the role bindings prepend are mirrored in the VMO values. */
export const VMO_016: IVmoRule = {
  id: "VMO-016",
  name: "oidc-prefixes-mirrored",
  level: VmoRuleLevel.ERROR,
  description:
    "On VMO 4.10+, a profile's role bindings prefix Group or User subjects (groupPrefix / usernamePrefix) differently from the VMO values' charts.virtual-machine-orchestrator.vmo-manager.oidc.k8sGroupPrefix / k8sUsernamePrefix (profile values or a cluster's packValues changed them).",
  rationale:
    "Error: both must equal the API server's --oidc-groups-prefix / --oidc-username-prefix (configure-external-oidc.md). VMO's API-key sessions impersonate the user with the values' prefixes, so a mismatch builds identities no RoleBinding names: those users pass sign-in and are refused by Kubernetes. VmoAddonProfile writes the bindings' prefixes into the values, so a mismatch is always an override.",
  fix: "Set the prefixes once, in roleBindings.groupPrefix / usernamePrefix, and remove oidc.k8sGroupPrefix / k8sUsernamePrefix from the values and packValues.",
  docUrl: "https://docs.spectrocloud.com/vm-management/vmo-pack/configure-external-oidc/",
  check(construct: IConstruct): RuleFinding[] {
    if (VmoAddonProfile.isVmoAddonProfile(construct)) {
      if (!construct.roleBindings) return [];
      return mismatches(construct.vmoPack, construct.vmoPack.values, construct.roleBindings.prefixes ?? {}, ["values"], "the VMO values");
    }
    if (VmoClusterAttachment.isVmoClusterAttachment(construct)) {
      const { vmoPack, roleBindings } = construct.profile;
      const override = construct.options.packValues?.[VMO_PACK.name];
      if (!vmoPack || !roleBindings || override === undefined) return [];
      let values: ValuesObject;
      try {
        values = deepMerge(vmoPack.values, parsePackValues(override, "packValues"));
      } catch (err) {
        // Unparseable values are already a validation error of the attachment.
        if (err instanceof PackValuesError) return [];
        throw err;
      }
      return mismatches(vmoPack, values, roleBindings.prefixes ?? {}, ["packValues", VMO_PACK.name], `packValues.${VMO_PACK.name}`);
    }
    return [];
  },
};

function mismatches(pack: IVmoPack, values: ValuesObject, prefixes: RoleBindingRenderOptions, at: (string | number)[], where: string): RuleFinding[] {
  if (pack.layout !== VmoValuesLayout.DEPLOYMENT_MODE) return [];
  const out: RuleFinding[] = [];
  for (const key of ["groupPrefix", "usernamePrefix"] as const) {
    const path = OIDC_PREFIX_PATHS[key];
    const bound = prefixes[key] ?? "";
    const mirrored = getPath(values, path) ?? "";
    if (mirrored === bound) continue;
    out.push({
      field: [...at, ...path],
      message: `roleBindings.${key} is ${JSON.stringify(bound)} but ${where} set ${path.join(".")} to ${JSON.stringify(mirrored)}; VMO's API-key sessions would impersonate subjects no binding names.`,
    });
  }
  return out;
}
