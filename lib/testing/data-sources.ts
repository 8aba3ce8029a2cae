/**
 * Data sources the project reads, as their provider files look them up at v0.29.9: data_source_project.go,
 * data_source_registry.go, data_source_cluster.go (GetClusterByName: exactly one), data_source_cluster_profile.go
 * (by id, or name + version in a context), data_source_pack.go (name / filters / advance_filters, latest version
 * when none is given, "Multiple packs returned"), data_source_pack_simple.go, data_source_role.go (by id, or by
 * name: client/role.go GetRole, the first of that name) and data_source_user.go (by e-mail: client/user.go
 * GetUserByEmail, exact match). Other types get deterministic fakes.
 */
import { Obj, Value, isObj } from "./cty";
import {
  PaletteError,
  allPackVersions,
  clusterByName,
  clusterProfiles,
  compareVersions,
  fakeUid,
  projectUid,
  readState,
  registryByName,
  registryByUid,
  roleByName,
  roleByUid,
  userByEmail,
} from "./palette";
import { ProviderSettings, str } from "./resources/common";
import { profilePacksValue } from "./resources/packs";

/** Data-source reads of the types this project uses; others get deterministic fakes. */
export const DATA_SOURCES: Record<string, (config: Obj, settings: ProviderSettings) => Obj> = {
  spectrocloud_project: (c) => {
    if (typeof c.name !== "string" || !c.name) return c;
    return { ...c, id: projectUid(c.name), name: c.name };
  },

  // GetRoleByID's 404 goes through handleReadError (id cleared, no error); GetRole fails "role '<name>' not found".
  spectrocloud_role: (c) => {
    let role = undefined;
    if (str(c.id)) {
      role = roleByUid(str(c.id));
      if (!role) return { ...c, id: "" };
    }
    if (str(c.name)) role = roleByName(str(c.name));
    if (!role) return c;
    return { ...c, id: role.uid, name: role.name, permissions: role.permissions ?? [] };
  },

  // Only the e-mail branch reads; an id alone is left as given. "user with email '<e>' not found" is a plain error.
  spectrocloud_user: (c) => {
    if (!str(c.email)) return c;
    const u = userByEmail(str(c.email));
    return { ...c, id: u.uid, email: u.email };
  },

  spectrocloud_registry: (c) => {
    const type = str(c.type);
    const r = registryByName(str(c.name), type === "spectro" ? "" : type);
    return { ...c, id: r.uid, name: r.name, sync_status: r.kind === "helm" && type === "helm" ? "Completed" : null };
  },

  spectrocloud_cluster: (c, s) => {
    const cl = clusterByName(str(c.name), c.virtual === true, str(c.context) || "project", s.projectName);
    const kube = (role: string) =>
      `apiVersion: v1\nkind: Config\nclusters:\n- name: ${cl.name}\n  cluster:\n    server: https://${cl.uid}.offline.palette.invalid:6443\ncontexts:\n- name: ${cl.name}-${role}\n  context:\n    cluster: ${cl.name}\n    user: ${role}\ncurrent-context: ${cl.name}-${role}\nusers:\n- name: ${role}\n  user:\n    token: fake-${fakeUid("kubeconfig", cl.uid, role)}\n`;
    return {
      ...c,
      id: cl.uid,
      name: cl.name,
      kube_config: kube("user"),
      admin_kube_config: kube("admin"),
      state: cl.state ?? "Running",
      health: cl.health ?? null,
      cluster_timezone: cl.timezone ?? null,
    };
  },

  spectrocloud_cluster_profile: (c, s) => {
    const context = str(c.context) || "project";
    const version = str(c.version) || "1.0.0";
    const candidates = clusterProfiles(context, s.projectName);
    const byId = typeof c.id === "string" && c.id ? [...readState().clusterProfiles, ...candidates].find((p) => p.uid === c.id) : undefined;
    const p =
      byId ??
      (typeof c.name === "string" ? candidates.find((x) => x.name === c.name && (x.version === version || (!x.version && version === "1.0.0"))) : undefined);
    if (!p) throw new PaletteError(`cluster profile not found: name: ${str(c.name)}, version: ${version}, context: ${context}`);
    return { ...c, id: p.uid, name: p.name, version: p.version, context: p.context, pack: p.packs.length ? profilePacksValue(p) : null };
  },

  spectrocloud_pack: (c) => {
    const type = str(c.type);
    if (type === "manifest") return c;
    if (type === "oci" && str(c.registry_uid)) return c;
    if (type === "helm" && str(c.registry_uid) && registryByUid(str(c.registry_uid))?.isPrivate) return c;
    const rawName = str(c.name);
    const name = rawName.includes("--") ? rawName.split("--")[1] : rawName;
    const registryUid = str(c.registry_uid);
    let candidates = allPackVersions();
    if (str(c.id)) candidates = candidates.filter((v) => v.uid === c.id);
    else if (str(c.filters)) candidates = candidates.filter((v) => matchesFilters(str(c.filters), v.pack.name, v.version));
    else {
      candidates = candidates.filter((v) => v.pack.name === name && (!registryUid || v.registry.uid === registryUid));
      const advanced = Array.isArray(c.advance_filters) ? c.advance_filters[0] : null;
      if (isObj(advanced)) candidates = candidates.filter((v) => matchesAdvanced(advanced, v.pack));
      if (str(c.version)) candidates = candidates.filter((v) => v.version === c.version);
      else if (candidates.length) {
        const latest = candidates
          .map((v) => v.version)
          .sort(compareVersions)
          .pop();
        candidates = candidates.filter((v) => v.version === latest);
      }
      if (Array.isArray(c.cloud) && c.cloud.length) {
        const clouds = new Set([...c.cloud.map(String), "all"]);
        candidates = candidates.filter((v) => (v.pack.cloudTypes ?? ["all"]).some((t) => clouds.has(t)));
      }
    }
    const label = rawName || "unknown";
    if (candidates.length === 0) throw new PaletteError(`${label}: no matching packs`, "No packs matching criteria found");
    if (candidates.length > 1) {
      const byRegistry = [...new Map(candidates.map((v) => [v.registry.uid, v.pack.name])).entries()].sort(([a], [b]) => (a < b ? -1 : 1));
      throw new PaletteError(
        `${label}: Multiple packs returned`,
        `Found ${candidates.length} matching packs. Restrict packs criteria to a single match. map[${byRegistry.map(([k, v]) => `${k}:${v}`).join(" ")}]`,
      );
    }
    const v = candidates[0];
    return { ...c, id: v.uid, name: v.pack.name, cloud: v.pack.cloudTypes ?? ["all"], version: v.version, registry_uid: v.registry.uid, values: v.values };
  },

  spectrocloud_pack_simple: (c) => {
    const type = str(c.type);
    if (type === "manifest") return c;
    const registryUid = str(c.registry_uid);
    if (!registryUid) throw new PaletteError("No registry uid provided.", `Registry uid is required for pack name:${str(c.name)}, type:${type} `);
    const version = str(c.version) || "1.0.0";
    const v = allPackVersions().find((x) => x.pack.name === c.name && x.registry.uid === registryUid && x.version === version);
    // Not found clears the id without an error, as the provider's handleReadError does for a 404.
    return { ...c, id: v ? v.uid : "", values: v ? v.values : null };
  },
};

/** The subset of Palette's pack search filter language fixtures need: `spec.name=X AND spec.version=Y`. */
function matchesFilters(filters: string, name: string, version: string): boolean {
  return filters.split(/\s+AND\s+/i).every((term) => {
    const [k, v] = term.split("=").map((s) => s.trim());
    if (k === "spec.name") return name === v;
    if (k === "spec.version") return version === v;
    return true;
  });
}

function matchesAdvanced(f: Obj, pack: { type?: string; layer?: string; cloudTypes?: string[] }): boolean {
  const list = (v: Value) => (Array.isArray(v) ? v.map(String) : []);
  const types = list(f.pack_type);
  const layers = list(f.pack_layer);
  const envs = list(f.environment);
  if (types.length && !types.includes(pack.type ?? "spectro")) return false;
  if (layers.length && !layers.includes(pack.layer ?? "addon")) return false;
  if (envs.length && !(pack.cloudTypes ?? ["all"]).some((t) => envs.includes(t))) return false;
  return true;
}
