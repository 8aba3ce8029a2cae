// Pack registries, looked up by name so a missing registry fails at plan time.
import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "./cdktf";
import { DataSpectrocloudRegistry } from "./provider";
import { PUBLIC_REPO } from "./versions";
import { PackType } from "./pack-type";

/** The kinds of pack registry Palette has (data_source_registry.go `type`: oci, helm, spectro). */
export enum PackRegistryType {
  /** A Palette (Spectro) pack registry, such as "Public Repo". */
  SPECTRO = "spectro",
  /** An OCI registry, such as "Palette Registry (OCI)"; its packs need `type = "oci"` in the profile. */
  OCI = "oci",
  HELM = "helm",
}

/** A Palette pack registry, looked up by name so that a missing registry fails at plan time. */
export interface IPackRegistry extends IConstruct {
  readonly registryName: string;
  /** The registry UID, known at plan time. */
  readonly registryUid: string;
  /**
   * The `type` its packs take in a profile: schemas/pack.go, "If using an OCI registry for pack, set the type to
   * `oci`" (default `spectro`).
   * @default PackType.SPECTRO
   */
  readonly packType?: PackType;
}

export interface PackRegistryProps {
  /**
   * The registry name as shown in Palette.
   * @default "Public Repo"
   */
  readonly registryName?: string;
  /**
   * The registry's kind: an OCI registry's packs are written with `type = "oci"`, a Helm registry's with `helm`.
   * Also passed to the lookup, which otherwise infers the kind from the name.
   * @default PackRegistryType.SPECTRO
   */
  readonly registryType?: PackRegistryType;
}

const PACK_TYPE_OF: { readonly [type: string]: PackType } = {
  [PackRegistryType.SPECTRO]: PackType.SPECTRO,
  [PackRegistryType.OCI]: PackType.OCI,
  [PackRegistryType.HELM]: PackType.HELM,
};

/** A `spectrocloud_registry` data source lookup. */
export class PackRegistry extends Construct implements IPackRegistry {
  /**
   * The "Public Repo" registry, looked up once per stack however many packs use it.
   */
  public static publicRepo(scope: IConstruct): IPackRegistry {
    const stack = TerraformStack.of(scope);
    const id = "PublicRepoRegistry";
    return (stack.node.tryFindChild(id) as PackRegistry | undefined) ?? new PackRegistry(stack, id, { registryName: PUBLIC_REPO });
  }

  public readonly registryName: string;
  public readonly registryUid: string;
  public readonly registryType: PackRegistryType;
  public readonly packType: PackType;

  constructor(scope: Construct, id: string, props: PackRegistryProps = {}) {
    super(scope, id);
    this.registryName = props.registryName ?? PUBLIC_REPO;
    this.registryType = props.registryType ?? PackRegistryType.SPECTRO;
    const lookup = new DataSpectrocloudRegistry(this, "Lookup", { name: this.registryName, type: props.registryType });
    this.registryUid = lookup.id;
    // Unknown kinds are refused by the provider's StringInSlice at plan; spectro keeps the provider's default here.
    this.packType = PACK_TYPE_OF[this.registryType] ?? PackType.SPECTRO;
  }
}
