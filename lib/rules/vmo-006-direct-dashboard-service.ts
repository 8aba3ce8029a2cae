// VMO-006: Direct access needs a reachable dashboard service.
import { IConstruct } from "constructs";
import { getPath } from "../values";
import { AccessMode, VmoPack, VmoValuesLayout } from "../vmo-pack";
import { IVmoRule, VmoRuleLevel } from "./rule";

const MANAGER = ["charts", "virtual-machine-orchestrator", "vmo-manager"];

/** VMO-006: Direct access needs a reachable dashboard service. */
export const VMO_006: IVmoRule = {
  id: "VMO-006",
  name: "direct-dashboard-service",
  level: VmoRuleLevel.ERROR,
  description:
    "A VMO pack in Direct access mode has its dashboard service type overridden to ClusterIP (charts.virtual-machine-orchestrator.vmo-manager.service.type on 4.10+, charts.virtual-machine-orchestrator.service.type up to 4.9), and on 4.10+ neither vmo-manager.ingress nor vmo-manager.ingressRoute is enabled.",
  rationale:
    "Error: Direct mode has no Spectro Proxy, so a ClusterIP dashboard is unreachable from outside the cluster; the value is always a deliberate override of the seeded LoadBalancer (typically Proxied values copied into a Direct profile), and the result is a VMO nobody can open.",
  fix: "Set the service type to LoadBalancer (the Direct default) or NodePort on bare metal without a load balancer, expose VMO Manager through vmo-manager.ingress or ingressRoute, or use AccessMode.PROXIED.",
  docUrl: "https://docs.spectrocloud.com/vm-management/vmo-pack/deployment-modes/",
  check(construct: IConstruct): string[] {
    if (!VmoPack.isVmoPack(construct) || construct.accessMode !== AccessMode.DIRECT) return [];
    const type = construct.dashboardServiceType;
    if (type === undefined || type.toLowerCase() !== "clusterip") return [];
    const current = construct.layout === VmoValuesLayout.DEPLOYMENT_MODE;
    if (current) {
      const values = construct.values;
      if (getPath(values, [...MANAGER, "ingress", "enabled"]) === true || getPath(values, [...MANAGER, "ingressRoute", "enabled"]) === true) return [];
    }
    const path = current ? `${MANAGER.join(".")}.service.type` : "charts.virtual-machine-orchestrator.service.type";
    return [`Direct access with ${path}: ${type}; without Spectro Proxy nothing outside the cluster can reach the VM dashboard.`];
  },
};
