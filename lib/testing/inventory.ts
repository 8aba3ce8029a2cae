/**
 * The inventory file format: what a consumer writes to describe the simulated Palette the offline provider
 * serves (projects, registries, packs, clusters, existing cluster profiles, users, roles, teams made elsewhere). The format is versioned, so an
 * inventory written for another release of this package fails with "format N, expected M" instead of a crash
 * deep inside a plan; fixtures/inventory.schema.json is generated from `InventoryFile` (npm run
 * inventory-schema) and a test keeps it current.
 */
import * as fs from "node:fs";

// The simulated Palette's records, as an inventory file states them (palette.ts reads them).
export interface InventoryProject {
  name: string;
  uid: string;
}
export interface InventoryRegistry {
  uid: string;
  name: string;
  /** spectro | helm | oci */
  kind: string;
  syncSupported?: boolean;
  isPrivate?: boolean;
}
export interface InventoryPack {
  name: string;
  /** Registry name. */
  registry: string;
  type?: string;
  layer?: string;
  cloudTypes?: string[];
  values?: string;
  versions: { version: string; uid: string; values?: string }[];
}
export interface InventoryCluster {
  uid: string;
  name: string;
  project?: string;
  context?: string;
  virtual?: boolean;
  state?: string;
  health?: string;
  timezone?: string;
}
/** A Palette user (tenant-wide), looked up by e-mail (data.spectrocloud_user). */
export interface InventoryUser {
  uid: string;
  email: string;
  name?: string;
}
/** A Palette role (tenant-wide), looked up by name or UID (data.spectrocloud_role). */
export interface InventoryRole {
  uid: string;
  name: string;
  /** project | tenant | resource */
  scope?: string;
  permissions?: string[];
}
/** A team that exists before any apply (made in the UI or by another stack); its name is taken tenant-wide. */
export interface InventoryTeam {
  uid: string;
  name: string;
  /** User UIDs. */
  users?: string[];
  /** Project role mappings: project UID and role UIDs. */
  projectRoles?: { project: string; roles: string[] }[];
}
export interface ProfilePack {
  name: string;
  tag: string | null;
  type: string;
  uid: string;
  registry_uid: string | null;
  values: string | null;
  manifest: { name: string; content: string; uid: string }[];
}
export interface ClusterProfileRecord {
  uid: string;
  name: string;
  version: string;
  context: string;
  project?: string;
  cloud?: string;
  type?: string;
  description?: string | null;
  tags?: string[] | null;
  packs: ProfilePack[];
  /** Declared profile variables (GetProfileVariables), in the provider's `profile_variables.variable` shape. */
  variables?: ProfileVariableRecord[];
  /** Bumped by every in-place update (PUT + publish); a cluster template with a lower one has a pending update. */
  revision?: number;
  /** Full Terraform state of a profile created through apply, used for import. */
  state?: Record<string, unknown>;
}
export interface ProfileVariableRecord {
  name: string;
  default_value?: string | null;
  is_sensitive?: boolean;
  [field: string]: unknown;
}
/** A VM made outside Terraform (in the UI, say): a source for `base_vm_name` clones. */
export interface InventoryVirtualMachine {
  /** UID of the cluster it runs on (an inventory cluster). */
  clusterUid: string;
  name: string;
  /** @default "default" */
  namespace?: string;
  /** KubeVirt `spec.runStrategy`. @default "Always" */
  runStrategy?: string;
  labels?: Record<string, string>;
  /** The VM's template spec in the provider's `spectrocloud_virtual_machine` attribute shape (disk, interface, resources, ...). */
  spec?: Record<string, unknown>;
}
export interface Inventory {
  projects: InventoryProject[];
  registries: InventoryRegistry[];
  packs: InventoryPack[];
  clusters: InventoryCluster[];
  clusterProfiles: ClusterProfileRecord[];
  users: InventoryUser[];
  roles: InventoryRole[];
  teams: InventoryTeam[];
  virtualMachines?: InventoryVirtualMachine[];
}
/** The inventory format this release reads. Bump it whenever a change to `InventoryFile` breaks old files. */
export const INVENTORY_FORMAT = 1;

/**
 * A simulated Palette inventory (JSON or YAML).
 * @title palette-vmo-cdktf offline provider inventory
 */
export interface InventoryFile {
  /** JSON Schema reference for editors, e.g. "node_modules/palette-vmo-cdktf/dist/testing/fixtures/inventory.schema.json". */
  $schema?: string;
  /** A free-text comment. */
  "//"?: string;
  /** Inventory format version; files without it are read as format 1. */
  format?: typeof INVENTORY_FORMAT;
  /** Palette projects, looked up by name (the provider block's project_name). */
  projects?: InventoryProject[];
  /** Pack registries, looked up by name or UID. */
  registries?: InventoryRegistry[];
  /** Packs with their versions, looked up by name, version and registry. */
  packs?: InventoryPack[];
  /** Existing clusters, looked up by name (data.spectrocloud_cluster) or UID. */
  clusters?: InventoryCluster[];
  /** Cluster profiles that exist before any apply (e.g. made in the UI), for import and data sources. */
  clusterProfiles?: ClusterProfileRecord[];
  /** Palette users, looked up by e-mail. */
  users?: InventoryUser[];
  /** Palette roles, looked up by name or UID. */
  roles?: InventoryRole[];
  /** Teams made elsewhere: readable and importable, and their names cannot be created again. */
  teams?: InventoryTeam[];
  /** VMs that exist before any apply, on clusters that run VMO (sources for `base_vm_name` clones). */
  virtualMachines?: InventoryVirtualMachine[];
}

