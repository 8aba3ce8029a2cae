// The typed config a VmoProjectStack is built from: what an environment file means once loaded (load.ts
// produces it from the zod schema's output; code can also build it directly).
import type {
  ApplySetting,
  CloudInitSource,
  DiskBus,
  GoldenImageProps,
  PackValuesInput,
  PaletteContext,
  PaletteRole,
  RunStrategy,
  VmCpu,
  VmNetwork,
  VmRoleBinding,
  VmoAddonProfileProps,
  VmoAuthentication,
  VmoSuppression,
} from "../../lib";
import type { BackendConfig } from "./schema";

/** A profile variable value: a literal, or a secret carried by a sensitive Terraform variable of that name. */
export type VariableValue = string | { readonly secret: string };

/** A golden image of a profile: GoldenImage's props. */
export type GoldenImageConfig = Omit<GoldenImageProps, "profile" | "packName">;

/** What a disk holds, with golden images named (one of the profile's goldenImages). Give exactly one source. */
export interface VmDiskSourceConfig {
  readonly goldenImage?: string;
  /** Size of the golden image clone; default the image's. */
  readonly size?: string;
  /** Storage class of the golden image clone; default the image's. */
  readonly storageClass?: string;
  readonly containerDisk?: string;
  readonly emptyDisk?: string;
  readonly persistentVolumeClaim?: string;
}

export interface VmDiskConfig {
  readonly name: string;
  readonly bus?: DiskBus;
  readonly bootOrder?: number;
  readonly source: VmDiskSourceConfig;
}

export interface VmCloudInitConfig<UserData = string> {
  readonly userData?: UserData;
  readonly userDataSecretName?: string;
  readonly networkData?: string;
  readonly source?: CloudInitSource;
}

/** The VM shape shared by templates and VMs, with golden images named. */
export interface VmShapeConfig {
  readonly cpu?: VmCpu;
  readonly memory?: string;
  /** Boot from a clone of this golden image of the profile. */
  readonly goldenImage?: string;
  readonly rootDiskSize?: string;
  readonly disks?: readonly VmDiskConfig[];
  readonly networks?: readonly VmNetwork[];
}

/** A VM template of a profile (a VmTemplate layer). Its cloud-init is published in the profile: no secrets. */
export interface VmTemplateConfig extends VmShapeConfig {
  readonly name: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly icon?: string;
  readonly cloudInit?: VmCloudInitConfig;
}

/** A disk added to a VM as its own data volume (VirtualMachine.addDisk). */
export interface VmAddedDiskConfig {
  readonly name: string;
  readonly size: string;
  /** Clone this golden image of the profile. */
  readonly goldenImage?: string;
  readonly source?: { readonly http?: string; readonly registry?: string; readonly pvc?: string };
  readonly storageClass?: string;
  readonly accessModes?: readonly string[];
  readonly bus?: DiskBus;
}

/** A VM on the cluster (a VirtualMachine), from a template or golden image of the profile, or a clone. */
export interface VirtualMachineConfig extends VmShapeConfig {
  readonly name: string;
  readonly namespace?: string;
  /** One of the profile's vmTemplates, by name. */
  readonly template?: string;
  readonly cloneFrom?: string;
  /** Cloud-init; userData as { secret: <terraform variable name> } when it holds anything secret. */
  readonly cloudInit?: VmCloudInitConfig<VariableValue>;
  readonly runStrategy?: RunStrategy;
  readonly labels?: { readonly [key: string]: string };
  readonly addedDisks?: readonly VmAddedDiskConfig[];
  /** Set to false, deliberately (with a VMO-024 suppression), to let Terraform delete or replace the VM and its disks. */
  readonly preventDestroy?: boolean;
  readonly suppressions?: readonly VmoSuppression[];
}

/** One existing cluster that gets the profile. Give exactly one of name and uid. */
export interface ClusterConfig {
  readonly name?: string;
  readonly uid?: string;
  readonly context?: PaletteContext;
  readonly applySetting?: ApplySetting;
  readonly packValues?: { readonly [packName: string]: PackValuesInput };
  readonly variables?: { readonly [name: string]: VariableValue };
  readonly roleBindings?: readonly VmRoleBinding[];
  /** Direct access: the URL this cluster's VM dashboard is reached at (sets the vmo_dashboard_address variable). */
  readonly dashboardAddress?: string;
  /** Set to false, deliberately, to let Terraform detach VMO (which deletes the cluster's VMs). */
  readonly preventDestroy?: boolean;
  /** Policy rules suppressed on this attachment, each with a reason. */
  readonly suppressions?: readonly VmoSuppression[];
  /** VMs on this cluster. */
  readonly virtualMachines?: readonly VirtualMachineConfig[];
}

/** The authentication choice as config gives it: the secrets are references to sensitive Terraform variables. */
export interface AuthenticationConfig extends Omit<VmoAuthentication, "clientSecret" | "localAdminPassword"> {
  readonly clientSecret?: VariableValue;
  readonly localAdminPassword?: VariableValue;
}

/** A VMO profile and the clusters it attaches to; the profile fields are VmoAddonProfile's props. */
export interface VmoProfileConfig extends Omit<VmoAddonProfileProps, "registry" | "authentication"> {
  /** How VMO Manager signs users in; secrets as `{ secret: <terraform variable name> }`. */
  readonly authentication?: AuthenticationConfig;
  readonly clusters?: readonly ClusterConfig[];
  /**
   * Adopt a profile made by hand in Palette: true imports `NAME:CONTEXT:VERSION`, a string is the provider's
   * import ID itself. The import block is a no-op once the profile is in state.
   * @default - no import
   */
  readonly import?: boolean | string;
  /** Policy rules suppressed on the profile and its packs, each with a reason. */
  readonly suppressions?: readonly VmoSuppression[];
  /** Golden images (disk templates) delivered with the profile. */
  readonly goldenImages?: readonly GoldenImageConfig[];
  /** VM templates delivered with the profile. */
  readonly vmTemplates?: readonly VmTemplateConfig[];
}

/** A Palette team the stack creates and owns (PaletteTeam); its VM role comes from the bindings naming its group. */
export interface TeamConfig {
  /** The team's name in Palette: the Group subject name of the bindings, before groupPrefix. */
  readonly name: string;
  /** Members' Palette login e-mails. */
  readonly members?: readonly string[];
  /** Palette roles replacing the documented pairing. */
  readonly roles?: readonly PaletteRole[];
  /** Policy rules suppressed on the team, each with a reason. */
  readonly suppressions?: readonly VmoSuppression[];
}

/** Everything one Palette project runs: the typed config that YAML environment files map onto. */
export interface VmoProjectConfig {
  /** The Palette project the provider targets. */
  readonly project: { readonly name: string; readonly host?: string };
  /**
   * Where Terraform keeps this stack's state.
   * @default - a local file `terraform.<stack id>.tfstate` beside cdktf.out
   */
  readonly backend?: BackendConfig;
  /** Policy rules suppressed for the whole stack, each with a reason. */
  readonly suppressions?: readonly VmoSuppression[];
  readonly profiles: readonly VmoProfileConfig[];
  /**
   * Palette teams this stack creates and owns, granted the Palette roles paired with their groups' VM roles.
   * @default - none
   */
  readonly teams?: readonly TeamConfig[];
}
