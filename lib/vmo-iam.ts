// VMO IAM (pack 4.10+): the VMO role each VM role binding grants, rendered as a manifest of the profile's manifest
// layer that extends the four built-in VmoRole resources, the layer installed after the VMO pack has created their CRD.
import { Construct } from "constructs";
import { stringify } from "yaml";
import { INSTALL_PRIORITY_KEY, crdProvidingPack, installPriorityOf } from "./pack-kinds";
import { IVmoManifestContributor, ManifestOrder } from "./vmo-manifest-layer";
import type { PackManifest } from "./pack-layer";
import { ValidationProblem, addProblemCheck } from "./problems";
import { ValuesObject, YAML_OUTPUT, getPath } from "./values";
import { BINDABLE_ROLES, IVmRoleBindings, KubernetesRole, SUBJECT_KINDS, SubjectKind, VmRole, VmRoleBinding, bindingScopes } from "./vm-role-bindings";
import { VMO_PACK } from "./versions";
import { IVmoPack, VmoValuesLayout } from "./vmo-pack";
import { brand, isBranded } from "./private/brand";

/**
 * The four built-in VMO IAM roles, by the name of their `VmoRole` resource (vmo-pack/configure-external-oidc.md,
 * "VMO IAM Roles": `vmo-platform-admin`, `vmo-editor`, `vmo-operator`, `vmo-viewer`).
 */
export enum VmoIamRole {
  PLATFORM_ADMIN = "vmo-platform-admin",
  EDITOR = "vmo-editor",
  OPERATOR = "vmo-operator",
  VIEWER = "vmo-viewer",
}

/** Facts about the VmoRole resources, each with its source; one place so a doc change is one edit. */
export const VMO_IAM = {
  /**
   * VMO Manager's CRDs are in `virtualization.spectrocloud.com/v1beta1` (vm-launchpad/system/audit.md names the
   * group for `VmoAuditEvent`; VMO Manager is the service behind VM Launchpad, vmo-pack/upgrade-vmo-pack.md).
   * Inferred for VmoRole: no page prints a VmoRole manifest.
   */
  apiVersion: "virtualization.spectrocloud.com/v1beta1",
  /** The kind as VMO Manager spells its CRDs (VmoAuditEvent, VmoRole); the docs' prose writes "VMORole". */
  kind: "VmoRole",
  /** `kubectl --namespace vm-dashboard edit vmorole vmo-platform-admin` (configure-external-oidc.md). */
  namespace: VMO_PACK.namespace,
  /**
   * The group mappings VMO Manager seeds (configure-external-oidc.md, "VMO IAM Roles"); kept in every list this
   * library writes ("keep the seeded default").
   */
  seededGroups: {
    [VmoIamRole.PLATFORM_ADMIN]: "cluster-admins",
    [VmoIamRole.EDITOR]: "vmo-editors",
    [VmoIamRole.OPERATOR]: "vmo-operators",
    [VmoIamRole.VIEWER]: "cluster-viewers",
  } as Readonly<Record<VmoIamRole, string>>,
  /** The roles' names in the VMO UI. */
  displayNames: {
    [VmoIamRole.PLATFORM_ADMIN]: "Platform Admin",
    [VmoIamRole.EDITOR]: "Editor",
    [VmoIamRole.OPERATOR]: "Operator",
    [VmoIamRole.VIEWER]: "Viewer",
  } as Readonly<Record<VmoIamRole, string>>,
} as const;

/** The VMO IAM roles in the order they are rendered. */
export const VMO_IAM_ROLES: readonly VmoIamRole[] = [VmoIamRole.PLATFORM_ADMIN, VmoIamRole.EDITOR, VmoIamRole.OPERATOR, VmoIamRole.VIEWER];

