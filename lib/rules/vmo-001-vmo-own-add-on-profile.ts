// VMO-001: the VMO pack belongs in its own add-on profile.
import { IConstruct } from "constructs";
import { VMO_PACK } from "../versions";
import { asClusterProfile, profilePackNames, profileType } from "./helpers";
import { IVmoRule, VmoRuleLevel } from "./rule";

/** VMO-001: the VMO pack belongs in its own add-on profile. */
export const VMO_001: IVmoRule = {
  id: "VMO-001",
  name: "vmo-own-add-on-profile",
  level: VmoRuleLevel.ERROR,
  description:
    "A cluster profile that carries the virtual-machine-orchestrator pack is not of type add-on (for example a cluster/full or infra profile, or a VmoAddonProfile whose type was overridden through the escape hatch).",
  rationale:
    "Error: the docs say VMO must be deployed as its own add-on cluster profile; inside a full cluster profile the Virtual Machines tab and the Connect button do not appear, so the deployment is broken for users even though Terraform applies cleanly.",
  fix: 'Put the VMO pack in an add-on profile of its own: use VmoAddonProfile (type "add-on", cloud "all") and remove any override of its type.',
  docUrl: "https://docs.spectrocloud.com/vm-management/vmo-pack/configure-console-base-address/",
  check(construct: IConstruct): string[] {
    const profile = asClusterProfile(construct);
    if (!profile) return [];
    const type = profileType(profile);
    if (type === undefined || type === "add-on") return [];
    if (!profilePackNames(profile).includes(VMO_PACK.name)) return [];
    return [
      `cluster profile type is "${type}" but it carries the ${VMO_PACK.name} pack; Palette only shows the Virtual Machines tab and Connect button for VMO in an add-on profile of its own.`,
    ];
  },
};
