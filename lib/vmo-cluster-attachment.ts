// VmoClusterAttachment: a VMO profile attached to one existing cluster, drift-free under the real provider.
import { Construct } from "constructs";
import { createHash } from "node:crypto";
import { Annotations, Aspects, Lazy, Token } from "./cdktf";
import { checkContext } from "./context";
import { IPackLayer, PackType } from "./pack-layer";
import { IPaletteCluster } from "./palette-cluster";
import { expectedOneOf } from "./private/validation";
import { ValidationProblem, addProblemCheck, problemText } from "./problems";
import { AddonDeployment, AddonDeploymentClusterProfile, AddonDeploymentClusterProfilePack, ClusterProfile, ClusterProfilePack } from "./provider";
import { PackValuesError, deepMerge, parsePackValues, renderYaml } from "./values";
import type { IVmoAddonProfile, IVmoClusterAttachment } from "./cluster-profile";
import { APPLY_SETTINGS, AttachOptions, ClusterProfileBlockOptions } from "./attach-options";
import { IVmRoleBindings, VmRoleBinding, bindingScopes } from "./vm-role-bindings";
import { brand, isBranded } from "./private/brand";
import { DASHBOARD_ADDRESS_VARIABLE } from "./vmo-pack";
import { urlProblems } from "./vmo-authentication";

export { ApplySetting } from "./attach-options";
export type { AttachOptions, ClusterProfileBlockOptions } from "./attach-options";

export interface VmoClusterAttachmentProps extends AttachOptions {
  /** The VMO profile to attach: one this stack defines, or `VmoAddonProfile.fromProfileAttributes` for one made elsewhere. */
  readonly profile: IVmoAddonProfile;
  /** The existing cluster that gets VMO. */
  readonly cluster: IPaletteCluster;
}

/** A `cluster_profile` block plus the problems found while building it. */
export interface ClusterProfileBlockResult {
  readonly block: AddonDeploymentClusterProfile;
  /** The problems, each naming its field in ClusterProfileBlockOptions (`packValues.<pack>`, `roleBindings[0]...`). */
  readonly problems: ValidationProblem[];
  /** The problems as text. */
  readonly errors: string[];
}

/**
 * Attaches a VMO profile to one existing cluster through a `spectrocloud_addon_deployment`, in the one shape the
 * provider refreshes without drift (docs/ARCHITECTURE.md, "Per-cluster differences"): no `pack` block, every
 * declared variable set, plus the profile's revision variable. Per-cluster values and bindings make a per-cluster
 * copy of the profile (named `<profile>-<cluster>`) that this attachment attaches instead.
 */
export class VmoClusterAttachment extends Construct implements IVmoClusterAttachment {
  /** Whether `x` is a VmoClusterAttachment, also one made by another copy of this library (a brand, not `instanceof`). */
  public static isVmoClusterAttachment(x: unknown): x is VmoClusterAttachment {
    return isBranded(x, "VmoClusterAttachment");
  }

  /**
   * The `cluster_profile` block for teams whose stack manages the cluster resource itself: add it to the
   * `clusterProfile` list of their `spectrocloud_cluster_*` resource instead of creating an attachment.
   * Throws on bad options.
   */
  public static clusterProfileBlock(profile: IVmoAddonProfile, options: ClusterProfileBlockOptions = {}): AddonDeploymentClusterProfile {
    const { block, errors } = VmoClusterAttachment.buildClusterProfileBlock(profile, options);
    if (errors.length > 0) throw new Error(`cluster_profile block for profile "${profile.profileName}": ${errors.join("; ")}`);
    return block;
  }