/**
 * The VMO role a binding of each Kubernetes role grants: the largest VMO role whose actions that Kubernetes role
 * accepts, so the UI never offers what the API server refuses.
 * - `spectro-vm-*`: VMO's fixed pairing "Platform Admin = spectro-vm-admin, Editor = spectro-vm-power-user,
 *   Operator = spectro-vm-user, Viewer = spectro-vm-viewer" (vm-launchpad/access-management/users.md, groups.md,
 *   vmo-roles.md: "The mapping is fixed").
 * - `cluster-admin` -> Platform Admin and `view` -> Viewer: the seeded groups pair them by name (`cluster-admins`,
 *   `cluster-viewers`, configure-external-oidc.md); cluster-admin backs every Platform Admin action, including the
 *   cluster-wide Settings pages.
 * - `admin` and `edit` -> Editor: both write VMs in every namespace they are bound in (KubeVirt aggregates its roles
 *   into them), but neither reaches the cluster-scoped resources behind Platform Admin's Settings and
 *   Infrastructure pages ("Cluster-wide Settings pages require both layers", configure-external-oidc.md).
 */
export const VMO_ROLE_FOR_BINDING_ROLE: Readonly<Record<VmRole | KubernetesRole, VmoIamRole>> = {
  [VmRole.ADMIN]: VmoIamRole.PLATFORM_ADMIN,
  [VmRole.POWER_USER]: VmoIamRole.EDITOR,
  [VmRole.USER]: VmoIamRole.OPERATOR,
  [VmRole.VIEWER]: VmoIamRole.VIEWER,
  [KubernetesRole.CLUSTER_ADMIN]: VmoIamRole.PLATFORM_ADMIN,
  [KubernetesRole.ADMIN]: VmoIamRole.EDITOR,
  [KubernetesRole.EDIT]: VmoIamRole.EDITOR,
  [KubernetesRole.VIEW]: VmoIamRole.VIEWER,
};

/** Why a bound subject gets no VMO IAM mapping. */
export enum VmoIamGap {
  /** VMO IAM maps only groups and users (`groupMappings`, `userMappings`). */
  SERVICE_ACCOUNT = "service-account",
  /** `oidc.k8sNotFederated: true`: namespace-scoped RoleBindings stop limiting VM writes, so no platform-wide role. */
  NAMESPACE_SCOPE_NOT_FEDERATED = "namespace-scope-not-federated",
  /** The profile writes no VMO IAM mappings (`vmoIamMappings: false`). */
  MAPPINGS_OFF = "mappings-off",
}

/** One subject of one binding and what VMO IAM makes of it. */
export interface VmoIamGrant {
  /** The binding's index in its list. */
  readonly index: number;
  readonly kind: SubjectKind;
  /** As the binding names it (prefix included if written so). */
  readonly name: string;
  /**
   * ServiceAccounts only.
   * @default - none
   */
  readonly namespace?: string;
  readonly bindingRole: string;
  /** The namespaces the Kubernetes binding is limited to; undefined for cluster wide. */
  readonly namespaces?: readonly string[];
  /** The name VMO IAM matches: the IdP's group or user claim value, without the API server's prefix. */
  readonly iamName: string;
  /**
   * The VMO role granted.
   * @default - none: see `gap`
   */
  readonly vmoRole?: VmoIamRole;
  /**
   * Why there is no VMO role.
   * @default - none: the subject is mapped
   */
  readonly gap?: VmoIamGap;
  /** A seeded group mapping already grants this VMO role (the group is named e.g. `cluster-admins`). */
  readonly seeded: boolean;
}

export interface VmoIamOptions {
  /**
   * The API server's `--oidc-groups-prefix`, stripped from group names VMO IAM matches.
   * @default - none
   */
  readonly groupPrefix?: string;
  /**
   * The API server's `--oidc-username-prefix`, stripped from user names VMO IAM matches.
   * @default - none
   */
  readonly usernamePrefix?: string;
  /** What `allVmNamespaces` expands to. */
  readonly vmNamespaces: readonly string[];
  /**
   * `oidc.k8sNotFederated` of the VMO values.
   * @default false
   */
  readonly k8sNotFederated?: boolean;
  /**
   * Whether mappings are written at all.
   * @default true
   */
  readonly enabled?: boolean;
}

/**
 * What VMO IAM makes of each bound subject. Bindings the role-bindings renderer rejects (unknown roles or kinds,
 * empty names, both scopes) are skipped: their errors are reported once, there.
 */
