import { VmRole } from "../../lib";
import { check, of } from "./helpers";
import { attach, group, profile, sa } from "./iam-fixtures";

const texts = (r: ReturnType<typeof check>) => of(r, "VMO-014").map((f) => `${f.level} ${f.path} ${f.text.split(" Fix:")[0]}`);

describe("VMO-014 service-account-no-vmo-role", () => {
  test("warns for a service account bound on the profile, naming the binding and what it gets", () => {
    const r = check((s) => profile(s, { roleBindings: { bindings: [{ role: VmRole.VIEWER, subjects: [group("g"), sa("ci", "runner")] }] } }));
    expect(texts(r)).toEqual([
      'warning test/P [VMO-014] ServiceAccount "ci/runner" (bindings[0], spectro-vm-viewer cluster wide) gets Kubernetes RBAC only: VMO IAM maps groups and users, so it has no VMO role and no VMO UI or API access; it can still call the Kubernetes API with its token as the binding allows.',
    ]);
    expect(r.error).toBeUndefined();
  });

  test("warns on the attachment for a per-cluster service account (the dev example's ci-runner)", () => {
    const r = check((s) =>
      attach(s, profile(s, { roleBindings: { bindings: [{ role: VmRole.ADMIN, subjects: [group("a")] }] } }), {
        roleBindings: [{ role: VmRole.USER, subjects: [sa("ci", "ci-runner")], namespaces: ["virtual-machines"] }],
      }),
    );
    expect(texts(r)).toEqual([
      'warning test/A [VMO-014] ServiceAccount "ci/ci-runner" (roleBindings[0], spectro-vm-user in namespace "virtual-machines") gets Kubernetes RBAC only: VMO IAM maps groups and users, so it has no VMO role and no VMO UI or API access; it can still call the Kubernetes API with its token as the binding allows.',
    ]);
  });

  test("passes on legacy VMO, which has no VMO IAM", () => {
    const r = check((s) => profile(s, { vmoVersion: "4.9.9", roleBindings: { bindings: [{ role: VmRole.USER, subjects: [sa("ci", "runner")] }] } }));
    expect(of(r, "VMO-014")).toEqual([]);
  });
});