  /** As clusterProfileBlock, returning problems instead of throwing. */
  public static buildClusterProfileBlock(profile: IVmoAddonProfile, options: ClusterProfileBlockOptions = {}): ClusterProfileBlockResult {
    const problems: ValidationProblem[] = [];
    const overrides: AddonDeploymentClusterProfilePack[] = [];
    const byName = new Map<string, IPackLayer>(profile.layers.map((l) => [l.packName, l]));

    for (const packName of Object.keys(options.packValues ?? {}).sort()) {
      const layer = byName.get(packName);
      const field = `packValues.${packName}`;
      if (!layer) {
        problems.push({ field: ["packValues", packName], message: `the profile has no pack "${packName}"; ${expectedOneOf(packName, [...byName.keys()])}.` });
        continue;
      }
      if (layer.packType === PackType.MANIFEST) {
        problems.push({
          field: ["packValues", packName],
          message: `"${packName}" is a manifest layer and has no values; use roleBindings for per-cluster bindings.`,
        });
        continue;
      }
      try {
        const override = parsePackValues(options.packValues?.[packName], field);
        // The provider checks every non-manifest override like a profile pack: uid, or name + tag + registry.
        const { uid, registryUid } = layer.toProfilePack();
        overrides.push({
          name: layer.packName,
          tag: layer.tag,
          type: layer.packType,
          uid,
          registryUid,
          values: Lazy.stringValue({ produce: () => renderYaml(deepMerge(layer.values, override)) }),
        });
      } catch (err) {
        if (!(err instanceof PackValuesError)) throw err;
        problems.push({ field: ["packValues", packName], message: err.reason });
      }
    }

    if (options.roleBindings?.length) {
      const bindings: IVmRoleBindings | undefined = profile.roleBindings;
      const layer = profile.manifestLayer;
      if (!bindings || !layer) {
        problems.push({
          field: ["roleBindings"],
          message: `profile "${profile.profileName}" has no role bindings to extend; give the profile roleBindings first.`,
        });
      } else {
        const extra = options.roleBindings;
        const iam = profile.vmoIamMappings;
        problems.push(...bindings.render(extra, "roleBindings").problems);
        // The copy's manifest layer: the profile's, with this cluster's bindings (and their VMO IAM mappings) added.
        overrides.push({
          name: layer.packName,
          tag: layer.tag,
          type: PackType.MANIFEST,
          manifest: layer.manifestBlocks((c) => (c === bindings ? bindings.manifestsWith(extra) : iam && c === iam ? [iam.manifest(extra)] : undefined)),
        });
      }
    }

    const declared = new Map(profile.declaredVariables.map((v) => [v.name, v]));
    for (const [name, value] of Object.entries(options.variables ?? {})) {
      const variable = declared.get(name);
      if (!variable) {
        problems.push({
          field: ["variables", name],
          message: `profile "${profile.profileName}" declares no variable "${name}"; ${declared.size ? expectedOneOf(name, [...declared.keys()]) : "declare it in the profile's variables first"}.`,
        });
      } else if (variable.isSensitive && !Token.isUnresolved(value)) {
        problems.push({
          field: ["variables", name],
          message: `"${name}" is sensitive and must not be given as a literal: it would be written into cdk.tf.json in clear.`,
          fix: "Pass a sensitive Terraform variable's value instead (TF_VAR_<name> in the pipeline).",
        });
      }
    }
    problems.push(...dashboardAddressProblems(profile, options));
    const given = attachmentVariableValues(profile, options);
    const variables = Object.keys(given).length > 0 ? sortedRecord(given) : undefined;
    return { block: { id: profile.profileId, variables, pack: overrides.length > 0 ? overrides : undefined }, problems, errors: problems.map(problemText) };
  }

  public readonly profile: IVmoAddonProfile;
  public readonly cluster: IPaletteCluster;
  public readonly preventDestroy: boolean;
  /** The per-cluster settings as given, for policy checks (lib/rules) that read them before synthesis. */
  public readonly options: ClusterProfileBlockOptions;
  /** Escape hatch to the generated resource. */
  public readonly resource: AddonDeployment;
  /** The per-cluster copy of the profile when packValues or roleBindings are given, else undefined. */
  public readonly clusterProfile?: ClusterProfile;

