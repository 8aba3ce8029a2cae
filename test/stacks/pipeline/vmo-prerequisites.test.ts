import { formatPlanMarkdown, formatPlanText } from "../../../stacks/pipeline/plan-format";
import { summarizePlan } from "../../../stacks/pipeline/plan-summary";
import { VMO_PREREQUISITES, prerequisiteChecklist } from "../../../stacks/pipeline/vmo-prerequisites";

const gaining = summarizePlan("dev", {
  resource_changes: [
    {
      address: "spectrocloud_addon_deployment.A",
      mode: "managed",
      type: "spectrocloud_addon_deployment",
      change: { actions: ["create"], before: null, after: { cluster_uid: "uid-1" } },
    },
  ],
});
const quiet = summarizePlan("prod", { resource_changes: [] });

describe("the VMO prerequisites checklist", () => {
  test("is printed once when a cluster gains VMO, in the terminal and the Markdown summary", () => {
    expect(formatPlanText([gaining, quiet]).split("\n")).toEqual([
      "dev: 1 to add, 0 to change, 0 to replace, 0 to destroy",
      "  clusters gaining VMO: uid-1",
      "prod: no changes",
      "before VMO runs on the clusters gaining it, check what Terraform cannot see:",
      "  [ ] hardware virtualization on the worker nodes (bare metal, e.g. MAAS, or Edge); nested virtualization needs KubeVirt emulation, which the docs advise against (vm-management.md)",
      "  [ ] a CSI pack in the cluster's profile (required on Edge), with a ReadWriteMany StorageClass for live migration (create-vmo-profile.md, vm-management.md)",
      "  [ ] Edge without a load balancer (e.g. MetalLB): the VMO values set charts.virtual-machine-orchestrator.kubevirt and .cdi services to ClusterIP (create-vmo-profile.md, Edge step 9)",
      "  [ ] Edge on K3s or RKE2: multus.networkController.criSocket.enableK3SHostPath: true and criSocketContainerPath /host/run/containerd/containerd.sock (create-vmo-profile.md, Edge step 8)",
      "  [ ] VMs on VLANs: the worker nodes have the br0 bridge Multus uses as their primary interface; no other interface type works (environment-setup.md)",
    ]);
    expect(formatPlanMarkdown([gaining])).toContain(
      ["**before VMO runs on the clusters gaining it, check what Terraform cannot see:**", "", ...VMO_PREREQUISITES.map((p) => `- [ ] ${p}`)].join("\n"),
    );
  });

  test("is not printed when no cluster gains VMO", () => {
    expect(formatPlanText([quiet])).toBe("prod: no changes");
    expect(formatPlanMarkdown([quiet])).not.toContain(prerequisiteChecklist("markdown")[0]);
  });
});
