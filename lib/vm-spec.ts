// What a KubeVirt VM is made of (CPU, memory, disks, networks, cloud-init), shared by VmTemplate (rendered as a
// VmTemplate manifest) and VirtualMachine (rendered as spectrocloud_virtual_machine blocks).
import { Token } from "./cdktf";
import { isQuantity } from "./private/quantity";
import type { IGoldenImage } from "./golden-image";
import { expectedOneOf } from "./private/validation";
import { DNS1123_LABEL_RULE, isDns1123Label, quoted } from "./private/kubernetes-names";
import { ValidationProblem } from "./problems";

/** The bus a disk is attached to the guest with (KubeVirt `disk.bus`). */
export enum DiskBus {
  VIRTIO = "virtio",
  SATA = "sata",
  SCSI = "scsi",
}

/** KubeVirt `runStrategy` (provider schema virtual_machine.go `run_strategy`: Always, Halted, Manual, RerunOnFailure). */
export enum RunStrategy {
  ALWAYS = "Always",
  HALTED = "Halted",
  MANUAL = "Manual",
  RERUN_ON_FAILURE = "RerunOnFailure",
}

/** How an interface connects to its network (provider `interface_binding_method`; KubeVirt `masquerade`, `bridge`...). */
export enum InterfaceBinding {
  /** NAT behind the pod IP: the pod network's binding. */
  MASQUERADE = "InterfaceMasquerade",
  /** Layer 2 on the network: the usual binding for Multus bridges. */
  BRIDGE = "InterfaceBridge",
  SRIOV = "InterfaceSRIOV",
  SLIRP = "InterfaceSlirp",
}

/** Where cloud-init reads its data from inside the guest. */
export enum CloudInitSource {
  /** `cloudInitNoCloud`, what Palette's templates use. */
  NO_CLOUD = "noCloud",
  /** `cloudInitConfigDrive`, for images that only read a config drive (Windows cloudbase-init). */
  CONFIG_DRIVE = "configDrive",
}

/** A clone of a golden image, sized and placed for one VM. */
export interface GoldenImageDiskSource {
  readonly goldenImage: IGoldenImage;
  /**
   * Size of the VM's copy: the golden image's size or larger (CDI clones need a target at least as large).
   * @default - the golden image's size
   */
  readonly size?: string;
  /**
   * Storage class of the copy; CSI-assisted cloning needs the source's (create-disk-templates.md).
   * @default - the golden image's storage class
   */
  readonly storageClass?: string;
}

/** What a disk holds: give exactly one field. */
export interface VmDiskSource {
  /**
   * A data volume cloned from a golden image (a `dataVolumeTemplates` entry).
   * @default - not from a golden image
   */
  readonly goldenImage?: GoldenImageDiskSource;
  /**
   * A container disk image (ephemeral: its writes are lost on restart), such as
   * `gcr.io/spectro-images-public/release/vm-dashboard/os/ubuntu-container-disk:22.04`.
   * @default - not a container disk
   */
  readonly containerDisk?: string;
  /**
   * An empty ephemeral disk of this capacity (`10Gi`).
   * @default - not an empty disk
   */
  readonly emptyDisk?: string;
  /**
   * An existing PersistentVolumeClaim in the VM's namespace, by name.
   * @default - not an existing claim
   */
  readonly persistentVolumeClaim?: string;
}

export interface VmDisk {
  /** Disk name, unique within the VM (a DNS-1123 label). */
  readonly name: string;
  readonly source: VmDiskSource;
  /**
   * @default DiskBus.VIRTIO
   */
  readonly bus?: DiskBus;
  /**
   * Boot order (1 boots first).
   * @default - KubeVirt's order
   */
  readonly bootOrder?: number;
}

export interface VmNetwork {
  /** Network and interface name, unique within the VM. */
  readonly name: string;
  /**
   * A Multus NetworkAttachmentDefinition (`namespace/name` or `name`) instead of the pod network.
   * @default - the pod network
   */
  readonly multus?: string;
  /**
   * @default InterfaceBinding.MASQUERADE on the pod network, InterfaceBinding.BRIDGE on Multus
   */
  readonly binding?: InterfaceBinding;
  /**
   * NIC model (`virtio`, `e1000e`).
   * @default - KubeVirt's (virtio)
   */
  readonly model?: string;
}

