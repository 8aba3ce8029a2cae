/**
 * spectrocloud_cluster_profile as resource_cluster_profile.go does it at v0.29.9: Create (pack resolution,
 * a new UID), Read (resourceClusterProfileRead: state rebuilt from Palette), the default Update
 * (resourceClusterProfileUpdate: a PUT on the same UID, version included, which leaves a pending update on
 * every cluster using the profile), Delete (skip_destroy keeps it in Palette), import by UID or NAME:CONTEXT
 * [:VERSION], and the immutable-clusterprofiles CustomizeDiff.
 */
import { Obj, Value, isObj } from "../cty";
import {
  ClusterProfileRecord,
  PaletteError,
  ProfileVariableRecord,
  clusterProfileByUid,
  clusterProfiles,
  compareVersions,
  fakeUid,
  readState,
  updateState,
} from "../palette";
import { error } from "../diagnostics";
import { suppressDiffs } from "../sdk-plan";
import { HandlerContext, IMMUTABLE_PROFILES, PlanHook, ResourceHandler, str } from "./common";
import { immutableProfileDiff } from "./immutable-profiles";
import { ManifestContent, flattenPacks, registryMaps, resolvePack } from "./packs";

/** schemas/pack.go: `values` and `manifest.content` carry DiffSuppressFunc strings.TrimSpace(old) == strings.TrimSpace(new). */
const sameTrimmed = (a: string, b: string) => a.trim() === b.trim();

function plan(ctx: HandlerContext, prior: Value, planned: Value): PlanHook {
  const forceNew: string[] = [];
  const diags = [];
  let out = planned;
  if (isObj(prior)) {
    out = suppressDiffs(prior, out, ctx.block, "pack.values", sameTrimmed);
    out = suppressDiffs(prior, out, ctx.block, "pack.manifest.content", sameTrimmed);
    if (ctx.settings.featurePreview.has(IMMUTABLE_PROFILES)) {
      const d = immutableProfileDiff(prior, out);
      if (d.forceVersion) forceNew.push("version");
      if (d.error) diags.push(error(d.error));
    }
  }
  return { planned: out, forceNew, diags };
}

function variablesOf(state: Obj): ProfileVariableRecord[] {
  const blocks = Array.isArray(state.profile_variables) ? state.profile_variables : [];
  return blocks
    .flatMap((b) => (isObj(b) && Array.isArray(b.variable) ? b.variable : []))
    .filter(isObj)
    .map((v) => JSON.parse(JSON.stringify(v)) as ProfileVariableRecord);
}

/** toClusterProfileCreateWithResolution / toClusterProfileUpdateWithResolution, then the record Palette keeps. */
function toRecord(ctx: HandlerContext, state: Obj, uid: string, revision: number): ClusterProfileRecord {
  const context = str(state.context) || "project";
  const packs = (Array.isArray(state.pack) ? state.pack : []).map((p) => resolvePack(p as Obj));
  state.pack = packs.map((p) => p.state);
  return {
    uid,
    name: str(state.name),
    version: str(state.version) || "1.0.0",
    context,
    project: context === "project" ? ctx.settings.projectName : undefined,
    cloud: str(state.cloud) || "all",
    type: str(state.type) || "add-on",
    description: typeof state.description === "string" ? state.description : null,
    tags: Array.isArray(state.tags) ? state.tags.map(String) : null,
    packs: packs.map((p) => p.record),
    variables: variablesOf(state),
    revision,
    state: JSON.parse(JSON.stringify(state)),
  };
}

function create(ctx: HandlerContext, planned: Obj): Obj {
  const state: Obj = { ...planned };
  const context = str(state.context) || "project";
  const name = str(state.name);
  const version = str(state.version) || "1.0.0";
  const uid = fakeUid("cluster_profile", context, ctx.settings.projectUid, name, version);
  const taken = readState().clusterProfiles.find((p) => p.name === name && p.version === version && p.context === context);
  // Palette refuses a second profile with the same name and version (the API's conflict error, simulated);
  // under the preview, Create adopts the exact version it finds (findAnyExistingProfileVersionUID).
  if (taken && !(ctx.settings.featurePreview.has(IMMUTABLE_PROFILES) && taken.uid === uid)) {
    throw new PaletteError(`cluster profile '${name}' with version '${version}' already exists in ${context} scope`);
  }
  const record = toRecord(ctx, state, uid, 1);
  updateState((s) => {
    s.clusterProfiles = s.clusterProfiles.filter((p) => p.uid !== uid);
    s.clusterProfiles.push(record);
  });
  return read(ctx, { ...state, id: uid }) ?? { ...state, id: uid };
}

