import { Construct } from "constructs";
import { PaletteRole, PaletteTeam, SubjectKind, VmRole, VmoAddonProfile, VmoSuppressions } from "../../lib";
import { check, of } from "./helpers";

const team = (s: Construct, roles?: string[]) => {
  const p = new VmoAddonProfile(s, "P", {
    name: "vmo",
    roleBindings: { bindings: [{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "vmo-admins" }] }] },
  });
  return new PaletteTeam(s, "T", { teamName: "vmo-admins", projectName: "Default", grantedBy: [p.roleBindings!], roles });
};

describe("VMO-018 palette-vm-role-paired", () => {
  test("fails for a Virtual Machine role whose roles override drops the paired cluster roles", () => {
    const r = check((s) => team(s, [PaletteRole.VM_ADMIN, PaletteRole.CLUSTER_ADMIN, PaletteRole.VM_USER]));
    expect(of(r, "VMO-018").map((f) => `${f.level} ${f.path} ${f.text.split(" Fix:")[0]}`)).toEqual([
      'error test/T [VMO-018] team "vmo-admins" has "Virtual Machine Admin" without "Cluster Profile Editor" or "Cluster Profile Admin", which vm-roles-permissions.md pairs with it.',
      'error test/T [VMO-018] team "vmo-admins" has "Virtual Machine User" without "Cluster Viewer", which vm-roles-permissions.md pairs with it.',
    ]);
    expect(r.error).toContain("[VMO-018]");
  });

  test("passes for the default pairing and for Admin in place of Editor", () => {
    expect(
      of(
        check((s) => team(s)),
        "VMO-018",
      ),
    ).toEqual([]);
    const r = check((s) => team(s, [PaletteRole.VM_ADMIN, PaletteRole.CLUSTER_ADMIN, PaletteRole.CLUSTER_PROFILE_ADMIN]));
    expect(of(r, "VMO-018")).toEqual([]);
    expect(r.error).toBeUndefined();
  });

  test("a suppression with a reason lets it through", () => {
    const r = check((s) => {
      const t = team(s, [PaletteRole.VM_VIEWER]);
      VmoSuppressions.addSuppressions(t, [{ id: "VMO-018", reason: "cluster access comes from another team" }]);
    });
    expect(r.error).toBeUndefined();
  });
});
