// VirtualMachine: a KubeVirt VM on an attached cluster (spectrocloud_virtual_machine), from a golden image, one of
// our VmTemplates or a clone, with its added disks (spectrocloud_datavolume).
import { Construct, IConstruct } from "constructs";
import { Annotations, Aspects, TerraformStack, Token, dependable } from "./cdktf";
import { IVmoClusterAttachment } from "./cluster-profile";
import { PaletteContext, checkContext } from "./context";
import { GoldenImageSource, IGoldenImage } from "./golden-image";
import { IPaletteCluster } from "./palette-cluster";
import { DNS1123_LABEL_RULE, isDns1123Label, quoted } from "./private/kubernetes-names";
import { expectedOneOf } from "./private/validation";
import { ValidationProblem, addProblemCheck } from "./problems";
import { Datavolume } from "./provider";
import { VirtualMachineResource } from "./private/vm-resource";
import { canonicalQuantity, isQuantity } from "./private/quantity";

export { VirtualMachineResource } from "./private/vm-resource";
export type { RawLifecycle } from "./private/vm-resource";
import { IVmTemplate } from "./vm-template";
import {
  CLOUD_INIT_DISK,
  ROOT_DISK,
  CloudInitSource,
  DiskBus,
  ResolvedVmSpec,
  RunStrategy,
  VmCloudInit,
  VmDisk,
  VmSpec,
  bindingOf,
  dataVolumeName,
  mergeVmSpecs,
  resolveVmSpec,
  vmSpecProblems,
} from "./vm-spec";
import { VmoClusterAttachment } from "./vmo-cluster-attachment";
import { brand, isBranded } from "./private/brand";

const RUN_STRATEGIES: readonly string[] = Object.values(RunStrategy);

/** The VM attributes an added data volume also writes (provider schema spectrocloud_virtual_machine). */
const HOTPLUG_IGNORED: readonly string[] = ["disk", "volume", "data_volume_templates"];

/** A quantity as the API server returns it (lib/private/quantity.ts), tokens as given. */
function quantity(q: string): string;
function quantity(q: string | undefined): string | undefined;
function quantity(q: string | undefined): string | undefined {
  return q === undefined || Token.isUnresolved(q) ? q : canonicalQuantity(q);
}

