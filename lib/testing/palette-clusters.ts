/**
 * Palette's side of attaching profiles to clusters, in the simulated Palette: the profiles PATCH
 * (palette-sdk-go client/addon_deployment_update.go CreateAddonDeployment / UpdateAddonDeployment), the
 * profiles DELETE, cluster variables (GetClusterVariables), pending updates after an in-place profile
 * update (librarium clusters/cluster-management/update-k8s-cluster.md), and a Palette user applying a pending
 * update by hand. palette-sdk-go rows come from its public history, which stops before the commit v0.29.9
 * pins (go.mod `v0.0.0-20260724150014-1c252625bad2`).
 */
import { VMO_PACK } from "../versions";
import {
  ClusterProfileRecord,
  ClusterRuntime,
  ClusterTemplate,
  PaletteError,
  ProfilePack,
  SimState,
  clusterByUid,
  clusterProfileByUid,
  loadInventory,
  readState,
  updateState,
} from "./palette";
import { InstallFailure, installOrderFailures } from "./install-order";

/** One entry of the PATCH body (V1SpectroClusterProfileEntity): the profile, its pack overrides and variables. */
export interface ProfileEntry {
  uid: string;
  packValues: { name: string; tag: string; type: string; values: string; manifests: { name: string; content: string }[] }[];
  variables: Record<string, string>;
}

export function runtimeOf(s: SimState, clusterUid: string): ClusterRuntime {
  let rt = s.clusters.find((c) => c.uid === clusterUid);
  if (!rt) {
    rt = { uid: clusterUid, templates: [], variables: {} };
    s.clusters.push(rt);
  }
  return rt;
}

/** The profile templates a cluster runs (`cluster.Spec.ClusterProfileTemplates`). */
export function clusterTemplates(clusterUid: string): ClusterTemplate[] {
  return readState().clusters.find((c) => c.uid === clusterUid)?.templates ?? [];
}

/** A cluster's content for a profile revision: the profile's packs with the entry's overrides merged in. */
function contentFor(profile: ClusterProfileRecord, entry: ProfileEntry): ProfilePack[] {
  return profile.packs.map((p) => {
    const o = entry.packValues.find((x) => x.name === p.name);
    if (!o) return clone(p);
    // Inferred: Palette keeps override values the way the UI saves them, without the trailing newline
    // (the provider's own comment in addon_deployment.go toAddonDeploymentPackCreate: "UI strips a single newline").
    const manifest = p.manifest.map((m) => {
      const om = o.manifests.find((x) => x.name === m.name);
      return om ? { ...m, content: om.content.trim() } : { ...m };
    });
    return { ...clone(p), tag: o.tag || p.tag, values: o.values ? o.values.trim() : p.values, manifest };
  });
}

/**
 * V1SpectroClustersPatchProfiles. With resolveNotification (update) a profile already attached by name is
 * replaced (`ReplaceWithProfile`, IsProfileAttachedByName) and its pending update is resolved: the cluster
 * then runs the profile's current published version. Without it (create) the profile is added as it is now.
 */
export function patchClusterProfiles(clusterUid: string, entries: ProfileEntry[], resolveNotification: boolean): InstallFailure[] {
  if (!clusterByUid(clusterUid)) throw new PaletteError(`cluster not found: ${clusterUid}`);
  const failures: InstallFailure[] = [];
  updateState((s) => {
    const rt = runtimeOf(s, clusterUid);
    for (const e of entries) {
      const profile = s.clusterProfiles.find((p) => p.uid === e.uid) ?? loadInventory().clusterProfiles.find((p) => p.uid === e.uid);
      if (!profile) throw new PaletteError(`cluster profile ${e.uid} not found`);
      const template: ClusterTemplate = {
        uid: profile.uid,
        name: profile.name,
        version: profile.version,
        revision: profile.revision ?? 1,
        packs: contentFor(profile, e),
      };
      const at = rt.templates.findIndex((t) => t.uid === profile.uid || (resolveNotification && t.name === profile.name));
      if (at >= 0) {
        const old = rt.templates[at];
        if (old.uid !== profile.uid) delete rt.variables[old.uid];
        rt.templates[at] = template;
      } else rt.templates.push(template);
      rt.variables[profile.uid] = declaredOnly(profile, e.variables);
      // The profile lands on the cluster either way; a layer applied before its CRDs exist is in error.
      const before = new Set(rt.templates.filter((t) => t !== template).flatMap((t) => t.packs.map((p) => p.name)));
      failures.push(...installOrderFailures(template.packs, before));
    }
    dropVmsWithoutVmo(s, rt);
  });
  return failures;
}

