// The Virtual Machine Orchestrator pack: values seeded per access mode and version, and read back.
import { Construct } from "constructs";
import { IPackRegistry } from "./pack-registry";
import { IPackLayer, RegistryPack } from "./pack-layer";
import { expectedOneOf } from "./private/validation";
import { PackValuesInput, ValuesObject, getPath } from "./values";
import { PackVersion, VMO_PACK } from "./versions";
import { ValidationProblem } from "./problems";
import type { ProfileVariable } from "./profile-variable";
import { brand, isBranded } from "./private/brand";
import { INSTALL_PRIORITY_KEY } from "./pack-kinds";
import { AuthenticationSeed, VmoAuthentication, authenticationProblems, authenticationSeed } from "./vmo-authentication";

/**
 * How users reach the VM dashboard: Palette's "Access" (up to 4.9) or "Deployment Mode" (4.10+) choice.
 * Palette warns against switching between Proxied and Direct after the first deployment.
 */
export enum AccessMode {
  /** Through Palette and the Spectro Proxy pack; the dashboard service stays ClusterIP. The UI default. */
  PROXIED = "proxied",
  /** Straight to a LoadBalancer service in the cluster; no proxy unless asked for. */
  DIRECT = "direct",
  /** Nothing seeded: the pack values decide. */
  CUSTOM = "custom",
}

/** @internal The enum's values, for the library's own checks (users have the enum). */
export const ACCESS_MODES: readonly string[] = Object.values(AccessMode);

/** The two value layouts of the VMO pack. */
export enum VmoValuesLayout {
  /** Pack 4.10.0 and later: VMO Manager, values under `charts.virtual-machine-orchestrator.vmo-manager`. */
  DEPLOYMENT_MODE = "deployment-mode",
  /** Pack 4.9.x and earlier: the Spectro VM Dashboard, `pack.palette.config.dashboard.access`. */
  LEGACY = "legacy",
}

export interface VmoPackProps {
  /**
   * VMO pack version, exact.
   * @default VMO_PACK.defaultVersion (4.10.7)
   */
  readonly version?: string;
  /**
   * @default AccessMode.PROXIED
   */
  readonly accessMode?: AccessMode;
  /**
   * Values merged over the seeded ones.
   * @default - only the seeded values
   */
  readonly values?: PackValuesInput;
  /**
   * @default PackRegistry.publicRepo(scope)
   */
  readonly registry?: IPackRegistry;
  /**
   * How VMO Manager signs users in (4.10+).
   * @default - Palette-managed OIDC
   */
  readonly authentication?: VmoAuthentication;
  /**
   * The API server's OIDC prefixes, mirrored into `vmo-manager.oidc.k8sGroupPrefix` / `k8sUsernamePrefix` (4.10+).
   * VmoAddonProfile passes its role bindings' prefixes, so both layers name subjects alike.
   * @default - none
   */
  readonly oidcPrefixes?: OidcPrefixes;
}

/** The API server's `--oidc-groups-prefix` / `--oidc-username-prefix`, as role bindings and VMO values carry them. */
export interface OidcPrefixes {
  /**
   * @default - none
   */
  readonly groupPrefix?: string;
  /**
   * @default - none
   */
  readonly usernamePrefix?: string;
}

/**
 * The per-cluster profile variable that carries a Direct cluster's dashboard address (its `vm-dashboard`
 * LoadBalancer address, often known only after the first deploy). Each attachment sets it (`dashboardAddress`);
 * unset, Palette renders it empty, which the pack reads as unset (authentication-options.md: "An empty string is
 * equivalent to unset"), and refresh keeps no empty variable in state, so an unset address plans clean.
 */
export const DASHBOARD_ADDRESS_VARIABLE = "vmo_dashboard_address";