export interface VmCloudInit {
  /**
   * `#cloud-config` user data. Never put a password here: pass it as a Terraform token (a sensitive variable)
   * or use SSH keys (rule VMO-022).
   * @default - none
   */
  readonly userData?: string;
  /**
   * A Kubernetes Secret in the VM's namespace that holds the user data (key `userdata`): keeps secrets out of
   * Terraform entirely.
   * @default - none
   */
  readonly userDataSecretName?: string;
  /**
   * Network config (version 1 or 2).
   * @default - none
   */
  readonly networkData?: string;
  /**
   * @default CloudInitSource.NO_CLOUD
   */
  readonly source?: CloudInitSource;
}

export interface VmCpu {
  readonly cores: number;
  /**
   * @default 1
   */
  readonly sockets?: number;
  /**
   * @default 1
   */
  readonly threads?: number;
}

/** The shape of a VM: what a VmTemplate publishes and a VirtualMachine is created with. */
export interface VmSpec {
  /**
   * @default - 1 core, 1 socket, 1 thread
   */
  readonly cpu?: VmCpu;
  /**
   * Guest memory, a Kubernetes quantity (`2Gi`).
   * @default "2Gi"
   */
  readonly memory?: string;
  /**
   * @default - none
   */
  readonly disks?: readonly VmDisk[];
  /**
   * @default - one interface `default` on the pod network (masquerade)
   */
  readonly networks?: readonly VmNetwork[];
  /**
   * @default - no cloud-init disk
   */
  readonly cloudInit?: VmCloudInit;
}

/** The boot disk's name when a VM or template boots from a golden image. */
export const ROOT_DISK = "rootdisk";
/** The disk and volume name cloud-init data is attached as. */
export const CLOUD_INIT_DISK = "cloudinitdisk";
const DEFAULT_MEMORY = "2Gi";
const DEFAULT_NETWORKS: readonly VmNetwork[] = [{ name: "default" }];
const BUSES: readonly string[] = Object.values(DiskBus);
const BINDINGS: readonly string[] = Object.values(InterfaceBinding);
const SOURCES = ["goldenImage", "containerDisk", "emptyDisk", "persistentVolumeClaim"] as const;

/** The spec with every default in place, the form both renderers read. */
export interface ResolvedVmSpec {
  readonly cpu: Required<VmCpu>;
  readonly memory: string;
  readonly disks: readonly VmDisk[];
  readonly networks: readonly VmNetwork[];
  readonly cloudInit?: VmCloudInit;
}

/** `over` on top of `base`: scalars and cloud-init replace, disks append (a VM adds disks to its template's). */
export function mergeVmSpecs(base: VmSpec, over: VmSpec): VmSpec {
  return {
    cpu: over.cpu ?? base.cpu,
    memory: over.memory ?? base.memory,
    disks: [...(base.disks ?? []), ...(over.disks ?? [])],
    networks: over.networks ?? base.networks,
    cloudInit: over.cloudInit ?? base.cloudInit,
  };
}

export function resolveVmSpec(spec: VmSpec): ResolvedVmSpec {
  return {
    cpu: { cores: spec.cpu?.cores ?? 1, sockets: spec.cpu?.sockets ?? 1, threads: spec.cpu?.threads ?? 1 },
    memory: spec.memory ?? DEFAULT_MEMORY,
    disks: spec.disks ?? [],
    networks: spec.networks?.length ? spec.networks : DEFAULT_NETWORKS,
    cloudInit: spec.cloudInit,
  };
}

