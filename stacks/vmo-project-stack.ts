// VmoProjectStack: one Palette project's VMO profiles, attachments and bindings from a typed config.
import { Construct } from "constructs";
import {
  GoldenImage,
  IPaletteCluster,
  PaletteCluster,
  PaletteContext,
  PaletteProvider,
  PaletteTeam,
  VirtualMachine,
  VmDisk,
  VmRoleGrantSource,
  VmTemplate,
  VmoAddonProfile,
  VmoAuthentication,
  VmoChecks,
  VmoClusterAttachment,
  VmoSuppressions,
} from "../lib";
import { closest } from "../lib/private/validation";
import { TerraformOutput, TerraformStack, TerraformVariable } from "../lib/cdktf";
import { EnvironmentBackend } from "./backend";
import { pathText } from "./config/paths";
import type {
  AuthenticationConfig,
  ClusterConfig,
  VariableValue,
  VirtualMachineConfig,
  VmDiskConfig,
  VmShapeConfig,
  VmoProjectConfig,
} from "./config/project-config";
import { PROTECTED_OUTPUT } from "./outputs";

export type {
  ClusterConfig,
  GoldenImageConfig,
  TeamConfig,
  VariableValue,
  VirtualMachineConfig,
  VmTemplateConfig,
  VmoProfileConfig,
  VmoProjectConfig,
} from "./config/project-config";

/**
 * Where a construct came from in the environment file: its entry's keys, and where its props' fields live when
 * they are named differently there (the VMO pack's `version` is the profile's `vmoVersion`).
 */
export interface ConfigSource {
  readonly keys: readonly (string | number)[];
  /** Prop name -> keys below the entry; props not listed keep their name. */
  readonly fields?: { readonly [prop: string]: readonly (string | number)[] };
  /** Prop name -> the fix in the config's own terms, replacing the construct's (which speaks of code). */
  readonly fixes?: { readonly [prop: string]: string };
}

/** A problem with one config entry, found while building the stack; `keys` is its path in the environment file. */
export class ConfigEntryError extends Error {
  constructor(
    public readonly keys: readonly (string | number)[],
    message: string,
  ) {
    super(message);
    this.name = "ConfigEntryError";
  }
}

export interface VmoProjectStackProps {
  readonly config: VmoProjectConfig;
}

/** VMO for one Palette project: profiles, their attachments and role bindings, from a typed config. */
export class VmoProjectStack extends TerraformStack {
  public readonly config: VmoProjectConfig;
  public readonly backend: EnvironmentBackend;
  public readonly profiles: readonly VmoAddonProfile[];
  public readonly attachments: readonly VmoClusterAttachment[];
  /** The Palette teams this stack creates and owns. */
  public readonly teams: readonly PaletteTeam[];
  /** The VMs of every cluster, in construct-id order. */
  public readonly virtualMachines: readonly VirtualMachine[];
  /** Sensitive Terraform variables that carry secrets, by name: the pipeline sets each as TF_VAR_<name>. */
  public readonly secrets: readonly TerraformVariable[];
  /**
   * Where each profile, pack, binding layer, cluster and attachment came from in the config, by construct path,
   * so the problems they report (lib/problems) can point at the config field's line.
   */
  public readonly configSources = new Map<string, ConfigSource>();
  /** Config entries the stack skipped as malformed (a cluster by both name and uid, or by neither). */
  public readonly entryProblems: ConfigEntryError[] = [];
  /**
   * Set by the config layer (stacks/app.ts) once it reports entryProblems at their file:line; until then they are
   * validation errors of the stack, so code that builds the stack itself cannot skip a cluster silently.
   */
  public entryProblemsReported = false;
  private readonly clusters = new Map<string, IPaletteCluster>();
  /** Construct id -> the cluster identity that took it, to report two clusters rendering to one id. */
  private readonly clusterIdentities = new Map<string, string>();

