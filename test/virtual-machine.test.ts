import { DiskBus, InterfaceBinding, PaletteCluster, RunStrategy, VirtualMachine, VmoAddonProfile } from "../lib";
import { TerraformVariable, Testing } from "../lib/cdktf";
import { newStack, resources, synth, synthError } from "./util";

/** The synthesized JSON and the warnings of the constructs `build` makes. */
function synthWithWarnings(build: (s: any) => void): { json: any; warnings: string[] } {
  const stack = newStack();
  build(stack);
  const json = JSON.parse(Testing.synth(stack, true));
  const warnings = stack.node.findAll().flatMap((c: any) => c.node.metadata.filter((m: any) => m.type === "@cdktf/warn").map((m: any) => m.data));
  return { json, warnings };
}

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

  test("from a VmTemplate: the template's spec expanded, the VM's own fields replacing it and its disks added", () => {
    const json = synth((s) => {
      const { profile, image, attachment } = base(s);
      const template = profile.addVmTemplate({
        name: "ubuntu",
        goldenImage: image,
        cpu: { cores: 1 },
        memory: "2Gi",
        networks: [{ name: "default" }],
        cloudInit: { userData: "#cloud-config\n" },
      });
      new VirtualMachine(s, "Vm", {
        attachment,
        name: "db-1",
        template,
        memory: "8Gi",
        networks: [{ name: "default" }, { name: "storage", multus: "vmo/storage-net", binding: InterfaceBinding.BRIDGE, model: "virtio" }],
        disks: [{ name: "scratch", source: { emptyDisk: "10Gi" } }],
        runStrategy: RunStrategy.RERUN_ON_FAILURE,
      });
    });
    const [vm] = resources(json, "spectrocloud_virtual_machine");
    expect(vm).toMatchObject({ namespace: "default", run_strategy: "RerunOnFailure", cpu: { cores: 1 }, memory: { guest: "8Gi" } });
    expect(vm.run_on_launch).toBeUndefined();
    expect(vm.disk.map((d: any) => d.name)).toEqual(["rootdisk", "scratch", "cloudinitdisk"]);
    expect(vm.data_volume_templates.map((d: any) => d.metadata)).toEqual([{ name: "db-1-rootdisk", namespace: "default" }]);
    expect(vm.volume[1]).toEqual({ name: "scratch", volume_source: { empty_disk: { capacity: "10Gi" } } });
    expect(vm.volume[2].volume_source.cloud_init_no_cloud).toEqual([{ user_data: "#cloud-config\n" }]);
    expect(vm.interface).toEqual([
      { name: "default", interface_binding_method: "InterfaceMasquerade" },
      { name: "storage", interface_binding_method: "InterfaceBridge", model: "virtio" },
    ]);
    expect(vm.network[1]).toEqual({ name: "storage", network_source: { multus: { network_name: "vmo/storage-net" } } });
  });

  test("a clone: base_vm_name, depending on every attachment of its cluster found in the stack", () => {
    const json = synth((s) => {
      const { cluster } = base(s);
      new VmoAddonProfile(s, "Q", { name: "vmo-2" }).attachTo(cluster);
      new VirtualMachine(s, "Vm", { cluster, name: "web-2", cloneFrom: "web-1" });
    });
    const [vm] = resources(json, "spectrocloud_virtual_machine");
    expect(vm.base_vm_name).toBe("web-1");
    expect(vm.depends_on).toEqual([
      expect.stringMatching(/^spectrocloud_addon_deployment\.P-C_/),
      expect.stringMatching(/^spectrocloud_addon_deployment\.Q-C_/),
    ]);
  });

  test("user data from a sensitive variable stays a reference", () => {
    const json = synth((s) => {
      const { image, attachment } = base(s);
      const secret = new TerraformVariable(s, "ud", { type: "string", sensitive: true });
      new VirtualMachine(s, "Vm", { attachment, name: "web-1", goldenImage: image, cloudInit: { userData: secret.stringValue } });
    });
    const [vm] = resources(json, "spectrocloud_virtual_machine");
    expect(vm.volume[1].volume_source.cloud_init_no_cloud).toEqual([{ user_data: "${var.ud}" }]);
  });

  test("addDisk: a hot-plugged spectrocloud_datavolume cloning a golden image, protected like the VM", () => {
    const json = synth((s) => {
      const { image, attachment } = base(s);
      const vm = new VirtualMachine(s, "Vm", { attachment, name: "web-1", goldenImage: image });
      vm.addDisk({ name: "data", size: "40Gi", goldenImage: image });
    });
    const [dv] = resources(json, "spectrocloud_datavolume");
    expect(dv).toMatchObject({
      cluster_context: "project",
      vm_namespace: "default",
      metadata: { name: "web-1-data", namespace: "default" },
      spec: { source: { pvc: { name: "ubuntu-2204", namespace: "vmo-golden-images" } }, pvc: { storage_class_name: "ceph-block" } },
      lifecycle: { prevent_destroy: true },
    });
  });

  test("bad props are reported by field", () => {
    const msg = synthError((s) => {
      const { image, attachment } = base(s);
      const vm = new VirtualMachine(s, "Vm", {
        attachment,
        name: "Web_1",
        namespace: "VMs",
        goldenImage: image,
        cloneFrom: "x",
        runStrategy: "Sometimes" as RunStrategy,
      });
      vm.addDisk({ name: "rootdisk", size: "1Gi" });
    });
    expect(msg).toContain('name: VM name "Web_1" is not valid');
    expect(msg).toContain('namespace: namespace "VMs" is not valid');
    expect(msg).toContain("cloneFrom: a clone copies x's disks; give cloneFrom alone, without goldenImage.");
    expect(msg).toContain('runStrategy: "Sometimes" is not a run strategy');
    expect(msg).toContain('disks[0].name: disk "rootdisk" is already on VM "Web_1"');
  });

  test("addDisk: the VM ignores the spec Palette writes the disk into, and the disk is replaced with its VM", () => {
    const json = synth((s) => {
      const { image, attachment } = base(s);
      const vm = new VirtualMachine(s, "Vm", { attachment, name: "web-1", goldenImage: image });
      vm.addDisk({ name: "data", size: "40Gi" });
      vm.addDisk({ name: "logs", size: "10Gi", bus: DiskBus.SCSI });
      new VirtualMachine(s, "Plain", { attachment, name: "web-2", goldenImage: image });
    });
    const vms = json.resource!.spectrocloud_virtual_machine;
    const [vmKey, plainKey] = Object.keys(vms).sort((a, b) => (a.startsWith("Vm") ? -1 : b.startsWith("Vm") ? 1 : 0));
    expect(vms[vmKey].lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["disk", "volume", "data_volume_templates"] });
    // Without added disks the VM's own disks stay managed.
    expect(vms[plainKey].lifecycle).toEqual({ prevent_destroy: true });
    const dvs = resources(json, "spectrocloud_datavolume");
    expect(dvs).toHaveLength(2);
    for (const dv of dvs) {
      expect(dv.lifecycle).toEqual({ prevent_destroy: true, replace_triggered_by: [`spectrocloud_virtual_machine.${vmKey}.id`] });
      expect(dv.vm_name).toBe(`\${spectrocloud_virtual_machine.${vmKey}.name}`);
    }
  });

  test("addDisk without prevent_destroy: still replaced with its VM", () => {
    const json = synth((s) => {
      const { image, attachment } = base(s);
      const vm = new VirtualMachine(s, "Vm", { attachment, name: "web-1", goldenImage: image, preventDestroy: false });
      vm.addDisk({ name: "data", size: "40Gi" });
    });
    const [dv] = resources(json, "spectrocloud_datavolume");
    expect(dv.lifecycle).toEqual({ replace_triggered_by: [expect.stringMatching(/^spectrocloud_virtual_machine\.Vm_[0-9A-F]{8}\.id$/)] });
  });

  test("quantities are written in the canonical form Kubernetes returns (2048Mi reads back as 2Gi)", () => {
    const json = synth((s) => {
      const { image, attachment } = base(s);
      const vm = new VirtualMachine(s, "Vm", {
        attachment,
        name: "web-1",
        goldenImage: image,
        rootDiskSize: "20480Mi",
        memory: "2048Mi",
        disks: [{ name: "scratch", source: { emptyDisk: "1024Mi" } }],
      });
      vm.addDisk({ name: "data", size: "51200Mi" });
    });
    const [vm] = resources(json, "spectrocloud_virtual_machine");
    expect(vm.memory).toEqual({ guest: "2Gi" });
    expect(vm.resources).toEqual({ requests: { memory: "2Gi" } });
    expect(vm.data_volume_templates[0].spec.pvc.resources).toEqual({ requests: { storage: "20Gi" } });
    expect(vm.volume[1]).toEqual({ name: "scratch", volume_source: { empty_disk: { capacity: "1Gi" } } });
    const [dv] = resources(json, "spectrocloud_datavolume");
    expect(dv.spec.pvc.resources).toEqual({ requests: { storage: "50Gi" } });
    // Already canonical, or not a whole power of 1024: as Kubernetes prints it.
    const other = resources(
      synth((s) => {
        const { image, attachment } = base(s);
        new VirtualMachine(s, "Vm", { attachment, name: "web-1", goldenImage: image, memory: "1536Mi", rootDiskSize: "1.5Gi" });
      }),
      "spectrocloud_virtual_machine",
    )[0];
    expect(other.memory).toEqual({ guest: "1536Mi" });
    expect(other.data_volume_templates[0].spec.pvc.resources.requests.storage).toBe("1536Mi");
  });

  test("an added disk's size must be a quantity", () => {
    const msg = synthError((s) => {
      const { image, attachment } = base(s);
      new VirtualMachine(s, "Vm", { attachment, name: "web-1", goldenImage: image }).addDisk({ name: "data", size: "50 GB" });
    });
    expect(msg).toContain('disks[0].size: disk "data" size "50 GB" is not a Kubernetes quantity.');
    expect(msg).toContain('write it like "50Gi".');
  });

  test("run_on_launch is true or absent, never false: a stopped VM is run_strategy Halted", () => {
    const json = synth((s) => {
      const { image, attachment } = base(s);
      new VirtualMachine(s, "Started", { attachment, name: "web-1", goldenImage: image });
      new VirtualMachine(s, "Stopped", { attachment, name: "web-2", goldenImage: image, runStrategy: RunStrategy.HALTED });
    });
    const vms = resources(json, "spectrocloud_virtual_machine");
    expect(vms.map((v) => [v.name, v.run_on_launch, v.run_strategy])).toEqual([
      ["web-1", true, undefined],
      ["web-2", undefined, "Halted"],
    ]);
  });

  test("a VM outside its profile's VM namespaces is warned about (VMO 4.10+ sets up only default)", () => {
    const { warnings } = synthWithWarnings((s) => {
      const { image, attachment } = base(s);
      new VirtualMachine(s, "Vm", { attachment, name: "web-1", namespace: "virtual-machines", goldenImage: image });
      new VirtualMachine(s, "Ok", { attachment, name: "web-2", goldenImage: image });
    });
    expect(warnings).toEqual([
      'namespace: "virtual-machines" is not a VM namespace of profile "vmo" (its VMO version sets up default); Palette refuses a VM in a namespace that does not exist, which fails the apply. Use one of default, list "virtual-machines" in the VMO values\' vmEnabledNamespaces, or make sure it exists on cluster abc123 before the VM is created.',
    ]);
    const listed = synthWithWarnings((s) => {
      const profile = new VmoAddonProfile(s, "P", {
        name: "vmo",
        values: { charts: { "virtual-machine-orchestrator": { vmEnabledNamespaces: ["default", "virtual-machines"] } } },
      });
      const cluster = PaletteCluster.fromClusterUid(s, "C", "abc123");
      new VirtualMachine(s, "Vm", { attachment: profile.attachTo(cluster), name: "web-1", namespace: "virtual-machines", cloneFrom: "web-0" });
    });
    expect(listed.warnings).toEqual([]);
  });

  test("a VM needs its cluster or attachment", () => {
    expect(() => synth((s) => new VirtualMachine(s, "Vm", { name: "x" }))).toThrow(/give the cluster's VMO attachment/);
  });
});
