// The typed config a VmoProjectStack is built from: what an environment file means once loaded (load.ts
// produces it from the zod schema's output; code can also build it directly).
import type { ApplySetting, PackValuesInput, PaletteContext, PaletteRole, VmRoleBinding, VmoAddonProfileProps, VmoAuthentication, VmoSuppression } from "../../lib";
import type { BackendConfig } from "./schema";

/** A profile variable value: a literal, or a secret carried by a sensitive Terraform variable of that name. */
export type VariableValue = string | { readonly secret: string };

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
