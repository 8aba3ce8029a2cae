import { parse } from "yaml";
import { CloudInitSource, DiskBus, InterfaceBinding, VmTemplate, VmoAddonProfile } from "../lib";
import { resources, synth, synthError } from "./util";

describe("VmTemplate", () => {
  test("a VmTemplate manifest (spectrocloud.com/v1) after the golden images, booting from a clone of one", () => {
    const json = synth((s) => {
      const profile = new VmoAddonProfile(s, "P", { name: "vmo" });
      const image = profile.addGoldenImage({
        name: "ubuntu-2204",
        source: { http: "https://example.com/u.img" },
        size: "20Gi",
        storageClass: "ceph-block",
        volumeMode: "Block",
      });
      profile.addVmTemplate({
        name: "ubuntu",
        displayName: "Ubuntu 22.04",
        description: "base",
        cpu: { cores: 2, threads: 2 },
        memory: "4Gi",
        goldenImage: image,
        rootDiskSize: "30Gi",
        disks: [{ name: "scratch", bus: DiskBus.SCSI, source: { emptyDisk: "5Gi" } }],
        networks: [{ name: "default" }, { name: "vlan10", multus: "default/vlan10" }],
        cloudInit: { userData: "#cloud-config\nssh_authorized_keys: [ssh-ed25519 AAAA]\n", source: CloudInitSource.CONFIG_DRIVE },
      });
    });
    const packs = resources(json, "spectrocloud_cluster_profile")[0].pack;
    // One manifest layer, after VMO (90): images by name, then templates by name.
    expect(packs.filter((p: any) => p.type === "manifest").map((p: any) => p.name)).toEqual(["vmo-manifests"]);
    const pack = packs.find((p: any) => p.name === "vmo-manifests");
    expect(parse(pack.values).pack["spectrocloud.com/install-priority"]).toBe("100");
    expect(pack.manifest.map((m: any) => m.name)).toEqual(["golden-image-ubuntu-2204", "vm-template-ubuntu"]);
    const doc = parse(pack.manifest[1].content);
    expect(doc).toMatchObject({ apiVersion: "spectrocloud.com/v1", kind: "VmTemplate", metadata: { name: "ubuntu" } });
    expect(doc.spec).toMatchObject({ displayName: "Ubuntu 22.04", description: "base", running: false });
    expect(doc.spec.dataVolumeTemplates).toEqual([
      {
        metadata: { name: "ubuntu-rootdisk" },
        spec: {
          source: { pvc: { name: "ubuntu-2204", namespace: "vmo-golden-images" } },
          pvc: { accessModes: ["ReadWriteMany"], resources: { requests: { storage: "30Gi" } }, storageClassName: "ceph-block", volumeMode: "Block" },
        },
      },
    ]);
    const spec = doc.spec.template.spec;
    expect(spec.domain.cpu).toEqual({ cores: 2, sockets: 1, threads: 2 });
    expect(spec.domain.devices.disks).toEqual([
      { name: "rootdisk", disk: { bus: "virtio" }, bootOrder: 1 },
      { name: "scratch", disk: { bus: "scsi" } },
      { name: "cloudinitdisk", disk: { bus: "virtio" } },
    ]);
    expect(spec.domain.devices.interfaces).toEqual([
      { name: "default", masquerade: {} },
      { name: "vlan10", bridge: {} },
    ]);
    expect(spec.networks).toEqual([
      { name: "default", pod: {} },
      { name: "vlan10", multus: { networkName: "default/vlan10" } },
    ]);
    expect(spec.volumes).toEqual([
      { name: "rootdisk", dataVolume: { name: "ubuntu-rootdisk" } },
      { name: "scratch", emptyDisk: { capacity: "5Gi" } },
      { name: "cloudinitdisk", cloudInitConfigDrive: { userData: "#cloud-config\nssh_authorized_keys: [ssh-ed25519 AAAA]\n" } },
    ]);
  });

  test("bad specs are reported by field", () => {
    const msg = synthError((s) => {
      const profile = new VmoAddonProfile(s, "P", { name: "vmo" });
      new VmTemplate(profile, "T", {
        profile,
        name: "t",
        cpu: { cores: 0 },
        memory: "4 GB",
        disks: [
          { name: "a", source: {} },
          { name: "a", source: { containerDisk: "x", emptyDisk: "1Gi" } },
        ],
        networks: [{ name: "n1" }, { name: "n2", binding: "nat" as InterfaceBinding }],
      });
    });
    expect(msg).toContain("cpu.cores: 0 is not a count");
    expect(msg).toContain('memory: "4 GB" is not a Kubernetes quantity');
    expect(msg).toContain('disks[0].source: disk "a" has no source');
    expect(msg).toContain('disks[1].name: disk "a" is given twice');
    expect(msg).toContain('disks[1].source: disk "a" has containerDisk and emptyDisk; give exactly one source.');
    expect(msg).toContain('networks[1].binding: "nat" is not an interface binding');
    expect(msg).toContain("networks: 2 networks use the pod network");
  });
});
