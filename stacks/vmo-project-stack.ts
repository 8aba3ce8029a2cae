import { Construct } from "constructs";
import {
  ApplySetting,
  IPaletteCluster,
  PackValuesInput,
  PaletteCluster,
  PaletteContext,
  PaletteProvider,
  VmRoleBinding,
  VmoAddonProfile,
  VmoAddonProfileProps,
  VmoClusterAttachment,
} from "../lib";
import { LocalBackend, TerraformOutput, TerraformStack } from "../lib/cdktf";

/** One existing cluster that gets the profile. Give exactly one of name and uid. */
export interface ClusterConfig {
  readonly name?: string;
  readonly uid?: string;
  readonly context?: PaletteContext;
  readonly applySetting?: ApplySetting;
  readonly packValues?: { readonly [packName: string]: PackValuesInput };
  readonly variables?: { readonly [name: string]: string };
  readonly roleBindings?: readonly VmRoleBinding[];
  /** Set to false, deliberately, to let Terraform detach VMO (which deletes the cluster's VMs). */
  readonly preventDestroy?: boolean;
}

/** A VMO profile and the clusters it attaches to; the profile fields are VmoAddonProfile's props. */
export interface VmoProfileConfig extends Omit<VmoAddonProfileProps, "registry"> {
  readonly clusters?: readonly ClusterConfig[];
}

/** Everything one Palette project runs: the typed config that YAML environment files map onto. */
export interface VmoProjectConfig {
  /** The Palette project the provider targets. */
  readonly project: { readonly name: string; readonly host?: string };
  readonly profiles: readonly VmoProfileConfig[];
}

export interface VmoProjectStackProps {
  readonly config: VmoProjectConfig;
  /**
   * Where the local backend keeps state, relative to the stack's folder under `cdktf.out/stacks/`.
   * @default "../../../terraform.<stack id>.tfstate" (the project root, outside cdktf.out)
   */
  readonly localStatePath?: string;
}

/** VMO for one Palette project: profiles, their attachments and role bindings, from a typed config. */
export class VmoProjectStack extends TerraformStack {
  public readonly profiles: readonly VmoAddonProfile[];
  public readonly attachments: readonly VmoClusterAttachment[];

  constructor(scope: Construct, id: string, props: VmoProjectStackProps) {
    super(scope, id);
    const { config } = props;
    new LocalBackend(this, { path: props.localStatePath ?? `../../../terraform.${id}.tfstate` });
    new PaletteProvider(this, "Palette", { projectName: config.project.name, host: config.project.host });

    const profiles: VmoAddonProfile[] = [];
    const attachments: VmoClusterAttachment[] = [];
    for (const p of config.profiles) {
      const { clusters, ...profileProps } = p;
      const profile = new VmoAddonProfile(this, `Profile-${p.name}`, profileProps);
      profiles.push(profile);
      new TerraformOutput(this, `profile-${p.name}-id`, {
        value: profile.profileId,
        description: `UID of cluster profile ${p.name} ${profile.profileVersion}`,
      });
      for (const c of clusters ?? []) {
        const key = c.name ?? c.uid ?? "";
        const cluster = this.cluster(key, c);
        attachments.push(
          new VmoClusterAttachment(this, `Attach-${p.name}-${key}`, {
            profile,
            cluster,
            context: c.context,
            applySetting: c.applySetting,
            packValues: c.packValues,
            variables: c.variables,
            roleBindings: c.roleBindings,
            preventDestroy: c.preventDestroy,
          }),
        );
      }
    }
    this.profiles = profiles;
    this.attachments = attachments;
  }

  /** One reference per cluster and context, shared when several profiles name the same cluster. */
  private cluster(key: string, c: ClusterConfig): IPaletteCluster {
    if (c.name !== undefined && c.uid !== undefined) {
      throw new Error(`cluster "${key}": give either name or uid, not both.`);
    }
    const id = c.context && c.context !== PaletteContext.PROJECT ? `Cluster-${c.context}-${key}` : `Cluster-${key}`;
    const existing = this.node.tryFindChild(id) as IPaletteCluster | undefined;
    if (existing) return existing;
    return c.uid !== undefined
      ? PaletteCluster.fromClusterUid(this, id, c.uid, { context: c.context })
      : PaletteCluster.fromClusterName(this, id, c.name ?? "", { context: c.context });
  }
}
