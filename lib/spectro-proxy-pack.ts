// The Spectro Proxy pack with its documented `{{ .spectro.system.* }}` defaults.
import { Construct } from "constructs";
import { IPackRegistry } from "./pack-registry";
import { IPackLayer, RegistryPack } from "./pack-layer";
import { PackValuesInput, ValuesObject, getPath } from "./values";
import { PackVersion, SPECTRO_PROXY_PACK } from "./versions";
import { ValidationProblem } from "./problems";
import { brand, isBranded } from "./private/brand";

export interface SpectroProxyPackProps {
  /**
   * Spectro Proxy pack version, exact.
   * @default SPECTRO_PROXY_PACK.defaultVersion (1.5.6)
   */
  readonly version?: string;
  /**
   * Route the VM dashboard through the proxy, as VMO's Proxied mode needs (pack 1.3.0 and later).
   * @default true
   */
  readonly vmDashboardIntegration?: boolean;
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

/** Where the pack's values live: `manifests.spectro-proxy` (Spectro Proxy pack README, vmDashboardIntegration). */
const MANIFEST_PATH = ["manifests", SPECTRO_PROXY_PACK.name];

/** Whether spectro-proxy values turn the VM dashboard integration on; one reading for the pack and the rules. */
export function vmDashboardIntegrationEnabled(values: ValuesObject): boolean {
  return getPath(values, [...MANIFEST_PATH, "vmDashboardIntegration", "enabled"]) === true;
}

/** The Spectro Proxy pack layer as other constructs and the policy rules see it. */
export interface ISpectroProxyPack extends IPackLayer {
  /** Whether the effective values (after overrides) enable the VM dashboard integration. */
  readonly vmDashboardIntegrationEnabled: boolean;
}

/**
 * The `spectro-proxy` pack (Palette's reverse proxy), with the `{{ .spectro.system.* }}` macros its docs give
 * as defaults. Usable in any profile; VmoAddonProfile adds one in Proxied mode.
 */
export class SpectroProxyPack extends RegistryPack implements ISpectroProxyPack {
  /** Whether `x` is a SpectroProxyPack, also one made by another copy of this library (a brand, not `instanceof`). */
  public static isSpectroProxyPack(x: unknown): x is SpectroProxyPack {
    return isBranded(x, "SpectroProxyPack");
  }

  public readonly vmDashboardIntegration: boolean;

  constructor(scope: Construct, id: string, props: SpectroProxyPackProps = {}) {
    super(scope, id, {
      packName: SPECTRO_PROXY_PACK.name,
      tag: props.version ?? SPECTRO_PROXY_PACK.defaultVersion,
      values: props.values,
      registry: props.registry,
    });
    this.vmDashboardIntegration = props.vmDashboardIntegration ?? true;
  }

  /** Whether the effective values (after overrides) enable the VM dashboard integration. */
  public get vmDashboardIntegrationEnabled(): boolean {
    return vmDashboardIntegrationEnabled(this.values);
  }

  protected seedValues(): ValuesObject {
    const proxy: ValuesObject = {
      namespace: "cluster-{{ .spectro.system.cluster.uid }}",
      server: "{{ .spectro.system.reverseproxy.server }}",
      clusterUid: "{{ .spectro.system.cluster.uid }}",
      subdomain: "cluster-{{ .spectro.system.cluster.uid }}",
    };
    if (this.vmDashboardIntegration) proxy.vmDashboardIntegration = { enabled: true };
    return { [MANIFEST_PATH[0]]: { [MANIFEST_PATH[1]]: proxy } };
  }

  protected get versionField(): string {
    return "version";
  }

  protected validateLayer(): ValidationProblem[] {
    const errors = super.validateLayer();
    const version = PackVersion.tryParse(this.tag);
    if (version && this.vmDashboardIntegrationEnabled && !version.isAtLeast(SPECTRO_PROXY_PACK.vmDashboardIntegrationSince)) {
      errors.push({
        field: ["version"],
        message: `"${this.tag}" has no vmDashboardIntegration (added in ${SPECTRO_PROXY_PACK.vmDashboardIntegrationSince});`,
        fix: `use "${SPECTRO_PROXY_PACK.defaultVersion}" or set vmDashboardIntegration to false.`,
      });
    }
    return errors;
  }
}
brand(SpectroProxyPack, "SpectroProxyPack");
