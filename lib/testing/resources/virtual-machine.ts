/**
 * spectrocloud_virtual_machine as resource_kubevirt_virtual_machine.go does it at v0.29.9 (schema:
 * kubevirt/schema/virtualmachine/virtual_machine.go; ForceNew `name`, `namespace`, `cluster_uid`, `base_vm_name`
 * and the data volume templates' metadata come from the committed schema, planned generically). Create: GetCluster,
 * then a clone of `base_vm_name` followed by an update, or a create; `run_on_launch` counts only when true
 * (`d.GetOk` skips false). Read: the id's four parts, GetVirtualMachine, and ToResourceData writes metadata,
 * run strategy, template spec and data volume templates as Palette returns them. Update: a PUT of the whole VM,
 * then `vm_action` when it changed (its failures are dropped). Delete: the VM and its disks. Import: passthrough.
 */
import { Obj, Value, equal, isObj } from "../cty";
import { fillComputed, seedOf } from "../sdk-plan";
import { PaletteError, VmDataVolume, VmRecord, clusterByUid } from "../palette";
import { VmAction, VmBody, canonicalQuantity, cloneVm, createVm, deleteVm, getVm, updateVm, vmAction } from "../palette-vms";
import { HandlerContext, ResourceHandler, keepComputedBlocks, str } from "./common";

/** What FlattenVMMToSpectroSchemaFromVM (kubevirt/schema/virtualmachine/spec.go) sets from the VM's template spec. */
export const VM_SPEC_ATTRIBUTES = [
  "node_selector",
  "affinity",
  "scheduler_name",
  "hostname",
  "subdomain",
  "dns_policy",
  "priority_class_name",
  "network",
  "volume",
  "cpu",
  "memory",
  "firmware",
  "features",
  "resources",
  "disk",
  "interface",
  "tolerations",
  "eviction_strategy",
  "termination_grace_period_seconds",
  "liveness_probe",
  "readiness_probe",
  "pod_dns_config",
] as const;

/** utils.IdParts: `<cluster_context>/<cluster_uid>/<namespace>/<name>`. */
export function vmIdParts(id: string): { context: string; clusterUid: string; namespace: string; name: string } {
  const parts = id.split("/");
  if (parts.length !== 4) throw new PaletteError(`unexpected ID format (${JSON.stringify(id)}), expected "namespace/name"`);
  return { context: parts[0], clusterUid: parts[1], namespace: parts[2], name: parts[3] };
}

const obj = (v: Value | undefined): Obj => (isObj(v) ? v : {});
const first = (v: Value | undefined): Obj => (Array.isArray(v) && isObj(v[0]) ? v[0] : {});
const strMap = (v: Value | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(obj(v)).filter((e): e is [string, string] => typeof e[1] === "string"));

/** Kubernetes returns every quantity in canonical form (palette-vms.ts `canonicalQuantity`). */
function canonicalMap(v: unknown): unknown {
  if (!v || typeof v !== "object" || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, q]) => [k, typeof q === "string" ? canonicalQuantity(q) : q]));
}
function canonicalResources(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((r) => (r && typeof r === "object" ? { ...r, requests: canonicalMap(r.requests), limits: canonicalMap(r.limits) } : r));
}
function canonicalSpec(spec: Record<string, unknown>): Record<string, unknown> {
  const out = { ...spec };
  out.resources = canonicalResources(out.resources);
  if (Array.isArray(out.memory))
    out.memory = out.memory.map((m) => (m && typeof m === "object" && typeof m.guest === "string" ? { ...m, guest: canonicalQuantity(m.guest) } : m));
  if (Array.isArray(out.volume))
    out.volume = out.volume.map((v) => {
      const src = v?.volume_source?.[0];
      if (!src || !Array.isArray(src.empty_disk)) return v;
      const emptyDisk = src.empty_disk.map((e: any) => (typeof e?.capacity === "string" ? { ...e, capacity: canonicalQuantity(e.capacity) } : e));
      return { ...v, volume_source: [{ ...src, empty_disk: emptyDisk }] };
    });
  return out;
}

/** A data volume template's spec with canonical storage quantities (pvc and storage resources). */
export function canonicalDataVolumeSpec(spec: Obj): Obj {
  const out: Obj = { ...spec };
  for (const k of ["pvc", "storage"]) {
    if (Array.isArray(out[k])) out[k] = (out[k] as Value[]).map((p) => (isObj(p) ? { ...p, resources: canonicalResources(p.resources) as Value } : p));
  }
  return out;
}

function dataVolumesOf(planned: Obj): VmDataVolume[] {
  const templates = Array.isArray(planned.data_volume_templates) ? planned.data_volume_templates.filter(isObj) : [];
  return templates.map((t) => {
    const metadata = first(t.metadata);
    return {
      name: str(metadata.name),
      namespace: str(metadata.namespace) || "default",
      metadata: JSON.parse(JSON.stringify(metadata)),
      spec: JSON.parse(JSON.stringify(canonicalDataVolumeSpec(first(t.spec)))),
      hotplugged: false,
    };
  });
}