/** Problems of a spec, each naming its field in VmSpec's terms. */
export function vmSpecProblems(spec: VmSpec): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  const problem = (field: (string | number)[], message: string, fix?: string) => out.push({ field, message, fix });
  const cpu = spec.cpu;
  if (cpu) {
    for (const k of ["cores", "sockets", "threads"] as const) {
      const v = cpu[k];
      if (v !== undefined && (!Number.isInteger(v) || v < 1)) problem(["cpu", k], `${v} is not a count; give a whole number, 1 or more.`);
    }
  }
  if (spec.memory !== undefined && !Token.isUnresolved(spec.memory) && !isQuantity(spec.memory)) {
    problem(["memory"], `${quoted(spec.memory)} is not a Kubernetes quantity; write it like "2Gi".`);
  }
  const names = new Set<string>();
  (spec.disks ?? []).forEach((d, i) => {
    if (!isDns1123Label(d.name ?? "")) problem(["disks", i, "name"], `disk name ${quoted(d.name ?? "")} is not valid; ${DNS1123_LABEL_RULE}.`);
    if (d.name === CLOUD_INIT_DISK && spec.cloudInit)
      problem(["disks", i, "name"], `"${CLOUD_INIT_DISK}" is the cloud-init disk's name; choose another disk name.`);
    if (names.has(d.name)) problem(["disks", i, "name"], `disk "${d.name}" is given twice; disk names must be unique within a VM.`);
    names.add(d.name);
    if (d.bus !== undefined && !BUSES.includes(d.bus)) problem(["disks", i, "bus"], `"${d.bus}" is not a disk bus; ${expectedOneOf(String(d.bus), BUSES)}.`);
    const given = SOURCES.filter((k) => d.source?.[k] !== undefined);
    if (given.length !== 1) {
      problem(
        ["disks", i, "source"],
        given.length === 0
          ? `disk "${d.name}" has no source; give one of ${SOURCES.join(", ")}.`
          : `disk "${d.name}" has ${given.join(" and ")}; give exactly one source.`,
      );
    }
    for (const k of ["emptyDisk"] as const) {
      const v = d.source?.[k];
      if (v !== undefined && !Token.isUnresolved(v) && !isQuantity(v))
        problem(["disks", i, "source", k], `${quoted(v)} is not a Kubernetes quantity such as "10Gi".`);
    }
    const size = d.source?.goldenImage?.size;
    if (size !== undefined && !Token.isUnresolved(size) && !isQuantity(size))
      problem(["disks", i, "source", "goldenImage", "size"], `${quoted(size)} is not a Kubernetes quantity such as "20Gi".`);
  });
  const nets = new Set<string>();
  (spec.networks ?? []).forEach((n, i) => {
    if (!isDns1123Label(n.name ?? "")) problem(["networks", i, "name"], `network name ${quoted(n.name ?? "")} is not valid; ${DNS1123_LABEL_RULE}.`);
    if (nets.has(n.name)) problem(["networks", i, "name"], `network "${n.name}" is given twice; network names must be unique within a VM.`);
    nets.add(n.name);
    if (n.binding !== undefined && !BINDINGS.includes(n.binding))
      problem(["networks", i, "binding"], `"${n.binding}" is not an interface binding; ${expectedOneOf(String(n.binding), BINDINGS)}.`);
  });
  const pods = (spec.networks ?? []).filter((n) => n.multus === undefined).length;
  if (pods > 1) problem(["networks"], `${pods} networks use the pod network; a VM has at most one pod network interface (give the others multus).`);
  const ci = spec.cloudInit;
  if (ci) {
    if (ci.userData !== undefined && ci.userDataSecretName !== undefined) problem(["cloudInit"], `give userData or userDataSecretName, not both.`);
    if (ci.userData === undefined && ci.userDataSecretName === undefined && ci.networkData === undefined)
      problem(["cloudInit"], `cloud-init has no userData, userDataSecretName or networkData; give one or leave cloudInit out.`);
    if (ci.source !== undefined && !Object.values(CloudInitSource).includes(ci.source))
      problem(["cloudInit", "source"], `"${ci.source}" is not a cloud-init source; ${expectedOneOf(String(ci.source), Object.values(CloudInitSource))}.`);
  }
  return out;
}

/** The binding a network gets when none is given. */
export function bindingOf(n: VmNetwork): InterfaceBinding {
  return n.binding ?? (n.multus !== undefined ? InterfaceBinding.BRIDGE : InterfaceBinding.MASQUERADE);
}

