// VM role bindings: Kubernetes (Cluster)RoleBindings for the spectro-vm-* roles, as a manifest of the VMO profile's manifest layer.
import { Construct } from "constructs";
import { stringify } from "yaml";
import { Annotations, Token } from "./cdktf";
import type { PackManifest } from "./pack-layer";
import { expectedOneOf } from "./private/validation";
import {
  DNS1123_LABEL_RULE,
  DNS1123_SUBDOMAIN_RULE,
  PATH_SEGMENT_RULE,
  hasControlCharacter,
  isDns1123Label,
  isDns1123Subdomain,
  isPathSegmentName,
  quoted,
} from "./private/kubernetes-names";
import { ValidationProblem, addProblemCheck, problemText } from "./problems";
import { YAML_OUTPUT } from "./values";
import { IVmoManifestContributor, IVmoManifestHost, ManifestOrder } from "./vmo-manifest-layer";
import { brand, isBranded } from "./private/brand";

/** The ClusterRoles the VMO pack installs. */
export enum VmRole {
  ADMIN = "spectro-vm-admin",
  POWER_USER = "spectro-vm-power-user",
  USER = "spectro-vm-user",
  VIEWER = "spectro-vm-viewer",
}

/** Kubernetes' default roles, which the docs accept in place of the VM roles (console access needs them). */
export enum KubernetesRole {
  CLUSTER_ADMIN = "cluster-admin",
  ADMIN = "admin",
  EDIT = "edit",
  VIEW = "view",
}

/** @internal The enum's values, for the library's own checks (users have the enum). */
export const BINDABLE_ROLES: readonly string[] = [...Object.values(VmRole), ...Object.values(KubernetesRole)];

export enum SubjectKind {
  USER = "User",
  /** A group as the identity provider names it in the groups claim. */
  GROUP = "Group",
  SERVICE_ACCOUNT = "ServiceAccount",
}

/** @internal The enum's values, for the library's own checks (users have the enum). */
export const SUBJECT_KINDS: readonly string[] = Object.values(SubjectKind);

export interface RoleSubject {
  readonly kind: SubjectKind;
  /** User: the login (Palette: the e-mail). Group: the IdP group. ServiceAccount: its name. */
  readonly name: string;
  /**
   * Required for service accounts.
   * @default - none
   */
  readonly namespace?: string;
}

export interface VmRoleBinding {
  /** A VmRole or KubernetesRole value. */
  readonly role: VmRole | KubernetesRole;
  readonly subjects: readonly RoleSubject[];
  /**
   * Bind in these namespaces only (one RoleBinding each).
   * @default - cluster wide (a ClusterRoleBinding), unless allVmNamespaces is set
   */
  readonly namespaces?: readonly string[];
  /**
   * Bind in every VM namespace of the pinned VMO version (`default` and `virtual-machines`, or the values'
   * `vmEnabledNamespaces`).
   * @default false
   */
  readonly allVmNamespaces?: boolean;
}

/**
 * The scopes a binding grants in: each VM namespace (`allVmNamespaces`), each listed namespace, or `[undefined]`
 * for cluster wide. One definition for the renderer and the policy rules.
 */
export function bindingScopes(binding: Pick<VmRoleBinding, "allVmNamespaces" | "namespaces">, vmNamespaces: readonly string[]): (string | undefined)[] {
  if (binding.allVmNamespaces) return [...vmNamespaces];
  return binding.namespaces?.length ? [...binding.namespaces] : [undefined];
}

export interface RoleBindingRenderOptions {
  /**
   * Prefix for Group subjects, mirroring the API server's `--oidc-groups-prefix` (e.g. "oidc:").
   * @default - none
   */
  readonly groupPrefix?: string;
  /**
   * Prefix for User subjects, mirroring the API server's `--oidc-username-prefix` (named after that flag; it was
   * `userPrefix` before 0.2, renamed while the library is pre-1.0).
   * @default - none
   */
  readonly usernamePrefix?: string;
}

export interface RenderedRoleBindings {
  /** Multi-document YAML, empty when there are no bindings. */
  readonly yaml: string;
  /** The problems, each naming its field (`bindings[0].namespaces[1]`). */
  readonly problems: ValidationProblem[];
  /** The problems as text. */
  readonly errors: string[];
  /** Namespaces bound to that are not VM namespaces. */
  readonly nonVmNamespaces: string[];
}

