// PaletteTeam: a Palette team (spectrocloud_team) holding the Palette roles paired with a group's VM role.
import { createHash } from "node:crypto";
import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "./cdktf";
import { brand, isBranded } from "./private/brand";
import { hasControlCharacter, quoted } from "./private/kubernetes-names";
import { ValidationProblem, addProblemCheck } from "./problems";
import { DataSpectrocloudProject, DataSpectrocloudRole, DataSpectrocloudUser, Team } from "./provider";
import { IVmRoleBindings, SubjectKind, VmRole, VmRoleBinding } from "./vm-role-bindings";
import { VmoClusterAttachment } from "./vmo-cluster-attachment";

/** The Palette (project-scope) roles that docs/docs-content/vm-management/rbac/vm-roles-permissions.md names. */
export enum PaletteRole {
  VM_ADMIN = "Virtual Machine Admin",
  VM_POWER_USER = "Virtual Machine Power User",
  VM_USER = "Virtual Machine User",
  VM_VIEWER = "Virtual Machine Viewer",
  CLUSTER_ADMIN = "Cluster Admin",
  CLUSTER_EDITOR = "Cluster Editor",
  CLUSTER_VIEWER = "Cluster Viewer",
  CLUSTER_PROFILE_ADMIN = "Cluster Profile Admin",
  CLUSTER_PROFILE_EDITOR = "Cluster Profile Editor",
}

/**
 * The Palette roles each `spectro-vm-*` ClusterRole pairs with: the "Palette Role" column of the table in
 * librarium docs/docs-content/vm-management/rbac/vm-roles-permissions.md. Each entry is one requirement, met by
 * any role of the list ("Cluster Admin or Editor"); the first is what a team gets by default, ordered least
 * privilege first (the docs list Admin first). The last requirement is always the `Virtual Machine ...` role.
 */
export const PALETTE_ROLES_FOR_VM_ROLE: { readonly [role in VmRole]: readonly (readonly PaletteRole[])[] } = {
  [VmRole.ADMIN]: [
    [PaletteRole.CLUSTER_EDITOR, PaletteRole.CLUSTER_ADMIN],
    [PaletteRole.CLUSTER_PROFILE_EDITOR, PaletteRole.CLUSTER_PROFILE_ADMIN],
    [PaletteRole.VM_ADMIN],
  ],
  [VmRole.POWER_USER]: [[PaletteRole.CLUSTER_VIEWER], [PaletteRole.VM_POWER_USER]],
  [VmRole.USER]: [[PaletteRole.CLUSTER_VIEWER], [PaletteRole.VM_USER]],
  [VmRole.VIEWER]: [[PaletteRole.CLUSTER_VIEWER], [PaletteRole.VM_VIEWER]],
};

/** The `Virtual Machine ...` Palette role of a `spectro-vm-*` ClusterRole. */
export function paletteVmRole(role: VmRole): PaletteRole {
  const requirements = PALETTE_ROLES_FOR_VM_ROLE[role];
  return requirements[requirements.length - 1][0];
}

/** The default Palette roles for a set of VM roles: the first choice of every requirement, sorted, de-duplicated. */
export function defaultPaletteRoles(vmRoles: readonly VmRole[]): PaletteRole[] {
  return [...new Set(vmRoles.flatMap((r) => PALETTE_ROLES_FOR_VM_ROLE[r].map((choices) => choices[0])))].sort();
}

/**
 * The requirements `roles` leaves unmet: for each `Virtual Machine ...` role it holds, the paired roles
 * (vm-roles-permissions.md) of which it holds none. One definition for the construct and rule VMO-018.
 */
export function unpairedPaletteRoles(roles: readonly string[]): { vmRole: VmRole; missing: readonly PaletteRole[] }[] {
  const held = new Set(roles);
  const out: { vmRole: VmRole; missing: readonly PaletteRole[] }[] = [];
  for (const vmRole of Object.values(VmRole)) {
    if (!held.has(paletteVmRole(vmRole))) continue;
    for (const choices of PALETTE_ROLES_FOR_VM_ROLE[vmRole]) if (!choices.some((c) => held.has(c))) out.push({ vmRole, missing: choices });
  }
  return out;
}

/** Where a team's VM role is declared: a profile's role bindings, or an attachment's per-cluster bindings. */
export type VmRoleGrantSource = IVmRoleBindings | VmoClusterAttachment;

export interface PaletteTeamProps {
  /**
   * The team's name in Palette. With Palette as the cluster's OIDC issuer the groups claim carries the user's
   * Palette team names, so this is the name of the `Group` subject the bindings give (before any groupPrefix,
   * which the API server adds to the claim value). Sources: librarium user-management/users-and-teams.md ("User
   * permissions are determined by the Palette team to which users are mapped"), and Spectro Cloud's vmo-ns-mgmt
   * pack, whose `groups` lists are "Palette Teams (case sensitive!)" bound as Group subjects; no page states the
   * claim's content outright, so this is inferred.
   */
  readonly teamName: string;
  /** The Palette project whose `project_role_mapping` holds the roles (the stack's project). */
  readonly projectName: string;
  /**
   * The bindings that name the team's group: each VM role bound to `Group <teamName>` there gives the team the
   * Palette roles paired with it (PALETTE_ROLES_FOR_VM_ROLE).
   */
  readonly grantedBy: readonly VmRoleGrantSource[];
  /**
   * Members, by the e-mail they log in to Palette with (looked up with data.spectrocloud_user).
   * @default - no members (the team is empty until someone is added here)
   */
  readonly members?: readonly string[];
  /**
   * The Palette roles, replacing the defaults derived from the bindings (e.g. Cluster Admin instead of Cluster
   * Editor for a VM admin); rule VMO-018 refuses a `Virtual Machine ...` role without its paired roles.
   * @default - defaultPaletteRoles() of the VM roles the bindings give the group
   */
  readonly roles?: readonly string[];
}

