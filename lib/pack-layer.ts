// Pack layers of a cluster profile: seeded values plus overrides, rendered into `pack {}` blocks at synth.
import { Construct, IConstruct } from "constructs";
import { Lazy } from "./cdktf";
import { IPackRegistry, PackRegistry } from "./pack-registry";
import { ValidationProblem, addProblemCheck } from "./problems";
import { ClusterProfilePack, DataSpectrocloudPack } from "./provider";
import { PackValuesError, PackValuesInput, ValuesObject, deepMerge, parsePackValues, renderYaml } from "./values";
import { PackVersion } from "./versions";
import { brand, isBranded } from "./private/brand";
import { PackType } from "./pack-type";

export { PackType } from "./pack-type";

/** The tag of the manifest layers this library writes (role bindings, your own manifests): ours, not a pack's. */
export const MANIFEST_LAYER_TAG = "1.0.0";

/** A raw Kubernetes manifest inside a manifest pack. */
export interface PackManifest {
  /** Unique within the pack. */
  readonly name: string;
  /** YAML, one or more documents. */
  readonly content: string;
}

/** A layer of a cluster profile: one `pack {}` block. */
export interface IPackLayer extends IConstruct {
  readonly packName: string;
  /** The pack version (Palette's "tag"). */
  readonly tag: string;
  readonly packType: PackType;
  /** Seeded values with every override merged in. Empty when the pack has no values. */
  readonly values: ValuesObject;
  readonly manifests: readonly PackManifest[];
  /** Merges `values` over this layer's values (Helm semantics: maps merge, lists replace, null deletes). */
  addValues(values: PackValuesInput, field?: string): void;
  /** The `pack {}` block of a `spectrocloud_cluster_profile`. */
  toProfilePack(): ClusterProfilePack;
}

export interface PackLayerProps {
  /** Name of the pack in its registry, unique within the profile. */
  readonly packName: string;
  /** The pack version. */
  readonly tag: string;
  /**
   * @default PackType.SPECTRO
   */
  readonly packType?: PackType;
  /**
   * Values merged over what the layer seeds.
   * @default - only the seeded values
   */
  readonly values?: PackValuesInput;
}

/** Common behaviour of every layer: seeded values, deep-merged overrides, errors reported at synth. */
export abstract class PackLayer extends Construct implements IPackLayer {
  /** Whether `x` is a PackLayer, also one made by another copy of this library (a brand, not `instanceof`). */
  public static isPackLayer(x: unknown): x is PackLayer {
    return isBranded(x, "PackLayer");
  }

  public readonly packName: string;
  public readonly tag: string;
  public readonly packType: PackType;
  private readonly overrides: ValuesObject[] = [];
  private readonly valueErrors: ValidationProblem[] = [];

  constructor(scope: Construct, id: string, props: PackLayerProps) {
    super(scope, id);
    this.packName = props.packName;
    this.tag = props.tag;
    this.packType = props.packType ?? PackType.SPECTRO;
    if (props.values !== undefined) this.addValues(props.values, "values");
    addProblemCheck(this, () => [...this.valueErrors, ...this.validateLayer()]);
  }

  public get values(): ValuesObject {
    return this.overrides.reduce((acc, o) => deepMerge(acc, o), this.seedValues());
  }

  /** How many overrides were merged in so far: changes whenever `values` can (for subclasses that cache them). */
  protected get overrideCount(): number {
    return this.overrides.length;
  }

  public get manifests(): readonly PackManifest[] {
    return [];
  }

  public addValues(values: PackValuesInput, field = "values"): void {
    try {
      this.overrides.push(parsePackValues(values, field));
    } catch (err) {
      if (!(err instanceof PackValuesError)) throw err;
      this.valueErrors.push({ field: [err.field], message: err.reason });
    }
  }

  public toProfilePack(): ClusterProfilePack {
    return {
      name: this.packName,
      tag: this.tag,
      type: this.packType,
      values: Lazy.stringValue({ produce: () => renderYaml(this.values) }),
      ...this.packReference(),
    };
  }