export interface VirtualMachineProps extends VmSpec {
  /**
   * The VMO attachment of the cluster the VM runs on: the VM depends on it, so Terraform never creates a VM
   * before VMO is on the cluster. Give this or `cluster`.
   * @default - the attachments of `cluster` found in the same stack (rule VMO-020 reports none)
   */
  readonly attachment?: IVmoClusterAttachment;
  /**
   * The cluster, when the attachment is not given.
   * @default - the attachment's cluster
   */
  readonly cluster?: IPaletteCluster;
  /** VM name, unique within its namespace (a DNS-1123 label). ForceNew: a rename replaces the VM. */
  readonly name: string;
  /**
   * One of the VMO pack's VM namespaces. ForceNew.
   * @default "default" (the provider's default)
   */
  readonly namespace?: string;
  /**
   * A VmTemplate of this library: its spec is expanded into the VM at synth; the VM's own CPU, memory,
   * networks and cloud-init replace the template's, its disks are added after the template's.
   * @default - no template
   */
  readonly template?: IVmTemplate;
  /**
   * Boot from a clone of this golden image (a data volume template `rootdisk`).
   * @default - no golden image boot disk
   */
  readonly goldenImage?: IGoldenImage;
  /**
   * Size of the golden image clone.
   * @default - the golden image's size
   */
  readonly rootDiskSize?: string;
  /**
   * Clone an existing VM of the same namespace (`base_vm_name`). ForceNew.
   * @default - not a clone
   */
  readonly cloneFrom?: string;
  /**
   * KubeVirt run strategy (`run_strategy`); a VM that should stay stopped is `RunStrategy.HALTED`.
   * `run_on_launch = false` is never written: the provider only sends a true value (resource_kubevirt_virtual_machine.go
   * Create, `d.GetOk`), so KubeVirt defaults the VM to Halted and every plan diffs.
   * @default - `run_on_launch = true`: started at create, and the apply waits until it runs
   */
  readonly runStrategy?: RunStrategy;
  /**
   * @default - none
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * @default - the cluster's context
   */
  readonly context?: PaletteContext;
  /**
   * Terraform refuses to destroy or replace the VM (and its added disks). Deleting a VM deletes its disks; to
   * do it on purpose, set false AND suppress VMO-024 with the reason, apply, then remove the VM.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * A disk added to a VM as its own `spectrocloud_datavolume` (hot-plugged). Palette adds it to the VM's spec
 * (`disk`, `volume`, `data_volume_templates`), so a VM with added disks ignores changes to those three attributes:
 * its own disks are then fixed at create (change them by replacing the VM, or use the VM's `disks` alone).
 */
export interface VirtualMachineDiskProps {
  /** Disk name; the data volume, its VM volume and disk are `<vm>-<name>` in the cluster. A DNS-1123 label. */
  readonly name: string;
  /** Size, a Kubernetes quantity (`50Gi`), written in canonical form (`51200Mi` is written `50Gi`). */
  readonly size: string;
  /**
   * What the disk starts with; a golden image clone reads `goldenImage`.
   * @default - blank
   */
  readonly source?: GoldenImageSource;
  /**
   * Clone this golden image instead of `source`.
   * @default - none
   */
  readonly goldenImage?: IGoldenImage;
  /**
   * @default - the golden image's, else the cluster's default
   */
  readonly storageClass?: string;
  /**
   * @default ["ReadWriteOnce"]
   */
  readonly accessModes?: readonly string[];
  /**
   * @default DiskBus.VIRTIO (hot-plugged disks: virtio or scsi)
   */
  readonly bus?: DiskBus;
}

/** A VM as the stack and the policy rules see it. */
export interface IVirtualMachine extends IConstruct {
  readonly vmName: string;
  readonly namespace: string;
  readonly cluster: IPaletteCluster;
  readonly preventDestroy: boolean;
  /** Terraform address of the spectrocloud_virtual_machine. */
  readonly resourceAddress: string;
}

/**
 * A KubeVirt VM on a cluster with VMO, as the provider's `spectrocloud_virtual_machine` (provider
 * resource_kubevirt_virtual_machine.go). `prevent_destroy` by default: name, namespace, cluster and clone source
 * are ForceNew, and a replacement deletes the VM's disks.
 */
export class VirtualMachine extends Construct implements IVirtualMachine {
  /** Whether `x` is a VirtualMachine, also one made by another copy of this library (a brand, not `instanceof`). */
  public static isVirtualMachine(x: unknown): x is VirtualMachine {
    return isBranded(x, "VirtualMachine");
  }

  public readonly vmName: string;
  public readonly namespace: string;
  public readonly cluster: IPaletteCluster;
  public readonly context: PaletteContext;
  public readonly preventDestroy: boolean;
  public readonly template?: IVmTemplate;
  public readonly goldenImage?: IGoldenImage;
  public readonly cloneFrom?: string;
  /** The VM's own cloud-init (a template's is the template's), for policy checks. */
  public readonly cloudInit?: VmCloudInit;
  /** The VM's own disks as given (not the template's), for policy checks. */
  public readonly ownDisks: readonly VmDisk[];
  /** The VM's spec after template expansion and defaults, as synthesized. */
  public readonly spec: ResolvedVmSpec;
  /**
   * Escape hatch to the `spectrocloud_virtual_machine` (addOverride, lifecycle, dependsOn). Written from plain
   * attributes rather than the generated SpectrocloudVirtualMachine class, for synth speed (lib/private/vm-resource.ts).
   */
  public readonly resource: VirtualMachineResource;
  private readonly givenAttachment?: IVmoClusterAttachment;
  private readonly disks: Datavolume[] = [];
  private readonly diskProblems: ValidationProblem[] = [];

