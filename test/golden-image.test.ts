import { parse } from "yaml";
import { GoldenImage, VmoAddonProfile } from "../lib";
import { resources, synth, synthError } from "./util";

const layerOf = (profile: any) => profile.pack.find((p: any) => p.name === "vmo-manifests");
const manifestOf = (json: any, name: string) => {
  const pack = layerOf(resources(json, "spectrocloud_cluster_profile")[0]);
  return { pack, doc: parse(pack.manifest.find((m: any) => m.name === name).content) };
};

describe("GoldenImage", () => {
  test("a CDI DataVolume in the pack's golden images namespace, kept after import, in the manifest layer after VMO", () => {
    const json = synth((s) => {
      const profile = new VmoAddonProfile(s, "P", { name: "vmo" });
      profile.addGoldenImage({
        name: "ubuntu-2204",
        source: { registry: "gcr.io/spectro-images-public/os/ubuntu:22.04" },
        size: "50Gi",
        volumeMode: "Block",
        storageClass: "ceph-block",
      });
    });
    const { pack, doc } = manifestOf(json, "golden-image-ubuntu-2204");
    expect(pack).toMatchObject({ type: "manifest", tag: "1.0.0" });
    expect(pack.manifest.map((m: any) => m.name)).toEqual(["golden-image-ubuntu-2204"]);
    expect(parse(pack.values)).toEqual({ pack: { "spectrocloud.com/install-priority": "100" } });
    expect(doc).toEqual({
      apiVersion: "cdi.kubevirt.io/v1beta1",
      kind: "DataVolume",
      metadata: {
        name: "ubuntu-2204",
        namespace: "vmo-golden-images",
        annotations: { "cdi.kubevirt.io/storage.deleteAfterCompletion": "false" },
        labels: { "app.kubernetes.io/managed-by": "palette-vmo-cdktf" },
      },
      spec: {
        storage: { accessModes: ["ReadWriteMany"], resources: { requests: { storage: "50Gi" } }, storageClassName: "ceph-block", volumeMode: "Block" },
        source: { registry: { url: "docker://gcr.io/spectro-images-public/os/ubuntu:22.04" } },
      },
    });
  });

  test("follows the VMO values: goldenImagesNamespace (4.10 under vmo-manager, 4.9 under the chart) and the legacy priority", () => {
    const json = synth((s) => {
      const p410 = new VmoAddonProfile(s, "A", {
        name: "a",
        values: { charts: { "virtual-machine-orchestrator": { "vmo-manager": { goldenImagesNamespace: "images" } } } },
      });
      // Added before the values change: the manifest is rendered at synth.
      p410.addGoldenImage({ name: "img", source: { http: "https://example.com/a.qcow2" }, size: "10Gi" });
      const p49 = new VmoAddonProfile(s, "B", {
        name: "b",
        vmoVersion: "4.9.9",
        values: { charts: { "virtual-machine-orchestrator": { goldenImagesNamespace: "legacy-images" } } },
      });
      p49.addGoldenImage({ name: "img", source: { pvc: "other/base" }, size: "10Gi" });
    });
    const [a, b] = resources(json, "spectrocloud_cluster_profile").map(layerOf);
    expect(parse(a.manifest[0].content).metadata.namespace).toBe("images");
    expect(b.manifest.map((m: any) => m.name)).toEqual(["golden-image-img"]);
    expect(parse(b.manifest[0].content)).toMatchObject({
      metadata: { namespace: "legacy-images" },
      spec: { source: { pvc: { name: "base", namespace: "other" } } },
    });
    expect(parse(b.values).pack["spectrocloud.com/install-priority"]).toBe("20");
  });

  test("bad props are reported by field", () => {
    const msg = synthError((s) => {
      const profile = new VmoAddonProfile(s, "P", { name: "vmo" });
      new GoldenImage(profile, "G", { profile, name: "Ubuntu_22", source: { http: "ftp://x", registry: "y" }, size: "lots", volumeMode: "Raw" });
    });
    expect(msg).toContain('name: golden image name "Ubuntu_22" is not valid');
    expect(msg).toContain('source: golden image "Ubuntu_22" has http and registry; give exactly one source.');
    expect(msg).toContain('size: "lots" is not a Kubernetes quantity');
    expect(msg).toContain('volumeMode: "Raw" is not a volume mode');
  });

  test("listed on the profile", () => {
    synth((s) => {
      const profile = new VmoAddonProfile(s, "P", { name: "vmo" });
      const g = profile.addGoldenImage({ name: "img", source: { http: "https://example.com/a.qcow2" }, size: "10Gi" });
      expect(profile.goldenImages).toEqual([g]);
      expect(GoldenImage.isGoldenImage(g)).toBe(true);
      expect(g.managedNamespace).toBe("vmo-golden-images");
    });
  });
});
