// VMO-003: on 4.10+, Proxied access goes through the proxy's VM dashboard integration.
import { IConstruct } from "constructs";
import { VmoAddonProfile } from "../vmo-addon-profile";
import { AccessMode } from "../vmo-pack";
import { SPECTRO_PROXY_PACK, VMO_PACK } from "../versions";
import { findLayer, proxyHasVmDashboardIntegration } from "./helpers";
import { IVmoRule, VmoRuleLevel } from "./rule";

/** VMO-003: on 4.10+, Proxied access goes through the proxy's VM dashboard integration. */
export const VMO_003: IVmoRule = {
  id: "VMO-003",
  name: "proxy-vm-dashboard-integration",
  level: VmoRuleLevel.ERROR,
  description:
    "A Proxied VmoAddonProfile on VMO 4.10 or later has a spectro-proxy layer whose effective values do not enable manifests.spectro-proxy.vmDashboardIntegration (proxy.vmDashboardIntegration: false or a values override). Direct and Custom modes are not checked: there the dashboard does not go through the proxy.",
  rationale:
    "Error: VMO 4.10's Proxied Deployment Mode relies on the proxy's VM dashboard integration to reach VMO Manager; without it the profile applies but the VM dashboard cannot be opened from Palette, and nothing else in the stack can compensate.",
  fix: "Remove proxy.vmDashboardIntegration: false and any override of manifests.spectro-proxy.vmDashboardIntegration.enabled (use spectro-proxy 1.3.0 or later), or switch the profile to AccessMode.DIRECT.",
  docUrl: "https://docs.spectrocloud.com/vm-management/vmo-pack/deployment-modes/",
  check(construct: IConstruct): string[] {
    if (!VmoAddonProfile.isVmoAddonProfile(construct)) return [];
    const vmo = construct.vmoPack;
    if (vmo.accessMode !== AccessMode.PROXIED || !vmo.parsedVersion?.isAtLeast(VMO_PACK.deploymentModeLayoutSince)) return [];
    const proxy = findLayer(construct.layers, SPECTRO_PROXY_PACK.name);
    if (!proxy || proxyHasVmDashboardIntegration(proxy)) return [];
    return [
      `profile "${construct.profileName}" uses Proxied access on VMO ${vmo.tag} but ${SPECTRO_PROXY_PACK.name} ${proxy.tag} has vmDashboardIntegration off; Palette cannot route the VM dashboard through the proxy.`,
    ];
  },
};