/** A Palette team this stack owns, as rules and other constructs see it. */
export interface IPaletteTeam extends IConstruct {
  /** The team's name in Palette (tenant-wide). */
  readonly teamName: string;
  /** The VM roles the bindings give the team's group, sorted. */
  readonly vmRoles: readonly VmRole[];
  /** The Palette roles of its project role mapping, sorted. */
  readonly roles: readonly string[];
  /** Members' e-mails, sorted. */
  readonly members: readonly string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * A Palette team created and owned by this stack: a `spectrocloud_team` whose one `project_role_mapping` (the
 * stack's project) holds the Palette roles paired with the VM roles its group is bound to, and whose users are
 * looked up by e-mail. The provider's team resource owns the whole team (resource_team.go: Update re-sends the
 * name, the users and every role mapping; Delete deletes the team; the client is tenant-scoped), so there is no
 * `fromTeamName()`: a team made elsewhere is never edited, and creating one whose name exists fails.
 */
export class PaletteTeam extends Construct implements IPaletteTeam {
  /** Whether `x` is a PaletteTeam, also one made by another copy of this library. */
  public static isPaletteTeam(x: unknown): x is PaletteTeam {
    return isBranded(x, "PaletteTeam");
  }

  public readonly teamName: string;
  public readonly vmRoles: readonly VmRole[];
  public readonly roles: readonly string[];
  public readonly members: readonly string[];
  public readonly resource: Team;

  constructor(scope: Construct, id: string, props: PaletteTeamProps) {
    super(scope, id);
    this.teamName = props.teamName;
    const granted = new Set<VmRole>();
    for (const source of props.grantedBy) {
      for (const binding of bindingsOf(source)) {
        if (isVmRole(binding.role) && binding.subjects.some((s) => s.kind === SubjectKind.GROUP && s.name === props.teamName)) granted.add(binding.role);
      }
    }
    this.vmRoles = [...granted].sort();
    this.roles = props.roles ? [...new Set(props.roles)].sort() : defaultPaletteRoles(this.vmRoles);
    this.members = [...new Set(props.members ?? [])].sort();

    const stack = TerraformStack.of(this);
    const project = shared(stack, addressId("PaletteProject", props.projectName), (s, i) => new DataSpectrocloudProject(s, i, { name: props.projectName }));
    const roleIds = this.roles.map((r) => shared(stack, addressId("PaletteRole", r), (s, i) => new DataSpectrocloudRole(s, i, { name: r })).id);
    const userIds = this.members.map((e) => shared(stack, addressId("PaletteUser", e), (s, i) => new DataSpectrocloudUser(s, i, { email: e })).id);
    this.resource = new Team(this, "Resource", {
      name: props.teamName,
      users: userIds,
      projectRoleMapping: this.roles.length ? [{ id: project.id, roles: roleIds }] : undefined,
    });

    addProblemCheck(this, () => this.problems(props));
  }

  private problems(props: PaletteTeamProps): ValidationProblem[] {
    const out: ValidationProblem[] = [];
    if (!props.teamName.trim() || hasControlCharacter(props.teamName)) {
      out.push({ field: ["teamName"], message: `team name ${quoted(props.teamName)} must be a non-empty name without control characters.` });
      return out;
    }
    if (this.vmRoles.length === 0) {
      out.push({
        field: ["teamName"],
        message: `no VM role binding names Group ${quoted(props.teamName)}, so the team would get no VM role.`,
        fix: `Bind Group ${quoted(props.teamName)} to a spectro-vm-* role in the profile's (or a cluster's) roleBindings, or remove the team.`,
      });
    }
    if (props.roles && props.roles.length === 0) {
      out.push({ field: ["roles"], message: "an empty role list grants nothing.", fix: "Leave roles out to get the roles the bindings imply." });
    }
    (props.members ?? []).forEach((m, i) => {
      if (!EMAIL.test(m))
        out.push({ field: ["members", i], message: `${quoted(m)} is not an e-mail address; Palette users are looked up by their login e-mail.` });
    });
    return out;
  }
}
brand(PaletteTeam, "PaletteTeam");

function bindingsOf(source: VmRoleGrantSource): readonly VmRoleBinding[] {
  return VmoClusterAttachment.isVmoClusterAttachment(source) ? (source.options.roleBindings ?? []) : source.bindings;
}

function isVmRole(role: string): role is VmRole {
  return (Object.values(VmRole) as string[]).includes(role);
}

/**
 * A construct id that is also a readable Terraform address: cdktf keeps only A-Z, a-z, 0-9, "_" and "-", so a
 * name with other characters gets them as "_" plus a hash of the name (a.b@x and a_b@x stay two lookups).
 */
function addressId(prefix: string, name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]/g, "_");
  return safe === name ? `${prefix}-${name}` : `${prefix}-${safe}-${createHash("sha256").update(name).digest("hex").slice(0, 8)}`;
}

/** One lookup per stack for a name several teams share (aws-cdk's singleton pattern). */
function shared<T extends Construct>(stack: Construct, id: string, make: (scope: Construct, id: string) => T): T {
  return (stack.node.tryFindChild(id) as T | undefined) ?? make(stack, id);
}
