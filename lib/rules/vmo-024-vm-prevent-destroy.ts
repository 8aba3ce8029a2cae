// VMO-024: deleting a VM deletes its disks.
import { IConstruct } from "constructs";
import { VirtualMachine } from "../virtual-machine";
import { overrideAt } from "./helpers";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

/** VMO-024: deleting a VM deletes its disks. */
export const VMO_024: IVmoRule = {
  id: "VMO-024",
  name: "vm-prevent-destroy",
  level: VmoRuleLevel.ERROR,
  description:
    "A VirtualMachine's spectrocloud_virtual_machine (or one of its added disks' spectrocloud_datavolume) has no lifecycle.prevent_destroy (preventDestroy: false, or the lifecycle changed through the escape hatch or an override).",
  rationale:
    "Error: destroying or replacing the VM (terraform destroy, removing it from code, or a ForceNew change: name, namespace, cluster, clone source) deletes the VM and the data volumes of its data volume templates, that is its disks. A boolean is too easy to flip in a refactor, so deleting a VM on purpose takes a suppression with a written reason as well.",
  fix: "Leave preventDestroy at its default (true). To delete or replace the VM on purpose: set preventDestroy: false and suppress VMO-024 on the VM with the reason (the approved change), apply, then remove or change it.",
  docUrl: "https://docs.spectrocloud.com/vm-management/create-manage-vm/standard-vm-operations/",
  check(construct: IConstruct): RuleFinding[] {
    if (!VirtualMachine.isVirtualMachine(construct)) return [];
    const unprotected = [construct.resource, ...construct.addedDisks].filter((r) => {
      const override = overrideAt(r, ["lifecycle", "prevent_destroy"]);
      return !(override.found ? override.value === true : r.lifecycle?.preventDestroy === true);
    });
    if (unprotected.length === 0) return [];
    const disks = unprotected.filter((r) => r !== construct.resource).map((r) => r.node.id);
    return [
      {
        field: ["preventDestroy"],
        message: `VM "${construct.vmName}" on cluster "${construct.cluster.displayName}"${unprotected.includes(construct.resource) ? "" : ` (disks ${disks.join(", ")})`} has no prevent_destroy; destroying or replacing it deletes its disks.`,
      },
    ];
  },
};
