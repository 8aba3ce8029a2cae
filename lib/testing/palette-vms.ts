/**
 * The Palette VM API of the simulated Palette (palette-sdk-go client/virtual_machine*.go, client/datavolume.go):
 * KubeVirt VirtualMachines per cluster and namespace with their run strategy, state and data volumes. Palette
 * serves them only on a cluster that runs the Virtual Machine Orchestrator pack; deleting a VM deletes its
 * data volumes (KubeVirt owns `dataVolumeTemplates` through the VM). What KubeVirt itself does (quantities in
 * canonical form, the start/stop subresources rewriting `runStrategy`) is marked inferred where it is used.
 */
import { VMO_PACK } from "../versions";

// The canonical form is the constructs' too (they write it at synth): one rule, in lib/private/quantity.ts.
export { canonicalQuantity } from "../private/quantity";
import { PaletteError, VmDataVolume, VmRecord, clusterByUid, fakeUid, loadInventory, readState, updateState } from "./palette";
import { clusterTemplates } from "./palette-clusters";

export type { VmDataVolume, VmRecord } from "./palette";

/** GetCluster returning nil: the provider's own wording (resource_kubevirt_virtual_machine.go Create). */
function requireCluster(clusterUid: string, wording: (uid: string) => string): void {
  if (!clusterByUid(clusterUid)) throw new PaletteError(wording(clusterUid));
}

/** Whether the cluster runs VMO: a profile template on it holds the VMO pack (KubeVirt and CDI come with it). */
export function clusterRunsVmo(clusterUid: string): boolean {
  return clusterTemplates(clusterUid).some((t) => t.packs.some((p) => p.name === VMO_PACK.name));
}

/**
 * Inferred: without VMO the cluster has no KubeVirt API, so Palette's VM endpoints fail as the Kubernetes API
 * does for a kind it does not serve. The real wording is not known offline; the failure is certain.
 */
function requireVmo(clusterUid: string, verb: string, name: string): void {
  if (!clusterRunsVmo(clusterUid)) {
    const cluster = clusterByUid(clusterUid)?.name ?? clusterUid;
    throw new PaletteError(
      `Failed to ${verb} virtual machine '${name}'`,
      `cluster ${cluster} (${clusterUid}) has no KubeVirt API: the server could not find the requested resource (virtualmachines.kubevirt.io). Attach a profile with the ${VMO_PACK.name} pack to the cluster first.`,
    );
  }
}

function find(s: { vms: VmRecord[] }, clusterUid: string, namespace: string, name: string): VmRecord | undefined {
  return s.vms.find((v) => v.clusterUid === clusterUid && v.namespace === namespace && v.name === name);
}

/**
 * GetVirtualMachine (V1SpectroClustersVMGet). A missing VM is an HTTP 500 "Failed to get virtual machine"
 * (cluster_common_virtual_machine.go `resourceVirtualMachineStateRefreshFunc` treats exactly that as Deleted),
 * not a 404: the provider's Read, which clears the id only on a 404, fails the refresh instead.
 */
export function getVm(clusterUid: string, namespace: string, name: string): VmRecord {
  requireVmo(clusterUid, "get", name);
  const vm = find(readState(), clusterUid, namespace, name) ?? inventoryVm(clusterUid, namespace, name);
  if (!vm)
    throw new PaletteError(`Failed to get virtual machine '${name}'`, `virtualmachines.kubevirt.io "${name}" not found in namespace ${namespace} (HTTP 500)`);
  return clone(vm);
}

/** VMs made outside Terraform (the inventory's `virtualMachines`), e.g. sources for `base_vm_name` clones. */
function inventoryVm(clusterUid: string, namespace: string, name: string): VmRecord | undefined {
  const v = (loadInventory().virtualMachines ?? []).find((x) => x.clusterUid === clusterUid && (x.namespace ?? "default") === namespace && x.name === name);
  if (!v) return undefined;
  const runStrategy = v.runStrategy ?? "Always";
  return {
    clusterUid,
    namespace,
    name,
    uid: fakeUid("vm", clusterUid, namespace, name),
    resourceVersion: 1,
    generation: 1,
    labels: { ...(v.labels ?? {}) },
    annotations: {},
    runStrategy,
    running: false,
    printableStatus: statusFor(runStrategy, false, "Stopped"),
    spec: clone(v.spec ?? {}),
    dataVolumes: [],
  };
}

