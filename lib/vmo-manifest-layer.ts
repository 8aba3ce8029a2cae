// VmoManifestLayer: the one manifest layer of a VMO profile, holding every manifest its contributors render.
import { Construct, IConstruct } from "constructs";
import { Lazy } from "./cdktf";
import { INSTALL_PRIORITY_KEY, installPriorityOf } from "./pack-kinds";
import { VMO_PACK } from "./versions";
import { IPackLayer, MANIFEST_LAYER_TAG, PackLayer, PackManifest, PackType } from "./pack-layer";
import { ValidationProblem } from "./problems";
import { ClusterProfilePack, ClusterProfilePackManifest } from "./provider";
import { ValuesObject } from "./values";
import type { IVmoPack } from "./vmo-pack";
import { brand, isBranded } from "./private/brand";

/** The name of the profile's manifest layer. */
export const VMO_MANIFEST_LAYER_NAME = "vmo-manifests";

/** How much later than the VMO pack the manifest layer installs: every CRD its manifests use comes with VMO. */
const PRIORITY_STEP = 10;

/** Where a contributor's manifests sit in the layer; contributors of one order sort by `manifestSortKey`. */
export enum ManifestOrder {
  ROLE_BINDINGS = 0,
  VMO_IAM = 1,
  GOLDEN_IMAGE = 2,
  VM_TEMPLATE = 3,
}

/** A construct whose manifests travel in the profile's manifest layer (role bindings, VMO IAM, images, templates). */
export interface IVmoManifestContributor extends IConstruct {
  readonly manifestOrder: ManifestOrder;
  /** Orders contributors of the same `manifestOrder` (golden images and templates: their names). */
  readonly manifestSortKey: string;
  /** Its manifests, each name unique within the layer. */
  readonly manifests: readonly PackManifest[];
}

/** What a contributor needs from the profile it joins. */
export interface IVmoManifestHost {
  /** Adds `contributor`'s manifests to the profile's one manifest layer, creating the layer on first use. */
  addManifestContributor(contributor: IVmoManifestContributor): void;
}

/** Replaces a contributor's manifests in one rendering (a cluster's own role bindings), or undefined to keep them. */
export type ManifestOverride = (contributor: IVmoManifestContributor) => readonly PackManifest[] | undefined;

/** The profile's manifest layer as attachments and the policy rules see it. */
export interface IVmoManifestLayer extends IPackLayer {
  /** The contributors in layer order. */
  readonly contributors: readonly IVmoManifestContributor[];
  /** Manifests added with `addManifest`, after the contributors'. */
  readonly ownManifests: readonly PackManifest[];
  /** The install priority: the VMO pack's plus 10. */
  readonly installPriority: number;
  /** The `manifest` blocks, rendered at synth; `override` swaps some contributors' manifests (per-cluster copy). */
  manifestBlocks(override?: ManifestOverride): ClusterProfilePackManifest[];
}

export interface VmoManifestLayerProps {
  /**
   * The VMO pack of the profile: the layer installs after it.
   * @default - none: priority 90 + 10, VMO 4.10's own priority
   */
  readonly vmoPack?: IVmoPack;
  /**
   * Name of the layer in the profile.
   * @default VMO_MANIFEST_LAYER_NAME ("vmo-manifests")
   */
  readonly packName?: string;
}

/**
 * The one manifest layer of a VMO profile. The provider cannot refresh two: it sends every manifest layer with pack
 * UID `spectro-manifest-pack` (terraform-provider-spectrocloud v0.29.9, resource_cluster_profile.go,
 * `toClusterProfilePackCreate`) and reads manifest content back keyed by pack UID (common_cluster_profile.go,
 * `getPacksContent`), so every layer but the last comes back empty: a diff on every plan. So role bindings, VMO IAM
 * mappings, golden images and VM templates contribute manifests here, in that order (images and templates by name),
 * then the manifests added with `addManifest`. VmoRole, DataVolume and VmTemplate are custom resources whose CRDs
 * come with VMO (lib/pack-kinds.ts), so the layer installs at VMO's priority plus 10: Palette installs lower
 * priorities first (create-addon-profile.md, "Install Order").
 */