/** resourceClusterProfileRead: cloud, type, version, tags, name, profile_variables and every pack from Palette. */
function read(_ctx: HandlerContext, state: Obj): Obj | null {
  const p = clusterProfileByUid(str(state.id));
  if (!p) return null;
  const content: ManifestContent = new Map(p.packs.filter((k) => k.manifest.length).map((k) => [k.uid, new Map(k.manifest.map((m) => [m.name, m.content]))]));
  const { byName, byUid } = registryMaps(state.pack);
  const out: Obj = { ...state, cloud: p.cloud ?? "all", type: p.type ?? "add-on", version: p.version, name: p.name };
  if (p.tags) out.tags = [...p.tags];
  const recorded = p.state && isObj(p.state as Value) ? (p.state as Obj).profile_variables : undefined;
  if (recorded !== undefined) out.profile_variables = recorded as Value;
  out.pack = flattenPacks(p.packs, content, byName, byUid);
  return out;
}

/** The default in-place update: PUT + patch + publish on the same UID; clusters using it get a pending update. */
function update(ctx: HandlerContext, prior: Obj, planned: Obj): Obj {
  const uid = str(prior.id);
  const existing = clusterProfileByUid(uid);
  if (!existing) throw new PaletteError(`cluster profile ${uid} not found`);
  const state: Obj = { ...planned, id: uid };
  const clash = readState().clusterProfiles.find(
    (p) => p.uid !== uid && p.name === str(state.name) && p.version === (str(state.version) || "1.0.0") && p.context === existing.context,
  );
  if (clash) throw new PaletteError(`cluster profile '${clash.name}' with version '${clash.version}' already exists in ${clash.context} scope`);
  const record = toRecord(ctx, state, uid, (existing.revision ?? 1) + 1);
  updateState((s) => {
    s.clusterProfiles = s.clusterProfiles.filter((p) => p.uid !== uid);
    s.clusterProfiles.push(record);
  });
  return read(ctx, state) ?? state;
}

/** resourceClusterProfileDelete: skip_destroy leaves the profile in Palette. */
function remove(_ctx: HandlerContext, prior: Obj): void {
  if (prior.skip_destroy === true) return;
  const uid = str(prior.id);
  updateState((s) => (s.clusterProfiles = s.clusterProfiles.filter((p) => p.uid !== uid)));
}

/** resourceClusterProfileImport: the record found, then the same Read as a refresh. */
function importState(ctx: HandlerContext, id: string): Obj {
  const record = findProfileForImport(id, ctx.settings.projectName);
  const base: Obj = record.state
    ? (JSON.parse(JSON.stringify(record.state)) as Obj)
    : { context: record.context, description: record.description ?? null, skip_destroy: null };
  const state = { ...base, id: record.uid, context: record.context };
  return read(ctx, state) ?? state;
}

export const clusterProfile: ResourceHandler = { plan, create, read, update, delete: remove, importState };

/** ParseClusterProfileImportID + GetCommonClusterProfile: UID or NAME, then CONTEXT, then optional VERSION. */
export function findProfileForImport(importId: string, projectName: string): ClusterProfileRecord {
  const parts = importId.split(":");
  if (parts.length < 2 || parts.length > 3)
    throw new PaletteError(
      `invalid cluster profile import ID format: expected UID_or_NAME:CONTEXT or UID_or_NAME:CONTEXT:VERSION, got ${JSON.stringify(importId)}`,
    );
  const idOrName = parts[0].trim();
  const context = parts[1].trim();
  const version = (parts[2] ?? "").trim();
  if (!idOrName || !context) throw new PaletteError("invalid cluster profile import ID: id/name and context cannot be empty");
  if (!["project", "tenant", "system"].includes(context))
    throw new PaletteError(`invalid cluster profile import ID: context must be project, tenant, or system, got ${JSON.stringify(context)}`);
  const byUid = clusterProfileByUid(idOrName);
  if (byUid) {
    if (byUid.context !== context)
      throw new PaletteError(
        `cluster profile with id ${JSON.stringify(idOrName)} not found in context ${JSON.stringify(context)} (profile is in context ${JSON.stringify(byUid.context)})`,
      );
    if (version && byUid.version !== version)
      throw new PaletteError(`cluster profile version mismatch: requested ${JSON.stringify(version)}, profile has version ${JSON.stringify(byUid.version)}`);
    return byUid;
  }
  const matches = clusterProfiles(context, projectName).filter((p) => p.name === idOrName);
  if (!matches.length) throw new PaletteError(`cluster profile with name ${JSON.stringify(idOrName)} not found in context ${JSON.stringify(context)}`);
  if (version) {
    const hit = matches.find((p) => p.version === version);
    if (!hit)
      throw new PaletteError(
        `cluster profile with name ${JSON.stringify(idOrName)} and version ${JSON.stringify(version)} not found in context ${JSON.stringify(context)}`,
      );
    return hit;
  }
  return [...matches].sort((a, b) => compareVersions(a.version, b.version)).pop()!;
}
