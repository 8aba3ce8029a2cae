/** A pack version as Palette registries publish it: `MAJOR.MINOR.PATCH`. */
export class PackVersion {
  /** Parses `text`, or returns undefined when it is not `MAJOR.MINOR.PATCH`. */
  public static tryParse(text: string): PackVersion | undefined {
    const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
    return m ? new PackVersion(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  }

  private constructor(
    public readonly major: number,
    public readonly minor: number,
    public readonly patch: number,
  ) {}

  /** Negative, zero or positive, like a sort comparator. */
  public compare(other: string | PackVersion): number {
    const o = typeof other === "string" ? PackVersion.tryParse(other) : other;
    if (!o) throw new Error(`not a pack version: ${String(other)}`);
    return this.major - o.major || this.minor - o.minor || this.patch - o.patch;
  }

  public isAtLeast(other: string): boolean {
    return this.compare(other) >= 0;
  }

  public toString(): string {
    return `${this.major}.${this.minor}.${this.patch}`;
  }
}

/** The spectrocloud/spectrocloud provider release this library targets: its committed schema, bindings and offline provider. */
export const PROVIDER_VERSION = "0.29.9";

/** The provider's default `spectrocloud_cluster_profile.version` (schemas: `version`, Default "1.0.0"). */
export const PROVIDER_DEFAULT_PROFILE_VERSION = "1.0.0";

/** Pack and version facts from Palette's VMO documentation, in one place so a doc change is one edit. */
export const VMO_PACK = {
  name: "virtual-machine-orchestrator",
  /** The `spectrocloud.com/install-priority` the 4.10+ presets give the pack (vmo-pack/deployment-modes.md). */
  installPriority: 90,
  /** The priority the 4.9 and earlier values carry (tutorials/vmo). */
  installPriorityLegacy: 10,
  /** Current 4.10.x line; 4.10.7 is the newest version the docs name. */
  defaultVersion: "4.10.7",
  /**
   * The seed's "Pack Version 1.0 or higher". No current doc page states it: 1.0.x is the version line of the Helm
   * chart inside the pack (vmo-pack/troubleshooting.md, `helm list`: `virtual-machine-orchestrator-1.0.16`), while
   * published VMO packs are 4.x. Kept as the floor this library accepts, and worded as such in the message.
   */
  minimumVersion: "1.0.0",
  /** 4.10.0 replaced the dashboard with VMO Manager and introduced the Deployment Mode values layout. */
  deploymentModeLayoutSince: "4.10.0",
  /**
   * From 4.10.7 `charts.virtual-machine-orchestrator.directAccess.enabled` is seeded false: the mechanism "is
   * deprecated. Keep ... set to `false`" and the CDI upload / VM export proxies are exposed through Ingress or
   * LoadBalancer services instead (vmo-pack/configure-image-upload-and-vm-export.md, whose prerequisites name 4.10.7).
   * 4.10.0-4.10.6 keep the Deployment Mode presets' `true`, "a Traefik route for CDI uploads and VM export"
   * (vmo-pack/deployment-modes.md), which is the only upload route those versions document.
   */
  directAccessOffSince: "4.10.7",
  /** Clusters must run 4.9.9 or a later 4.9.x before they can move to 4.10. */
  upgradePathTo410From: "4.9.9",
  namespace: "vm-dashboard",
  /**
   * VM namespaces the pack creates up to 4.9: `vmEnabledNamespaces`, "These namespaces will be created and set up to
   * deploy VMs into" (the 4.2.0+ disk-template pages, and the 4.6.3 tutorial values).
   */
  defaultVmNamespaces: ["default", "virtual-machines"] as readonly string[],
  /**
   * 4.10+: the docs name no VM namespace the pack creates. vmo-pack-parameters.md (the 4.10 base values) has no
   * `vmEnabledNamespaces`, and the pack's own namespaced RBAC (vmo-pack/troubleshooting.md, the objects the
   * rbac-adopt hook stamps) sits in `default` and the golden-images namespace only; VMO Manager creates namespaces
   * from its UI at run time. The 4.10.7 upload and export examples use `virtual-machines` as a namespace that exists,
   * without creating it. So only `default`, which every cluster has, is known to exist.
   */
  defaultVmNamespacesSince410: ["default"] as readonly string[],
  /**
   * Where golden images (CDI DataVolumes) live, and from where the pack lets VM namespaces clone them
   * (vmo-pack-parameters.md `goldenImagesNamespace`; create-disk-templates.md, step 3).
   */
  defaultGoldenImagesNamespace: "vmo-golden-images",
} as const;

export const SPECTRO_PROXY_PACK = {
  name: "spectro-proxy",
  /** The version the VMO docs link to. */
  defaultVersion: "1.5.6",
  /** The first line whose values carry `vmDashboardIntegration`. */
  vmDashboardIntegrationSince: "1.3.0",
} as const;

export const PUBLIC_REPO = "Public Repo";