/** What a run strategy (or `running`) makes of the VM's state (KubeVirt run strategies; Manual keeps the state). */
export function statusFor(runStrategy: string, running: boolean, current: string): string {
  if (running || runStrategy === "Always" || runStrategy === "RerunOnFailure") return "Running";
  if (runStrategy === "Halted" || runStrategy === "") return "Stopped";
  return current;
}

export interface VmBody {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  runStrategy: string;
  running: boolean;
  spec: Record<string, unknown>;
  dataVolumes: VmDataVolume[];
}

/**
 * Inferred from KubeVirt: a VM sent with neither `running` nor `runStrategy` is defaulted to `Halted` by
 * KubeVirt's VM mutating webhook, and GET then returns that strategy.
 */
function defaultedStrategy(body: VmBody): string {
  return body.runStrategy === "" && !body.running ? "Halted" : body.runStrategy;
}

/** CreateVirtualMachine (V1SpectroClustersVMCreate). */
export function createVm(clusterUid: string, body: VmBody): VmRecord {
  requireCluster(clusterUid, (uid) => `cluster with uid ${uid} not found`);
  requireVmo(clusterUid, "create", body.name);
  let created: VmRecord | undefined;
  updateState((s) => {
    if (find(s, clusterUid, body.namespace, body.name) ?? inventoryVm(clusterUid, body.namespace, body.name))
      throw new PaletteError(
        `Failed to create virtual machine '${body.name}'`,
        `virtualmachines.kubevirt.io "${body.name}" already exists in namespace ${body.namespace}`,
      );
    const runStrategy = defaultedStrategy(body);
    created = {
      clusterUid,
      namespace: body.namespace,
      name: body.name,
      uid: fakeUid("vm", clusterUid, body.namespace, body.name),
      resourceVersion: 1,
      generation: 1,
      labels: body.labels,
      annotations: { ...body.annotations, "kubevirt.io/latest-observed-api-version": "v1", "kubevirt.io/storage-observed-api-version": "v1" },
      runStrategy,
      running: body.running,
      printableStatus: statusFor(runStrategy, body.running, "Stopped"),
      spec: body.spec,
      dataVolumes: body.dataVolumes,
    };
    s.vms.push(created);
  });
  return clone(created!);
}

/**
 * CloneVirtualMachine (V1SpectroClustersVMClone): the source is looked up in the clone's namespace; the clone
 * gets the source's spec, labels and data volumes (new names: `<dv>-<clone>`, inferred), stopped.
 */
export function cloneVm(clusterUid: string, source: string, cloneName: string, namespace: string): void {
  requireCluster(clusterUid, () => "cluster not found");
  requireVmo(clusterUid, "clone", source);
  const src = getVm(clusterUid, namespace, source);
  updateState((s) => {
    if (find(s, clusterUid, namespace, cloneName))
      throw new PaletteError(
        `Failed to clone virtual machine '${source}'`,
        `virtualmachines.kubevirt.io "${cloneName}" already exists in namespace ${namespace}`,
      );
    s.vms.push({
      ...clone(src),
      name: cloneName,
      uid: fakeUid("vm", clusterUid, namespace, cloneName),
      resourceVersion: 1,
      generation: 1,
      running: false,
      runStrategy: src.runStrategy === "Always" || src.runStrategy === "RerunOnFailure" ? "Halted" : src.runStrategy,
      printableStatus: "Stopped",
      dataVolumes: src.dataVolumes.map((d) => ({ ...clone(d), name: `${d.name}-${cloneName}` })),
    });
  });
}

/**
 * UpdateVirtualMachine (V1SpectroClustersVMUpdate, after IsVMExists): a PUT of the whole VM. Data volumes
 * dropped from `dataVolumeTemplates` are detached, not deleted (inferred); a run strategy change starts or stops it.
 */
