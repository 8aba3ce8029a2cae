// The spectrocloud provider block: project and host from code, the API key only from the environment.
import { Construct } from "constructs";
import { addProblemCheck } from "./problems";
import { SpectrocloudProvider } from "./provider";

export interface PaletteProviderProps {
  /** The Palette project that project-context resources live in. */
  readonly projectName: string;
  /**
   * Palette API host; SPECTROCLOUD_HOST also works.
   * @default - the provider's default (api.spectrocloud.com)
   */
  readonly host?: string;
  /**
   * Provider alias, for stacks that talk to more than one project.
   * @default - none
   */
  readonly alias?: string;
}

/**
 * The `spectrocloud` provider block. It has no API key property by design: the key comes from
 * `SPECTROCLOUD_APIKEY` when Terraform runs, so it never lands in synthesized JSON.
 */
export class PaletteProvider extends Construct {
  public readonly provider: SpectrocloudProvider;

  constructor(scope: Construct, id: string, props: PaletteProviderProps) {
    super(scope, id);
    this.provider = new SpectrocloudProvider(this, "Provider", {
      projectName: props.projectName,
      host: props.host,
      alias: props.alias,
    });
    addProblemCheck(this, () =>
      !props.projectName || !props.projectName.trim()
        ? [{ field: ["projectName"], message: `the Palette project name must not be empty; "Default" is Palette's default project.` }]
        : [],
    );
  }
}