  constructor(scope: Construct, id: string, props: VirtualMachineProps) {
    super(scope, id);
    const cluster = props.attachment?.cluster ?? props.cluster;
    if (!cluster) throw new Error(`VirtualMachine ${this.node.path}: give the cluster's VMO attachment (or the cluster).`);
    this.cluster = cluster;
    this.givenAttachment = props.attachment;
    this.vmName = props.name;
    this.namespace = props.namespace ?? "default";
    this.context = props.context ?? cluster.context;
    this.preventDestroy = props.preventDestroy ?? true;
    this.template = props.template;
    this.goldenImage = props.goldenImage;
    this.cloneFrom = props.cloneFrom;
    this.cloudInit = props.cloudInit;
    this.ownDisks = [...(props.disks ?? [])];

    const own: VmSpec = {
      cpu: props.cpu,
      memory: props.memory,
      networks: props.networks,
      cloudInit: props.cloudInit,
      disks: [
        ...(props.goldenImage
          ? [{ name: ROOT_DISK, bootOrder: 1, source: { goldenImage: { goldenImage: props.goldenImage, size: props.rootDiskSize } } }]
          : []),
        ...(props.disks ?? []),
      ],
    };
    const merged = props.template ? mergeVmSpecs(props.template.spec, own) : own;
    this.spec = resolveVmSpec(merged);

    // Attributes in the provider schema's names (virtual_machine.go); undefined ones are left out of the JSON.
    this.resource = new VirtualMachineResource(
      this,
      "Resource",
      {
        cluster_uid: cluster.clusterUid,
        cluster_context: this.context,
        name: props.name,
        namespace: this.namespace,
        base_vm_name: props.cloneFrom,
        labels: props.labels && Object.keys(props.labels).length ? sortedRecord(props.labels) : undefined,
        run_strategy: props.runStrategy,
        // The provider needs exactly one of run_strategy and run_on_launch (virtual_machine.go ExactlyOneOf); only
        // true reaches Palette, so false is never written (a stopped VM is run_strategy Halted).
        run_on_launch: props.runStrategy === undefined ? true : undefined,
        ...providerBlocks(this.vmName, this.namespace, this.spec),
      },
      this.preventDestroy ? { preventDestroy: true } : undefined,
    );

    // The attachments are known once the stack is built (they may be made after the VM): depend on them at synth.
    Aspects.of(this).add({
      visit: (node) => {
        if (node !== this) return;
        const deps = this.attachments.filter(VmoClusterAttachment.isVmoClusterAttachment).map((a) => dependable(a.resource));
        if (deps.length) this.resource.dependsOn = deps;
      },
    });

    addProblemCheck(this, () => {
      this.warnOnNamespace();
      return [...this.validateVm(props, merged), ...this.diskProblems];
    });
  }

  /** Terraform address of the spectrocloud_virtual_machine (what `npm run plan` protects). */
  public get resourceAddress(): string {
    return `${this.resource.terraformResourceType}.${this.resource.friendlyUniqueId}`;
  }

  /** The VMO attachments this VM depends on: the given one, else those of its cluster in the same stack, by path. */
  public get attachments(): IVmoClusterAttachment[] {
    if (this.givenAttachment) return [this.givenAttachment];
    const stack = TerraformStack.of(this);
    return stack.node
      .findAll()
      .filter(VmoClusterAttachment.isVmoClusterAttachment)
      .filter((a) => a.cluster === this.cluster)
      .sort((a, b) => (a.node.path < b.node.path ? -1 : a.node.path > b.node.path ? 1 : 0));
  }

  /** The disks added with addDisk. */
  public get addedDisks(): readonly Datavolume[] {
    return this.disks;
  }