const CHART = "charts";
const VMO_CHART = "virtual-machine-orchestrator";
/** The key under a layer's `pack` values that orders layers within a profile (lower installs first). */
const MANAGER = [CHART, VMO_CHART, "vmo-manager"] as const;
/** Where VMO reads the mirrored API-server prefixes (configure-external-oidc.md, "Configure the VMO Pack"). */
export const OIDC_PREFIX_PATHS = {
  groupPrefix: [...MANAGER, "oidc", "k8sGroupPrefix"],
  usernamePrefix: [...MANAGER, "oidc", "k8sUsernamePrefix"],
} as const;
/**
 * The dashboard address keys. configure-console-base-address.md sets both, "The VMO pack currently holds this
 * address in two places": `consoleBaseAddress` surfaces Palette's Connect button, `platform.baseUrl` builds the OIDC
 * redirect URI. upgrade-vmo-pack.md says `platform.baseUrl` "replaces" `consoleBaseAddress`, and deployment-modes.md
 * says Palette-managed OIDC in Direct uses `consoleBaseAddress` while External OIDC needs `platform.baseUrl`. The
 * pages disagree on which one suffices, and none says writing both harms, so 4.10+ gets both whenever OIDC is on;
 * Local auth resets `platform.baseUrl` to "" (its preset) and gets `consoleBaseAddress` only; <=4.9 has only
 * `consoleBaseAddress` (the 4.9 side of upgrade-vmo-pack.md's parameter mapping).
 */
export const DASHBOARD_ADDRESS_PATHS = {
  consoleBaseAddress: [CHART, VMO_CHART, "appConfig", "clusterInfo", "consoleBaseAddress"],
  baseUrl: [...MANAGER, "platform", "baseUrl"],
} as const;

/**
 * Where each values layout records Proxied or Direct, and with which value: `seedValues` writes these and
 * `vmoAccessModeOf` reads them back (the plan summary's Proxied/Direct switch warning), so the two cannot drift.
 * 4.10+ (vmo-pack/deployment-modes.md): `vmo-manager.palette.managedIngress`; <=4.9 (tutorials/vmo): private
 * dashboard access for Proxied, and a LoadBalancer (or NodePort) dashboard service for Direct.
 */
const ACCESS_SWITCH = {
  [VmoValuesLayout.DEPLOYMENT_MODE]: { path: [...MANAGER, "palette", "managedIngress"], proxied: true as unknown, direct: false as unknown },
  [VmoValuesLayout.LEGACY]: { path: ["pack", "palette", "config", "dashboard", "access"], proxied: "private" as unknown, direct: undefined as unknown },
} as const;
/** The dashboard service type, per layout. */
const SERVICE_TYPE_PATH = {
  [VmoValuesLayout.DEPLOYMENT_MODE]: [...MANAGER, "service", "type"],
  [VmoValuesLayout.LEGACY]: [CHART, VMO_CHART, "service", "type"],
} as const;
const SEEDED_SERVICE_TYPE = { proxied: "ClusterIP", direct: "LoadBalancer" } as const;
/** Service types that expose the dashboard without Palette's proxy. */
export const DIRECT_SERVICE_TYPES: readonly string[] = ["LoadBalancer", "NodePort"];

/**
 * Proxied or Direct, read from rendered VMO pack values the way `VmoPack` seeds them (both layouts), or undefined
 * when the values do not say (Custom, or overrides that removed the switch).
 */
export function vmoAccessModeOf(values: ValuesObject): AccessMode.PROXIED | AccessMode.DIRECT | undefined {
  for (const layout of [VmoValuesLayout.DEPLOYMENT_MODE, VmoValuesLayout.LEGACY]) {
    const s = ACCESS_SWITCH[layout];
    const v = getPath(values, s.path);
    if (v === undefined) continue;
    if (v === s.proxied) return AccessMode.PROXIED;
    if (s.direct !== undefined && v === s.direct) return AccessMode.DIRECT;
  }
  const legacyService = getPath(values, SERVICE_TYPE_PATH[VmoValuesLayout.LEGACY]);
  return typeof legacyService === "string" && DIRECT_SERVICE_TYPES.includes(legacyService) ? AccessMode.DIRECT : undefined;
}

