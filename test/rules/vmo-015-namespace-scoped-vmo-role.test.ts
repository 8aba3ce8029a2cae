import { SubjectKind, VmRole } from "../../lib";
import { check, of } from "./helpers";
import { NOT_FEDERATED, attach, group, profile } from "./iam-fixtures";

const texts = (r: ReturnType<typeof check>) => of(r, "VMO-015").map((f) => `${f.level} ${f.path} ${f.text.split(" Fix:")[0]}`);

describe("VMO-015 namespace-scoped-vmo-role", () => {
  test("warns for allVmNamespaces and listed namespaces, naming the VMO role and the namespaces", () => {
    const r = check((s) =>
      profile(s, {
        roleBindings: {
          bindings: [
            { role: VmRole.POWER_USER, subjects: [group("vmo-developers")], allVmNamespaces: true },
            { role: VmRole.USER, subjects: [{ kind: SubjectKind.USER, name: "ann@example.com" }], namespaces: ["team-a"] },
            { role: VmRole.ADMIN, subjects: [group("vmo-admins")] },
          ],
        },
      }),
    );
    expect(texts(r)).toEqual([
      'warning test/P [VMO-015] Group "vmo-developers" (bindings[0], spectro-vm-power-user in namespace "default") is mapped to VMO role Editor, which is platform-wide: the VMO UI offers its actions in every managed namespace, while its Kubernetes binding lets the API server accept them only in "default".',
      'warning test/P [VMO-015] User "ann@example.com" (bindings[1], spectro-vm-user in namespace "team-a") is mapped to VMO role Operator, which is platform-wide: the VMO UI offers its actions in every managed namespace, while its Kubernetes binding lets the API server accept them only in "team-a".',
    ]);
  });

  test("warns on the attachment for a per-cluster namespace-scoped group (prod's dc1-operators)", () => {
    const r = check((s) =>
      attach(s, profile(s, { roleBindings: { bindings: [{ role: VmRole.ADMIN, subjects: [group("a")] }] } }), {
        roleBindings: [{ role: VmRole.USER, subjects: [group("dc1-operators")], namespaces: ["virtual-machines"] }],
      }),
    );
    expect(texts(r)).toHaveLength(1);
    expect(texts(r)[0]).toMatch(/^warning test\/A \[VMO-015\] Group "dc1-operators" \(roleBindings\[0\], spectro-vm-user in namespace "virtual-machines"\)/);
  });

  test("passes for cluster-wide bindings, seeded group names, k8sNotFederated (VMO-013 instead) and legacy VMO", () => {
    const ns = { role: VmRole.USER, subjects: [group("ops")], namespaces: ["virtual-machines"] };
    expect(
      of(
        check((s) => profile(s, { roleBindings: { bindings: [{ role: VmRole.USER, subjects: [group("ops")] }] } })),
        "VMO-015",
      ),
    ).toEqual([]);
    expect(
      of(
        check((s) => profile(s, { roleBindings: { bindings: [{ ...ns, subjects: [group("vmo-operators")] }] } })),
        "VMO-015",
      ),
    ).toEqual([]);
    const nf = check((s) => profile(s, { values: NOT_FEDERATED, roleBindings: { bindings: [ns] } }));
    expect(of(nf, "VMO-015")).toEqual([]);
    expect(of(nf, "VMO-013")).toHaveLength(1);
    expect(
      of(
        check((s) => profile(s, { vmoVersion: "4.9.9", roleBindings: { bindings: [ns] } })),
        "VMO-015",
      ),
    ).toEqual([]);
  });
});
