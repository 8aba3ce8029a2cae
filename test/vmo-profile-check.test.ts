import { ManifestPack, VmoAddonProfile } from "../lib";
import { resources, synth } from "./util";

describe("VmoProfileCheck (the docs' Validate step as a Terraform check block)", () => {
  test("looks the profile up after apply and asserts identity and packs", () => {
    const json: any = synth((s) => new VmoAddonProfile(s, "Vmo", { name: "vmo", profileVersion: "1.2.0", vmoVersion: "4.10.7" }));
    const [address] = Object.keys(json.resource.spectrocloud_cluster_profile);
    const [name, check] = Object.entries<any>(json.check)[0];
    expect(name).toMatch(/^Vmo_Verify_[0-9A-F]{8}$/);
    expect(check.data).toEqual({
      spectrocloud_cluster_profile: { listed: { name: "vmo", version: "1.2.0", context: "project", depends_on: [`spectrocloud_cluster_profile.${address}`] } },
    });
    expect(check.assert).toEqual([
      {
        condition: `\${data.spectrocloud_cluster_profile.listed.id == spectrocloud_cluster_profile.${address}.id}`,
        error_message:
          "Palette lists no cluster profile vmo 1.2.0 (project context) with the UID this stack manages; it was deleted or replaced outside Terraform.",
      },
      {
        condition:
          '${sort([for pack in data.spectrocloud_cluster_profile.listed.pack : pack.name]) == tolist(["spectro-proxy", "virtual-machine-orchestrator"]) && ' +
          'tomap({for pack in data.spectrocloud_cluster_profile.listed.pack : pack.name => pack.tag if pack.type != "manifest"}) == tomap({"spectro-proxy" = "1.5.6", "virtual-machine-orchestrator" = "4.10.7"})}',
        error_message:
          "Cluster profile vmo 1.2.0 in Palette does not hold the expected packs (virtual-machine-orchestrator 4.10.7, spectro-proxy 1.5.6); it was edited outside Terraform.",
      },
    ]);
  });

  test("packs added later are expected too; manifests by name only", () => {
    const json: any = synth((s) => {
      const p = new VmoAddonProfile(s, "Vmo", { name: "vmo", accessMode: undefined });
      p.addPack(new ManifestPack(p, "Extra", { packName: "extra", manifests: [{ name: "m", content: "a: 1" }] }));
    });
    const check = Object.values<any>(json.check)[0];
    expect(check.assert[1].condition).toContain('tolist(["extra", "spectro-proxy", "virtual-machine-orchestrator"])');
    expect(check.assert[1].condition).not.toContain('"extra" =');
  });

  test("verifyInPalette: false leaves it out", () => {
    const json: any = synth((s) => new VmoAddonProfile(s, "Vmo", { name: "vmo", verifyInPalette: false }));
    expect(json.check).toBeUndefined();
    expect(resources(json, "spectrocloud_cluster_profile")).toHaveLength(1);
  });
});