export function updateVm(clusterUid: string, body: VmBody): VmRecord {
  requireVmo(clusterUid, "update", body.name);
  let updated: VmRecord | undefined;
  updateState((s) => {
    const vm = find(s, clusterUid, body.namespace, body.name);
    if (!vm) throw new PaletteError("VM does not exist");
    const runStrategy = defaultedStrategy(body);
    const specChanged = JSON.stringify(vm.spec) !== JSON.stringify(body.spec) || vm.runStrategy !== runStrategy || vm.running !== body.running;
    if (specChanged) vm.generation++;
    vm.resourceVersion++;
    vm.labels = body.labels;
    const system = Object.fromEntries(Object.entries(vm.annotations).filter(([k]) => k.startsWith("kubevirt.io/")));
    vm.annotations = { ...body.annotations, ...system };
    vm.printableStatus =
      runStrategy !== vm.runStrategy || body.running !== vm.running ? statusFor(runStrategy, body.running, vm.printableStatus) : vm.printableStatus;
    vm.runStrategy = runStrategy;
    vm.running = body.running;
    vm.spec = body.spec;
    // A data volume added through the add-volume API stays that one when the PUT lists it again.
    const added = new Set(vm.dataVolumes.filter((d) => d.hotplugged).map((d) => `${d.namespace}/${d.name}`));
    vm.dataVolumes = body.dataVolumes.map((d) => ({ ...d, hotplugged: added.has(`${d.namespace}/${d.name}`) }));
    updated = clone(vm);
  });
  return updated!;
}

/** DeleteVirtualMachine (V1SpectroClustersVMDelete): the VM and every data volume it owns are gone. */
export function deleteVm(clusterUid: string, namespace: string, name: string): void {
  requireCluster(clusterUid, (uid) => `cluster with uid ${uid} not found`);
  requireVmo(clusterUid, "delete", name);
  updateState((s) => {
    s.vms = s.vms.filter((v) => !(v.clusterUid === clusterUid && v.namespace === namespace && v.name === name));
  });
}

export type VmAction = "start" | "stop" | "restart" | "pause" | "resume" | "migrate";

/**
 * The lifecycle subresources (client/virtual_machine_lifecycle.go, _migration.go), as KubeVirt serves them
 * (kubevirt.io user guide, compute/run_strategies.md, the virtctl table): start on a Halted VM rewrites
 * `runStrategy` to Always, stop on Always or RerunOnFailure rewrites it to Halted; Manual keeps its strategy;
 * `running` flips (inferred). An action
 * the VM's state does not allow fails (the provider ignores the failure: `resourceVirtualMachineActions`'s
 * diagnostics are dropped by resourceVirtualMachineUpdate).
 */
export function vmAction(clusterUid: string, namespace: string, name: string, action: VmAction): void {
  requireCluster(clusterUid, (uid) => `cluster with uid ${uid} not found`);
  requireVmo(clusterUid, action, name);
  updateState((s) => {
    const vm = find(s, clusterUid, namespace, name);
    if (!vm) throw new PaletteError(`Failed to get virtual machine '${name}'`);
    const fail = (why: string): never => {
      throw new PaletteError(`Failed to ${action} virtual machine '${name}'`, why);
    };
    const state = vm.printableStatus;
    switch (action) {
      case "start":
        if (state !== "Stopped") fail(`VM is not stopped (${state})`);
        if (vm.runStrategy === "Halted") vm.runStrategy = "Always";
        else if (vm.runStrategy === "") vm.running = true;
        vm.printableStatus = "Running";
        break;
      case "stop":
        if (state === "Stopped") fail("VM is not running");
        if (vm.runStrategy === "Always" || vm.runStrategy === "RerunOnFailure") vm.runStrategy = "Halted";
        vm.running = false;
        vm.printableStatus = "Stopped";
        break;
      case "restart":
        if (state !== "Running") fail(`VM is not running (${state})`);
        break;
      case "pause":
        if (state !== "Running") fail(`VM is not running (${state})`);
        vm.printableStatus = "Paused";
        break;
      case "resume":
        if (state !== "Paused") fail(`VM is not paused (${state})`);
        vm.printableStatus = "Running";
        break;
      case "migrate":
        if (state !== "Running") fail(`VM is not running (${state})`);
        break;
    }
    vm.resourceVersion++;
  });
}

