// The spectrocloud_virtual_machine resource as plain Terraform JSON, without the generated binding's object tree.
import { Construct } from "constructs";
import { TerraformResource } from "../cdktf";
import { PROVIDER_VERSION } from "../versions";

/** The lifecycle meta-argument as written. */
export interface RawLifecycle {
  readonly preventDestroy?: boolean;
}

/**
 * A `spectrocloud_virtual_machine` written from snake_case attributes. The generated class builds an output
 * reference (with a captured stack trace) for each of its ~60 nested blocks at construction and maps each block
 * again at synth; with one VM per cluster that was most of a fleet's synth time (`npm run bench`). The JSON is the
 * same; `lib/validate` checks it against the provider schema like any other resource.
 */
export class VirtualMachineResource extends TerraformResource {
  /** The Terraform resource type. */
  public static readonly tfResourceType = "spectrocloud_virtual_machine";

  constructor(
    scope: Construct,
    id: string,
    private readonly attributes: Record<string, unknown>,
    lifecycle?: RawLifecycle,
  ) {
    super(scope, id, {
      terraformResourceType: VirtualMachineResource.tfResourceType,
      terraformGeneratorMetadata: { providerName: "spectrocloud", providerVersion: PROVIDER_VERSION, providerVersionConstraint: PROVIDER_VERSION },
      lifecycle,
    });
  }

  /** `${spectrocloud_virtual_machine.<id>.name}` */
  public get name(): string {
    return this.getStringAttribute("name");
  }

  /** The attributes as given: already in the provider schema's names. */
  protected synthesizeAttributes(): Record<string, unknown> {
    return this.attributes;
  }
}
