// VMO-005: VMO brings its own snapshot controller.
import { IConstruct } from "constructs";
import { VMO_PACK } from "../versions";
import { asClusterProfile, profilePackNames } from "./helpers";
import { IVmoRule, VmoRuleLevel } from "./rule";

const SNAPSHOT_PACK = "volume-snapshot-controller";

/** VMO-005: VMO brings its own snapshot controller. */
export const VMO_005: IVmoRule = {
  id: "VMO-005",
  name: "no-volume-snapshot-controller",
  level: VmoRuleLevel.ERROR,
  description: `A cluster profile carries both the ${VMO_PACK.name} pack and the ${SNAPSHOT_PACK} pack.`,
  rationale:
    "Error: the docs say not to include the volume-snapshot-controller pack because VMO configures snapshots itself; two snapshot controllers (and two sets of CRDs) in one cluster conflict, which breaks VM snapshots rather than degrading them.",
  fix: `Remove the ${SNAPSHOT_PACK} layer from the profile. If a CSI driver or Palette backups must own the snapshot controller, keep theirs and set charts.virtual-machine-orchestrator.snapshot-controller.enabled: false in the VMO values instead.`,
  docUrl: "https://docs.spectrocloud.com/vm-management/vmo-pack/create-vmo-profile/",
  check(construct: IConstruct): string[] {
    const profile = asClusterProfile(construct);
    if (!profile) return [];
    const names = profilePackNames(profile);
    if (!names.includes(VMO_PACK.name) || !names.includes(SNAPSHOT_PACK)) return [];
    return [`the profile carries ${SNAPSHOT_PACK} beside ${VMO_PACK.name}, which installs its own snapshot controller; the two conflict.`];
  },
};