/** Inferred: Palette keeps values only for variables the profile declares. */
function declaredOnly(profile: ClusterProfileRecord, vars: Record<string, string>): Record<string, string> {
  const names = new Set((profile.variables ?? []).map((v) => v.name));
  return Object.fromEntries(
    Object.entries(vars)
      .filter(([k]) => names.has(k))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** V1SpectroClustersDeleteProfiles: the profile leaves the cluster (with VMO, its VMs). */
export function deleteClusterProfiles(clusterUid: string, profileUids: string[]): void {
  updateState((s) => {
    const rt = runtimeOf(s, clusterUid);
    rt.templates = rt.templates.filter((t) => !profileUids.includes(t.uid));
    for (const uid of profileUids) delete rt.variables[uid];
    dropVmsWithoutVmo(s, rt);
  });
}

/**
 * Inferred: when no profile on the cluster carries the VMO pack any more, the pack's removal takes KubeVirt and
 * every VM (and its disks) with it.
 */
function dropVmsWithoutVmo(s: SimState, rt: ClusterRuntime): void {
  if (rt.templates.some((t) => t.packs.some((p) => p.name === VMO_PACK.name))) return;
  s.vms = s.vms.filter((v) => v.clusterUid !== rt.uid);
}

export interface ClusterVariable {
  name: string;
  value: string;
  isSensitive: boolean;
}

/**
 * GetClusterVariables for one profile: every variable the profile declares, with the cluster's value or else
 * the declared default (inferred from the docs: a variable is given a value at deployment, the default when
 * none is entered); sensitive values come back masked.
 */
export function clusterVariables(clusterUid: string, profileUid: string): ClusterVariable[] {
  const rt = readState().clusters.find((c) => c.uid === clusterUid);
  const profile = clusterProfileByUid(profileUid);
  if (!rt || !profile) return [];
  const set = rt.variables[profileUid] ?? {};
  return (profile.variables ?? []).map((v) => {
    const value = set[v.name] ?? (typeof v.default_value === "string" ? v.default_value : "");
    const isSensitive = v.is_sensitive === true;
    return { name: v.name, value: isSensitive && value !== "" ? "********" : value, isSensitive };
  });
}

/** An in-place profile update (PUT + publish on the same UID) leaves every cluster using it with a pending update. */
export interface PendingUpdate {
  clusterUid: string;
  clusterName: string;
  profile: string;
  profileUid: string;
  from: string;
  to: string;
}

export function pendingUpdates(s: SimState = readState()): PendingUpdate[] {
  const out: PendingUpdate[] = [];
  for (const rt of s.clusters) {
    for (const t of rt.templates) {
      const p = s.clusterProfiles.find((x) => x.uid === t.uid);
      if (p && (p.revision ?? 1) > t.revision)
        out.push({ clusterUid: rt.uid, clusterName: clusterName(rt.uid), profile: p.name, profileUid: p.uid, from: t.version, to: p.version });
    }
  }
  return out.sort((a, b) => (a.clusterName < b.clusterName ? -1 : a.clusterName > b.clusterName ? 1 : a.profile < b.profile ? -1 : 1));
}

function clusterName(uid: string): string {
  return loadInventory().clusters.find((c) => c.uid === uid)?.name ?? uid;
}

/**
 * A Palette user applying a cluster's pending update by hand, as the UI's "Updates Available" does: the
 * cluster moves to the profile's current version and content; its variable values stay. `cluster` is a UID
 * or a cluster name; without `profileName` every pending update of the cluster is applied. Returns what
 * was applied.
 */
export function applyPendingUpdate(cluster: string, profileName?: string): PendingUpdate[] {
  const pending = pendingUpdates();
  const uids = [...new Set(pending.filter((p) => p.clusterUid === cluster || p.clusterName === cluster).map((p) => p.clusterUid))];
  if (uids.length > 1) throw new PaletteError(`cluster name ${cluster} is ambiguous (${uids.join(", ")}); give the cluster UID`);
  const uid = uids[0] ?? cluster;
  const applied = pending.filter((p) => p.clusterUid === uid && (!profileName || p.profile === profileName));
  if (!applied.length) throw new PaletteError(`cluster ${cluster} has no pending update${profileName ? ` for profile ${profileName}` : ""}`);
  updateState((s) => {
    const rt = runtimeOf(s, uid);
    for (const a of applied) {
      const p = s.clusterProfiles.find((x) => x.uid === a.profileUid)!;
      const at = rt.templates.findIndex((t) => t.uid === p.uid);
      const old = rt.templates[at];
      // The UI applies the profile's new content as published; per-cluster overrides are not re-applied (inferred).
      const packs = clone(p.packs);
      rt.templates[at] = { ...old, version: p.version, revision: p.revision ?? 1, packs };
    }
  });
  return applied;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
