/**
 * The simulated Palette, which holds the truth rather than Terraform's state: a read-only inventory fixture
 * (projects, registries, packs, clusters, profiles made by hand) plus a JSON state file with what the API
 * calls changed: cluster profiles (UID, published version, packs, variables, a revision bumped by every
 * in-place update) and, per cluster, the profile templates it runs (version, revision and content) and its
 * variable values per profile. Lookups fail with the real provider's wording
 * (spectrocloud/terraform-provider-spectrocloud v0.29.9 and palette-sdk-go).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ENV, defaultInventoryPath } from "./assets";
import { readInventoryFile } from "./inventory";
import type {
  ClusterProfileRecord,
  Inventory,
  InventoryCluster,
  InventoryPack,
  InventoryRegistry,
  InventoryRole,
  InventoryUser,
  ProfilePack,
} from "./inventory";

export type {
  ClusterProfileRecord,
  Inventory,
  InventoryCluster,
  InventoryPack,
  InventoryProject,
  InventoryRegistry,
  InventoryRole,
  InventoryTeam,
  InventoryUser,
  ProfilePack,
  ProfileVariableRecord,
} from "./inventory";

/** A profile as one cluster runs it (`Spec.ClusterProfileTemplates`): the version and content of the revision it got. */
export interface ClusterTemplate {
  uid: string;
  name: string;
  version: string;
  revision: number;
  packs: ProfilePack[];
}
/** What Palette knows about one cluster beyond the inventory: attached profiles and variable values per profile. */
export interface ClusterRuntime {
  uid: string;
  templates: ClusterTemplate[];
  /** Profile UID -> variable name -> value, as set by the profiles PATCH. */
  variables: Record<string, Record<string, string>>;
}
/** A team as Palette holds it (V1Team plus its role associations), tenant-wide. */
export interface TeamRecord {
  uid: string;
  name: string;
  /** User UIDs (`Spec.Users`). */
  users: string[];
  /** GetTeamProjectRoleAssociation: project UID -> role UIDs. */
  projectRoles: { project: string; roles: string[] }[];
  /** GetTeamTenantRoleAssociation: role UIDs. */
  tenantRoles: string[];
  /** GetTeamWorkspaceRoleAssociation: project UID -> workspace UID -> role UIDs. */
  workspaceRoles: { project: string; workspaces: { uid: string; roles: string[] }[] }[];
  /** From the inventory: made elsewhere, read-only offline. */
  inventory?: boolean;
}
export interface SimState {
  clusterProfiles: ClusterProfileRecord[];
  clusters: ClusterRuntime[];
  teams: TeamRecord[];
  /** KubeVirt VirtualMachines on the clusters, as the Palette VM API holds them (palette-vms.ts). */
  vms: VmRecord[];
}

/** A KubeVirt data volume of a VM: one of `spec.dataVolumeTemplates`, from the VM itself or added by `addVolume`. */
export interface VmDataVolume {
  name: string;
  namespace: string;
  /** The template's `metadata` and `spec` blocks, in the provider's schema shape (canonical quantities). */
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
  /** Added through the add-volume API (spectrocloud_datavolume), not in the VM's own config. */
  hotplugged: boolean;
}

/** One KubeVirt VirtualMachine on a cluster, in a namespace (V1ClusterVirtualMachine, as the simulator keeps it). */
export interface VmRecord {
  clusterUid: string;
  namespace: string;
  name: string;
  uid: string;
  resourceVersion: number;
  generation: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** `spec.runStrategy` ("" when unset) and `spec.running`. */
  runStrategy: string;
  running: boolean;
  /** `status.printableStatus`: Running, Stopped, Paused. */
  printableStatus: string;
  /** The template spec attributes in the provider's flattened schema shape (disk, interface, resources, ...). */
  spec: Record<string, unknown>;
  dataVolumes: VmDataVolume[];
}

/** A failure that the real provider reports as a diagnostic (summary, optional detail). */
export class PaletteError extends Error {
  constructor(
    readonly summary: string,
    readonly detail = "",
    /** The state a resource keeps despite the error (the provider set its id before failing); none: not created. */
    readonly partialState?: Record<string, unknown>,
  ) {
    super(detail ? `${summary}: ${detail}` : summary);
  }
}

/** 24 lowercase hex characters, Palette's UID shape, derived from the given parts (never random). */
export function fakeUid(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 24);
}

let inventory: Inventory | undefined;

export function loadInventory(): Inventory {
  inventory ??= readInventoryFile(defaultInventoryPath());
  return inventory;
}

export function statePath(): string {
  return process.env[ENV.state] || path.join(os.tmpdir(), "palette-vmo-offline-provider", "palette-state.json");
}

export function readState(): SimState {
  const file = statePath();
  // A missing file is an empty Palette; a corrupt one is an error, not a silent reset of everything applied.
  if (!fs.existsSync(file)) return { clusterProfiles: [], clusters: [], teams: [], vms: [] };
  let doc: Partial<SimState>;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`simulated Palette state ${file} is not valid JSON (${(err as Error).message}); fix or delete it.`);
  }
  return { clusterProfiles: doc.clusterProfiles ?? [], clusters: doc.clusters ?? [], teams: doc.teams ?? [], vms: doc.vms ?? [] };
}

