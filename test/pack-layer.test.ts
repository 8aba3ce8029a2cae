import { ManifestPack, RegistryPack, PackType } from "../lib";
import { ClusterProfile } from "../lib/provider";
import { newStack, resources, synth, synthError } from "./util";

describe("RegistryPack", () => {
  test("any registry pack: lookup by name, version and registry, values merged from several calls", () => {
    const json = synth((s) => {
      const pack = new RegistryPack(s, "Lb", { packName: "lb-metallb-helm", tag: "0.14.9", packType: PackType.HELM, values: { a: { b: 1 } } });
      pack.addValues("a:\n  c: 2\n");
      new ClusterProfile(s, "Prof", { name: "lb", pack: [pack.toProfilePack()] });
    });
    const pack = resources(json, "spectrocloud_cluster_profile")[0].pack[0];
    expect(pack).toMatchObject({ name: "lb-metallb-helm", tag: "0.14.9", type: "helm", values: "a:\n  b: 1\n  c: 2\n" });
  });

  test("a pack without values writes no values attribute", () => {
    const json = synth((s) => {
      const pack = new RegistryPack(s, "Plain", { packName: "p", tag: "1.0.0" });
      new ClusterProfile(s, "Prof", { name: "x", pack: [pack.toProfilePack()] });
    });
    expect(resources(json, "spectrocloud_cluster_profile")[0].pack[0]).not.toHaveProperty("values");
  });

  test("addValues errors name the field given", () => {
    expect(
      synthError((s) => {
        new RegistryPack(s, "P", { packName: "p", tag: "1.0.0" }).addValues("[", "clusters[2].packValues.p");
      }),
    ).toMatch(/\[test\/P\] clusters\[2\]\.packValues\.p: invalid YAML/);
  });
});

describe("ManifestPack", () => {
  test("renders manifests in order", () => {
    const stack = newStack();
    const m = new ManifestPack(stack, "M", {
      packName: "extras",
      manifests: [
        { name: "b", content: "x: 1" },
        { name: "a", content: "y: 2" },
      ],
    });
    expect(m.toProfilePack()).toMatchObject({
      name: "extras",
      tag: "1.0.0",
      type: "manifest",
      manifest: [
        { name: "b", content: "x: 1" },
        { name: "a", content: "y: 2" },
      ],
    });
  });

  test.each([
    [[], "manifests: a manifest pack needs at least one manifest."],
    [[{ name: "", content: "a: 1" }], "manifests[0].name: must not be empty; give each manifest a unique name."],
    [
      [
        { name: "a", content: "x: 1" },
        { name: "a", content: "y: 1" },
      ],
      'manifests[1].name: "a" is used twice; manifest names must be unique within a pack.',
    ],
    [[{ name: "a", content: "  \n" }], 'manifests[0].content: manifest "a" is empty; give it Kubernetes YAML.'],
  ])("rejects %j", (manifests, message) => {
    expect(synthError((s) => new ManifestPack(s, "M", { packName: "m", manifests }))).toContain(`[test/M] ${message}`);
  });
});
