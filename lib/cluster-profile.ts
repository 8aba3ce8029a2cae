// The interface every cluster profile construct implements, in a file of its own so constructs that take a
// profile (checks, attachments) need not import the VMO profile construct.
import { IConstruct } from "constructs";
import type { PaletteContext } from "./context";
import type { IPackLayer } from "./pack-layer";

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
