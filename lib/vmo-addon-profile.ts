// VmoAddonProfile: the VMO add-on cluster profile, its packs, variables and revision, and profiles made elsewhere.
import { Construct } from "constructs";
import { Token } from "./cdktf";
import { PaletteContext, checkContext } from "./context";
import { IVmoAddonProfile, PROFILE_REVISION_VARIABLE, ProfileVariable } from "./cluster-profile";
import { IPackLayer, PackManifest, PackType } from "./pack-layer";
import { IPackRegistry } from "./pack-registry";
import { FieldPath, ValidationProblem, addProblemCheck } from "./problems";
import { ClusterProfile, ClusterProfileProfileVariablesVariable, DataSpectrocloudClusterProfile } from "./provider";
import { IPaletteCluster } from "./palette-cluster";
import { AttachOptions, VmoClusterAttachment } from "./vmo-cluster-attachment";
import { SpectroProxyPack } from "./spectro-proxy-pack";
import { PackValuesInput } from "./values";
import { RoleBindingRenderOptions, VmRoleBinding, VmRoleBindings } from "./vm-role-bindings";
import { AccessMode, VmoPack, VmoValuesLayout } from "./vmo-pack";
import { VmoIamMappings } from "./vmo-iam";
import type { VmoAuthentication } from "./vmo-authentication";
import { VmoProfileCheck } from "./vmo-profile-check";
import { GoldenImage, GoldenImageProps } from "./golden-image";
import { VmTemplate, VmTemplateProps } from "./vm-template";
import { IVmoManifestContributor, VmoManifestLayer } from "./vmo-manifest-layer";
import { PROVIDER_DEFAULT_PROFILE_VERSION, PackVersion, VMO_PACK } from "./versions";
import { brand, isBranded } from "./private/brand";

const REVISION_VARIABLE_BLOCK: ClusterProfileProfileVariablesVariable = {
  name: PROFILE_REVISION_VARIABLE,
  displayName: "VMO profile revision",
  description: "Set by Terraform on every attachment (profile version + content hash); not used by any pack.",
};

export interface SpectroProxyOptions {
  /**
   * Put Spectro Proxy in this profile.
   * @default true in Proxied mode, false otherwise
   */
  readonly enabled?: boolean;
  /**
   * @default SPECTRO_PROXY_PACK.defaultVersion
   */
  readonly version?: string;
  /**
   * @default - only the seeded values
   */
  readonly values?: PackValuesInput;
  /**
   * @default true
   */
  readonly vmDashboardIntegration?: boolean;
}

export interface VmoRoleBindingsOptions extends RoleBindingRenderOptions {
  readonly bindings: readonly VmRoleBinding[];
  /**
   * On VMO 4.10+, also map the bound groups and users to VMO IAM roles (a `vmo-iam-roles` manifest in the profile's
   * manifest layer that owns the built-in VmoRole resources' `groupMappings` and `userMappings`). Turn it off only
   * when the mappings
   * are managed in the VMO UI; rule VMO-013 then names every bound group left without a VMO role.
   * @default true
   */
  readonly vmoIamMappings?: boolean;
}

