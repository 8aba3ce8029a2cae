// VMO-017: a Direct cluster has its dashboard address.
import { IConstruct } from "constructs";
import { PackValuesError, ValuesObject, deepMerge, getPath, parsePackValues } from "../values";
import { VmoClusterAttachment } from "../vmo-cluster-attachment";
import { AccessMode, DASHBOARD_ADDRESS_PATHS, DASHBOARD_ADDRESS_VARIABLE } from "../vmo-pack";
import { VMO_PACK } from "../versions";
import { isLiteralString } from "./helpers";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

/** VMO-017: a Direct cluster has its dashboard address. */
export const VMO_017: IVmoRule = {
  id: "VMO-017",
  name: "direct-dashboard-address",
  level: VmoRuleLevel.WARNING,
  description:
    "An attachment of a Direct-access VMO profile sets no dashboardAddress (the vmo_dashboard_address variable), and its values hold no literal consoleBaseAddress.",
  rationale:
    "Warning: not an error, since the address is the cluster's vm-dashboard LoadBalancer address, often known only after the first deploy (configure-console-base-address.md reads it with kubectl get services). Without it Palette shows no Connect button for the cluster, and with OIDC VMO cannot build its redirect URI (platform.baseUrl), so users cannot sign in through the dashboard.",
  fix: "After the first deploy, read the address (kubectl get services --namespace vm-dashboard) and set the cluster's dashboardAddress to https://<EXTERNAL-IP>, without /v1; until then suppress VMO-017 on the attachment with that reason if the warning is noise.",
  docUrl: "https://docs.spectrocloud.com/vm-management/vmo-pack/configure-console-base-address/",
  check(construct: IConstruct): RuleFinding[] {
    if (!VmoClusterAttachment.isVmoClusterAttachment(construct)) return [];
    const pack = construct.profile.vmoPack;
    if (!pack || pack.accessMode !== AccessMode.DIRECT) return [];
    const { dashboardAddress, variables, packValues } = construct.options;
    if (dashboardAddress || variables?.[DASHBOARD_ADDRESS_VARIABLE]) return [];
    let values: ValuesObject = pack.values;
    try {
      if (packValues?.[VMO_PACK.name] !== undefined) values = deepMerge(values, parsePackValues(packValues[VMO_PACK.name], "packValues"));
    } catch (err) {
      if (!(err instanceof PackValuesError)) throw err;
    }
    // An address written into the values themselves (a single-cluster profile) counts.
    if (isLiteralString(getPath(values, DASHBOARD_ADDRESS_PATHS.consoleBaseAddress))) return [];
    return [
      {
        field: ["dashboardAddress"],
        message: `cluster "${construct.cluster.displayName}" runs VMO in Direct access without a dashboard address: Palette shows no Connect button for it and OIDC sign-in has no redirect URI.`,
      },
    ];
  },
};