export function vmoIamGrants(bindings: readonly VmRoleBinding[], options: VmoIamOptions): VmoIamGrant[] {
  const out: VmoIamGrant[] = [];
  bindings.forEach((b, index) => {
    if (!BINDABLE_ROLES.includes(b.role) || !b.subjects?.length || (b.allVmNamespaces && b.namespaces?.length)) return;
    const scopes = bindingScopes(b, options.vmNamespaces);
    const namespaces = scopes[0] === undefined ? undefined : (scopes as string[]);
    for (const s of b.subjects) {
      if (!SUBJECT_KINDS.includes(s.kind) || !s.name || !s.name.trim()) continue;
      const prefix = s.kind === SubjectKind.GROUP ? options.groupPrefix : s.kind === SubjectKind.USER ? options.usernamePrefix : undefined;
      const iamName = prefix && s.name.startsWith(prefix) ? s.name.slice(prefix.length) : s.name;
      const role = VMO_ROLE_FOR_BINDING_ROLE[b.role];
      const base = { index, kind: s.kind, name: s.name, namespace: s.namespace, bindingRole: b.role, namespaces, iamName };
      const seeded = s.kind === SubjectKind.GROUP && VMO_IAM.seededGroups[role] === iamName;
      let gap: VmoIamGap | undefined;
      if (s.kind === SubjectKind.SERVICE_ACCOUNT) gap = VmoIamGap.SERVICE_ACCOUNT;
      else if (options.enabled === false) gap = VmoIamGap.MAPPINGS_OFF;
      else if (namespaces && options.k8sNotFederated) gap = VmoIamGap.NAMESPACE_SCOPE_NOT_FEDERATED;
      out.push(gap && !seeded ? { ...base, gap, seeded } : { ...base, vmoRole: role, seeded });
    }
  });
  return out;
}

/** The four VmoRole objects: each keeps its seeded group and adds the mapped groups and users, sorted and unique. */
export function renderVmoIamRoles(grants: readonly VmoIamGrant[]): string {
  const docs = VMO_IAM_ROLES.map((role) => {
    const groups = new Set<string>([VMO_IAM.seededGroups[role]]);
    const users = new Set<string>();
    for (const g of grants) {
      if (g.vmoRole !== role) continue;
      if (g.kind === SubjectKind.GROUP) groups.add(g.iamName);
      else if (g.kind === SubjectKind.USER) users.add(g.iamName);
    }
    const seededFirst = [VMO_IAM.seededGroups[role], ...[...groups].filter((n) => n !== VMO_IAM.seededGroups[role]).sort()];
    return {
      apiVersion: VMO_IAM.apiVersion,
      kind: VMO_IAM.kind,
      metadata: { name: role, namespace: VMO_IAM.namespace },
      spec: { groupMappings: seededFirst, userMappings: [...users].sort() },
    };
  });
  return docs.map((d) => stringify(d, YAML_OUTPUT)).join("---\n");
}

/** The VMO pack facts the IAM layer needs. */
export type IVmoIamHost = Pick<IVmoPack, "values" | "layout" | "packName">;

/** `oidc.k8sNotFederated` in VMO 4.10 values (configure-external-oidc.md, "Configure Non-Federated Kubernetes API Servers"). */
export function k8sNotFederated(values: ValuesObject): boolean {
  return getPath(values, ["charts", "virtual-machine-orchestrator", "vmo-manager", "oidc", "k8sNotFederated"]) === true;
}

export interface VmoIamMappingsProps {
  /** The role bindings the mappings are derived from (same subjects, same prefixes) and travel with. */
  readonly roleBindings: IVmRoleBindings;
  /** The VMO pack of the same profile: its install priority orders the layer, its values say k8sNotFederated. */
  readonly vmoPack: IVmoIamHost;
}

/** The VMO IAM mappings as attachments and the policy rules see them. */
export interface IVmoIamMappings extends IVmoManifestContributor {
  readonly roleBindings: IVmRoleBindings;
  /** What VMO IAM makes of the profile's bindings plus `extra` (a cluster's own). */
  grants(extra?: readonly VmRoleBinding[]): VmoIamGrant[];
  /** As grants, for `bindings` alone (their indexes are theirs). */
  grantsOf(bindings: readonly VmRoleBinding[]): VmoIamGrant[];
  /** The VmoRole manifest for the profile's bindings plus `extra`. */
  manifest(extra?: readonly VmRoleBinding[]): PackManifest;
}

