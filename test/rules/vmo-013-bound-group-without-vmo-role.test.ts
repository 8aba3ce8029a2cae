import { SubjectKind, VMO_013, VmRole, VmRoleBindings, VmoAddonProfile, VmoSuppressions } from "../../lib";
import { check, of } from "./helpers";
import { NOT_FEDERATED, attach, group, profile } from "./iam-fixtures";

const texts = (r: ReturnType<typeof check>) => of(r, "VMO-013").map((f) => `${f.level} ${f.path} ${f.text.split(" Fix:")[0]}`);

describe("VMO-013 bound-group-without-vmo-role", () => {
  test("warns for every bound group and user when the profile's VMO IAM mappings are off", () => {
    const r = check((s) =>
      profile(s, {
        roleBindings: {
          groupPrefix: "oidc:",
          vmoIamMappings: false,
          bindings: [{ role: VmRole.ADMIN, subjects: [group("vmo-admins"), { kind: SubjectKind.USER, name: "ann@example.com" }] }],
        },
      }),
    );
    expect(texts(r)).toEqual([
      'warning test/P [VMO-013] Group "vmo-admins" (bindings[0], spectro-vm-admin cluster wide) gets no VMO IAM role on VMO 4.10.7: the profile writes no VMO IAM mappings (roleBindings.vmoIamMappings is false). Its users pass Kubernetes RBAC, but the VMO UI offers them nothing (no VmoRole maps "vmo-admins").',
      'warning test/P [VMO-013] User "ann@example.com" (bindings[0], spectro-vm-admin cluster wide) gets no VMO IAM role on VMO 4.10.7: the profile writes no VMO IAM mappings (roleBindings.vmoIamMappings is false). Its users pass Kubernetes RBAC, but the VMO UI offers them nothing (no VmoRole maps "ann@example.com").',
    ]);
    expect(r.error).toBeUndefined();
  });

  test("names the subject's own field, so config users get its line; a seeded group is not flagged", () => {
    let p: VmoAddonProfile | undefined;
    const r = check(
      (s) =>
        (p = profile(s, { roleBindings: { vmoIamMappings: false, bindings: [{ role: VmRole.VIEWER, subjects: [group("cluster-viewers"), group("x")] }] } })),
    );
    expect(VMO_013.check(p!).map((f) => (typeof f === "string" ? f : f.field))).toEqual([["roleBindings", "bindings", 0, "subjects", 1]]);
    expect(texts(r)).toHaveLength(1);
    expect(texts(r)[0]).toContain('Group "x"');
  });

  test("warns on the attachment for per-cluster bindings when the profile's mappings are off", () => {
    const r = check((s) =>
      attach(s, profile(s, { roleBindings: { vmoIamMappings: false, bindings: [{ role: VmRole.ADMIN, subjects: [group("cluster-admins")] }] } }), {
        roleBindings: [{ role: VmRole.USER, subjects: [group("dc1-operators")] }],
      }),
    );
    expect(texts(r)).toEqual([
      'warning test/A [VMO-013] Group "dc1-operators" (roleBindings[0], spectro-vm-user cluster wide) gets no VMO IAM role on VMO 4.10.7: the profile writes no VMO IAM mappings (roleBindings.vmoIamMappings is false). Its users pass Kubernetes RBAC, but the VMO UI offers them nothing (no VmoRole maps "dc1-operators").',
    ]);
  });

  test("warns for namespace-scoped bindings under oidc.k8sNotFederated, which are not mapped", () => {
    const r = check((s) =>
      profile(s, {
        values: NOT_FEDERATED,
        roleBindings: {
          bindings: [
            { role: VmRole.USER, subjects: [group("ops")], namespaces: ["virtual-machines"] },
            { role: VmRole.VIEWER, subjects: [group("auditors")] },
          ],
        },
      }),
    );
    expect(texts(r)).toHaveLength(1);
    expect(texts(r)[0]).toContain('Group "ops" (bindings[0], spectro-vm-user in namespace "virtual-machines") gets no VMO IAM role');
    expect(texts(r)[0]).toContain("oidc.k8sNotFederated: true");
  });

  test("warns for role bindings added to the profile's manifest layer by hand, which carry no mappings", () => {
    const r = check((s) => {
      const p = profile(s);
      new VmRoleBindings(s, "Team", { profile: p, manifestName: "team-bindings", bindings: [{ role: VmRole.USER, subjects: [group("team-a")] }] });
    });
    expect(texts(r)).toEqual([
      'warning test/P [VMO-013] Group "team-a" (bindings[0], spectro-vm-user cluster wide) gets no VMO IAM role on VMO 4.10.7: role bindings "team-bindings" were added to the profile\'s manifest layer by hand and carry no VMO IAM mappings (give the bindings as the profile\'s roleBindings instead). Its users pass Kubernetes RBAC, but the VMO UI offers them nothing (no VmoRole maps "team-a").',
    ]);
  });

  test("passes when the mappings are on (the default), on legacy VMO, and when suppressed with a reason", () => {
    const bindings = [{ role: VmRole.ADMIN, subjects: [group("vmo-admins")] }];
    expect(
      of(
        check((s) => profile(s, { roleBindings: { bindings } })),
        "VMO-013",
      ),
    ).toEqual([]);
    expect(
      of(
        check((s) => profile(s, { vmoVersion: "4.9.9", roleBindings: { vmoIamMappings: false, bindings } })),
        "VMO-013",
      ),
    ).toEqual([]);
    const r = check((s) => {
      const p = profile(s, { roleBindings: { vmoIamMappings: false, bindings } });
      VmoSuppressions.addSuppressions(p, [{ id: "VMO-013", reason: "mapped in the VMO UI by the platform team" }]);
    });
    expect(of(r, "VMO-013").map((f) => f.level)).toEqual(["info"]);
  });
});