  /**
   * Adds a disk as a `spectrocloud_datavolume` hot-plugged into this VM (provider resource_kubevirt_datavolume.go),
   * protected like the VM.
   */
  public addDisk(props: VirtualMachineDiskProps): Datavolume {
    const at = ["disks", this.disks.length];
    const dvName = dataVolumeName(this.vmName, props.name);
    if (!isDns1123Label(props.name ?? ""))
      this.diskProblems.push({ field: [...at, "name"], message: `disk name ${quoted(props.name ?? "")} is not valid; ${DNS1123_LABEL_RULE}.` });
    if (this.spec.disks.some((d) => d.name === props.name) || this.disks.some((d) => d.node.id === `Disk-${props.name}`))
      this.diskProblems.push({ field: [...at, "name"], message: `disk "${props.name}" is already on VM "${this.vmName}"; choose another name.` });
    if (props.goldenImage && props.source) this.diskProblems.push({ field: [...at, "source"], message: `give source or goldenImage, not both.` });
    const image = props.goldenImage;
    const source = image
      ? { pvc: { name: image.imageName, namespace: image.namespace } }
      : props.source?.http !== undefined
        ? { http: { url: props.source.http } }
        : props.source?.registry !== undefined
          ? { registry: { imageUrl: props.source.registry } }
          : props.source?.pvc !== undefined
            ? { pvc: pvcRef(props.source.pvc, this.namespace) }
            : { blank: {} };
    if (props.size === undefined || (!Token.isUnresolved(props.size) && !isQuantity(props.size)))
      this.diskProblems.push({
        field: [...at, "size"],
        message: `disk "${props.name}" size ${quoted(String(props.size ?? ""))} is not a Kubernetes quantity.`,
        fix: `write it like "50Gi".`,
      });
    const storageClass = props.storageClass ?? image?.storageClass;
    if (this.disks.length === 0) this.ignoreHotpluggedSpec();
    const dv = new Datavolume(this, `Disk-${props.name}`, {
      clusterUid: this.cluster.clusterUid,
      clusterContext: this.context,
      vmName: this.resource.name,
      vmNamespace: this.namespace,
      metadata: { name: dvName, namespace: this.namespace },
      spec: {
        source,
        pvc: {
          accessModes: [...(props.accessModes ?? ["ReadWriteOnce"])],
          resources: { requests: { storage: quantity(props.size) } },
          storageClassName: storageClass,
        },
      },
      // The volume and disk carry the data volume's name: the provider's Delete removes the VM volume named by the
      // id's last part, which is metadata.name (resource_kubevirt_datavolume.go resourceKubevirtDataVolumeDelete,
      // utils.BuildIdDV); under another name the removal fails with "volume ... not found".
      addVolumeOptions: {
        name: dvName,
        disk: { name: dvName, bus: props.bus ?? DiskBus.VIRTIO },
        volumeSource: { dataVolume: { name: dvName, hotpluggable: true } },
      },
      // A replaced VM takes its disks with it (KubeVirt owns them): without the trigger the data volume's next
      // update removes itself from the deleted VM and fails (resourceKubevirtDataVolumeUpdate deletes, then adds).
      // The VM's id, not the bare address: a resource reference triggers on every planned change of the VM (a label,
      // vm_action), which would replace the disk (refused under prevent_destroy, or a blank disk without it); the id
      // (`<context>/<cluster_uid>/<namespace>/<name>`) is unknown only when the VM itself is replaced.
      lifecycle: { ...(this.preventDestroy ? { preventDestroy: true } : {}), replaceTriggeredBy: [`${this.resourceAddress}.id`] },
    });
    this.disks.push(dv);
    return dv;
  }