/**
 * The VMO IAM mappings of a profile's role bindings. They extend the four built-in VmoRole resources with the bound
 * groups (`spec.groupMappings`) and users (`spec.userMappings`), each list keeping its seeded group
 * (configure-external-oidc.md, "Grant Access to Groups"; no pack value holds these mappings,
 * vmo-pack/vmo-pack-parameters.md), and own those two lists: mappings added in the VMO UI are replaced when Palette
 * re-applies the layer.
 *
 * They travel as a manifest of the profile's one manifest layer (lib/vmo-manifest-layer.ts), after the bindings:
 * a VmoRole is a custom resource, and that layer installs at the VMO pack's priority plus 10, after VMO has created
 * the CRD (and the VM namespaces).
 */
export class VmoIamMappings extends Construct implements IVmoIamMappings {
  /** Whether `x` is a VmoIamMappings, also one made by another copy of this library (a brand, not `instanceof`). */
  public static isVmoIamMappings(x: unknown): x is VmoIamMappings {
    return isBranded(x, "VmoIamMappings");
  }

  public static readonly MANIFEST_NAME = "vmo-iam-roles";
  public readonly manifestOrder = ManifestOrder.VMO_IAM;
  public readonly manifestSortKey = "";
  public readonly roleBindings: IVmRoleBindings;
  private readonly host: IVmoIamHost;

  constructor(scope: Construct, id: string, props: VmoIamMappingsProps) {
    super(scope, id);
    this.roleBindings = props.roleBindings;
    this.host = props.vmoPack;
    addProblemCheck(this, () => this.validate());
  }

  public get manifests(): readonly PackManifest[] {
    return [this.manifest()];
  }

  /** What VMO IAM makes of the profile's bindings plus `extra` (a cluster's own). */
  public grants(extra: readonly VmRoleBinding[] = []): VmoIamGrant[] {
    return vmoIamGrants([...this.roleBindings.bindings, ...extra], this.grantOptions());
  }

  /** As grants, for `bindings` alone (their indexes are theirs), for findings about a cluster's own bindings. */
  public grantsOf(bindings: readonly VmRoleBinding[]): VmoIamGrant[] {
    return vmoIamGrants(bindings, this.grantOptions());
  }

  /** The VmoRole manifest; `extra` adds per-cluster bindings. */
  public manifest(extra: readonly VmRoleBinding[] = []): PackManifest {
    return { name: VmoIamMappings.MANIFEST_NAME, content: renderVmoIamRoles(this.grants(extra)) };
  }

  private validate(): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    if (this.host.layout !== VmoValuesLayout.DEPLOYMENT_MODE) {
      problems.push({
        field: ["vmoPack"],
        message: `VMO IAM (VmoRole resources) exists from VMO ${VMO_PACK.deploymentModeLayoutSince}; the pinned VMO pack uses the legacy layout, where these mappings would fail to apply.`,
        fix: "Turn the VMO IAM mappings off, or pin VMO 4.10 or later.",
      });
    }
    if (installPriorityOf(this.host.values) === undefined) {
      problems.push({
        field: ["vmoPack"],
        message: `the VMO pack's pack."${INSTALL_PRIORITY_KEY}" is not an integer, so the VMO IAM mappings cannot be ordered after it.`,
        fix: 'Give the VMO pack an integer install priority such as "90".',
      });
    }
    // The table and the kind must agree, or the order above would not be the one the CRD needs.
    if (crdProvidingPack(VMO_IAM.apiVersion) !== this.host.packName) {
      problems.push({
        field: ["vmoPack"],
        message: `no known pack "${this.host.packName}" provides ${VMO_IAM.kind} (${VMO_IAM.apiVersion}).`,
        fix: `Attach the mappings to the ${VMO_PACK.name} pack, whose installation brings the ${VMO_IAM.kind} CRD, or set roleBindings.vmoIamMappings to false.`,
      });
    }
    return problems;
  }

  private grantOptions(): VmoIamOptions {
    return {
      groupPrefix: this.roleBindings.prefixes?.groupPrefix,
      usernamePrefix: this.roleBindings.prefixes?.usernamePrefix,
      vmNamespaces: this.roleBindings.vmNamespaces,
      k8sNotFederated: k8sNotFederated(this.host.values),
    };
  }
}
brand(VmoIamMappings, "VmoIamMappings");
