// Pack registries, looked up by name so a missing registry fails at plan time.
import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "./cdktf";
import { DataSpectrocloudRegistry } from "./provider";
import { PUBLIC_REPO } from "./versions";

/** A Palette pack registry, looked up by name so that a missing registry fails at plan time. */
export interface IPackRegistry extends IConstruct {
  readonly registryName: string;
  /** The registry UID, known at plan time. */
  readonly registryUid: string;
}

export interface PackRegistryProps {
  /**
   * The registry name as shown in Palette.
   * @default "Public Repo"
   */
  readonly registryName?: string;
}

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

  constructor(scope: Construct, id: string, props: PackRegistryProps = {}) {
    super(scope, id);
    this.registryName = props.registryName ?? PUBLIC_REPO;
    const lookup = new DataSpectrocloudRegistry(this, "Lookup", { name: this.registryName });
    this.registryUid = lookup.id;
  }
}