  /**
   * Palette's add-volume call writes the data volume into the VM's `disk`, `volume` and `data_volume_templates`
   * (palette-sdk-go V1SpectroClustersVMAddVolume; KubeVirt persists hotplugged volumes in the VM spec): the VM's
   * next update would send its config without them and drop the disk. Terraform's ignore_changes takes whole
   * attributes, so the VM's own disks are fixed too once a disk is added (documented on VirtualMachineDiskProps).
   */
  private ignoreHotpluggedSpec(): void {
    const current = this.resource.lifecycle?.ignoreChanges;
    const given = Array.isArray(current) ? current : [];
    if (current === "all") return;
    this.resource.lifecycle = {
      ...this.resource.lifecycle,
      ignoreChanges: [...new Set([...given, ...HOTPLUG_IGNORED])],
    };
  }

  /**
   * A VM (and its disks) goes only into a namespace that exists. VMO 4.10+ creates none but `default`
   * (VMO_PACK.defaultVmNamespacesSince410) unless the values list vmEnabledNamespaces; the create then fails on the
   * cluster, after the rest of the apply.
   */
  private warnOnNamespace(): void {
    const profiles = this.attachments.map((a) => a.profile);
    if (profiles.length === 0 || Token.isUnresolved(this.namespace)) return;
    if (profiles.some((p) => p.vmNamespaces.includes(this.namespace))) return;
    const known = [...new Set(profiles.flatMap((p) => p.vmNamespaces))];
    Annotations.of(this).addWarning(
      `namespace: "${this.namespace}" is not a VM namespace of profile ${profiles.map((p) => `"${p.profileName}"`).join(", ")} ` +
        `(its VMO version sets up ${known.join(", ")}); Palette refuses a VM in a namespace that does not exist, which fails ` +
        `the apply. Use one of ${known.join(", ")}, list "${this.namespace}" in the VMO values' vmEnabledNamespaces, ` +
        `or make sure it exists on cluster ${this.cluster.displayName} before the VM is created.`,
    );
  }