export interface VmoAddonProfileProps {
  /** Profile name in Palette. */
  readonly name: string;
  /**
   * Palette profile version. Without the provider's `immutable-clusterprofiles` preview a bump rewrites the
   * profile in place, under every cluster using it.
   * @default PROVIDER_DEFAULT_PROFILE_VERSION ("1.0.0", the provider's default)
   */
  readonly profileVersion?: string;
  /**
   * @default - none
   */
  readonly description?: string;
  /**
   * Palette tags, `key` or `key:value`.
   * @default - none
   */
  readonly tags?: readonly string[];
  /**
   * @default PaletteContext.PROJECT
   */
  readonly context?: PaletteContext;
  /**
   * @default VMO_PACK.defaultVersion
   */
  readonly vmoVersion?: string;
  /**
   * @default AccessMode.PROXIED
   */
  readonly accessMode?: AccessMode;
  /**
   * VMO pack values merged over the seeded ones.
   * @default - only the seeded values
   */
  readonly values?: PackValuesInput;
  /**
   * How VMO Manager signs users in (pack 4.10+): Palette-managed OIDC, External OIDC or local auth. Secrets are
   * sensitive Terraform variable tokens; the profile declares them as sensitive variables and its attachments set them.
   * @default - Palette-managed OIDC
   */
  readonly authentication?: VmoAuthentication;
  /**
   * @default - Proxied: the pack with VM dashboard integration; Direct and Custom: none
   */
  readonly proxy?: SpectroProxyOptions;
  /**
   * @default - no role bindings
   */
  readonly roleBindings?: VmoRoleBindingsOptions;
  /**
   * @default - none
   */
  readonly variables?: readonly ProfileVariable[];
  /**
   * @default PackRegistry.publicRepo(scope)
   */
  readonly registry?: IPackRegistry;
  /**
   * Add a Terraform `check` block that, after apply and on every later plan, looks the profile up in Palette
   * and asserts it is the one this stack manages, with the expected packs (the docs' Validate step).
   * @default true
   */
  readonly verifyInPalette?: boolean;
}

// Palette's own limits, checked only where a source states one:
// - variable formats: the provider's StringInSlice (terraform-provider-spectrocloud v0.29.9,
//   spectrocloud/schemas/profile_variables.go, `format`).
// - profile name, version, tags and variable names: no limit in the provider's schema (resource_cluster_profile.go
//   has no ValidateFunc on name, version or tags; the tags description asks for `key:value`) nor in palette-sdk-go's
//   models (V1ObjectMeta.Name, V1Variable.Name: required only), nor in the librarium profile pages read; the checks
//   below are this library's (well-formed versions for registry lookups, Terraform-variable-like names), not Palette's.
const VARIABLE_FORMATS = ["string", "number", "boolean", "ipv4", "ipv4cidr", "ipv6", "version", "base64"];

/**
 * The VMO add-on cluster profile: VMO as its own add-on profile (the VM tab needs that), Spectro Proxy beside it
 * in Proxied mode, and one manifest layer (`vmo-manifests`, VmoManifestLayer) carrying the VM role bindings, VMO
 * IAM mappings, golden images, VM templates and manifests added with `addManifest`.
 */
export class VmoAddonProfile extends Construct implements IVmoAddonProfile {
  /** Whether `x` is a VmoAddonProfile, also one made by another copy of this library (a brand, not `instanceof`). */
  public static isVmoAddonProfile(x: unknown): x is VmoAddonProfile {
    return isBranded(x, "VmoAddonProfile");
  }

  /**
   * A VMO profile this stack does not define (made in the UI, or owned by another stack), looked up in Palette by
   * name, version and context at plan time, so that attachments here can attach it. It has no layers this stack
   * knows: per-cluster packValues and roleBindings need a profile the stack defines.
   */
  public static fromProfileAttributes(scope: Construct, id: string, attrs: VmoAddonProfileAttributes): IVmoAddonProfile {
    return new ImportedVmoAddonProfile(scope, id, attrs);
  }

  public readonly profileId: string;
  public readonly profileName: string;
  public readonly profileVersion: string;
  public readonly context: PaletteContext;
  public readonly vmoPack: VmoPack;
  public readonly proxyPack?: SpectroProxyPack;
  public readonly roleBindings?: VmRoleBindings;
  /** The VMO IAM mappings (VMO 4.10+ with role bindings), a manifest of the manifest layer. */
  public readonly vmoIamMappings?: VmoIamMappings;
  /** The profile's variables: the ones given, then those the seeded VMO values reference. */
  public readonly declaredVariables: readonly ProfileVariable[];
  /** Variable values every attachment sets (the authentication secrets, as sensitive Terraform variable tokens). */
  public readonly attachmentVariables: { readonly [name: string]: string };
  /** Every VMO profile declares the revision variable; its attachments set it (see PROFILE_REVISION_VARIABLE). */
  public readonly revisionVariable = PROFILE_REVISION_VARIABLE;
  /** Escape hatch to the generated resource. */
  public readonly resource: ClusterProfile;
  private readonly layerList: IPackLayer[] = [];
  private readonly variantProps: VmoAddonProfileProps;
  private manifestLayerConstruct?: VmoManifestLayer;