/** FromResourceData + the `run_on_launch` branch of Create / Update: the V1ClusterVirtualMachine sent to Palette. */
function toBody(planned: Obj): VmBody {
  const spec: Record<string, unknown> = {};
  for (const a of VM_SPEC_ATTRIBUTES) spec[a] = JSON.parse(JSON.stringify(planned[a] ?? null));
  return {
    namespace: str(planned.namespace) || "default",
    name: str(planned.name),
    labels: strMap(planned.labels),
    annotations: strMap(planned.annotations),
    runStrategy: str(planned.run_strategy),
    // `if _, ok := d.GetOk("run_on_launch"); ok`: false is the zero value, so only true reaches the body.
    running: planned.run_on_launch === true,
    spec: canonicalSpec(spec),
    dataVolumes: dataVolumesOf(planned),
  };
}

/** ToResourceData: metadata (kubevirt.io/ annotations filtered), run strategy, template spec, data volume templates, status. */
export function vmToState(vm: VmRecord, state: Obj): Obj {
  const out: Obj = { ...state };
  out.annotations = Object.fromEntries(Object.entries(vm.annotations).filter(([k]) => !k.startsWith("kubevirt.io/")));
  out.labels = Object.keys(vm.labels).length ? { ...vm.labels } : null;
  out.name = vm.name;
  out.namespace = vm.namespace;
  out.resource_version = String(vm.resourceVersion);
  out.uid = vm.uid;
  out.generation = vm.generation;
  out.run_strategy = vm.runStrategy;
  for (const a of VM_SPEC_ATTRIBUTES) out[a] = JSON.parse(JSON.stringify(vm.spec[a] ?? null)) as Value;
  out.data_volume_templates = vm.dataVolumes.map((d) => ({ metadata: [d.metadata as Obj], spec: [d.spec as Obj] })) as Value;
  const running = vm.printableStatus === "Running";
  out.status = [
    {
      created: running || vm.printableStatus === "Paused",
      ready: running,
      conditions: [{ type: "Ready", status: running ? "True" : "False", reason: running ? "" : vm.printableStatus, message: "" }],
      state_change_requests: [],
    },
  ];
  return out;
}

function create(ctx: HandlerContext, plannedIn: Obj): Obj {
  // Nested computed values (data volume metadata uid, ...) are settled before Palette keeps them.
  const planned = fillComputed(plannedIn, ctx.block, seedOf(ctx.type, plannedIn)) as Obj;
  const context = str(planned.cluster_context) || "project";
  const clusterUid = str(planned.cluster_uid);
  if (!clusterByUid(clusterUid)) throw new PaletteError(`cluster not found for uid ${clusterUid}`);
  const body = toBody(planned);
  const base = str(planned.base_vm_name);
  if (base) {
    // CloneVirtualMachine, GetVirtualMachine, then UpdateVirtualMachine with the config "to override it".
    cloneVm(clusterUid, base, body.name, body.namespace);
    getVm(clusterUid, body.namespace, body.name);
    updateVm(clusterUid, body);
  } else createVm(clusterUid, body);
  const id = `${context}/${clusterUid}/${body.namespace}/${body.name}`;
  return read(ctx, { ...planned, id }) ?? { ...planned, id };
}

/** resourceKubevirtVirtualMachineRead: any GetVirtualMachine failure other than a 404 is a diagnostic (handleReadError). */
function read(_ctx: HandlerContext, state: Obj): Obj {
  const { clusterUid, namespace, name } = vmIdParts(str(state.id));
  return vmToState(getVm(clusterUid, namespace, name), state);
}

function update(ctx: HandlerContext, prior: Obj, plannedIn: Obj): Obj {
  const planned = fillComputed(plannedIn, ctx.block, seedOf(ctx.type, plannedIn)) as Obj;
  const { clusterUid, namespace, name } = vmIdParts(str(prior.id));
  getVm(clusterUid, namespace, name);
  if (!clusterByUid(clusterUid)) throw new PaletteError(`cluster ${clusterUid} not found`);
  updateVm(clusterUid, toBody(planned));
  const action = str(planned.vm_action);
  if (action && !equal(prior.vm_action, planned.vm_action)) {
    try {
      vmAction(clusterUid, namespace, name, action.toLowerCase() as VmAction);
    } catch {
      // resourceVirtualMachineActions returns diagnostics that resourceVirtualMachineUpdate never looks at.
    }
  }
  return read(ctx, { ...planned, id: prior.id });
}

function remove(_ctx: HandlerContext, prior: Obj): void {
  const { clusterUid, namespace, name } = vmIdParts(str(prior.id));
  deleteVm(clusterUid, namespace, name);
}

/** schema.ImportStatePassthroughContext: the id alone; the Read that follows fills the rest (not cluster_uid). */
function importState(_ctx: HandlerContext, id: string): Obj {
  vmIdParts(id);
  return { id };
}

export const virtualMachine: ResourceHandler = {
  plan: (_ctx, prior, planned) => keepComputedBlocks(prior, planned, ["status"]),
  create,
  read,
  update,
  delete: remove,
  importState,
};
