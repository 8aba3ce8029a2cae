// What a cluster needs before VMO works on it that Terraform cannot see (it reads no cluster profile's layers nor
// the hardware): printed as a checklist in the plan summary when a cluster gains VMO. Sources, librarium
// docs/docs-content/vm-management/: create-vmo-profile.md (Prerequisites; Edge tab steps 8 and 9),
// environment-setup.md (the br0 bridge), vm-management.md (bare metal, RWX storage for live migration). Appliance
// mode has no stated prerequisite in the versions read, so it is not listed.

export const VMO_PREREQUISITES: readonly string[] = [
  "hardware virtualization on the worker nodes (bare metal, e.g. MAAS, or Edge); nested virtualization needs KubeVirt emulation, which the docs advise against (vm-management.md)",
  "a CSI pack in the cluster's profile (required on Edge), with a ReadWriteMany StorageClass for live migration (create-vmo-profile.md, vm-management.md)",
  "Edge without a load balancer (e.g. MetalLB): the VMO values set charts.virtual-machine-orchestrator.kubevirt and .cdi services to ClusterIP (create-vmo-profile.md, Edge step 9)",
  "Edge on K3s or RKE2: multus.networkController.criSocket.enableK3SHostPath: true and criSocketContainerPath /host/run/containerd/containerd.sock (create-vmo-profile.md, Edge step 8)",
  "VMs on VLANs: the worker nodes have the br0 bridge Multus uses as their primary interface; no other interface type works (environment-setup.md)",
];

/** The checklist lines, for the terminal (`[ ]`) or Markdown (`- [ ]`). */
export function prerequisiteChecklist(format: "text" | "markdown"): string[] {
  const head = "before VMO runs on the clusters gaining it, check what Terraform cannot see:";
  return format === "text" ? [head, ...VMO_PREREQUISITES.map((p) => `  [ ] ${p}`)] : [`**${head}**`, "", ...VMO_PREREQUISITES.map((p) => `- [ ] ${p}`)];
}
