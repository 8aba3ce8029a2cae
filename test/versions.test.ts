import { PackVersion, SPECTRO_PROXY_PACK, VMO_PACK } from "../lib/versions";

describe("PackVersion", () => {
  test("parses MAJOR.MINOR.PATCH only", () => {
    expect(PackVersion.tryParse("4.10.7")?.toString()).toBe("4.10.7");
    for (const bad of ["4.10", "4.10.x", "v4.10.7", "4.10.7-rc1", "", " 4.10.7"]) {
      expect(PackVersion.tryParse(bad)).toBeUndefined();
    }
  });

  test("compares numerically, not as text", () => {
    const v = PackVersion.tryParse("4.10.0")!;
    expect(v.isAtLeast("4.9.9")).toBe(true);
    expect(v.isAtLeast("4.10.0")).toBe(true);
    expect(v.isAtLeast("4.10.1")).toBe(false);
    expect(() => v.compare("nope")).toThrow("not a pack version: nope");
  });

  test("documented defaults satisfy their own rules", () => {
    expect(PackVersion.tryParse(VMO_PACK.defaultVersion)!.isAtLeast(VMO_PACK.deploymentModeLayoutSince)).toBe(true);
    expect(PackVersion.tryParse(SPECTRO_PROXY_PACK.defaultVersion)!.isAtLeast(SPECTRO_PROXY_PACK.vmDashboardIntegrationSince)).toBe(true);
  });
});
