// The Virtual Machine Orchestrator pack: values seeded per access mode and version, and read back.
import { Construct } from "constructs";
import { IPackRegistry } from "./pack-registry";
import { IPackLayer, RegistryPack } from "./pack-layer";
import { expectedOneOf } from "./private/validation";
import { PackValuesInput, ValuesObject, getPath } from "./values";
import { PackVersion, VMO_PACK } from "./versions";
import { ValidationProblem } from "./problems";
import { brand, isBranded } from "./private/brand";

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
}

const CHART = "charts";
const VMO_CHART = "virtual-machine-orchestrator";
/** The key under a layer's `pack` values that orders layers within a profile (lower installs first). */
export const INSTALL_PRIORITY = "spectrocloud.com/install-priority";
const MANAGER = [CHART, VMO_CHART, "vmo-manager"] as const;

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
   * The namespace the pack keeps golden images in and lets VM namespaces clone from.
   * @default VMO_PACK.defaultGoldenImagesNamespace ("vmo-golden-images")
   */
  readonly goldenImagesNamespace?: string;
}

/** The install priority a layer's values give it (`pack."spectrocloud.com/install-priority"`), or undefined. */
export function installPriorityOf(layer: IPackLayer): number | undefined {
  const value = getPath(layer.values, ["pack", INSTALL_PRIORITY]);
  const n = typeof value === "number" ? value : typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
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

  constructor(scope: Construct, id: string, props: VmoPackProps = {}) {
    const version = props.version ?? VMO_PACK.defaultVersion;
    super(scope, id, { packName: VMO_PACK.name, tag: version, values: props.values, registry: props.registry });
    this.accessMode = props.accessMode ?? AccessMode.PROXIED;
    this.parsedVersion = PackVersion.tryParse(version);
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

  /** Namespaces VMs may run in: `vmEnabledNamespaces` from the values, else the pack's defaults. */
  public get vmNamespaces(): readonly string[] {
    const fromValues = getPath(this.values, [CHART, VMO_CHART, "vmEnabledNamespaces"]);
    if (Array.isArray(fromValues) && fromValues.every((n) => typeof n === "string")) return fromValues as string[];
    return VMO_PACK.defaultVmNamespaces;
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
    if (layout === VmoValuesLayout.LEGACY) {
      // tutorials/vmo: Proxied = private dashboard access behind a ClusterIP service, priority 10.
      if (ACCESS_SWITCH[layout][mode] !== undefined) put(seeded, ACCESS_SWITCH[layout].path, ACCESS_SWITCH[layout][mode]);
      put(seeded, ["pack", INSTALL_PRIORITY], "10");
      put(seeded, SERVICE_TYPE_PATH[layout], SEEDED_SERVICE_TYPE[mode]);
      return seeded;
    }
    // vmo-pack/deployment-modes: priority 90 so VMO installs before Spectro Proxy.
    put(seeded, ["pack", INSTALL_PRIORITY], "90");
    put(seeded, [CHART, VMO_CHART, "directAccess", "enabled"], true);
    // managedIngress is the access switch, set just below; listed here to keep the key order the UI writes.
    put(seeded, [...MANAGER, "palette"], { enabled: true, managedIngress: undefined, serviceName: "vm-dashboard" });
    put(seeded, ACCESS_SWITCH[layout].path, ACCESS_SWITCH[layout][mode]);
    put(seeded, SERVICE_TYPE_PATH[layout], SEEDED_SERVICE_TYPE[mode]);
    put(seeded, [...MANAGER, "tls"], { enabled: true, certManager: { enabled: true, selfSigned: true } });
    put(seeded, [...MANAGER, "caCert"], { enabled: true, configMapName: "platform-ca-cert" });
    put(seeded, [...MANAGER, "ingressRoute"], { enabled: false });
    return seeded;
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
        message: `"${this.tag}" is below ${VMO_PACK.minimumVersion}; Palette requires VMO pack version 1.0 or higher.`,
        fix: `Use "${VMO_PACK.defaultVersion}".`,
      });
    }
    return errors;
  }
}
brand(VmoPack, "VmoPack");