/** The data volume a golden-image disk of `owner` (a VM or template name) is cloned into. */
export function dataVolumeName(owner: string, disk: string): string {
  return `${owner}-${disk}`;
}

const KUBEVIRT_BINDING: Record<string, string> = {
  [InterfaceBinding.MASQUERADE]: "masquerade",
  [InterfaceBinding.BRIDGE]: "bridge",
  [InterfaceBinding.SRIOV]: "sriov",
  [InterfaceBinding.SLIRP]: "slirp",
};

/**
 * The KubeVirt VirtualMachine spec (`dataVolumeTemplates` and `template`) of a resolved spec, as a VmTemplate's
 * `spec` carries it (create-vm-template.md, create-disk-templates.md).
 */
export function kubevirtSpec(owner: string, spec: ResolvedVmSpec): Record<string, unknown> {
  const disks: Record<string, unknown>[] = [];
  const volumes: Record<string, unknown>[] = [];
  const dataVolumeTemplates: Record<string, unknown>[] = [];
  for (const d of spec.disks) {
    disks.push({ name: d.name, disk: { bus: d.bus ?? DiskBus.VIRTIO }, ...(d.bootOrder !== undefined ? { bootOrder: d.bootOrder } : {}) });
    const s = d.source;
    if (s.goldenImage) {
      const dv = dataVolumeName(owner, d.name);
      const g = s.goldenImage;
      dataVolumeTemplates.push({
        metadata: { name: dv },
        spec: {
          source: { pvc: { name: g.goldenImage.imageName, namespace: g.goldenImage.namespace } },
          pvc: {
            accessModes: [...g.goldenImage.accessModes],
            resources: { requests: { storage: g.size ?? g.goldenImage.size } },
            ...((g.storageClass ?? g.goldenImage.storageClass) ? { storageClassName: g.storageClass ?? g.goldenImage.storageClass } : {}),
            ...(g.goldenImage.volumeMode ? { volumeMode: g.goldenImage.volumeMode } : {}),
          },
        },
      });
      volumes.push({ name: d.name, dataVolume: { name: dv } });
    } else if (s.containerDisk !== undefined) volumes.push({ name: d.name, containerDisk: { image: s.containerDisk } });
    else if (s.emptyDisk !== undefined) volumes.push({ name: d.name, emptyDisk: { capacity: s.emptyDisk } });
    else if (s.persistentVolumeClaim !== undefined) volumes.push({ name: d.name, persistentVolumeClaim: { claimName: s.persistentVolumeClaim } });
  }
  const ci = spec.cloudInit;
  if (ci) {
    disks.push({ name: CLOUD_INIT_DISK, disk: { bus: DiskBus.VIRTIO } });
    const data: Record<string, unknown> = {};
    if (ci.userData !== undefined) data.userData = ci.userData;
    if (ci.userDataSecretName !== undefined) data.secretRef = { name: ci.userDataSecretName };
    if (ci.networkData !== undefined) data.networkData = ci.networkData;
    volumes.push({ name: CLOUD_INIT_DISK, [ci.source === CloudInitSource.CONFIG_DRIVE ? "cloudInitConfigDrive" : "cloudInitNoCloud"]: data });
  }
  const interfaces = spec.networks.map((n) => ({ name: n.name, [KUBEVIRT_BINDING[bindingOf(n)]]: {}, ...(n.model ? { model: n.model } : {}) }));
  const networks = spec.networks.map((n) => (n.multus !== undefined ? { name: n.name, multus: { networkName: n.multus } } : { name: n.name, pod: {} }));
  return {
    ...(dataVolumeTemplates.length ? { dataVolumeTemplates } : {}),
    template: {
      spec: {
        domain: {
          cpu: { cores: spec.cpu.cores, sockets: spec.cpu.sockets, threads: spec.cpu.threads },
          memory: { guest: spec.memory },
          devices: { disks, interfaces },
          resources: { requests: { memory: spec.memory } },
        },
        networks,
        volumes,
      },
    },
  };
}
