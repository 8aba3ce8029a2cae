// VMO-002: Proxied access needs spectro-proxy.
import { IConstruct } from "constructs";
import { VmoAddonProfile } from "../vmo-addon-profile";
import { AccessMode } from "../vmo-pack";
import { SPECTRO_PROXY_PACK } from "../versions";
import { findLayer } from "./helpers";
import { IVmoRule, VmoRuleLevel } from "./rule";

/** VMO-002: Proxied access needs spectro-proxy; replaces the warning VmoAddonProfile used to emit itself. */
export const VMO_002: IVmoRule = {
  id: "VMO-002",
  name: "proxied-needs-spectro-proxy",
  level: VmoRuleLevel.WARNING,
  description: "A VmoAddonProfile in Proxied access mode has no spectro-proxy layer (proxy.enabled: false and no SpectroProxyPack added).",
  rationale:
    "Warning: the VM dashboard is unreachable through Palette without Spectro Proxy, but another add-on profile on the same clusters may legitimately bring spectro-proxy (with vmDashboardIntegration), which this stack cannot see.",
  fix: "Leave proxy.enabled at its default (on in Proxied mode) or add a SpectroProxyPack with addPack; if another profile on every target cluster brings spectro-proxy with vmDashboardIntegration, suppress VMO-002 with that as the reason.",
  docUrl: "https://docs.spectrocloud.com/vm-management/vmo-pack/deployment-modes/",
  check(construct: IConstruct): string[] {
    if (!VmoAddonProfile.isVmoAddonProfile(construct)) return [];
    if (construct.vmoPack.accessMode !== AccessMode.PROXIED) return [];
    if (findLayer(construct.layers, SPECTRO_PROXY_PACK.name)) return [];
    return [
      `profile "${construct.profileName}" uses Proxied access without ${SPECTRO_PROXY_PACK.name} in the profile; the VM dashboard is only reachable if another profile on the cluster brings ${SPECTRO_PROXY_PACK.name} with vmDashboardIntegration.`,
    ];
  },
};