interface BindingKey {
  role: string;
  namespace?: string;
}

/**
 * Renders bindings as ClusterRoleBinding/RoleBinding YAML. Bindings of the same role and scope merge into one
 * object; subjects are sorted and de-duplicated, so the output does not depend on input order.
 */
export function renderRoleBindings(
  bindings: readonly VmRoleBinding[],
  options: RoleBindingRenderOptions & { readonly vmNamespaces: readonly string[]; readonly field?: string },
): RenderedRoleBindings {
  const field = options.field ?? "bindings";
  const problems: ValidationProblem[] = [];
  const problem = (at: readonly (string | number)[], message: string, fix?: string) => problems.push({ field: [field, ...at], message, fix });
  const groups = new Map<string, { key: BindingKey; subjects: Map<string, Record<string, string>> }>();
  const nonVm = new Set<string>();

  bindings.forEach((binding, i) => {
    if (!BINDABLE_ROLES.includes(binding.role)) {
      problem([i, "role"], `"${binding.role}" is not a role this library binds; ${expectedOneOf(String(binding.role), BINDABLE_ROLES)}.`);
      return;
    }
    const nameProblem = roleBindingNameProblem(binding.role);
    if (nameProblem) {
      problem([i, "role"], nameProblem);
      return;
    }
    if (!binding.subjects || binding.subjects.length === 0) {
      problem([i, "subjects"], `binding for "${binding.role}" has no subjects; add at least one user, group or service account.`);
      return;
    }
    if (binding.allVmNamespaces && binding.namespaces?.length) {
      problem([i], `give either namespaces or allVmNamespaces, not both.`);
      return;
    }
    const namespaces = bindingScopes(binding, options.vmNamespaces);
    let badNamespace = false;
    namespaces.forEach((ns, j) => {
      if (ns !== undefined && !Token.isUnresolved(ns) && !isDns1123Label(ns)) {
        // allVmNamespaces expands the VMO values' vmEnabledNamespaces: the namespace is not this binding's field.
        const at = binding.allVmNamespaces ? [i, "allVmNamespaces"] : [i, "namespaces", j];
        problem(at, `namespace ${quoted(ns)} is not a valid Kubernetes namespace name; ${DNS1123_LABEL_RULE}.`);
        badNamespace = true;
      }
      if (ns !== undefined && !options.vmNamespaces.includes(ns)) nonVm.add(ns);
    });
    if (badNamespace) return;
    const subjects: Record<string, string>[] = [];
    binding.subjects.forEach((s, j) => {
      const sat = [i, "subjects", j];
      if (!SUBJECT_KINDS.includes(s.kind)) {
        problem([...sat, "kind"], `"${s.kind}" is not a subject kind; ${expectedOneOf(String(s.kind), SUBJECT_KINDS)}.`);
        return;
      }
      if (!s.name || !s.name.trim()) {
        problem([...sat, "name"], `must not be empty; give the ${s.kind} name.`);
        return;
      }
      if (s.kind === SubjectKind.SERVICE_ACCOUNT && !s.namespace) {
        problem([...sat, "namespace"], `ServiceAccount "${s.name}" needs its namespace.`);
        return;
      }
      if (s.kind !== SubjectKind.SERVICE_ACCOUNT && s.namespace) {
        problem([...sat, "namespace"], `only ServiceAccount subjects take a namespace; remove it from ${s.kind} "${s.name}".`);
        return;
      }
      if (s.kind === SubjectKind.SERVICE_ACCOUNT) {
        if (!Token.isUnresolved(s.name) && !isDns1123Subdomain(s.name)) {
          problem([...sat, "name"], `ServiceAccount name ${quoted(s.name)} is not valid; ${DNS1123_SUBDOMAIN_RULE}.`);
          return;
        }
        if (!Token.isUnresolved(s.namespace as string) && !isDns1123Label(s.namespace as string)) {
          problem(
            [...sat, "namespace"],
            `ServiceAccount namespace ${quoted(s.namespace as string)} is not a valid Kubernetes namespace name; ${DNS1123_LABEL_RULE}.`,
          );
          return;
        }
      } else if (hasControlCharacter(s.name)) {
        // Kubernetes takes any non-empty User or Group name; no identity provider issues one with a control
        // character, and a newline would turn the subject into two lines a reviewer reads as one.
        problem(
          [...sat, "name"],
          `${s.kind} name ${quoted(s.name)} holds a control character (a newline or tab among them); no identity provider issues such a name. Remove it.`,
        );
        return;
      }
      subjects.push(renderSubject(s, options));
    });
    for (const ns of namespaces) {
      const id = `${ns ?? ""}/${binding.role}`;
      let group = groups.get(id);
      if (!group) {
        group = { key: { role: binding.role, namespace: ns }, subjects: new Map() };
        groups.set(id, group);
      }
      for (const subject of subjects) group.subjects.set(`${subject.kind}/${subject.namespace ?? ""}/${subject.name}`, subject);
    }
  });

  const docs = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .filter(([, g]) => g.subjects.size > 0)
    .map(([, g]) =>
      bindingObject(
        g.key,
        [...g.subjects.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s),
      ),
    );
  const yaml = docs.map((d) => stringify(d, YAML_OUTPUT)).join("---\n");
  return { yaml, problems, errors: problems.map(problemText), nonVmNamespaces: [...nonVm].sort() };
}

