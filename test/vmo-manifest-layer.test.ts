import { parse } from "yaml";
import { PaletteCluster, SubjectKind, VmRole, VmRoleBindings, VmoAddonProfile, VmoClusterAttachment, VmoManifestLayer } from "../lib";
import { resources, synth, synthError } from "./util";

const admin = { bindings: [{ role: VmRole.ADMIN, subjects: [{ kind: SubjectKind.GROUP, name: "vmo-admins" }] }] };
const manifestLayers = (profile: any) => profile.pack.filter((p: any) => p.type === "manifest");

/** A profile with bindings, two golden images and two templates, each pair added out of name order. */
function fullProfile(s: any): VmoAddonProfile {
  const p = new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: admin });
  const zeta = p.addGoldenImage({ name: "zeta", source: { http: "https://example.com/z.img" }, size: "10Gi" });
  p.addVmTemplate({ name: "web", cpu: { cores: 1 }, memory: "1Gi", goldenImage: zeta });
  p.addGoldenImage({ name: "alpha", source: { http: "https://example.com/a.img" }, size: "10Gi" });
  p.addVmTemplate({ name: "db", cpu: { cores: 1 }, memory: "1Gi", goldenImage: zeta });
  p.addManifest({ name: "extra", content: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: default\n" });
  return p;
}

describe("VmoManifestLayer", () => {
  test("one manifest layer: bindings, VMO IAM, images by name, templates by name, then your own; VMO's priority + 10", () => {
    let made: VmoAddonProfile | undefined;
    const json = synth((s) => (made = fullProfile(s)));
    const [profile] = resources(json, "spectrocloud_cluster_profile");
    const layers = manifestLayers(profile);
    expect(layers.map((l: any) => l.name)).toEqual(["vmo-manifests"]);
    expect(layers[0].manifest.map((m: any) => m.name)).toEqual([
      "vm-role-bindings",
      "vmo-iam-roles",
      "golden-image-alpha",
      "golden-image-zeta",
      "vm-template-db",
      "vm-template-web",
      "extra",
    ]);
    expect(parse(layers[0].values)).toEqual({ pack: { "spectrocloud.com/install-priority": "100" } });
    expect(parse(layers[0].manifest[2].content)).toMatchObject({ kind: "DataVolume", metadata: { name: "alpha" } });
    expect(parse(layers[0].manifest[4].content)).toMatchObject({ kind: "VmTemplate", metadata: { name: "db" } });
    expect(VmoManifestLayer.isVmoManifestLayer(made!.manifestLayer)).toBe(true);
    expect(made!.goldenImages.map((g) => g.imageName)).toEqual(["alpha", "zeta"]);
    expect(made!.vmTemplates.map((t) => t.templateName)).toEqual(["db", "web"]);
  });

  test("a golden image alone makes the layer; legacy VMO (priority 10) puts it at 20", () => {
    const json = synth((s) => {
      const p = new VmoAddonProfile(s, "P", { name: "vmo", vmoVersion: "4.9.9" });
      p.addGoldenImage({ name: "img", source: { http: "https://example.com/a.img" }, size: "10Gi" });
    });
    const layers = manifestLayers(resources(json, "spectrocloud_cluster_profile")[0]);
    expect(layers.map((l: any) => [l.name, l.manifest.map((m: any) => m.name)])).toEqual([["vmo-manifests", ["golden-image-img"]]]);
    expect(parse(layers[0].values).pack["spectrocloud.com/install-priority"]).toBe("20");
  });

  test("the per-cluster copy keeps one manifest layer, with the cluster's bindings and everything else of the profile", () => {
    const json = synth((s) => {
      new VmoClusterAttachment(s, "A", {
        profile: fullProfile(s),
        cluster: PaletteCluster.fromClusterUid(s, "C", "abc"),
        roleBindings: [{ role: VmRole.USER, subjects: [{ kind: SubjectKind.GROUP, name: "edge-ops" }], namespaces: ["default"] }],
      });
    });
    const copy = resources(json, "spectrocloud_cluster_profile").find((p: any) => p.name === "vmo-abc");
    const shared = resources(json, "spectrocloud_cluster_profile").find((p: any) => p.name === "vmo");
    const layers = manifestLayers(copy);
    expect(layers.map((l: any) => l.name)).toEqual(["vmo-manifests"]);
    expect(layers[0].manifest.map((m: any) => m.name)).toEqual(manifestLayers(shared)[0].manifest.map((m: any) => m.name));
    expect(layers[0].manifest[0].content).toContain("edge-ops");
    expect(layers[0].manifest[1].content).toContain("edge-ops");
    expect(manifestLayers(shared)[0].manifest[0].content).not.toContain("edge-ops");
    expect(layers[0].manifest.slice(2)).toEqual(manifestLayers(shared)[0].manifest.slice(2));
  });

  test("manifest names stay unique within the layer", () => {
    const msg = synthError((s) => {
      const p = new VmoAddonProfile(s, "P", { name: "vmo", roleBindings: admin });
      p.addManifest({ name: "vmo-iam-roles", content: "a: 1" });
      new VmRoleBindings(s, "Team", { profile: p, bindings: admin.bindings });
    });
    expect(msg).toContain(
      '[test/P/Manifests] manifests.vm-role-bindings: manifest "vm-role-bindings" comes from both test/P/RoleBindings and test/Team; manifest names must be unique within the layer "vmo-manifests".',
    );
    expect(msg).toContain('manifests.vmo-iam-roles: manifest "vmo-iam-roles" comes from both test/P/VmoIam and addManifest');
  });

  test("an empty manifest of your own is refused", () => {
    const msg = synthError((s) => new VmoAddonProfile(s, "P", { name: "vmo" }).addManifest({ name: "blank", content: "  \n" }));
    expect(msg).toContain('[test/P/Manifests] manifests.blank: manifest "blank" is empty.');
  });
});
