// VMO-004: versions before 4.9.9 cannot move to 4.10 in one step.
import { IConstruct } from "constructs";
import { VmoPack } from "../vmo-pack";
import { VMO_PACK } from "../versions";
import { IVmoRule, VmoRuleLevel } from "./rule";

/** VMO-004: versions before 4.9.9 cannot move to 4.10 in one step. */
export const VMO_004: IVmoRule = {
  id: "VMO-004",
  name: "vmo-upgrade-path",
  level: VmoRuleLevel.WARNING,
  description: `The VMO pack version is below ${VMO_PACK.upgradePathTo410From} (and at least ${VMO_PACK.minimumVersion}; lower versions are a validation error).`,
  rationale: `Warning: the pack installs and runs, and a fleet pinned to an older version during a staged upgrade is legitimate; but clusters on it need ${VMO_PACK.upgradePathTo410From} (or a later 4.9.x) before they can move to 4.10, so new work should not start there.`,
  fix: `Pin ${VMO_PACK.defaultVersion} for new clusters; for clusters already on this version, upgrade the pack to ${VMO_PACK.upgradePathTo410From} or a later 4.9.x first, then to 4.10.x.`,
  docUrl: "https://docs.spectrocloud.com/vm-management/vmo-pack/upgrade-vmo-pack/",
  check(construct: IConstruct): string[] {
    if (!VmoPack.isVmoPack(construct)) return [];
    const version = construct.parsedVersion;
    if (!version || !version.isAtLeast(VMO_PACK.minimumVersion) || version.isAtLeast(VMO_PACK.upgradePathTo410From)) return [];
    return [
      `VMO ${construct.tag} is older than ${VMO_PACK.upgradePathTo410From}; there is no direct upgrade from it to 4.10.x, so clusters on it need two upgrades.`,
    ];
  },
};