  constructor(scope: Construct, id: string, props: VmoProjectStackProps) {
    super(scope, id);
    this.node.addValidation({ validate: () => (this.entryProblemsReported ? [] : this.entryProblems.map((e) => `${pathText(e.keys)}: ${e.message}`)) });
    const { config } = props;
    this.config = config;
    this.backend = new EnvironmentBackend(this, config.backend ?? { type: "local" }, id);
    const provider = new PaletteProvider(this, "Palette", { projectName: config.project.name, host: config.project.host });
    this.record(provider, ["project"], { projectName: ["name"] });

    const profiles: VmoAddonProfile[] = [];
    const attachments: VmoClusterAttachment[] = [];
    const vms: VirtualMachine[] = [];
    const secrets = new Map<string, TerraformVariable>();
    // Construct ids (and so Terraform addresses) come from config names; building in name order as well
    // makes reordering the config a no-op, byte for byte.
    const byName = config.profiles.map((p, i) => ({ p, i })).sort((a, b) => compare(a.p.name, b.p.name));
    for (const { p, i } of byName) {
      const { clusters, import: importId, suppressions, authentication, goldenImages, vmTemplates, ...profileProps } = p;
      const at = ["profiles", i];
      addressable(p.name, "profile name", [...at, "name"]);
      const profile = new VmoAddonProfile(this, `Profile-${p.name}`, {
        ...profileProps,
        authentication: authentication && this.authenticationSecrets(authentication, secrets, [...at, "authentication"]),
      });
      this.record(profile, at, undefined, { variables: "Remove defaultValue and give each cluster { secret: <terraform variable name> }." });
      this.record(profile.vmoPack, at, { version: ["vmoVersion"], tag: ["vmoVersion"] });
      if (profile.proxyPack) this.record(profile.proxyPack, [...at, "proxy"], { tag: ["version"] });
      if (profile.roleBindings) this.record(profile.roleBindings, [...at, "roleBindings"]);
      if (suppressions?.length) VmoSuppressions.addSuppressions(profile, suppressions);
      profiles.push(profile);
      const images = this.goldenImages(profile, goldenImages ?? [], at);
      const templates = this.vmTemplates(profile, vmTemplates ?? [], images, at);
      if (importId !== undefined && importId !== false) {
        profile.resource.importFrom(importId === true ? `${profile.profileName}:${profile.context}:${profile.profileVersion}` : importId);
      }
      new TerraformOutput(this, `profile-${p.name}-id`, {
        value: profile.profileId,
        description: `UID of cluster profile ${p.name} ${profile.profileVersion}`,
      });
      const byKey = (clusters ?? []).map((c, j) => ({ c, j })).sort((a, b) => compare(clusterKey(a.c), clusterKey(b.c)));
      for (const { c, j } of byKey) {
        const key = clusterKey(c);
        const at = ["profiles", i, "clusters", j];
        // The one check of name-xor-uid (environment files and code alike), collected so every entry is reported.
        if ((c.name === undefined) === (c.uid === undefined)) {
          this.entryProblems.push(
            new ConfigEntryError(
              at,
              c.name !== undefined
                ? `cluster "${c.name}" is given both by name and by uid (${c.uid}); keep one.`
                : `a cluster needs a name or a uid; give one of them.`,
            ),
          );
          continue;
        }
        if (c.name !== undefined && c.uid === undefined) addressable(c.name, "cluster name", [...at, "name"]);
        const cluster = this.cluster(key, c, at);
        // A tenant-context cluster may share its name with a project one: the context is part of its address.
        const attachId = c.context && c.context !== PaletteContext.PROJECT ? `Attach-${p.name}-${c.context}-${key}` : `Attach-${p.name}-${key}`;
        const taken = this.configSources.get(`${this.node.path}/${attachId}`);
        if (taken) {
          throw new ConfigEntryError(
            at,
            `profile "${p.name}" with cluster "${key}" and ${pathText(taken.keys)} both map to the Terraform address ${attachId}; rename the profile so that "<profile>-<cluster>" differs.`,
          );
        }
        const attachment = new VmoClusterAttachment(this, attachId, {
          profile,
          cluster,
          context: c.context,
          applySetting: c.applySetting,
          packValues: c.packValues,
          variables: c.variables && this.variableValues(c.variables, secrets, [...at, "variables"]),
          roleBindings: c.roleBindings,
          dashboardAddress: c.dashboardAddress,
          preventDestroy: c.preventDestroy,
        });
        this.record(attachment, at, undefined, { variables: "Use { secret: <terraform variable name> } and set TF_VAR_<name> in the pipeline." });
        if (c.suppressions?.length) VmoSuppressions.addSuppressions(attachment, c.suppressions);
        attachments.push(attachment);
        vms.push(
          ...this.virtualMachineEntries(
            attachment,
            c,
            c.context && c.context !== PaletteContext.PROJECT ? `Vm-${c.context}-${key}` : `Vm-${key}`,
            images,
            templates,
            secrets,
            at,
          ),
        );
      }
    }
    this.profiles = profiles;
    this.attachments = attachments;
    // Teams take their VM roles from every binding of this stack that names their group (profile-wide and
    // per-cluster), so the role is declared once; built in name order like everything else.
    const grants: VmRoleGrantSource[] = [...profiles.flatMap((p) => (p.roleBindings ? [p.roleBindings] : [])), ...attachments];
    const teams = (config.teams ?? []).map((t, i) => ({ t, i })).sort((a, b) => compare(a.t.name, b.t.name));
    this.teams = teams.map(({ t, i }) => {
      addressable(t.name, "team name", ["teams", i, "name"]);
      const team = new PaletteTeam(this, `Team-${t.name}`, {
        teamName: t.name,
        projectName: config.project.name,
        grantedBy: grants,
        members: t.members,
        roles: t.roles,
      });
      this.record(team, ["teams", i], { teamName: ["name"] });
      if (t.suppressions?.length) VmoSuppressions.addSuppressions(team, t.suppressions);
      return team;
    });
    this.virtualMachines = vms;
    this.secrets = [...secrets.values()];
    // Policy checks are on for every stack built from config; config suppressions carry their reasons.
    if (config.suppressions?.length) VmoSuppressions.addSuppressions(this, config.suppressions);
    VmoChecks.applyTo(this);
    // prevent_destroy protects only while a block is in config; removing a cluster from config would drop the
    // protection with it. The applied list in state lets `npm run plan` refuse that detach (stacks/pipeline).
    // VMs and their added disks join the list: deleting a VM deletes its disks, removing an added disk loses its data
    // (the output keeps its name: existing states carry it).
    new TerraformOutput(this, PROTECTED_OUTPUT, {
      value: [
        ...attachments.filter((a) => a.preventDestroy).map((a) => `${a.resource.terraformResourceType}.${a.resource.friendlyUniqueId}`),
        ...vms
          .filter((v) => v.preventDestroy)
          .flatMap((v) => [v.resourceAddress, ...v.addedDisks.map((d) => `${d.terraformResourceType}.${d.friendlyUniqueId}`)]),
      ].sort(),
      description: "Attachments, VMs and added disks whose prevent_destroy was applied; npm run plan refuses to detach or delete them after they leave config",
    });
  }

