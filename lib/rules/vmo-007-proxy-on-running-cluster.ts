// A VMO policy rule.
import { IConstruct } from "constructs";
import { PaletteCluster } from "../palette-cluster";
import { VmoClusterAttachment } from "../vmo-cluster-attachment";
import { SPECTRO_PROXY_PACK } from "../versions";
import { findLayer } from "./helpers";
import { IVmoRule, VmoRuleLevel } from "./rule";

const SAN = '"cluster-{{ .spectro.system.cluster.uid }}.{{ .spectro.system.reverseproxy.server }}"';

/**
 * VMO-007: Spectro Proxy added to a running cluster is a Day-2 change with side effects.
 *
 * "Already running" is decided from the cluster reference: PaletteCluster.fromClusterName / fromClusterUid only
 * reference clusters that exist (this library never creates clusters), so every attachment to one is a Day-2
 * change. Attachments to other IPaletteCluster implementations (e.g. a cluster created in the same stack) are
 * not flagged, and neither are profiles added to a cluster resource through clusterProfileBlock.
 */
export const VMO_007: IVmoRule = {
  id: "VMO-007",
  name: "proxy-on-running-cluster",
  level: VmoRuleLevel.WARNING,
  description:
    "A VmoClusterAttachment attaches a profile that carries spectro-proxy (Proxied access, or proxy.enabled) to an existing cluster, i.e. one referenced with PaletteCluster.fromClusterName or fromClusterUid.",
  rationale:
    "Warning: on Palette-deployed clusters, adding Spectro Proxy as a Day-2 operation repaves the control plane nodes and changes the kubeconfig, and the API server certificate needs the proxy's SAN first; that is plannable work, not a defect, and imported clusters (EKS, AKS) take the pack as is, which this stack cannot tell apart.",
  fix:
    `Before attaching, add the proxy SAN to the cluster's Kubernetes pack: kubeadmconfig.apiServer.certSANs: [${SAN}] (RKE2/K3s edge: cluster.config.tls-san with the same entry); plan for the control plane repave and re-download the kubeconfig afterwards. ` +
    "If spectro-proxy already runs on the cluster, restart its pod after the profile update (kubectl delete pods --selector app=spectro-proxy --all-namespaces). " +
    "For imported clusters or clusters already prepared, suppress VMO-007 on the attachment with that reason.",
  docUrl: "https://docs.spectrocloud.com/integrations/packs/?pack=spectro-proxy",
  check(construct: IConstruct): string[] {
    if (!VmoClusterAttachment.isVmoClusterAttachment(construct) || !PaletteCluster.isPaletteCluster(construct.cluster)) return [];
    if (!findLayer(construct.profile.layers, SPECTRO_PROXY_PACK.name)) return [];
    return [
      `attaches profile "${construct.profile.profileName}" with ${SPECTRO_PROXY_PACK.name} to the existing cluster "${construct.cluster.displayName}"; on a Palette-deployed cluster this repaves the control plane and needs the proxy's certificate SAN on the API server.`,
    ];
  },
};
