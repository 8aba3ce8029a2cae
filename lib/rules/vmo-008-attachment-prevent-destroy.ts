// VMO-008: detaching VMO deletes the cluster's VMs.
import { IConstruct } from "constructs";
import { VmoClusterAttachment } from "../vmo-cluster-attachment";
import { overrideAt } from "./helpers";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

/** VMO-008: detaching VMO deletes the cluster's VMs. */
export const VMO_008: IVmoRule = {
  id: "VMO-008",
  name: "attachment-prevent-destroy",
  level: VmoRuleLevel.ERROR,
  description:
    "A VmoClusterAttachment's spectrocloud_addon_deployment has no lifecycle.prevent_destroy (preventDestroy: false, or the lifecycle changed through the escape hatch or an override).",
  rationale:
    "Error: destroying the attachment (terraform destroy, or deleting it from code) detaches VMO, whose cleanup job uninstalls KubeVirt and deletes every VM on the cluster, and spectrocloud_addon_deployment has no importer to undo it. A boolean is too easy to flip in a refactor, so detaching on purpose takes a suppression with a written reason as well.",
  fix: "Leave preventDestroy at its default (true). To detach on purpose, keep preventDestroy: false and suppress VMO-008 on this attachment with the reason (for example the approved change that deletes the VMs).",
  docUrl: "https://docs.spectrocloud.com/vm-management/vmo-pack/vmo-pack-parameters/",
  check(construct: IConstruct): RuleFinding[] {
    if (!VmoClusterAttachment.isVmoClusterAttachment(construct)) return [];
    const override = overrideAt(construct.resource, ["lifecycle", "prevent_destroy"]);
    const protectedFromDestroy = override.found ? override.value === true : construct.resource.lifecycle?.preventDestroy === true;
    if (protectedFromDestroy) return [];
    return [
      {
        field: ["preventDestroy"],
        message: `attachment of profile "${construct.profile.profileName}" to cluster "${construct.cluster.displayName}" has no prevent_destroy; destroying it detaches VMO and deletes every VM on the cluster.`,
      },
    ];
  },
};
