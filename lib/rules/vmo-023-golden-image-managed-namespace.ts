// VMO-023: golden images live in the namespace the VMO pack manages for them.
import { IConstruct } from "constructs";
import { GoldenImage } from "../golden-image";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

/** VMO-023: golden images live in the namespace the VMO pack manages for them. */
export const VMO_023: IVmoRule = {
  id: "VMO-023",
  name: "golden-image-managed-namespace",
  level: VmoRuleLevel.ERROR,
  description: "A GoldenImage's namespace is not the goldenImagesNamespace of its profile's VMO pack values (default vmo-golden-images).",
  rationale:
    "Error: the VMO pack creates the golden images namespace and grants the VM namespaces' default service accounts the right to clone DataVolumes from it (create-disk-templates.md, step 3). Elsewhere the namespace may not exist, so the import fails, and VMs' clones stay pending for want of that permission: the VM never boots.",
  fix: "Leave the golden image's namespace out (it defaults to the pack's goldenImagesNamespace), or set the VMO values' goldenImagesNamespace to that namespace. If you grant the clone permissions yourself, suppress VMO-023 with that reason.",
  docUrl: "https://docs.spectrocloud.com/vm-management/create-manage-vm/create-disk-templates/",
  check(construct: IConstruct): RuleFinding[] {
    if (!GoldenImage.isGoldenImage(construct)) return [];
    if (construct.namespace === construct.managedNamespace) return [];
    return [
      {
        field: ["namespace"],
        message: `golden image "${construct.imageName}" is in namespace "${construct.namespace}", but the VMO pack manages golden images in "${construct.managedNamespace}"; VMs could not clone it.`,
      },
    ];
  },
};