  constructor(scope: Construct, id: string, props: VmoAddonProfileProps) {
    super(scope, id);
    this.profileName = props.name;
    this.profileVersion = props.profileVersion ?? PROVIDER_DEFAULT_PROFILE_VERSION;
    this.context = props.context ?? PaletteContext.PROJECT;
    const accessMode = props.accessMode ?? AccessMode.PROXIED;

    this.resource = new ClusterProfile(this, "Resource", {
      name: props.name,
      description: props.description,
      version: this.profileVersion,
      context: this.context,
      type: "add-on",
      cloud: "all",
      tags: props.tags ? [...props.tags] : undefined,
    });
    this.variantProps = props;
    this.profileId = this.resource.id;

    this.vmoPack = new VmoPack(this, "Vmo", {
      version: props.vmoVersion,
      accessMode,
      values: props.values,
      registry: props.registry,
      authentication: props.authentication,
      // One declaration of the prefixes: the bindings prepend them, the VMO values mirror them.
      oidcPrefixes: props.roleBindings && { groupPrefix: props.roleBindings.groupPrefix, usernamePrefix: props.roleBindings.usernamePrefix },
    });
    const referenced = new Set(this.vmoPack.referencedVariables.map((v) => v.name));
    this.declaredVariables = [...(props.variables ?? []).filter((v) => !referenced.has(v.name)), ...this.vmoPack.referencedVariables];
    this.attachmentVariables = this.vmoPack.attachmentVariables;
    this.resource.putProfileVariables(this.profileVariablesBlock());
    this.addPack(this.vmoPack);

    if (props.proxy?.enabled ?? accessMode === AccessMode.PROXIED) {
      this.proxyPack = new SpectroProxyPack(this, "SpectroProxy", {
        version: props.proxy?.version,
        values: props.proxy?.values,
        vmDashboardIntegration: props.proxy?.vmDashboardIntegration,
        registry: props.registry,
      });
      this.addPack(this.proxyPack);
    }
    // Proxied without Spectro Proxy is reported by rule VMO-002 (lib/rules), once, when VmoChecks runs.

    if (props.roleBindings) {
      const { vmoIamMappings, ...bindingProps } = props.roleBindings;
      this.roleBindings = new VmRoleBindings(this, "RoleBindings", { profile: this, ...bindingProps });
      // One declaration, two manifests: the same bindings as VMO IAM mappings where VMO IAM exists (4.10+).
      if ((vmoIamMappings ?? true) && this.vmoPack.layout === VmoValuesLayout.DEPLOYMENT_MODE) {
        this.vmoIamMappings = new VmoIamMappings(this, "VmoIam", { roleBindings: this.roleBindings, vmoPack: this.vmoPack });
        this.addManifestContributor(this.vmoIamMappings);
      }
    }
    if (props.verifyInPalette ?? true) new VmoProfileCheck(this, "Verify", { profile: this });

    addProblemCheck(this, () => this.validateProfile(props));
  }

  public get resourceAddress(): string {
    return `${this.resource.terraformResourceType}.${this.resource.friendlyUniqueId}`;
  }

  public get layers(): readonly IPackLayer[] {
    return this.layerList;
  }

  public get vmNamespaces(): readonly string[] {
    return this.vmoPack.vmNamespaces;
  }