  private record(
    construct: { readonly node: { readonly path: string } },
    keys: readonly (string | number)[],
    fields?: ConfigSource["fields"],
    fixes?: ConfigSource["fixes"],
  ): void {
    if (!this.configSources.has(construct.node.path)) this.configSources.set(construct.node.path, { keys, fields, fixes });
  }

  /** The authentication choice with its secrets as sensitive variable references (literals reach the construct's check). */
  private authenticationSecrets(auth: AuthenticationConfig, secrets: Map<string, TerraformVariable>, at: readonly (string | number)[]): VmoAuthentication {
    const { clientSecret, localAdminPassword, ...rest } = auth;
    const given: Record<string, VariableValue> = {};
    if (clientSecret !== undefined) given.clientSecret = clientSecret;
    if (localAdminPassword !== undefined) given.localAdminPassword = localAdminPassword;
    return { ...rest, ...this.variableValues(given, secrets, at) };
  }

  /** The profile's golden images, by name; built in name order. */
  private goldenImages(profile: VmoAddonProfile, list: readonly GoldenImageConfigEntry[], at: readonly (string | number)[]): Map<string, GoldenImage> {
    const out = new Map<string, GoldenImage>();
    for (const { e, k } of list.map((e, k) => ({ e, k })).sort((a, b) => compare(a.e.name, b.e.name))) {
      const keys = [...at, "goldenImages", k];
      if (out.has(e.name))
        throw new ConfigEntryError([...keys, "name"], `golden image "${e.name}" is given twice in profile "${profile.profileName}"; names must be unique.`);
      addressable(e.name, "golden image name", [...keys, "name"]);
      const image = profile.addGoldenImage(e);
      this.record(image, keys);
      out.set(e.name, image);
    }
    return out;
  }

  /** The profile's VM templates, by name, their golden images resolved. */
  private vmTemplates(
    profile: VmoAddonProfile,
    list: readonly VmTemplateConfigEntry[],
    images: Map<string, GoldenImage>,
    at: readonly (string | number)[],
  ): Map<string, VmTemplate> {
    const out = new Map<string, VmTemplate>();
    for (const { e, k } of list.map((e, k) => ({ e, k })).sort((a, b) => compare(a.e.name, b.e.name))) {
      const keys = [...at, "vmTemplates", k];
      if (out.has(e.name))
        throw new ConfigEntryError([...keys, "name"], `VM template "${e.name}" is given twice in profile "${profile.profileName}"; names must be unique.`);
      addressable(e.name, "VM template name", [...keys, "name"]);
      const template = profile.addVmTemplate({ ...e, ...this.shape(e, images, keys, profile.profileName), cloudInit: e.cloudInit });
      this.record(template, keys);
      out.set(e.name, template);
    }
    return out;
  }

