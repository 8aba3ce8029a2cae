// VMO-020: a VM goes on a cluster whose VMO attachment is in the same stack.
import { IConstruct } from "constructs";
import { VirtualMachine } from "../virtual-machine";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

/** VMO-020: a VM goes on a cluster whose VMO attachment is in the same stack. */
export const VMO_020: IVmoRule = {
  id: "VMO-020",
  name: "vm-needs-vmo-attachment",
  level: VmoRuleLevel.ERROR,
  description: "A VirtualMachine is on a cluster that no VmoClusterAttachment in the same stack attaches VMO to.",
  rationale:
    "Error: without the attachment in the stack the VM cannot depend on it, so Terraform may create the VM before VMO (KubeVirt, CDI) is on the cluster, or on a cluster that has no VMO at all; the provider's create then fails half-way, and a later detach of VMO elsewhere deletes the VM without this stack noticing.",
  fix: "Attach a VMO profile to the cluster in this stack (profile.attachTo(cluster), or list the cluster under the profile in config) and give the VM that attachment. If VMO is attached by another stack, suppress VMO-020 on the VM with that reason.",
  docUrl: "https://docs.spectrocloud.com/vm-management/create-manage-vm/",
  check(construct: IConstruct): RuleFinding[] {
    if (!VirtualMachine.isVirtualMachine(construct)) return [];
    if (construct.attachments.length > 0) return [];
    return [
      {
        field: ["cluster"],
        message: `VM "${construct.vmName}" is on cluster "${construct.cluster.displayName}", which no VMO attachment in this stack attaches VMO to; Terraform could create it before VMO is there.`,
      },
    ];
  },
};