  private validateVm(props: VirtualMachineProps, merged: VmSpec): ValidationProblem[] {
    const out: ValidationProblem[] = [];
    if (!isDns1123Label(this.vmName ?? "")) out.push({ field: ["name"], message: `VM name ${quoted(this.vmName ?? "")} is not valid; ${DNS1123_LABEL_RULE}.` });
    if (!Token.isUnresolved(this.namespace) && !isDns1123Label(this.namespace))
      out.push({ field: ["namespace"], message: `namespace ${quoted(this.namespace)} is not valid; ${DNS1123_LABEL_RULE}.` });
    const sources = (["template", "goldenImage", "cloneFrom"] as const).filter((k) => props[k] !== undefined);
    if (sources.includes("cloneFrom") && sources.length > 1)
      out.push({
        field: ["cloneFrom"],
        message: `a clone copies ${props.cloneFrom}'s disks; give cloneFrom alone, without ${sources.filter((s) => s !== "cloneFrom").join(" or ")}.`,
      });
    if (props.template && props.goldenImage && (props.template.spec.disks ?? []).some((d) => d.bootOrder === 1))
      out.push({
        field: ["goldenImage"],
        message: `template "${props.template.templateName}" already has a boot disk; drop goldenImage or the template's boot disk.`,
      });
    if (props.rootDiskSize !== undefined && !props.goldenImage)
      out.push({ field: ["rootDiskSize"], message: `rootDiskSize sizes the golden image clone; give goldenImage too.` });
    if (props.runStrategy !== undefined && !RUN_STRATEGIES.includes(props.runStrategy))
      out.push({
        field: ["runStrategy"],
        message: `"${props.runStrategy}" is not a run strategy; ${expectedOneOf(String(props.runStrategy), RUN_STRATEGIES)}.`,
      });
    // The VM's own fields, under their own names; the template's problems are the template's.
    out.push(
      ...vmSpecProblems({ ...merged, disks: merged.disks?.filter((d) => d.name !== ROOT_DISK || !props.goldenImage) }).filter(
        (p) => !props.template || p.field[0] !== "disks",
      ),
    );
    out.push(...checkContext("context", props.context));
    return out;
  }
}
brand(VirtualMachine, "VirtualMachine");

/** The provider blocks of a resolved spec (disk, volume, interface, network, data volume templates, CPU, memory). */
function providerBlocks(vm: string, namespace: string, spec: ResolvedVmSpec): Record<string, unknown> {
  const disk: Record<string, unknown>[] = [];
  const volume: Record<string, unknown>[] = [];
  const dataVolumeTemplates: Record<string, unknown>[] = [];
  const diskBlock = (name: string, bus: string, bootOrder?: number) => ({
    ...(bootOrder !== undefined ? { boot_order: bootOrder } : {}),
    disk_device: [{ disk: [{ bus }] }],
    name,
  });
  for (const d of spec.disks) {
    disk.push(diskBlock(d.name, d.bus ?? DiskBus.VIRTIO, d.bootOrder));
    const s = d.source;
    if (s.goldenImage) {
      const g = s.goldenImage;
      const name = dataVolumeName(vm, d.name);
      const storageClass = g.storageClass ?? g.goldenImage.storageClass;
      dataVolumeTemplates.push({
        metadata: { name, namespace },
        spec: {
          pvc: {
            access_modes: [...g.goldenImage.accessModes],
            resources: { requests: { storage: quantity(g.size ?? g.goldenImage.size) } },
            ...(storageClass !== undefined ? { storage_class_name: storageClass } : {}),
            ...(g.goldenImage.volumeMode !== undefined ? { volume_mode: g.goldenImage.volumeMode } : {}),
          },
          source: { pvc: { name: g.goldenImage.imageName, namespace: g.goldenImage.namespace } },
        },
      });
      volume.push({ name: d.name, volume_source: { data_volume: { name } } });
    } else if (s.containerDisk !== undefined) volume.push({ name: d.name, volume_source: { container_disk: [{ image_url: s.containerDisk }] } });
    else if (s.emptyDisk !== undefined) volume.push({ name: d.name, volume_source: { empty_disk: { capacity: quantity(s.emptyDisk) } } });
    else if (s.persistentVolumeClaim !== undefined)
      volume.push({ name: d.name, volume_source: { persistent_volume_claim: { claim_name: s.persistentVolumeClaim } } });
  }
  const ci = spec.cloudInit;
  if (ci) {
    disk.push(diskBlock(CLOUD_INIT_DISK, DiskBus.VIRTIO));
    const data = {
      ...(ci.networkData !== undefined ? { network_data: ci.networkData } : {}),
      ...(ci.userData !== undefined ? { user_data: ci.userData } : {}),
      ...(ci.userDataSecretName !== undefined ? { user_data_secret_ref: { name: ci.userDataSecretName } } : {}),
    };
    volume.push({
      name: CLOUD_INIT_DISK,
      volume_source: ci.source === CloudInitSource.CONFIG_DRIVE ? { cloud_init_config_drive: data } : { cloud_init_no_cloud: [data] },
    });
  }
  return {
    cpu: { cores: spec.cpu.cores, sockets: spec.cpu.sockets, threads: spec.cpu.threads },
    ...(dataVolumeTemplates.length ? { data_volume_templates: dataVolumeTemplates } : {}),
    ...(disk.length ? { disk } : {}),
    interface: spec.networks.map((n) => ({ interface_binding_method: bindingOf(n), ...(n.model ? { model: n.model } : {}), name: n.name })),
    memory: { guest: quantity(spec.memory) },
    network: spec.networks.map((n) => ({
      name: n.name,
      network_source: n.multus !== undefined ? { multus: { network_name: n.multus } } : { pod: {} },
    })),
    resources: { requests: { memory: quantity(spec.memory) } },
    ...(volume.length ? { volume } : {}),
  };
}

function pvcRef(ref: string, namespace: string): { name: string; namespace: string } {
  const i = ref.indexOf("/");
  return i >= 0 ? { namespace: ref.slice(0, i), name: ref.slice(i + 1) } : { namespace, name: ref };
}

function sortedRecord(record: { readonly [k: string]: string }): { [k: string]: string } {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]]),
  );
}
