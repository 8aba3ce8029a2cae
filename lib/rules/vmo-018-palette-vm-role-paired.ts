// VMO-018: a Palette `Virtual Machine ...` role needs the Palette roles the docs pair with it.
import { IConstruct } from "constructs";
import { PaletteTeam, paletteVmRole, unpairedPaletteRoles } from "../palette-team";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

/** VMO-018: a team's Palette VM role without the paired cluster-access role. */
export const VMO_018: IVmoRule = {
  id: "VMO-018",
  name: "palette-vm-role-paired",
  level: VmoRuleLevel.ERROR,
  description:
    "A Palette team (PaletteTeam) holds a `Virtual Machine ...` Palette role without every role vm-roles-permissions.md pairs with it: Cluster Viewer for the power user, user and viewer roles; Cluster Admin or Editor and Cluster Profile Admin or Editor for Virtual Machine Admin. Only teams whose roles were overridden (`roles`) can miss them.",
  rationale:
    "Error: the VM roles only open VMO's APIs; without the paired cluster role the team's members cannot reach the host cluster, so the Virtual Machines tab and console stay closed to them while the team looks correctly configured.",
  fix: "Add the missing paired role to the team's roles, or leave roles out to get the documented pairing (PALETTE_ROLES_FOR_VM_ROLE).",
  docUrl: "https://docs.spectrocloud.com/vm-management/rbac/vm-roles-permissions/",
  check(construct: IConstruct): RuleFinding[] {
    if (!PaletteTeam.isPaletteTeam(construct)) return [];
    return unpairedPaletteRoles(construct.roles).map(({ vmRole, missing }) => ({
      field: ["roles"],
      message: `team "${construct.teamName}" has "${paletteVmRole(vmRole)}" without ${missing.map((r) => `"${r}"`).join(" or ")}, which vm-roles-permissions.md pairs with it.`,
    }));
  },
};
