// VMO-021: a VM boots from one of our templates, a golden image, a clone or an image disk.
import { IConstruct } from "constructs";
import { VirtualMachine } from "../virtual-machine";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

/** VMO-021: a VM boots from one of our templates, a golden image, a clone or an image disk. */
export const VMO_021: IVmoRule = {
  id: "VMO-021",
  name: "vm-needs-boot-source",
  level: VmoRuleLevel.ERROR,
  description:
    "A VirtualMachine has no template, no goldenImage, no cloneFrom, and no disk holding an image (a golden image clone, a container disk or an existing PVC): only empty disks, or none.",
  rationale:
    "Error: such a VM has nothing to boot. The provider creates it and, with run_on_launch, waits up to its 40-minute create timeout for a guest that never starts; without it the VM sits in Palette as a shell that someone later deletes, disks and all.",
  fix: "Give the VM a template (one of the profile's VmTemplates), a goldenImage, cloneFrom (an existing VM), or a disk with a goldenImage, containerDisk or persistentVolumeClaim source.",
  docUrl: "https://docs.spectrocloud.com/vm-management/create-manage-vm/create-disk-templates/",
  check(construct: IConstruct): RuleFinding[] {
    if (!VirtualMachine.isVirtualMachine(construct)) return [];
    if (construct.template || construct.goldenImage || construct.cloneFrom !== undefined) return [];
    const booting = construct.spec.disks.some(
      (d) => d.source.goldenImage || d.source.containerDisk !== undefined || d.source.persistentVolumeClaim !== undefined,
    );
    if (booting) return [];
    return [{ field: ["template"], message: `VM "${construct.vmName}" has no template, golden image, clone source or image disk; it has nothing to boot.` }];
  },
};