  /** A VM or template's disks with golden image names resolved to the profile's images. */
  private shape(e: VmShapeConfig, images: Map<string, GoldenImage>, keys: readonly (string | number)[], profileName: string) {
    const image = (name: string, field: readonly (string | number)[]): GoldenImage => {
      const found = images.get(name);
      if (found) return found;
      const hint = closest(name, [...images.keys()]);
      throw new ConfigEntryError(
        field,
        `profile "${profileName}" has no golden image "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}; ${images.size ? `its golden images are ${[...images.keys()].map((n) => `"${n}"`).join(", ")}` : "add it under the profile's goldenImages"}.`,
      );
    };
    const disks = (e.disks ?? []).map((d: VmDiskConfig, i): VmDisk => {
      const { goldenImage, size, storageClass, ...rest } = d.source;
      return {
        name: d.name,
        bus: d.bus,
        bootOrder: d.bootOrder,
        source:
          goldenImage !== undefined
            ? { goldenImage: { goldenImage: image(goldenImage, [...keys, "disks", i, "source", "goldenImage"]), size, storageClass } }
            : rest,
      };
    });
    return {
      cpu: e.cpu,
      memory: e.memory,
      networks: e.networks,
      disks,
      goldenImage: e.goldenImage !== undefined ? image(e.goldenImage, [...keys, "goldenImage"]) : undefined,
      rootDiskSize: e.rootDiskSize,
    };
  }

  /** The VMs of one cluster entry, depending on its attachment; ids `Vm-<cluster>-<namespace>-<name>`. */
  private virtualMachineEntries(
    attachment: VmoClusterAttachment,
    c: ClusterConfig,
    idPrefix: string,
    images: Map<string, GoldenImage>,
    templates: Map<string, VmTemplate>,
    secrets: Map<string, TerraformVariable>,
    at: readonly (string | number)[],
  ): VirtualMachine[] {
    const out: VirtualMachine[] = [];
    const entries = (c.virtualMachines ?? []).map((v, k) => ({ v, k })).sort((a, b) => compare(vmKey(a.v), vmKey(b.v)));
    for (const { v, k } of entries) {
      const keys = [...at, "virtualMachines", k];
      addressable(v.name, "VM name", [...keys, "name"]);
      const id = `${idPrefix}-${v.namespace ?? "default"}-${v.name}`;
      const taken = this.configSources.get(`${this.node.path}/${id}`);
      if (taken)
        throw new ConfigEntryError(
          keys,
          `VM "${v.name}" in namespace "${v.namespace ?? "default"}" is also given at ${pathText(taken.keys)}; a VM name is unique per cluster and namespace.`,
        );
      let template: VmTemplate | undefined;
      if (v.template !== undefined) {
        template = templates.get(v.template);
        if (!template) {
          const hint = closest(v.template, [...templates.keys()]);
          throw new ConfigEntryError(
            [...keys, "template"],
            `profile "${attachment.profile.profileName}" has no VM template "${v.template}"${hint ? ` (did you mean "${hint}"?)` : ""}; ${templates.size ? `its templates are ${[...templates.keys()].map((n) => `"${n}"`).join(", ")}` : "add it under the profile's vmTemplates"}.`,
          );
        }
      }
      const userData = v.cloudInit?.userData;
      const cloudInit = v.cloudInit && {
        ...v.cloudInit,
        userData:
          userData === undefined || typeof userData === "string" ? userData : this.variableValues({ userData }, secrets, [...keys, "cloudInit"]).userData,
      };
      const vm = new VirtualMachine(this, id, {
        ...this.shape(v, images, keys, attachment.profile.profileName),
        attachment,
        name: v.name,
        namespace: v.namespace,
        template,
        cloneFrom: v.cloneFrom,
        cloudInit,
        runStrategy: v.runStrategy,
        labels: v.labels,
        preventDestroy: v.preventDestroy,
      });
      (v.addedDisks ?? []).forEach((d, i) =>
        vm.addDisk({
          ...d,
          goldenImage:
            d.goldenImage !== undefined
              ? this.shape({ goldenImage: d.goldenImage }, images, [...keys, "addedDisks", i], attachment.profile.profileName).goldenImage
              : undefined,
        }),
      );
      this.record(
        vm,
        keys,
        { addedDisks: ["addedDisks"], disks: ["disks"] },
        { preventDestroy: "Set preventDestroy: false and suppress VMO-024 on the VM with the reason, apply, then remove it." },
      );
      if (v.suppressions?.length) VmoSuppressions.addSuppressions(vm, v.suppressions);
      out.push(vm);
    }
    return out;
  }

