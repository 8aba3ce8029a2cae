import { BUILT_IN_API_GROUPS, CRD_PROVIDING_PACKS, VMO_IAM, VMO_PACK, apiGroupOf, crdProvidingPack, installPriorityOf } from "../lib";

describe("pack-kinds", () => {
  test("apiGroupOf splits group/version; the core group is empty", () => {
    expect(apiGroupOf("v1")).toBe("");
    expect(apiGroupOf("rbac.authorization.k8s.io/v1")).toBe("rbac.authorization.k8s.io");
    expect(apiGroupOf("kubevirt.io/v1")).toBe("kubevirt.io");
  });

  test("KubeVirt, CDI, Multus, snapshot and VMO Manager kinds come with the VMO pack", () => {
    for (const v of ["kubevirt.io/v1", "cdi.kubevirt.io/v1beta1", "k8s.cni.cncf.io/v1", "snapshot.storage.k8s.io/v1", VMO_IAM.apiVersion]) {
      expect(crdProvidingPack(v)).toBe(VMO_PACK.name);
    }
    expect(Object.values(CRD_PROVIDING_PACKS).every((p) => p === VMO_PACK.name)).toBe(true);
  });

  test("built-in groups need no CRD; unknown groups are not claimed by any pack", () => {
    expect(crdProvidingPack("v1")).toBeUndefined();
    expect(crdProvidingPack("rbac.authorization.k8s.io/v1")).toBeUndefined();
    expect(BUILT_IN_API_GROUPS).toContain("apps");
    expect(crdProvidingPack("example.com/v1")).toBeNull();
  });

  test("installPriorityOf: strings and numbers, 0 when unset, undefined when not an integer", () => {
    expect(installPriorityOf({ pack: { "spectrocloud.com/install-priority": "90" } })).toBe(90);
    expect(installPriorityOf({ pack: { "spectrocloud.com/install-priority": -10 } })).toBe(-10);
    expect(installPriorityOf({})).toBe(0);
    expect(installPriorityOf(undefined)).toBe(0);
    expect(installPriorityOf({ pack: { "spectrocloud.com/install-priority": "" } })).toBe(0);
    expect(installPriorityOf({ pack: { "spectrocloud.com/install-priority": "1.5" } })).toBeUndefined();
    expect(installPriorityOf({ pack: { "spectrocloud.com/install-priority": "soon" } })).toBeUndefined();
  });
});