function isPlainObject(v: unknown): v is ValuesObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `value` at `path` inside `target`, creating the maps on the way. */
function put(target: ValuesObject, path: readonly string[], value: unknown): void {
  let at = target;
  for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as ValuesObject;
  at[path[path.length - 1]] = value;
}

/** The VMO pack layer as other constructs and the policy rules see it. */
export interface IVmoPack extends IPackLayer {
  readonly accessMode: AccessMode;
  /** Undefined when the version is malformed (reported at synth). */
  readonly parsedVersion: PackVersion | undefined;
  /** The values layout of the pinned version. */
  readonly layout: VmoValuesLayout;
  /** Namespaces VMs may run in. */
  readonly vmNamespaces: readonly string[];
  /** The dashboard service type after overrides, where the pinned layout keeps it. */
  readonly dashboardServiceType: string | undefined;
  /**
   * The authentication choice.
   * @default - Palette-managed OIDC
   */
  readonly authentication?: VmoAuthentication;
  /**
   * The prefixes mirrored into the values.
   * @default - none
   */
  readonly oidcPrefixes?: OidcPrefixes;
  /** Profile variables the seeded values reference (secrets, the Direct dashboard address). */
  readonly referencedVariables: readonly ProfileVariable[];
  /** Values every attachment sets for those variables (sensitive Terraform variable tokens). */
  readonly attachmentVariables: { readonly [name: string]: string };
  /**
   * The namespace the pack keeps golden images in and lets VM namespaces clone from.
   * @default VMO_PACK.defaultGoldenImagesNamespace ("vmo-golden-images")
   */
  readonly goldenImagesNamespace?: string;
}

/** Where each values layout keeps `goldenImagesNamespace`. */
const GOLDEN_IMAGES_PATH = {
  // vmo-pack-parameters.md: relative to charts.virtual-machine-orchestrator.vmo-manager (4.10+).
  [VmoValuesLayout.DEPLOYMENT_MODE]: [...MANAGER, "goldenImagesNamespace"],
  // create-disk-templates.md step 3 (4.2 to 4.9): charts.virtual-machine-orchestrator.goldenImagesNamespace.
  [VmoValuesLayout.LEGACY]: [CHART, VMO_CHART, "goldenImagesNamespace"],
} as const;

/** The `virtual-machine-orchestrator` pack with the values Palette's UI seeds for the chosen access mode. */
export class VmoPack extends RegistryPack implements IVmoPack {
  /** Whether `x` is a VmoPack, also one made by another copy of this library (a brand, not `instanceof`). */
  public static isVmoPack(x: unknown): x is VmoPack {
    return isBranded(x, "VmoPack");
  }

  public readonly accessMode: AccessMode;
  /** Undefined when the version is malformed (reported at synth). */
  public readonly parsedVersion: PackVersion | undefined;
  public readonly authentication?: VmoAuthentication;
  public readonly oidcPrefixes?: OidcPrefixes;

  constructor(scope: Construct, id: string, props: VmoPackProps = {}) {
    const version = props.version ?? VMO_PACK.defaultVersion;
    super(scope, id, { packName: VMO_PACK.name, tag: version, values: props.values, registry: props.registry });
    this.accessMode = props.accessMode ?? AccessMode.PROXIED;
    this.parsedVersion = PackVersion.tryParse(version);
    this.authentication = props.authentication;
    this.oidcPrefixes = props.oidcPrefixes;
  }

  /** The authentication seed, for 4.10+ (the presets do not exist before). */
  private get authSeed(): AuthenticationSeed | undefined {
    if (this.layout !== VmoValuesLayout.DEPLOYMENT_MODE) return undefined;
    // Custom seeds nothing unless an authentication choice is made: "You can still select an authentication option".
    if (this.accessMode === AccessMode.CUSTOM && !this.authentication) return undefined;
    return authenticationSeed(this.authentication ?? {});
  }

