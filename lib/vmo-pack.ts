import { Construct } from "constructs";
import { IPackRegistry } from "./pack-registry";
import { RegistryPack } from "./pack-layer";
import { expectedOneOf } from "./private/validation";
import { PackValuesInput, ValuesObject, getPath } from "./values";
import { PackVersion, VMO_PACK } from "./versions";
import { ValidationProblem } from "./problems";

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
const INSTALL_PRIORITY = "spectrocloud.com/install-priority";

/** The `virtual-machine-orchestrator` pack with the values Palette's UI seeds for the chosen access mode. */
export class VmoPack extends RegistryPack {
  public readonly accessMode: AccessMode;
  /** Undefined when the version is malformed (reported at synth). */
  public readonly parsedVersion: PackVersion | undefined;

  constructor(scope: Construct, id: string, props: VmoPackProps = {}) {
    const version = props.version ?? VMO_PACK.defaultVersion;
    super(scope, id, { packName: VMO_PACK.name, tag: version, values: props.values, registry: props.registry });
    this.accessMode = props.accessMode ?? AccessMode.PROXIED;
    this.parsedVersion = PackVersion.tryParse(version);
  }

  /** Values layout for the pinned version; malformed versions get the current layout. */
  public get layout(): VmoValuesLayout {
    return this.parsedVersion && !this.parsedVersion.isAtLeast(VMO_PACK.deploymentModeLayoutSince)
      ? VmoValuesLayout.LEGACY
      : VmoValuesLayout.DEPLOYMENT_MODE;
  }

  /** Namespaces VMs may run in: `vmEnabledNamespaces` from the values, else the pack's defaults. */
  public get vmNamespaces(): readonly string[] {
    const fromValues = getPath(this.values, [CHART, VMO_CHART, "vmEnabledNamespaces"]);
    if (Array.isArray(fromValues) && fromValues.every((n) => typeof n === "string")) return fromValues as string[];
    return VMO_PACK.defaultVmNamespaces;
  }

  /** The dashboard service type after overrides, where the pinned layout keeps it. */
  public get dashboardServiceType(): string | undefined {
    const path = this.layout === VmoValuesLayout.DEPLOYMENT_MODE ? [CHART, VMO_CHART, "vmo-manager", "service", "type"] : [CHART, VMO_CHART, "service", "type"];
    const value = getPath(this.values, path);
    return typeof value === "string" ? value : undefined;
  }

  protected seedValues(): ValuesObject {
    const pack: ValuesObject = { namespace: VMO_PACK.namespace };
    if (this.accessMode === AccessMode.CUSTOM) return { pack };
    const direct = this.accessMode === AccessMode.DIRECT;
    if (this.layout === VmoValuesLayout.LEGACY) {
      // tutorials/vmo: Proxied = private dashboard access behind a ClusterIP service, priority 10.
      if (!direct) pack.palette = { config: { dashboard: { access: "private" } } };
      pack[INSTALL_PRIORITY] = "10";
      return { pack, [CHART]: { [VMO_CHART]: { service: { type: direct ? "LoadBalancer" : "ClusterIP" } } } };
    }
    // vmo-pack/deployment-modes: priority 90 so VMO installs before Spectro Proxy.
    pack[INSTALL_PRIORITY] = "90";
    return {
      pack,
      [CHART]: {
        [VMO_CHART]: {
          directAccess: { enabled: true },
          "vmo-manager": {
            palette: { enabled: true, managedIngress: !direct, serviceName: "vm-dashboard" },
            service: { type: direct ? "LoadBalancer" : "ClusterIP" },
            tls: { enabled: true, certManager: { enabled: true, selfSigned: true } },
            caCert: { enabled: true, configMapName: "platform-ca-cert" },
            ingressRoute: { enabled: false },
          },
        },
      },
    };
  }

  protected get versionField(): string {
    return "version";
  }

  protected validateLayer(): ValidationProblem[] {
    const errors: ValidationProblem[] = [];
    if (!ACCESS_MODES.includes(this.accessMode)) {
      errors.push({ field: ["accessMode"], message: `"${this.accessMode}" is not a VMO access mode; ${expectedOneOf(String(this.accessMode), ACCESS_MODES)}.` });
    }
    if (!this.parsedVersion) {
      errors.push({ field: ["version"], message: `"${this.tag}" is not a pack version; expected MAJOR.MINOR.PATCH such as "${VMO_PACK.defaultVersion}".` });
    } else if (!this.parsedVersion.isAtLeast(VMO_PACK.minimumVersion)) {
      errors.push({ field: ["version"], message: `"${this.tag}" is below ${VMO_PACK.minimumVersion}; Palette requires VMO pack version 1.0 or higher.`, fix: `Use "${VMO_PACK.defaultVersion}".` });
    }
    return errors;
  }
}
