// The interfaces of cluster profile constructs, in a file of their own so constructs that take a profile (checks,
// attachments) need not import the VMO profile construct.
import { Construct, IConstruct } from "constructs";
import type { PaletteContext } from "./context";
import type { IPackLayer } from "./pack-layer";
import type { IPaletteCluster } from "./palette-cluster";
import type { ClusterProfile } from "./provider";
import type { ISpectroProxyPack } from "./spectro-proxy-pack";
import type { AttachOptions } from "./attach-options";
import type { IVmRoleBindings } from "./vm-role-bindings";
import type { IVmoPack } from "./vmo-pack";
import type { IVmoIamMappings } from "./vmo-iam";
import type { IVmoManifestLayer } from "./vmo-manifest-layer";
import type { ProfileVariable } from "./profile-variable";

export type { ProfileVariable } from "./profile-variable";

/** A Palette cluster profile that other constructs can attach or reference. */
export interface IClusterProfile extends IConstruct {
  /** The profile UID, known after apply. */
  readonly profileId: string;
  /** Terraform address of the `spectrocloud_cluster_profile`, for conditions and checks written as expressions. */
  readonly resourceAddress: string;
  readonly profileName: string;
  readonly profileVersion: string;
  readonly context: PaletteContext;
  /** Layers bottom to top, as Palette installs them. */
  readonly layers: readonly IPackLayer[];
}

/** A cluster profile that carries the VMO pack. */
export interface IVmoAddonProfile extends IClusterProfile {
  /**
   * The VMO pack layer.
   * @default - none for a profile this stack does not define (`VmoAddonProfile.fromProfileAttributes`)
   */
  readonly vmoPack?: IVmoPack;
  /**
   * The Spectro Proxy layer.
   * @default - none: the profile has no Spectro Proxy
   */
  readonly proxyPack?: ISpectroProxyPack;
  /**
   * The role bindings, a manifest of the manifest layer.
   * @default - none: the profile binds no roles
   */
  readonly roleBindings?: IVmRoleBindings;
  /**
   * The profile's one manifest layer (role bindings, VMO IAM mappings, golden images, VM templates, your own).
   * @default - none: the profile carries no manifests, or is defined elsewhere
   */
  readonly manifestLayer?: IVmoManifestLayer;
  /**
   * The VMO IAM mappings (VMO 4.10+), derived from the role bindings, a manifest of the manifest layer.
   * @default - none: no role bindings, a legacy VMO version, or mappings turned off
   */
  readonly vmoIamMappings?: IVmoIamMappings;
  readonly vmNamespaces: readonly string[];
  /** Profile variables attachments may set. */
  readonly declaredVariables: readonly ProfileVariable[];
  /**
   * Variable values every attachment sets (a defined profile's authentication secrets, as Terraform tokens); an
   * attachment's own `variables` win.
   * @default - none
   */
  readonly attachmentVariables?: { readonly [name: string]: string };
  /**
   * A copy of this profile for one cluster (same version, description, tags, variables; another name), whose
   * packs the caller sets: how VmoClusterAttachment carries per-cluster values and bindings (docs/ARCHITECTURE.md).
   */
  clusterVariant?(scope: Construct, id: string, name: string): ClusterProfile;
  /**
   * The profile variable that carries the profile's revision (PROFILE_REVISION_VARIABLE), when the profile declares
   * it; attachments then set it so that every profile change updates them in the same apply.
   * @default - none: attachments set no revision (a profile made outside this stack)
   */
  readonly revisionVariable?: string;
  /** Attaches this profile to an existing cluster: a VmoClusterAttachment beside the profile. */
  attachTo(cluster: IPaletteCluster, options?: AttachOptions): IVmoClusterAttachment;
}

/**
 * The profile variable every VMO profile declares and every attachment sets: the profile version and a hash of
 * its packs. A profile change therefore changes each attachment's `cluster_profile`, so the provider's update
 * (which runs only when `cluster_profile` changed, resource_cluster_attachment.go resourceAddonDeploymentUpdate)
 * resolves the cluster's pending update in the same apply (palette-sdk-go UpdateAddonDeployment,
 * resolveNotification=true).
 */
export const PROFILE_REVISION_VARIABLE = "vmo_profile_revision";

/** A VMO profile attached to one existing cluster (VmoClusterAttachment). */
export interface IVmoClusterAttachment extends IConstruct {
  readonly profile: IVmoAddonProfile;
  readonly cluster: IPaletteCluster;
  /** Whether Terraform refuses to destroy (detach) it. */
  readonly preventDestroy: boolean;
}
