import { Construct } from "constructs";
import { PaletteCluster, SubjectKind, VmRole, VmoAddonProfile, VmoAddonProfileProps, VmoClusterAttachment } from "../../lib";
import { check, of } from "./helpers";

const bindings = [{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "vmo-admins" }] }];
const profile = (s: Construct, props: Partial<VmoAddonProfileProps> = {}) =>
  new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: { groupPrefix: "oidc:", bindings }, ...props });

describe("VMO-016 oidc-prefixes-mirrored", () => {
  test("passes when the profile mirrors the bindings' prefixes itself", () => {
    const r = check((s) => profile(s));
    expect(of(r, "VMO-016")).toEqual([]);
    expect(r.error).toBeUndefined();
  });

  test("fails when the values override the mirrored group prefix", () => {
    const r = check((s) => profile(s, { values: { charts: { "virtual-machine-orchestrator": { "vmo-manager": { oidc: { k8sGroupPrefix: "okta:" } } } } } }));
    expect(of(r, "VMO-016")).toEqual([
      {
        id: "VMO-016",
        level: "error",
        path: "test/P",
        text: expect.stringContaining(
          '[VMO-016] roleBindings.groupPrefix is "oidc:" but the VMO values set charts.virtual-machine-orchestrator.vmo-manager.oidc.k8sGroupPrefix to "okta:"',
        ),
      },
    ]);
  });

  test("fails when the values set a username prefix the bindings do not prepend", () => {
    const r = check((s) => profile(s, { values: { charts: { "virtual-machine-orchestrator": { "vmo-manager": { oidc: { k8sUsernamePrefix: "u:" } } } } } }));
    expect(of(r, "VMO-016").map((f) => f.text)).toEqual([expect.stringContaining('roleBindings.usernamePrefix is "" but the VMO values set')]);
  });

  test("fails on a cluster whose packValues change the prefix", () => {
    const r = check((s) => {
      const p = profile(s);
      new VmoClusterAttachment(s, "A", {
        profile: p,
        cluster: PaletteCluster.fromClusterName(s, "C", "edge-1"),
        packValues: { "virtual-machine-orchestrator": "charts:\n  virtual-machine-orchestrator:\n    vmo-manager:\n      oidc:\n        k8sGroupPrefix: ''\n" },
      });
    });
    expect(of(r, "VMO-016").map((f) => [f.path, f.text])).toEqual([
      [
        "test/A",
        expect.stringContaining(
          '[VMO-016] roleBindings.groupPrefix is "oidc:" but packValues.virtual-machine-orchestrator set charts.virtual-machine-orchestrator.vmo-manager.oidc.k8sGroupPrefix to ""',
        ),
      ],
    ]);
  });

  test("does not apply before 4.10 (no prefix keys) or without a bindings layer", () => {
    const r = check((s) => {
      profile(s, { vmoVersion: "4.9.9" });
      new VmoAddonProfile(s, "Q", {
        name: "q",
        values: { charts: { "virtual-machine-orchestrator": { "vmo-manager": { oidc: { k8sGroupPrefix: "x:" } } } } },
      });
    });
    expect(of(r, "VMO-016")).toEqual([]);
  });
});
