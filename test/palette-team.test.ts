import {
  PALETTE_ROLES_FOR_VM_ROLE,
  PaletteRole,
  PaletteTeam,
  SubjectKind,
  VmRole,
  VmoAddonProfile,
  VmoClusterAttachment,
  PaletteCluster,
  defaultPaletteRoles,
  unpairedPaletteRoles,
} from "../lib";
import { synth, synthError } from "./util";

const group = (name: string) => ({ kind: SubjectKind.GROUP, name });

describe("PALETTE_ROLES_FOR_VM_ROLE (vm-roles-permissions.md)", () => {
  test("each spectro-vm-* role pairs with its Virtual Machine role and cluster access", () => {
    expect(PALETTE_ROLES_FOR_VM_ROLE).toEqual({
      "spectro-vm-admin": [["Cluster Editor", "Cluster Admin"], ["Cluster Profile Editor", "Cluster Profile Admin"], ["Virtual Machine Admin"]],
      "spectro-vm-power-user": [["Cluster Viewer"], ["Virtual Machine Power User"]],
      "spectro-vm-user": [["Cluster Viewer"], ["Virtual Machine User"]],
      "spectro-vm-viewer": [["Cluster Viewer"], ["Virtual Machine Viewer"]],
    });
    expect(defaultPaletteRoles([VmRole.ADMIN, VmRole.VIEWER])).toEqual([
      "Cluster Editor",
      "Cluster Profile Editor",
      "Cluster Viewer",
      "Virtual Machine Admin",
      "Virtual Machine Viewer",
    ]);
  });

  test("unpairedPaletteRoles names what a Virtual Machine role lacks; Cluster Admin meets the admin's cluster requirement", () => {
    expect(unpairedPaletteRoles([PaletteRole.VM_USER])).toEqual([{ vmRole: VmRole.USER, missing: ["Cluster Viewer"] }]);
    expect(unpairedPaletteRoles([PaletteRole.VM_ADMIN, PaletteRole.CLUSTER_ADMIN, PaletteRole.CLUSTER_PROFILE_ADMIN])).toEqual([]);
    expect(unpairedPaletteRoles([PaletteRole.CLUSTER_VIEWER])).toEqual([]);
  });
});

describe("PaletteTeam", () => {
  test("owns a spectrocloud_team: the project's role mapping from the bindings naming its group, members by e-mail", () => {
    const json = synth((s) => {
      const p = new VmoAddonProfile(s, "P", {
        name: "vmo",
        roleBindings: {
          bindings: [
            { role: VmRole.ADMIN, subjects: [group("vmo-admins")] },
            { role: VmRole.VIEWER, subjects: [group("other")] },
          ],
        },
      });
      new PaletteTeam(s, "T", {
        teamName: "vmo-admins",
        projectName: "Default",
        grantedBy: [p.roleBindings!],
        members: ["b@example.com", "a@example.com", "a@example.com"],
      });
      new PaletteTeam(s, "U", { teamName: "other", projectName: "Default", grantedBy: [p.roleBindings!] });
    });
    const teams = Object.values(json.resource!.spectrocloud_team);
    expect(teams).toHaveLength(2);
    const admins = teams.find((t: any) => t.name === "vmo-admins");
    expect(admins.users).toEqual([
      expect.stringMatching(/^\$\{data\.spectrocloud_user\.PaletteUser-a_example_com-[0-9a-f]{8}\.id\}$/),
      expect.stringMatching(/^\$\{data\.spectrocloud_user\.PaletteUser-b_example_com-[0-9a-f]{8}\.id\}$/),
    ]);
    expect(admins.project_role_mapping).toEqual([
      { id: expect.stringMatching(/^\$\{data\.spectrocloud_project\.PaletteProject-Default/), roles: expect.any(Array) },
    ]);
    expect(admins.project_role_mapping[0].roles).toHaveLength(3);
    // One lookup per role, project and user for the whole stack.
    const roles = Object.values(json.data!.spectrocloud_role)
      .map((r: any) => r.name)
      .sort();
    expect(roles).toEqual(["Cluster Editor", "Cluster Profile Editor", "Cluster Viewer", "Virtual Machine Admin", "Virtual Machine Viewer"]);
    expect(
      Object.values(json.data!.spectrocloud_user)
        .map((u: any) => u.email)
        .sort(),
    ).toEqual(["a@example.com", "b@example.com"]);
    expect(Object.values(json.data!.spectrocloud_project).map((p: any) => p.name)).toEqual(["Default"]);
  });

  test("e-mails that differ only in punctuation stay two lookups", () => {
    const json = synth((s) => {
      const p = new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: { bindings: [{ role: VmRole.VIEWER, subjects: [group("x")] }] } });
      new PaletteTeam(s, "T", { teamName: "x", projectName: "Default", grantedBy: [p.roleBindings!], members: ["a.b@x.io", "a_b@x.io"] });
    });
    expect(Object.keys(json.data!.spectrocloud_user)).toHaveLength(2);
  });

  test("per-cluster bindings of an attachment grant too; roles override the defaults", () => {
    const json = synth((s) => {
      const p = new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: { bindings: [{ role: VmRole.VIEWER, subjects: [group("x")] }] } });
      const a = new VmoClusterAttachment(s, "A", {
        profile: p,
        cluster: PaletteCluster.fromClusterName(s, "C", "edge-1"),
        roleBindings: [{ role: VmRole.POWER_USER, subjects: [group("ops")], allVmNamespaces: true }],
      });
      const t = new PaletteTeam(s, "T", { teamName: "ops", projectName: "Default", grantedBy: [p.roleBindings!, a] });
      expect(t.vmRoles).toEqual([VmRole.POWER_USER]);
      expect(t.roles).toEqual(["Cluster Viewer", "Virtual Machine Power User"]);
      const o = new PaletteTeam(s, "O", {
        teamName: "x",
        projectName: "Default",
        grantedBy: [p.roleBindings!],
        roles: [PaletteRole.VM_VIEWER, PaletteRole.CLUSTER_ADMIN],
      });
      expect(o.roles).toEqual(["Cluster Admin", "Virtual Machine Viewer"]);
    });
    expect(Object.keys(json.resource!.spectrocloud_team)).toHaveLength(2);
  });

  test("a team no VM role binding names, an empty role list and a member that is no e-mail are errors", () => {
    const message = synthError((s) => {
      const p = new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: { bindings: [{ role: VmRole.VIEWER, subjects: [group("x")] }] } });
      new PaletteTeam(s, "T", { teamName: "nobody", projectName: "Default", grantedBy: [p.roleBindings!], roles: [], members: ["not-an-email"] });
    });
    expect(message).toContain(
      'teamName: no VM role binding names Group "nobody", so the team would get no VM role. Bind Group "nobody" to a spectro-vm-* role',
    );
    expect(message).toContain("roles: an empty role list grants nothing.");
    expect(message).toContain('members[0]: "not-an-email" is not an e-mail address');
  });
});