export class VmoManifestLayer extends PackLayer implements IVmoManifestLayer {
  /** Whether `x` is a VmoManifestLayer, also one made by another copy of this library (a brand, not `instanceof`). */
  public static isVmoManifestLayer(x: unknown): x is VmoManifestLayer {
    return isBranded(x, "VmoManifestLayer");
  }

  private readonly vmoPack?: IVmoPack;
  private readonly contributorList: IVmoManifestContributor[] = [];
  private readonly ownList: PackManifest[] = [];

  constructor(scope: Construct, id: string, props: VmoManifestLayerProps = {}) {
    super(scope, id, { packName: props.packName ?? VMO_MANIFEST_LAYER_NAME, tag: MANIFEST_LAYER_TAG, packType: PackType.MANIFEST });
    this.vmoPack = props.vmoPack;
  }

  public get contributors(): readonly IVmoManifestContributor[] {
    return [...this.contributorList].sort((a, b) =>
      a.manifestOrder !== b.manifestOrder
        ? a.manifestOrder - b.manifestOrder
        : a.manifestSortKey < b.manifestSortKey
          ? -1
          : a.manifestSortKey > b.manifestSortKey
            ? 1
            : 0,
    );
  }

  public get ownManifests(): readonly PackManifest[] {
    return this.ownList;
  }

  public addContributor(contributor: IVmoManifestContributor): void {
    if (!this.contributorList.includes(contributor)) this.contributorList.push(contributor);
  }

  /** Adds a manifest of your own (after the contributors'); its name must be unique within the layer. */
  public addManifest(manifest: PackManifest): void {
    this.ownList.push({ name: manifest.name, content: manifest.content });
  }

  public get manifests(): readonly PackManifest[] {
    return [...this.contributors.flatMap((c) => c.manifests), ...this.ownList];
  }

  public get installPriority(): number {
    return (this.vmoPack ? (installPriorityOf(this.vmoPack.values) ?? 0) : VMO_PACK.installPriority) + PRIORITY_STEP;
  }

  public manifestBlocks(override?: ManifestOverride): ClusterProfilePackManifest[] {
    // Names are fixed when a contributor joins; content is rendered at synth, when the VMO values are final.
    const blocks: ClusterProfilePackManifest[] = [];
    for (const c of this.contributors) {
      const render = (): readonly PackManifest[] => override?.(c) ?? c.manifests;
      c.manifests.forEach((m, i) => blocks.push({ name: m.name, content: Lazy.stringValue({ produce: () => render()[i]?.content ?? "" }) }));
    }
    for (const m of this.ownList) blocks.push({ name: m.name, content: m.content });
    return blocks;
  }

  public toProfilePack(): ClusterProfilePack {
    return { ...super.toProfilePack(), manifest: this.manifestBlocks() };
  }

  protected seedValues(): ValuesObject {
    return { pack: { [INSTALL_PRIORITY_KEY]: String(this.installPriority) } };
  }

  protected validateLayer(): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    const seen = new Map<string, string>();
    const from = (c?: IVmoManifestContributor) => (c ? c.node.path : "addManifest");
    const entries: [PackManifest, IVmoManifestContributor | undefined][] = [
      ...this.contributors.flatMap((c) => c.manifests.map((m): [PackManifest, IVmoManifestContributor] => [m, c])),
      ...this.ownList.map((m): [PackManifest, undefined] => [m, undefined]),
    ];
    for (const [m, c] of entries) {
      if (!m.name) {
        problems.push({ field: ["manifests"], message: `a manifest from ${from(c)} has no name.`, fix: "Give each manifest a unique name." });
        continue;
      }
      const before = seen.get(m.name);
      if (before !== undefined)
        problems.push({
          field: ["manifests", m.name],
          message: `manifest "${m.name}" comes from both ${before} and ${from(c)}; manifest names must be unique within the layer "${this.packName}".`,
          fix: "Rename one of them (a golden image or template name, the role bindings' manifestName, or the name given to addManifest).",
        });
      else seen.set(m.name, from(c));
      if (c === undefined && !m.content.trim())
        problems.push({ field: ["manifests", m.name], message: `manifest "${m.name}" is empty.`, fix: "Give it Kubernetes YAML." });
    }
    return problems;
  }
}
brand(VmoManifestLayer, "VmoManifestLayer");