  public clusterVariant(scope: Construct, id: string, name: string): ClusterProfile {
    const p = this.variantProps;
    return new ClusterProfile(scope, id, {
      name,
      description: p.description,
      version: this.profileVersion,
      context: this.context,
      type: "add-on",
      cloud: "all",
      tags: p.tags ? [...p.tags] : undefined,
      profileVariables: this.profileVariablesBlock(),
    });
  }

  private profileVariablesBlock(): { variable: ClusterProfileProfileVariablesVariable[] } {
    return { variable: [...this.declaredVariables.map(toVariableBlock), REVISION_VARIABLE_BLOCK] };
  }

  /** Attaches this profile to an existing cluster: a VmoClusterAttachment beside the profile, `<profile id>-<cluster id>`. */
  public attachTo(cluster: IPaletteCluster, options: AttachOptions = {}): VmoClusterAttachment {
    return attachProfile(this, cluster, options);
  }

  /**
   * Adds a golden image (a CDI DataVolume in the VMO pack's golden images namespace) to the manifest layer, which
   * installs after VMO; construct id `GoldenImage-<name>`.
   */
  public addGoldenImage(props: Omit<GoldenImageProps, "profile">): GoldenImage {
    return new GoldenImage(this, `GoldenImage-${props.name}`, { ...props, profile: this });
  }

  /** Adds a VM template (a `VmTemplate` manifest) to the manifest layer, which installs after VMO; construct id `VmTemplate-<name>`. */
  public addVmTemplate(props: Omit<VmTemplateProps, "profile">): VmTemplate {
    return new VmTemplate(this, `VmTemplate-${props.name}`, { ...props, profile: this });
  }

  /** The golden images in the manifest layer, by name. */
  public get goldenImages(): readonly GoldenImage[] {
    return (this.manifestLayerConstruct?.contributors ?? []).filter(GoldenImage.isGoldenImage);
  }

  /** The VM templates in the manifest layer, by name. */
  public get vmTemplates(): readonly VmTemplate[] {
    return (this.manifestLayerConstruct?.contributors ?? []).filter(VmTemplate.isVmTemplate);
  }

  /**
   * The profile's one manifest layer (`vmo-manifests`), created when the first manifest joins: a profile without
   * role bindings, images, templates or `addManifest` has none.
   */
  public get manifestLayer(): VmoManifestLayer | undefined {
    return this.manifestLayerConstruct;
  }

  /**
   * Adds a Kubernetes manifest of your own to the profile's manifest layer, after the library's own manifests.
   * Use this rather than a ManifestPack: a profile can carry only one manifest layer (lib/vmo-manifest-layer.ts).
   */
  public addManifest(manifest: PackManifest): void {
    this.ensureManifestLayer().addManifest(manifest);
    this.renderPacks();
  }

  /** Adds `contributor`'s manifests (role bindings, golden image, VM template) to the manifest layer. */
  public addManifestContributor(contributor: IVmoManifestContributor): void {
    this.ensureManifestLayer().addContributor(contributor);
    this.renderPacks();
  }

  /** Adds a layer on top of the current ones. */
  public addPack(layer: IPackLayer): void {
    this.layerList.push(layer);
    this.renderPacks();
  }

  private ensureManifestLayer(): VmoManifestLayer {
    if (!this.manifestLayerConstruct) {
      this.manifestLayerConstruct = new VmoManifestLayer(this, "Manifests", { vmoPack: this.vmoPack });
      this.layerList.push(this.manifestLayerConstruct);
    }
    return this.manifestLayerConstruct;
  }

  private renderPacks(): void {
    this.resource.putPack(this.layerList.map((l) => l.toProfilePack()));
  }