/**
 * What GetClusterProfileManifestPack answers when the add-on deployment read asks for manifest content with
 * its own id (`<cluster>_<profile>`) where a profile UID is expected: "not-found" (a 404, palette-sdk-go
 * client/pack.go returns no content; the default) or "error" (any other failure). Real Palette's answer is
 * not known offline, so both are modelled and our stacks must be clean under each.
 */
export type ManifestFetchOutcome = "not-found" | "error";
export function manifestFetchOutcome(): ManifestFetchOutcome {
  const v = process.env[ENV.manifestFetch] ?? "";
  if (v === "" || v === "not-found") return "not-found";
  if (v === "error") return "error";
  throw new Error(`${ENV.manifestFetch}=${v}: expected "not-found" or "error"`);
}

/** Read-modify-write of the state file. Node runs one handler at a time, so a launch never interleaves with itself. */
export function updateState(change: (s: SimState) => void): void {
  const s = readState();
  change(s);
  const file = statePath();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(s, null, 2) + "\n");
  fs.renameSync(tmp, file);
}

export function projectUid(name: string): string {
  const p = loadInventory().projects.find((x) => x.name === name);
  if (!p) throw new PaletteError(`project '${name}' not found`);
  return p.uid;
}

/** GetPackRegistryCommonByName and the helm/oci variants, by registry kind ("" = any). */
export function registryByName(name: string, kind = ""): InventoryRegistry {
  const matches = loadInventory().registries.filter((r) => r.name === name && (!kind || r.kind === kind));
  if (matches.length === 0) throw new PaletteError(`registry '${name}' not found`);
  if (matches.length > 1) throw new PaletteError(`multiple registries found with name '${name}'`);
  return matches[0];
}

export function registryByUid(uid: string): InventoryRegistry | undefined {
  return loadInventory().registries.find((r) => r.uid === uid);
}

export interface PackVersion {
  pack: InventoryPack;
  registry: InventoryRegistry;
  version: string;
  uid: string;
  values: string;
}

export function allPackVersions(): PackVersion[] {
  const inv = loadInventory();
  return inv.packs.flatMap((pack) => {
    const registry = inv.registries.find((r) => r.name === pack.registry);
    if (!registry) return [];
    return pack.versions.map((v) => ({ pack, registry, version: v.version, uid: v.uid, values: v.values ?? pack.values ?? "" }));
  });
}

/** Compares dotted versions numerically (4.10.7 > 4.9.9); non-numeric parts compare as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? "0";
    const y = pb[i] ?? "0";
    const nx = Number(x);
    const ny = Number(y);
    const c = !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return 0;
}

export function clusterByUid(uid: string): InventoryCluster | undefined {
  return loadInventory().clusters.find((c) => c.uid === uid && c.state !== "Deleted");
}

/** GetClusterByName: exactly one cluster with that name in the scope, else "expected 1 cluster: got N". */
export function clusterByName(name: string, virtual: boolean, context: string, project: string): InventoryCluster {
  const found = loadInventory().clusters.filter(
    (c) =>
      c.name === name &&
      !!c.virtual === virtual &&
      c.state !== "Deleted" &&
      (context === "tenant" ? true : (c.context ?? "project") === "project" && (c.project ?? "Default") === project),
  );
  if (found.length !== 1) throw new PaletteError(`expected 1 cluster: got ${found.length}`);
  return found[0];
}

/** Cluster profiles visible in a context: the inventory's plus those apply created. */
export function clusterProfiles(context: string, project: string): ClusterProfileRecord[] {
  const all = [...loadInventory().clusterProfiles, ...readState().clusterProfiles];
  return all.filter((p) => (p.context ?? "project") === context && (context !== "project" || (p.project ?? "Default") === project));
}

export function clusterProfileByUid(uid: string): ClusterProfileRecord | undefined {
  return [...readState().clusterProfiles, ...loadInventory().clusterProfiles].find((p) => p.uid === uid);
}

/** Every team in the tenant: those the inventory says exist, then those apply created. */
export function allTeams(): TeamRecord[] {
  const made: TeamRecord[] = loadInventory().teams.map((t) => ({
    uid: t.uid,
    name: t.name,
    users: t.users ?? [],
    projectRoles: t.projectRoles ?? [],
    tenantRoles: [],
    workspaceRoles: [],
    inventory: true,
  }));
  return [...made, ...readState().teams];
}

/** GetUserByEmail (palette-sdk-go client/user.go): the first user whose e-mail matches exactly. */
export function userByEmail(email: string): InventoryUser {
  const u = loadInventory().users.find((x) => x.email === email);
  if (!u) throw new PaletteError(`user with email '${email}' not found`);
  return u;
}

export function userByUid(uid: string): InventoryUser | undefined {
  return loadInventory().users.find((x) => x.uid === uid);
}

/** GetRole (client/role.go): lists the tenant's roles and returns the first of that name. */
export function roleByName(name: string): InventoryRole {
  const r = loadInventory().roles.find((x) => x.name === name);
  if (!r) throw new PaletteError(`role '${name}' not found`);
  return r;
}

export function roleByUid(uid: string): InventoryRole | undefined {
  return loadInventory().roles.find((x) => x.uid === uid);
}

export function projectByUid(uid: string): { name: string; uid: string } | undefined {
  return loadInventory().projects.find((x) => x.uid === uid);
}