/** The name of the (Cluster)RoleBinding a role's bindings merge into. */
export function roleBindingName(role: string): string {
  return `vmo-${role}`;
}

/** Why the binding name derived from `role` would be refused by Kubernetes, or undefined. */
export function roleBindingNameProblem(role: string): string | undefined {
  const name = roleBindingName(role);
  if (isPathSegmentName(name) && name.length <= 253 && !hasControlCharacter(name)) return undefined;
  return `the RoleBinding name ${quoted(name)} derived from role ${quoted(role)} is not valid; ${PATH_SEGMENT_RULE}.`;
}

/** Problems with the subject prefixes, which are prepended to every User or Group name. */
export function prefixProblems(options: RoleBindingRenderOptions): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  for (const key of ["groupPrefix", "usernamePrefix"] as const) {
    const value = options[key];
    if (value !== undefined && hasControlCharacter(value)) {
      out.push({
        field: [key],
        message: `${quoted(value)} holds a control character (a newline or tab among them); it would be prepended to every subject name. Use the API server's --oidc-${key === "groupPrefix" ? "groups" : "username"}-prefix value exactly.`,
      });
    }
  }
  return out;
}

function renderSubject(s: RoleSubject, options: RoleBindingRenderOptions): Record<string, string> {
  const prefix = s.kind === SubjectKind.GROUP ? options.groupPrefix : s.kind === SubjectKind.USER ? options.usernamePrefix : undefined;
  const name = prefix && !s.name.startsWith(prefix) ? `${prefix}${s.name}` : s.name;
  return s.kind === SubjectKind.SERVICE_ACCOUNT
    ? { kind: s.kind, name, namespace: s.namespace as string }
    : { kind: s.kind, apiGroup: "rbac.authorization.k8s.io", name };
}

function bindingObject(key: BindingKey, subjects: Record<string, string>[]): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    name: roleBindingName(key.role),
    ...(key.namespace ? { namespace: key.namespace } : {}),
    labels: { "app.kubernetes.io/managed-by": "palette-vmo-cdktf" },
  };
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: key.namespace ? "RoleBinding" : "ClusterRoleBinding",
    metadata,
    subjects,
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: key.role },
  };
}

/** What VmRoleBindings needs from the profile it joins. */
export interface IRoleBindingsHost extends IVmoManifestHost {
  readonly vmNamespaces: readonly string[];
}

export interface VmRoleBindingsProps extends RoleBindingRenderOptions {
  /** The VMO profile whose manifest layer carries the bindings. */
  readonly profile: IRoleBindingsHost;
  readonly bindings: readonly VmRoleBinding[];
  /**
   * Name of the manifest in the profile's manifest layer, unique within it.
   * @default VmRoleBindings.MANIFEST_NAME ("vm-role-bindings")
   */
  readonly manifestName?: string;
}

/** The role bindings (a manifest of the profile's manifest layer) as attachments and the policy rules see them. */
export interface IVmRoleBindings extends IVmoManifestContributor {
  /** The manifest's name in the layer. */
  readonly manifestName: string;
  /** The profile-wide bindings. */
  readonly bindings: readonly VmRoleBinding[];
  /** The VM namespaces `allVmNamespaces` expands to. */
  readonly vmNamespaces: readonly string[];
  /**
   * The prefixes prepended to Group and User subjects (the VMO values must mirror them, rule VMO-016).
   * @default - none
   */
  readonly prefixes?: RoleBindingRenderOptions;
  /** The manifest for the profile's bindings plus `extra` (a cluster's own), with the problems found. */
  render(extra: readonly VmRoleBinding[], field?: string): RenderedRoleBindings;
  /** The bindings manifest for the profile's bindings plus `extra` (a cluster's own). */
  manifestsWith(extra: readonly VmRoleBinding[]): PackManifest[];
}