  private validateProfile(props: VmoAddonProfileProps): ValidationProblem[] {
    const errors: ValidationProblem[] = [];
    const problem = (field: FieldPath, message: string, fix?: string) => errors.push({ field, message, fix });
    if (!props.name || !props.name.trim()) problem(["name"], `the profile name must not be empty; give the name shown in Palette.`);
    else if (props.name !== props.name.trim()) problem(["name"], `"${props.name}" has leading or trailing spaces; remove them.`);
    if (!Token.isUnresolved(this.profileVersion) && !PackVersion.tryParse(this.profileVersion)) {
      problem(["profileVersion"], `"${this.profileVersion}" is not a profile version; expected MAJOR.MINOR.PATCH such as "1.0.0".`);
    }
    errors.push(...checkContext("context", props.context));
    (props.tags ?? []).forEach((tag, i) => {
      if (!tag || /\s/.test(tag)) problem(["tags", i], `"${tag}" is not a Palette tag; use "key" or "key:value" without spaces.`);
    });
    const names = new Map<string, number>();
    this.layerList.forEach((l) => names.set(l.packName, (names.get(l.packName) ?? 0) + 1));
    for (const [name, count] of names) {
      if (count > 1) problem(["packs"], `"${name}" appears ${count} times; pack names must be unique within a profile.`);
    }
    // A second manifest layer: both are sent as pack UID spectro-manifest-pack and read back keyed by it
    // (resource_cluster_profile.go, common_cluster_profile.go `getPacksContent`), so one comes back empty forever.
    const manifestLayers = this.layerList.filter((l) => l.packType === PackType.MANIFEST);
    const kept = this.manifestLayerConstruct ?? manifestLayers[0];
    for (const l of manifestLayers) {
      if (l === kept) continue;
      problem(
        ["packs", l.packName],
        `"${l.packName}" is a second manifest layer beside "${kept.packName}": the provider sends every manifest layer as pack UID spectro-manifest-pack and reads manifest content back keyed by pack UID, so all but one come back empty and every plan shows a diff.`,
        `Put its manifests in the profile's manifest layer instead: profile.addManifest({ name, content }) for each (names unique within the layer), and remove the ${l.packName} layer.`,
      );
    }
    const seen = new Set<string>();
    const displayNames = new Set<string>();
    const referenced = new Set(this.vmoPack.referencedVariables.map((v) => v.name));
    (props.variables ?? []).forEach((v, i) => {
      if (referenced.has(v.name))
        problem(
          ["variables", i, "name"],
          `"${v.name}" is declared by the profile itself: its VMO values reference it (${v.name.startsWith("vmo_") ? "Direct access dashboard address" : "authentication"}); remove it from variables.`,
        );
      if (v.name === PROFILE_REVISION_VARIABLE)
        problem(["variables", i, "name"], `"${v.name}" is reserved: every VMO profile declares it for its attachments; choose another name.`);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.name ?? "")) problem(["variables", i, "name"], `"${v.name}" is not a variable name; use letters, digits and "_".`);
      if (seen.has(v.name)) problem(["variables", i, "name"], `"${v.name}" is declared twice.`);
      seen.add(v.name);
      const display = v.displayName ?? v.name;
      if (displayNames.has(display)) problem(["variables", i, "displayName"], `"${display}" is used twice; Palette needs unique display names.`);
      displayNames.add(display);
      if (v.format !== undefined && !VARIABLE_FORMATS.includes(v.format)) {
        problem(["variables", i, "format"], `"${v.format}" is not a variable format; expected one of ${VARIABLE_FORMATS.join(", ")}.`);
      }
      if (v.isSensitive && v.defaultValue !== undefined) {
        problem(
          ["variables", i, "defaultValue"],
          `sensitive variable "${v.name}" must not have a default: the profile would carry the secret in clear.`,
          "Remove the default and give each attachment the value from a sensitive Terraform variable.",
        );
      }
    });
    return errors;
  }
}
brand(VmoAddonProfile, "VmoAddonProfile");

function toVariableBlock(v: ProfileVariable): ClusterProfileProfileVariablesVariable {
  return {
    name: v.name,
    displayName: v.displayName ?? v.name,
    description: v.description,
    format: v.format,
    required: v.required,
    isSensitive: v.isSensitive,
    hidden: v.hidden,
    defaultValue: v.isSensitive ? undefined : v.defaultValue,
  };
}