  constructor(scope: Construct, id: string, props: VmoClusterAttachmentProps) {
    super(scope, id);
    this.profile = props.profile;
    this.cluster = props.cluster;
    this.preventDestroy = props.preventDestroy ?? true;
    this.options = { packValues: props.packValues, variables: props.variables, roleBindings: props.roleBindings, dashboardAddress: props.dashboardAddress };
    const perCluster = Object.keys(props.packValues ?? {}).length > 0 || (props.roleBindings?.length ?? 0) > 0;
    const variantProblems: ValidationProblem[] = [];
    if (perCluster) {
      if (props.profile.clusterVariant)
        this.clusterProfile = props.profile.clusterVariant(this, "ClusterProfile", variantName(props.profile.profileName, props.cluster));
      else
        variantProblems.push({
          field: [Object.keys(props.packValues ?? {}).length > 0 ? "packValues" : "roleBindings"],
          message: `profile "${props.profile.profileName}" cannot make a per-cluster copy; give the differences as profile variables instead.`,
        });
    }
    const attached = this.clusterProfile;
    const attachedId = attached ? attached.id : props.profile.profileId;
    const attachedAddress = attached ? `${attached.terraformResourceType}.${attached.friendlyUniqueId}` : props.profile.resourceAddress;
    const attachedName = attached ? variantName(props.profile.profileName, props.cluster) : props.profile.profileName;
    // Built at synth (below); until then the block only names the profile.
    let problems: ValidationProblem[] = [];
    this.resource = new AddonDeployment(this, "Resource", {
      clusterUid: props.cluster.clusterUid,
      context: props.context ?? props.cluster.context,
      applySetting: props.applySetting,
      clusterProfile: [{ id: attachedId }],
      lifecycle: {
        preventDestroy: this.preventDestroy ? true : undefined,
        precondition: props.cluster.lookupAddress ? clusterReady(props.cluster.lookupAddress, props.cluster.displayName) : undefined,
        // The docs' Validate step for the cluster side: after every apply, the attachment holds this profile.
        postcondition: [
          {
            condition: `\${contains([for cp in self.cluster_profile : cp.id], ${attachedAddress}.id)}`,
            errorMessage: `The add-on deployment on this cluster does not hold cluster profile ${attachedName} ${props.profile.profileVersion}; the attachment was changed outside Terraform.`,
          },
        ],
      },
    });
    // Packs may join the profile after this attachment was made (addPack), so the blocks are built at synth,
    // when the profile's layers are final; aspects run before validations and before the JSON is written.
    Aspects.of(this).add({
      visit: (node) => {
        if (node !== this) return;
        const built = VmoClusterAttachment.buildClusterProfileBlock(props.profile, props);
        problems = [...variantProblems, ...built.problems];
        // Built only where needed: rendering the layers (the manifest layer's YAML) once per attachment made fleets slow.
        const packsOf = () => mergedPacks(props.profile, (built.block.pack ?? []) as AddonDeploymentClusterProfilePack[]);
        const packs = attached ? packsOf() : undefined;
        if (attached && packs) attached.putPack(packs);
        // Palette returns every declared variable with its default when the cluster sets none, and refresh puts
        // each non-empty one in state (common_cluster_profile.go profileVariablesMapFromAPI): set them all.
        const variables: Record<string, string> = {};
        for (const v of props.profile.declaredVariables)
          if (!v.isSensitive && v.defaultValue !== undefined && v.defaultValue !== "") variables[v.name] = v.defaultValue;
        Object.assign(variables, attachmentVariableValues(props.profile, props));
        if (props.profile.revisionVariable) {
          variables[props.profile.revisionVariable] = packs ? revisionOf(props.profile.profileVersion, packs) : profileRevision(props.profile, packsOf);
        }
        this.resource.putClusterProfile([{ id: attachedId, variables: sortedRecord(variables) }]);
      },
    });
    addProblemCheck(this, () => {
      const nonVm = nonVmNamespaces(props.roleBindings ?? [], props.profile.vmNamespaces);
      // The same warning VmRoleBindings gives its profile-wide bindings: these land in the per-cluster copy's layer.
      if (props.profile.roleBindings && nonVm.length > 0) {
        Annotations.of(this).addWarning(
          `roleBindings: namespaces ${nonVm.map((n) => `"${n}"`).join(", ")} are not created by this VMO version ` +
            `(it sets up ${props.profile.vmNamespaces.join(", ")}); the API server refuses a RoleBinding into a namespace that does not exist, ` +
            `which fails the per-cluster profile's role bindings layer on cluster ${props.cluster.displayName}. Make sure they exist before ` +
            `the profile is applied (create them outside this profile), or list them in the VMO values' vmEnabledNamespaces.`,
        );
      }
      const all = [...problems, ...checkContext("context", props.context)];
      if (props.applySetting !== undefined && !APPLY_SETTINGS.includes(props.applySetting)) {
        all.push({
          field: ["applySetting"],
          message: `"${props.applySetting}" is not an apply setting; ${expectedOneOf(props.applySetting, APPLY_SETTINGS)}.`,
        });
      }
      return all;
    });
  }
}
brand(VmoClusterAttachment, "VmoClusterAttachment");

/** The namespaces `bindings` grant in that are not VM namespaces (sorted, unresolved tokens left out). */
function nonVmNamespaces(bindings: readonly VmRoleBinding[], vmNamespaces: readonly string[]): string[] {
  const out = new Set<string>();
  for (const b of bindings)
    for (const ns of bindingScopes(b, vmNamespaces)) if (ns !== undefined && !Token.isUnresolved(ns) && !vmNamespaces.includes(ns)) out.add(ns);
  return [...out].sort();
}

/**
 * The variables an attachment sets beyond the defaults: the profile's own (authentication secrets), the dashboard
 * address, then the attachment's `variables`, which win.
 */
function attachmentVariableValues(profile: IVmoAddonProfile, options: ClusterProfileBlockOptions): Record<string, string> {
  return {
    ...(profile.attachmentVariables ?? {}),
    ...(options.dashboardAddress !== undefined ? { [DASHBOARD_ADDRESS_VARIABLE]: options.dashboardAddress } : {}),
    ...(options.variables ?? {}),
  };
}