  /** Literal values pass through; secrets become references to one sensitive variable per name. */
  private variableValues(
    values: { readonly [name: string]: VariableValue },
    secrets: Map<string, TerraformVariable>,
    at: readonly (string | number)[],
  ): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === "string") {
        out[name] = value;
        continue;
      }
      let variable = secrets.get(value.secret);
      if (!variable) {
        if (this.node.tryFindChild(value.secret)) {
          throw new ConfigEntryError(
            [...at, name, "secret"],
            `secret "${value.secret}": the name is taken by another construct of stack ${this.node.id}; choose another variable name.`,
          );
        }
        variable = new TerraformVariable(this, value.secret, {
          type: "string",
          sensitive: true,
          nullable: false,
          description: `Secret for profile variables; the pipeline sets it as TF_VAR_${value.secret}.`,
        });
        secrets.set(value.secret, variable);
      }
      out[name] = variable.stringValue;
    }
    return out;
  }

  /** One reference per cluster and context, shared when several profiles name the same cluster. */
  private cluster(key: string, c: ClusterConfig, at: readonly (string | number)[] = []): IPaletteCluster {
    // Reuse is keyed on what identifies the cluster, not on the construct id built from it: a uid and a name
    // (or a name in two contexts) that render to the same id are different clusters and must not share a lookup.
    const identity = c.uid !== undefined ? `uid ${c.uid}` : `name ${c.name} in ${c.context ?? PaletteContext.PROJECT} context`;
    const known = this.clusters.get(identity);
    if (known) return known;
    const id = c.context && c.context !== PaletteContext.PROJECT ? `Cluster-${c.context}-${key}` : `Cluster-${key}`;
    const clash = this.clusterIdentities.get(id);
    if (clash) {
      const advice = c.uid !== undefined || clash.startsWith("uid ") ? "give the other one by uid too" : "give one of them by uid";
      throw new ConfigEntryError(at, `cluster ${identity} and cluster ${clash} map to the same construct id "${id}"; ${advice}.`);
    }
    const cluster =
      c.uid !== undefined
        ? PaletteCluster.fromClusterUid(this, id, c.uid, { context: c.context })
        : PaletteCluster.fromClusterName(this, id, c.name ?? "", { context: c.context });
    this.clusters.set(identity, cluster);
    this.record(cluster, at);
    this.clusterIdentities.set(id, identity);
    return cluster;
  }
}

/**
 * Names become construct ids and so Terraform addresses (`spectrocloud_cluster_profile.Profile-<name>_...`), which
 * cdktf builds from A-Z, a-z, 0-9, "_" and "-" only (makeUniqueId drops anything else and leans on its hash):
 * such a name would give an address nobody can read or type, so it is refused rather than silently mangled.
 */
function addressable(name: string, what: string, keys: readonly (string | number)[]): void {
  const bad = [...new Set([...name].filter((ch) => !/[A-Za-z0-9_-]/.test(ch)))];
  if (bad.length === 0 || name.trim() === "") return;
  const shown = bad.map((ch) =>
    /[\u0020-\u007e]/.test(ch) ? JSON.stringify(ch) : `${JSON.stringify(ch)} (U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")})`,
  );
  throw new ConfigEntryError(
    keys,
    `${what} ${JSON.stringify(name)} holds ${shown.join(", ")}, which a Terraform address cannot carry (cdktf keeps only A-Z, a-z, 0-9, "_" and "-" and would drop the rest); rename it using only those characters.`,
  );
}

type GoldenImageConfigEntry = NonNullable<VmoProjectConfig["profiles"][number]["goldenImages"]>[number];
type VmTemplateConfigEntry = NonNullable<VmoProjectConfig["profiles"][number]["vmTemplates"]>[number];

function vmKey(v: VirtualMachineConfig): string {
  return `${v.namespace ?? "default"}/${v.name}`;
}

function clusterKey(c: ClusterConfig): string {
  return c.name ?? c.uid ?? "";
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