  /** Profile variables the seeded values reference: the auth secrets, and the dashboard address in Direct mode. */
  public get referencedVariables(): readonly ProfileVariable[] {
    const out = [...(this.authSeed?.variables ?? [])];
    if (this.accessMode === AccessMode.DIRECT) {
      out.push({
        name: DASHBOARD_ADDRESS_VARIABLE,
        displayName: "VM dashboard address",
        description: "Direct access: the URL of this cluster's vm-dashboard service (https://<LoadBalancer address>, no /v1); set per cluster.",
      });
    }
    return out;
  }

  public get attachmentVariables(): { readonly [name: string]: string } {
    return this.authSeed?.attachmentVariables ?? {};
  }

  /**
   * The merged values, cached until the next addValues: the seeds depend only on readonly props, and every layer
   * after VMO reads them for its install priority, once per attachment's revision hash.
   */
  public get values(): ValuesObject {
    if (this.valuesCache?.count !== this.overrideCount) this.valuesCache = { count: this.overrideCount, values: super.values };
    return this.valuesCache.values;
  }

  private valuesCache?: { count: number; values: ValuesObject };

  /** Values layout for the pinned version; malformed versions get the current layout. */
  public get layout(): VmoValuesLayout {
    return this.parsedVersion && !this.parsedVersion.isAtLeast(VMO_PACK.deploymentModeLayoutSince) ? VmoValuesLayout.LEGACY : VmoValuesLayout.DEPLOYMENT_MODE;
  }

  /**
   * Namespaces VMs may run in that exist once the pack is installed: `vmEnabledNamespaces` from the values, else
   * what the pinned version creates (VMO_PACK.defaultVmNamespaces up to 4.9, defaultVmNamespacesSince410 after).
   */
  public get vmNamespaces(): readonly string[] {
    const fromValues = getPath(this.values, [CHART, VMO_CHART, "vmEnabledNamespaces"]);
    if (Array.isArray(fromValues) && fromValues.every((n) => typeof n === "string")) return fromValues as string[];
    return this.layout === VmoValuesLayout.LEGACY ? VMO_PACK.defaultVmNamespaces : VMO_PACK.defaultVmNamespacesSince410;
  }

  /** The golden images namespace from the values (per layout), else the pack's default. */
  public get goldenImagesNamespace(): string {
    const value = getPath(this.values, GOLDEN_IMAGES_PATH[this.layout]);
    return typeof value === "string" && value !== "" ? value : VMO_PACK.defaultGoldenImagesNamespace;
  }

  /** The dashboard service type after overrides, where the pinned layout keeps it. */
  public get dashboardServiceType(): string | undefined {
    const value = getPath(this.values, SERVICE_TYPE_PATH[this.layout]);
    return typeof value === "string" ? value : undefined;
  }

  protected seedValues(): ValuesObject {
    const seeded: ValuesObject = { pack: { namespace: VMO_PACK.namespace } };
    if (this.accessMode === AccessMode.CUSTOM) return seeded;
    const mode = this.accessMode === AccessMode.DIRECT ? "direct" : "proxied";
    const layout = this.layout;
    const address = `{{ .spectro.var.${DASHBOARD_ADDRESS_VARIABLE} }}`;
    if (layout === VmoValuesLayout.LEGACY) {
      // tutorials/vmo: Proxied = private dashboard access behind a ClusterIP service, priority 10.
      if (ACCESS_SWITCH[layout][mode] !== undefined) put(seeded, ACCESS_SWITCH[layout].path, ACCESS_SWITCH[layout][mode]);
      put(seeded, ["pack", INSTALL_PRIORITY_KEY], String(VMO_PACK.installPriorityLegacy));
      put(seeded, SERVICE_TYPE_PATH[layout], SEEDED_SERVICE_TYPE[mode]);
      if (mode === "direct") put(seeded, DASHBOARD_ADDRESS_PATHS.consoleBaseAddress, address);
      return seeded;
    }
    // vmo-pack/deployment-modes: the preset's priority 90. Lower numbers install first (create-addon-profile.md,
    // "Install Order"), so the manifest layer, whose custom resources need VMO's CRDs, sits above it.
    put(seeded, ["pack", INSTALL_PRIORITY_KEY], String(VMO_PACK.installPriority));
    // Per version: true up to 4.10.6, false from 4.10.7 (VMO_PACK.directAccessOffSince says why).
    const directAccess = !this.parsedVersion || !this.parsedVersion.isAtLeast(VMO_PACK.directAccessOffSince);
    put(seeded, [CHART, VMO_CHART, "directAccess", "enabled"], directAccess);
    if (mode === "direct") put(seeded, DASHBOARD_ADDRESS_PATHS.consoleBaseAddress, address);
    // managedIngress is the access switch, set just below; listed here to keep the key order the UI writes.
    put(seeded, [...MANAGER, "palette"], { enabled: true, managedIngress: undefined, serviceName: "vm-dashboard" });
    put(seeded, ACCESS_SWITCH[layout].path, ACCESS_SWITCH[layout][mode]);
    put(seeded, SERVICE_TYPE_PATH[layout], SEEDED_SERVICE_TYPE[mode]);
    put(seeded, [...MANAGER, "tls"], { enabled: true, certManager: { enabled: true, selfSigned: true } });
    put(seeded, [...MANAGER, "caCert"], { enabled: true, configMapName: "platform-ca-cert" });
    put(seeded, [...MANAGER, "ingressRoute"], { enabled: false });
    this.seedAuthentication(seeded, mode === "direct");
    return seeded;
  }