/** What identifies a VMO profile made outside this stack. */
export interface VmoAddonProfileAttributes {
  /** The profile name in Palette. */
  readonly profileName: string;
  /**
   * The published version to attach.
   * @default PROVIDER_DEFAULT_PROFILE_VERSION ("1.0.0")
   */
  readonly profileVersion?: string;
  /**
   * @default PaletteContext.PROJECT
   */
  readonly context?: PaletteContext;
  /**
   * The profile variables it declares, so attachments can set them (checked like a defined profile's).
   * @default - none
   */
  readonly variables?: readonly ProfileVariable[];
  /**
   * The namespaces VMs run in under that profile's VMO values.
   * @default VMO_PACK.defaultVmNamespacesSince410 (only `default`: 4.10+ packs set up no other VM namespace)
   */
  readonly vmNamespaces?: readonly string[];
}

function attachProfile(profile: IVmoAddonProfile & Construct, cluster: IPaletteCluster, options: AttachOptions): VmoClusterAttachment {
  const scope = profile.node.scope as Construct;
  const id = `${profile.node.id}-${cluster.node.id}`;
  if (scope.node.tryFindChild(id)) {
    throw new Error(
      `attachTo: profile ${profile.node.path} and cluster ${cluster.node.path} make the attachment id "${id}", which ${scope.node.path} already holds (another profile and cluster whose ids join the same way, or the same pair twice); use new VmoClusterAttachment(scope, "<id of your choice>", { profile, cluster }).`,
    );
  }
  return new VmoClusterAttachment(scope, id, { ...options, profile, cluster });
}

/** A profile looked up with `data.spectrocloud_cluster_profile` (provider data_source_cluster_profile.go: name, version, context). */
class ImportedVmoAddonProfile extends Construct implements IVmoAddonProfile {
  public readonly profileId: string;
  public readonly resourceAddress: string;
  public readonly profileName: string;
  public readonly profileVersion: string;
  public readonly context: PaletteContext;
  public readonly layers: readonly IPackLayer[] = [];
  public readonly vmNamespaces: readonly string[];
  public readonly declaredVariables: readonly ProfileVariable[];

  constructor(scope: Construct, id: string, attrs: VmoAddonProfileAttributes) {
    super(scope, id);
    this.profileName = attrs.profileName;
    this.profileVersion = attrs.profileVersion ?? PROVIDER_DEFAULT_PROFILE_VERSION;
    this.context = attrs.context ?? PaletteContext.PROJECT;
    this.vmNamespaces = attrs.vmNamespaces ?? VMO_PACK.defaultVmNamespacesSince410;
    this.declaredVariables = [...(attrs.variables ?? [])];
    const lookup = new DataSpectrocloudClusterProfile(this, "Lookup", { name: this.profileName, version: this.profileVersion, context: this.context });
    this.profileId = lookup.id;
    this.resourceAddress = `data.${lookup.terraformResourceType}.${lookup.friendlyUniqueId}`;
    addProblemCheck(this, () => {
      const problems: ValidationProblem[] = [];
      if (!this.profileName.trim()) problems.push({ field: ["profileName"], message: "the profile name must not be empty; give the name shown in Palette." });
      if (!Token.isUnresolved(this.profileVersion) && !PackVersion.tryParse(this.profileVersion)) {
        problems.push({ field: ["profileVersion"], message: `"${this.profileVersion}" is not a profile version; expected MAJOR.MINOR.PATCH such as "1.0.0".` });
      }
      problems.push(...checkContext("context", attrs.context));
      return problems;
    });
  }

  public attachTo(cluster: IPaletteCluster, options: AttachOptions = {}): VmoClusterAttachment {
    return attachProfile(this, cluster, options);
  }
}