  /** The values this layer writes before any override. */
  protected seedValues(): ValuesObject {
    return {};
  }

  /** How Palette finds the pack: a registry reference or nothing (manifests). */
  protected packReference(): Partial<ClusterProfilePack> {
    return {};
  }

  /** Layer-specific checks, each naming its field in this layer's props. */
  protected validateLayer(): ValidationProblem[] {
    return [];
  }

  /** The prop that holds the version, for messages: `tag` here, `version` where a subclass calls it that. */
  protected get versionField(): string {
    return "tag";
  }
}
brand(PackLayer, "PackLayer");

export interface RegistryPackProps extends PackLayerProps {
  /**
   * The registry that holds the pack.
   * @default PackRegistry.publicRepo(scope)
   */
  readonly registry?: IPackRegistry;
}

/**
 * A pack published in a registry. A `spectrocloud_pack` lookup pins name, version and registry, so a version
 * that does not exist fails `terraform plan` instead of a half-applied profile.
 */
export class RegistryPack extends PackLayer {
  public readonly registry: IPackRegistry;
  /** The pack UID resolved at plan time. */
  public readonly packUid: string;

  constructor(scope: Construct, id: string, props: RegistryPackProps) {
    // The pack type follows the registry (schemas/pack.go: OCI registries need type "oci"), unless given.
    super(scope, id, { ...props, packType: props.packType ?? props.registry?.packType ?? PackType.SPECTRO });
    this.registry = props.registry ?? PackRegistry.publicRepo(this);
    const lookup = new DataSpectrocloudPack(this, "Lookup", {
      name: this.packName,
      version: this.tag,
      registryUid: this.registry.registryUid,
    });
    this.packUid = lookup.id;
  }

  protected packReference(): Partial<ClusterProfilePack> {
    return { uid: this.packUid, registryUid: this.registry.registryUid };
  }

  protected validateLayer(): ValidationProblem[] {
    if (PackVersion.tryParse(this.tag)) return [];
    return [
      {
        field: [this.versionField],
        message: `"${this.tag}" is not a pack version; expected MAJOR.MINOR.PATCH such as "1.2.3" (registry lookups need an exact version).`,
      },
    ];
  }
}

export interface ManifestPackProps {
  /** Name of the layer, unique within the profile. */
  readonly packName: string;
  /**
   * Version label of the layer; manifests have no registry version.
   * @default MANIFEST_LAYER_TAG ("1.0.0")
   */
  readonly tag?: string;
  /** The manifests, rendered in the order given. */
  readonly manifests: readonly PackManifest[];
}

/** Raw Kubernetes YAML as a profile layer. Palette applies it; no registry is involved. */
export class ManifestPack extends PackLayer {
  private readonly manifestList: PackManifest[];

  constructor(scope: Construct, id: string, props: ManifestPackProps) {
    super(scope, id, { packName: props.packName, tag: props.tag ?? MANIFEST_LAYER_TAG, packType: PackType.MANIFEST });
    this.manifestList = [...props.manifests];
  }

  public get manifests(): readonly PackManifest[] {
    return this.manifestList;
  }

  public toProfilePack(): ClusterProfilePack {
    return { ...super.toProfilePack(), manifest: this.manifestList.map((m) => ({ name: m.name, content: m.content })) };
  }

  protected validateLayer(): ValidationProblem[] {
    const errors: ValidationProblem[] = [];
    const seen = new Set<string>();
    this.manifestList.forEach((m, i) => {
      if (!m.name) errors.push({ field: ["manifests", i, "name"], message: `must not be empty; give each manifest a unique name.` });
      if (seen.has(m.name))
        errors.push({ field: ["manifests", i, "name"], message: `"${m.name}" is used twice; manifest names must be unique within a pack.` });
      seen.add(m.name);
      if (!m.content.trim()) errors.push({ field: ["manifests", i, "content"], message: `manifest "${m.name}" is empty; give it Kubernetes YAML.` });
    });
    if (this.manifestList.length === 0) errors.push({ field: ["manifests"], message: `a manifest pack needs at least one manifest.` });
    return errors;
  }
}