  /** The authentication preset's values, the mirrored prefixes and, in Direct mode, platform.baseUrl (4.10+). */
  private seedAuthentication(seeded: ValuesObject, direct: boolean): void {
    const auth = this.authSeed;
    if (auth) {
      const manager = getPath(seeded, MANAGER) as ValuesObject | undefined;
      for (const [key, value] of Object.entries(auth.managerValues)) {
        const current = manager?.[key];
        put(seeded, [...MANAGER, key], isPlainObject(current) && isPlainObject(value) ? { ...current, ...value } : value);
      }
      if (direct && auth.oidc) put(seeded, DASHBOARD_ADDRESS_PATHS.baseUrl, `{{ .spectro.var.${DASHBOARD_ADDRESS_VARIABLE} }}`);
    }
    // Only set prefixes are written: an empty prefix is the pack default (configure-external-oidc.md: k8sGroupPrefix: "").
    for (const key of ["groupPrefix", "usernamePrefix"] as const) {
      const prefix = this.oidcPrefixes?.[key];
      if (prefix) put(seeded, OIDC_PREFIX_PATHS[key], prefix);
    }
  }

  protected get versionField(): string {
    return "version";
  }

  protected validateLayer(): ValidationProblem[] {
    const errors: ValidationProblem[] = [];
    if (!ACCESS_MODES.includes(this.accessMode)) {
      errors.push({
        field: ["accessMode"],
        message: `"${this.accessMode}" is not a VMO access mode; ${expectedOneOf(String(this.accessMode), ACCESS_MODES)}.`,
      });
    }
    if (!this.parsedVersion) {
      errors.push({ field: ["version"], message: `"${this.tag}" is not a pack version; expected MAJOR.MINOR.PATCH such as "${VMO_PACK.defaultVersion}".` });
    } else if (!this.parsedVersion.isAtLeast(VMO_PACK.minimumVersion)) {
      errors.push({
        field: ["version"],
        message: `"${this.tag}" is below ${VMO_PACK.minimumVersion}, the lowest VMO pack version this library accepts (the VMO docs' "version 1.0 or higher" is the line of the Helm chart inside the pack; published VMO packs are 4.x).`,
        fix: `Use "${VMO_PACK.defaultVersion}".`,
      });
    }
    if (this.authentication) {
      const problems = authenticationProblems(this.authentication, {
        layoutSince410: this.layout === VmoValuesLayout.DEPLOYMENT_MODE,
        direct: this.accessMode === AccessMode.DIRECT,
      });
      errors.push(...problems);
    }
    return errors;
  }
}
brand(VmoPack, "VmoPack");