/**
 * VM role bindings delivered by Palette in the VMO profile's manifest layer: the clusters are not managed by this
 * Terraform, so Palette applies (and re-applies, on repave) the bindings together with VMO itself.
 */
export class VmRoleBindings extends Construct implements IVmRoleBindings {
  /** Whether `x` is a VmRoleBindings, also one made by another copy of this library (a brand, not `instanceof`). */
  public static isVmRoleBindings(x: unknown): x is VmRoleBindings {
    return isBranded(x, "VmRoleBindings");
  }

  public static readonly MANIFEST_NAME = "vm-role-bindings";
  public readonly manifestOrder = ManifestOrder.ROLE_BINDINGS;
  public readonly manifestName: string;
  public readonly bindings: readonly VmRoleBinding[];
  private readonly host: IRoleBindingsHost;
  private readonly renderOptions: RoleBindingRenderOptions;
  public readonly prefixes: RoleBindingRenderOptions;

  constructor(scope: Construct, id: string, props: VmRoleBindingsProps) {
    super(scope, id);
    this.manifestName = props.manifestName ?? VmRoleBindings.MANIFEST_NAME;
    this.bindings = [...props.bindings];
    this.host = props.profile;
    this.renderOptions = { groupPrefix: props.groupPrefix, usernamePrefix: props.usernamePrefix };
    this.prefixes = this.renderOptions;
    addProblemCheck(this, () => {
      const rendered = this.render([]);
      // Bindings go only where namespaces exist; the layer creates no Namespace objects: a namespace owned by this
      // manifest would share its lifecycle (removed with the layer or the profile, with every VM inside it).
      if (rendered.nonVmNamespaces.length > 0) {
        Annotations.of(this).addWarning(
          `bindings: namespaces ${rendered.nonVmNamespaces.map((n) => `"${n}"`).join(", ")} are not created by this VMO version ` +
            `(it sets up ${this.host.vmNamespaces.join(", ")}); the API server refuses a RoleBinding into a namespace that does not exist, ` +
            `which fails this manifest layer. Make sure they exist before the profile is applied (create them outside this profile), ` +
            `or list them in the VMO values' vmEnabledNamespaces.`,
        );
      }
      const empty: ValidationProblem[] =
        this.bindings.length === 0 ? [{ field: ["bindings"], message: "no bindings given; add at least one or leave roleBindings out." }] : [];
      return [...empty, ...prefixProblems(this.renderOptions), ...rendered.problems];
    });
    props.profile.addManifestContributor(this);
  }

  /** Contributors of one kind keep the order they joined in (stable sort): the profile's own joins first. */
  public get manifestSortKey(): string {
    return "";
  }

  public get manifests(): readonly PackManifest[] {
    return this.manifestsWith([]);
  }

  public manifestsWith(extra: readonly VmRoleBinding[]): PackManifest[] {
    return [{ name: this.manifestName, content: this.render(extra).yaml }];
  }

  /** The VM namespaces of the host profile, which `allVmNamespaces` bindings expand to. */
  public get vmNamespaces(): readonly string[] {
    return this.host.vmNamespaces;
  }

  /** Renders these bindings plus `extra` ones (per-cluster additions); `field` names the extra ones in errors. */
  public render(extra: readonly VmRoleBinding[], field = "bindings"): RenderedRoleBindings {
    if (extra.length === 0) return renderRoleBindings(this.bindings, { ...this.renderOptions, vmNamespaces: this.host.vmNamespaces });
    const extraCheck = renderRoleBindings(extra, { ...this.renderOptions, vmNamespaces: this.host.vmNamespaces, field });
    const all = renderRoleBindings([...this.bindings, ...extra], { ...this.renderOptions, vmNamespaces: this.host.vmNamespaces });
    return { yaml: all.yaml, problems: extraCheck.problems, errors: extraCheck.errors, nonVmNamespaces: all.nonVmNamespaces };
  }
}
brand(VmRoleBindings, "VmRoleBindings");
