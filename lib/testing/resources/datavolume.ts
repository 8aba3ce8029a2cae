/**
 * spectrocloud_datavolume as resource_kubevirt_datavolume.go does it at v0.29.9 (schema:
 * kubevirt/schema/datavolume/data_volume.go; only `metadata.name` / `metadata.namespace` and the pvc selector are
 * ForceNew, from the committed schema). Create: GetCluster, CreateDataVolume (the add-volume API on the VM), and
 * state written from what was sent (`ToResourceDataFromVMTemplate`, status cleared). Read: the id's five parts,
 * GetVirtualMachine, and the data volume template of the same name and namespace, if the VM lists it; none
 * leaves the state as it was. Update: Delete then Create. Delete: remove-volume with `persist: true`, the
 * volume named by the id's last part (`metadata.name`). Import: passthrough.
 */
import { Obj, isObj } from "../cty";
import { fillComputed, seedOf } from "../sdk-plan";
import { PaletteError, clusterByUid } from "../palette";
import { addVolume, getVm, removeVolume } from "../palette-vms";
import { HandlerContext, ResourceHandler, keepComputedBlocks, str } from "./common";
import { canonicalDataVolumeSpec } from "./virtual-machine";

/** utils.IdPartsDV: `<cluster_context>/<cluster_uid>/<vm_namespace>/<vm_name>/<data volume name>`. */
function idParts(id: string): { clusterUid: string; namespace: string; vmName: string; volume: string } {
  const parts = id.split("/");
  if (parts.length !== 5) throw new PaletteError(`unexpected ID format (${JSON.stringify(id)}), expected "namespace/name"`);
  return { clusterUid: parts[1], namespace: parts[2], vmName: parts[3], volume: parts[4] };
}

const first = (v: unknown): Obj => (Array.isArray(v) && isObj(v[0]) ? v[0] : {});

function create(ctx: HandlerContext, plannedIn: Obj): Obj {
  const planned = fillComputed(plannedIn, ctx.block, seedOf(ctx.type, plannedIn)) as Obj;
  const context = str(planned.cluster_context);
  const clusterUid = str(planned.cluster_uid);
  // GetCluster, then CreateDataVolume's own GetCluster (palette-sdk-go client/datavolume.go).
  if (!clusterByUid(clusterUid)) throw new PaletteError(`cluster with uid ${clusterUid} not found`);
  const options = first(planned.add_volume_options);
  const disk = first(options.disk);
  const source = first(first(options.volume_source).data_volume);
  const metadata: Obj = { ...first(planned.metadata), namespace: str(first(planned.metadata).namespace) || "default" };
  const spec = canonicalDataVolumeSpec(first(planned.spec));
  const vmName = str(planned.vm_name);
  const vmNamespace = str(planned.vm_namespace);
  addVolume(
    clusterUid,
    vmName,
    {
      name: str(metadata.name),
      namespace: str(metadata.namespace),
      metadata: JSON.parse(JSON.stringify(metadata)),
      spec: JSON.parse(JSON.stringify(spec)),
      hotplugged: true,
    },
    { volumeName: str(options.name), dataVolumeName: str(source.name), diskName: str(disk.name), bus: str(disk.bus) },
  );
  return {
    ...planned,
    metadata: [metadata],
    spec: [spec],
    status: [],
    id: `${context}/${clusterUid}/${vmNamespace}/${vmName}/${str(metadata.name)}`,
  };
}

function read(_ctx: HandlerContext, state: Obj): Obj | null {
  const { clusterUid, namespace, vmName } = idParts(str(state.id));
  const vm = getVm(clusterUid, namespace, vmName);
  const meta = first(state.metadata);
  const dv = vm.dataVolumes.find((d) => d.name === str(meta.name) && d.namespace === str(meta.namespace));
  // No template of that name and namespace: the loop finds nothing and the state stays as it was.
  if (!dv) return state;
  return { ...state, metadata: [dv.metadata as Obj], spec: [dv.spec as Obj] };
}

function remove(_ctx: HandlerContext, prior: Obj): void {
  const { clusterUid, namespace, vmName, volume } = idParts(str(prior.id));
  if (!clusterByUid(clusterUid)) throw new PaletteError(`cluster with uid ${clusterUid} not found`);
  removeVolume(clusterUid, namespace, vmName, volume);
}

/** resourceKubevirtDataVolumeUpdate: "implement update as delete followed by create". */
function update(ctx: HandlerContext, prior: Obj, planned: Obj): Obj {
  remove(ctx, prior);
  return create(ctx, planned);
}

function importState(_ctx: HandlerContext, id: string): Obj {
  idParts(id);
  return { id };
}

export const dataVolume: ResourceHandler = {
  plan: (_ctx, prior, planned) => keepComputedBlocks(prior, planned, ["status"]),
  create,
  read,
  update,
  delete: remove,
  importState,
};