/** A malformed inventory file: names the file, the JSON path and the fix. */
export class InventoryError extends Error {
  override readonly name = "InventoryError";
}

type Check = "string" | "boolean" | "string[]" | "array";
/** Required (name!) and optional fields of each list's entries; what a lookup would otherwise trip over. */
const ENTRY_FIELDS: Record<string, Record<string, Check>> = {
  projects: { "name!": "string", "uid!": "string" },
  registries: { "uid!": "string", "name!": "string", "kind!": "string", syncSupported: "boolean", isPrivate: "boolean" },
  packs: { "name!": "string", "registry!": "string", type: "string", layer: "string", cloudTypes: "string[]", values: "string", "versions!": "array" },
  clusters: {
    "uid!": "string",
    "name!": "string",
    project: "string",
    context: "string",
    virtual: "boolean",
    state: "string",
    health: "string",
    timezone: "string",
  },
  clusterProfiles: { "uid!": "string", "name!": "string", "version!": "string", "context!": "string", "packs!": "array" },
  users: { "uid!": "string", "email!": "string", name: "string" },
  roles: { "uid!": "string", "name!": "string", scope: "string", permissions: "string[]" },
  teams: { "uid!": "string", "name!": "string", users: "string[]", projectRoles: "array" },
  virtualMachines: { "clusterUid!": "string", "name!": "string", namespace: "string", runStrategy: "string" },
};
const TOP_LEVEL = new Set(["$schema", "//", "format", ...Object.keys(ENTRY_FIELDS)]);

function typeOf(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

function matches(v: unknown, check: Check): boolean {
  if (check === "string[]") return Array.isArray(v) && v.every((x) => typeof x === "string");
  if (check === "array") return Array.isArray(v);
  return typeof v === check;
}

/** Checks a parsed inventory document and returns it as the simulator's `Inventory`; throws InventoryError. */
export function parseInventory(doc: unknown, file: string): Inventory {
  const fail = (where: string, message: string): never => {
    throw new InventoryError(`offline provider: inventory ${file}: ${where}: ${message}`);
  };
  if (typeOf(doc) !== "object") fail("(root)", `expected an object with projects, registries, packs and clusters, found ${typeOf(doc)}`);
  const d = doc as Record<string, unknown>;
  const format = d.format ?? 1;
  if (format !== INVENTORY_FORMAT) {
    fail(
      "format",
      `format ${JSON.stringify(format)}, expected ${INVENTORY_FORMAT}: this release of palette-vmo-cdktf reads inventory format ${INVENTORY_FORMAT}; ` +
        "rewrite the file against dist/testing/fixtures/inventory.schema.json (the packaged fixtures/inventory.json is an example)",
    );
  }
  for (const key of Object.keys(d)) {
    if (!TOP_LEVEL.has(key)) fail(key, `unknown key; allowed: ${[...TOP_LEVEL].join(", ")}`);
  }
  for (const [list, fields] of Object.entries(ENTRY_FIELDS)) {
    const entries = d[list];
    if (entries === undefined) continue;
    if (!Array.isArray(entries)) fail(list, `expected a list, found ${typeOf(entries)}`);
    (entries as unknown[]).forEach((entry, i) => {
      if (typeOf(entry) !== "object") fail(`${list}[${i}]`, `expected an object, found ${typeOf(entry)}`);
      const e = entry as Record<string, unknown>;
      for (const [spec, check] of Object.entries(fields)) {
        const required = spec.endsWith("!");
        const field = required ? spec.slice(0, -1) : spec;
        if (e[field] === undefined) {
          if (required) fail(`${list}[${i}].${field}`, `missing; expected a ${check}`);
          continue;
        }
        if (!matches(e[field], check)) fail(`${list}[${i}].${field}`, `expected a ${check}, found ${typeOf(e[field])} ${JSON.stringify(e[field])}`);
      }
    });
  }
  return {
    projects: (d.projects as Inventory["projects"]) ?? [],
    registries: (d.registries as Inventory["registries"]) ?? [],
    packs: (d.packs as Inventory["packs"]) ?? [],
    clusters: (d.clusters as Inventory["clusters"]) ?? [],
    clusterProfiles: (d.clusterProfiles as Inventory["clusterProfiles"]) ?? [],
    users: (d.users as Inventory["users"]) ?? [],
    roles: (d.roles as Inventory["roles"]) ?? [],
    teams: (d.teams as Inventory["teams"]) ?? [],
    virtualMachines: (d.virtualMachines as Inventory["virtualMachines"]) ?? [],
  };
}

/** Reads and checks an inventory file (JSON, or YAML by extension). */
export function readInventoryFile(file: string): Inventory {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new InventoryError(`offline provider: inventory ${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let doc: unknown;
  try {
    // yaml is loaded only for YAML inventories: a plugin launch stays cheap.
    doc = /\.ya?ml$/i.test(file) ? (require("yaml") as typeof import("yaml")).parse(text) : JSON.parse(text);
  } catch (err) {
    throw new InventoryError(`offline provider: inventory ${file}: not valid ${/\.ya?ml$/i.test(file) ? "YAML" : "JSON"}: ${(err as Error).message}`);
  }
  return parseInventory(doc, file);
}
