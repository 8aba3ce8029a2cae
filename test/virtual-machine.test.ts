import { parse } from "yaml";
import { InterfaceBinding, PaletteCluster, RunStrategy, VirtualMachine, VmoAddonProfile } from "../lib";
import { TerraformVariable } from "../lib/cdktf";
import { resources, synth, synthError } from "./util";

function base(s: any) {
  const profile = new VmoAddonProfile(s, "P", { name: "vmo" });
  const image = profile.addGoldenImage({
    name: "ubuntu-2204",
    source: { registry: "gcr.io/spectro-images-public/release/vm-dashboard/os/ubuntu-container-disk:22.04" },
    size: "20Gi",
    storageClass: "ceph-block",
  });
  const cluster = PaletteCluster.fromClusterUid(s, "C", "abc123");
  const attachment = profile.attachTo(cluster);
  return { profile, image, cluster, attachment };
}

describe("VirtualMachine", () => {
  test("from a golden image: a data volume template cloning it, depends on the attachment, prevent_destroy", () => {
    const json = synth((s) => {
      const { image, attachment } = base(s);
      new VirtualMachine(s, "Vm", {
        attachment,
        name: "web-1",
        namespace: "virtual-machines",
        goldenImage: image,
        cpu: { cores: 2 },
        memory: "4Gi",
        labels: { app: "web" },
      });
    });
    const [vm] = resources(json, "spectrocloud_virtual_machine");
    expect(vm).toMatchObject({
      cluster_uid: "abc123",
      cluster_context: "project",
      name: "web-1",
      namespace: "virtual-machines",
      run_on_launch: true,
      labels: { app: "web" },
      cpu: { cores: 2, sockets: 1, threads: 1 },
      memory: { guest: "4Gi" },
      resources: { requests: { memory: "4Gi" } },
      depends_on: [expect.stringMatching(/^spectrocloud_addon_deployment\./)],
      lifecycle: { prevent_destroy: true },
    });
    expect(vm.data_volume_templates).toEqual([
      {
        metadata: { name: "web-1-rootdisk", namespace: "virtual-machines" },
        spec: {
          source: { pvc: { name: "ubuntu-2204", namespace: "vmo-golden-images" } },
          pvc: { access_modes: ["ReadWriteMany"], resources: { requests: { storage: "20Gi" } }, storage_class_name: "ceph-block" },
        },
      },
    ]);
    expect(vm.disk).toEqual([{ name: "rootdisk", boot_order: 1, disk_device: [{ disk: [{ bus: "virtio" }] }] }]);
    expect(vm.volume).toEqual([{ name: "rootdisk", volume_source: { data_volume: { name: "web-1-rootdisk" } } }]);
    expect(vm.interface).toEqual([{ name: "default", interface_binding_method: "InterfaceMasquerade" }]);
    expect(vm.network).toEqual([{ name: "default", network_source: { pod: {} } }]);
  });
});