function dashboardAddressProblems(profile: IVmoAddonProfile, options: ClusterProfileBlockOptions): ValidationProblem[] {
  const address = options.dashboardAddress;
  if (address === undefined) return [];
  const field = ["dashboardAddress"];
  if (!profile.declaredVariables.some((v) => v.name === DASHBOARD_ADDRESS_VARIABLE)) {
    return [
      {
        field,
        message: `profile "${profile.profileName}" declares no ${DASHBOARD_ADDRESS_VARIABLE} variable: a dashboard address applies to Direct access only (Proxied clusters are reached through Palette).`,
        fix: "Remove dashboardAddress, or use a profile with accessMode direct.",
      },
    ];
  }
  if (options.variables?.[DASHBOARD_ADDRESS_VARIABLE] !== undefined) {
    return [{ field, message: `the address is given twice, as dashboardAddress and as variables.${DASHBOARD_ADDRESS_VARIABLE}; keep dashboardAddress.` }];
  }
  const problems = urlProblems(address, field, "dashboardAddress");
  if (problems.length === 0 && !Token.isUnresolved(address) && /\/v1\/?$/.test(address)) {
    problems.push({
      field,
      message: `"${address}" ends in /v1, which VMO 4.10.x and later do not use (configure-console-base-address.md: "Do not append /v1").`,
      fix: `Use "${address.replace(/\/v1\/?$/, "")}".`,
    });
  }
  return problems;
}

/**
 * Plan-time checks on the looked-up cluster (provider data_source_cluster.go: `state` is Palette's cluster state,
 * palette-sdk-go V1ClusterState Pending/Provisioning/Running/Deleting/Deleted/Error/Importing; `health` is the
 * overview's health state, left empty when Palette reports none). VMO installs through the cluster's agent, so a
 * cluster that is not Running, or reports itself unhealthy, would take the add-on half-installed.
 */
function clusterReady(lookup: string, name: string): { condition: string; errorMessage: string }[] {
  return [
    {
      condition: `\${${lookup}.state == "Running"}`,
      errorMessage: `VMO cannot be attached to cluster ${name}: Palette reports its state as "\${coalesce(${lookup}.state, "unknown")}", and it must be "Running". Wait for the cluster to finish provisioning (or repair it), then plan again.`,
    },
    {
      // coalesce skips null and "": no reported health passes; Terraform 1.11's || would not short-circuit.
      condition: `\${lower(coalesce(${lookup}.health, "healthy")) == "healthy"}`,
      errorMessage: `VMO cannot be attached to cluster ${name}: Palette reports its health as "\${coalesce(${lookup}.health, "unknown")}", and it must be "Healthy". Fix the cluster's health in Palette, then plan again.`,
    },
  ];
}

/** The per-cluster copy's name in Palette: `<profile>-<cluster name or uid>`. */
function variantName(profileName: string, cluster: IPaletteCluster): string {
  return `${profileName}-${cluster.displayName}`;
}

/** The profile's packs with the per-cluster overrides (values, manifests) in place of the profile's own. */
function mergedPacks(profile: IVmoAddonProfile, overrides: readonly AddonDeploymentClusterProfilePack[]): ClusterProfilePack[] {
  return profile.layers.map((l) => {
    const base = l.toProfilePack();
    const o = overrides.find((x) => x.name === l.packName);
    if (!o) return base;
    return {
      ...base,
      ...(o.values !== undefined ? { values: o.values } : {}),
      ...(o.manifest !== undefined ? { manifest: o.manifest as ClusterProfilePack["manifest"] } : {}),
    };
  });
}

/** `<profile version>+<12 hex of the packs as synthesized>`: changes with every version or content change. */
function revisionOf(version: string, packs: ClusterProfilePack[]): string {
  // Hashed again only when the resolved packs differ from the last resolution (a fleet resolves the shared token
  // once per synth, and a second synth after a change gets the new revision).
  let lastInput: string | undefined;
  let lastValue = "";
  return Lazy.stringValue({
    produce: (context) => {
      const input = JSON.stringify(context.resolve(packs));
      if (input !== lastInput) {
        lastInput = input;
        lastValue = `${version}+${createHash("sha256").update(input).digest("hex").slice(0, 12)}`;
      }
      return lastValue;
    },
  });
}

/** Attachments without per-cluster packs share their profile's revision token (a fleet renders it once). */
const sharedRevisions = new WeakMap<IVmoAddonProfile, string>();

function profileRevision(profile: IVmoAddonProfile, packsOf: () => ClusterProfilePack[]): string {
  let token = sharedRevisions.get(profile);
  if (!token) sharedRevisions.set(profile, (token = revisionOf(profile.profileVersion, packsOf())));
  return token;
}

function sortedRecord(record: { readonly [k: string]: string }): { [k: string]: string } {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]]),
  );
}