/**
 * CreateDataVolume (V1SpectroClustersVMAddVolume): the VM is looked up in the *data volume's* namespace (the
 * request's namespace is `DataVolumeTemplate.Metadata.Namespace`), and the volume joins the VM's spec as a
 * data volume template, a volume and a disk (KubeVirt's persisted hotplug, inferred), so the VM's own refresh
 * sees them.
 */
export interface AddVolumeOptions {
  volumeName: string;
  dataVolumeName: string;
  diskName: string;
  bus: string;
}

export function addVolume(clusterUid: string, vmName: string, dv: VmDataVolume, o: AddVolumeOptions): void {
  requireCluster(clusterUid, (uid) => `cluster with uid ${uid} not found`);
  requireVmo(clusterUid, "add volume to", vmName);
  updateState((s) => {
    const vm = find(s, clusterUid, dv.namespace, vmName);
    if (!vm)
      throw new PaletteError(
        `Failed to get virtual machine '${vmName}'`,
        `virtualmachines.kubevirt.io "${vmName}" not found in namespace ${dv.namespace} (HTTP 500)`,
      );
    if (vm.dataVolumes.some((d) => d.name === dv.name))
      throw new PaletteError(`Failed to add volume '${dv.name}'`, `data volume ${dv.name} already exists on virtual machine ${vmName}`);
    vm.dataVolumes.push(dv);
    const volumes = Array.isArray(vm.spec.volume) ? (vm.spec.volume as unknown[]) : [];
    const disks = Array.isArray(vm.spec.disk) ? (vm.spec.disk as unknown[]) : [];
    vm.spec.volume = [...volumes, { name: o.volumeName, volume_source: [{ data_volume: [{ name: o.dataVolumeName }] }] }];
    vm.spec.disk = [...disks, { name: o.diskName, disk_device: [{ disk: [{ bus: o.bus, read_only: false, pci_address: "" }] }], serial: "", boot_order: 0 }];
    vm.resourceVersion++;
    vm.generation++;
  });
}

/**
 * DeleteDataVolume (V1SpectroClustersVMRemoveVolume, `persist: true`): the volume and disk leave the VM's spec
 * and the data volume is deleted with its template (inferred).
 */
export function removeVolume(clusterUid: string, namespace: string, vmName: string, volumeName: string): void {
  requireCluster(clusterUid, (uid) => `cluster with uid ${uid} not found`);
  requireVmo(clusterUid, "remove volume from", vmName);
  updateState((s) => {
    const vm = find(s, clusterUid, namespace, vmName);
    if (!vm)
      throw new PaletteError(
        `Failed to get virtual machine '${vmName}'`,
        `virtualmachines.kubevirt.io "${vmName}" not found in namespace ${namespace} (HTTP 500)`,
      );
    const volumes = (Array.isArray(vm.spec.volume) ? vm.spec.volume : []) as { name?: string; volume_source?: { data_volume?: { name?: string }[] }[] }[];
    const hit = volumes.find((v) => v.name === volumeName);
    if (!hit) throw new PaletteError(`Failed to remove volume '${volumeName}'`, `volume ${volumeName} not found on virtual machine ${vmName}`);
    const dvName = hit.volume_source?.[0]?.data_volume?.[0]?.name;
    vm.spec.volume = volumes.filter((v) => v !== hit);
    vm.spec.disk = ((Array.isArray(vm.spec.disk) ? vm.spec.disk : []) as { name?: string }[]).filter((d) => d.name !== volumeName);
    vm.dataVolumes = vm.dataVolumes.filter((d) => d.name !== dvName);
    vm.resourceVersion++;
    vm.generation++;
  });
}

/** The VMs the simulated Palette holds, for `npm run palette`. */
export function allVms(): VmRecord[] {
  return readState().vms.map(clone);
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
