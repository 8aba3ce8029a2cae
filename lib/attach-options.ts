// How a VMO profile is attached to a cluster: the options an attachment (or a cluster_profile block) takes, in a file
// of their own so the profile interfaces can name them without importing the attachment construct.
import type { PaletteContext } from "./context";
import type { PackValuesInput } from "./values";
import type { VmRoleBinding } from "./vm-role-bindings";

/** When Palette installs the attached packs. */
export enum ApplySetting {
  DOWNLOAD_AND_INSTALL = "DownloadAndInstall",
  /** Download now, install at the next maintenance. */
  DOWNLOAD_AND_INSTALL_LATER = "DownloadAndInstallLater",
}

/** @internal The enum's values, for the library's own checks (users have the enum). */
export const APPLY_SETTINGS: readonly string[] = Object.values(ApplySetting);

/** Per-cluster settings, shared by attachments and the `cluster_profile` block helper. */
export interface ClusterProfileBlockOptions {
  /**
   * Values merged over the profile's values of the named pack, for this cluster only.
   * @default - the profile's values
   */
  readonly packValues?: { readonly [packName: string]: PackValuesInput };
  /**
   * Profile variable values. Pass secrets as sensitive Terraform variable tokens.
   * @default - none
   */
  readonly variables?: { readonly [name: string]: string };
  /**
   * Role bindings added to the profile's bindings on this cluster only.
   * @default - none
   */
  readonly roleBindings?: readonly VmRoleBinding[];
  /**
   * Direct access: the URL this cluster's VM dashboard is reached at, `https://<vm-dashboard LoadBalancer address>`
   * without `/v1` (configure-console-base-address.md). Sets the profile variable `vmo_dashboard_address`, which the
   * VMO values write to `consoleBaseAddress` (Palette's Connect button) and, with OIDC, `vmo-manager.platform.baseUrl`
   * (the redirect URI). Often known only after the first deploy (`kubectl get services -n vm-dashboard`): until then
   * rule VMO-017 warns.
   * @default - none
   */
  readonly dashboardAddress?: string;
}

/** How a profile is attached to one cluster: everything but the profile and the cluster. */
export interface AttachOptions extends ClusterProfileBlockOptions {
  /**
   * @default the cluster's context
   */
  readonly context?: PaletteContext;
  /**
   * @default ApplySetting.DOWNLOAD_AND_INSTALL
   */
  readonly applySetting?: ApplySetting;
  /**
   * Detaching VMO uninstalls KubeVirt and deletes every VM on the cluster (the pack's cleanup job), so
   * attachments refuse `terraform destroy` unless this is set to false explicitly.
   * @default true
   */
  readonly preventDestroy?: boolean;
}
