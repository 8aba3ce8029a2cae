/**
 * spectrocloud_addon_deployment as resource_cluster_attachment.go and addon_deployment.go do it at v0.29.9:
 * Create adopts an attachment of the same profile UID (isProfileAttached -> updateAddonDeployment), Update
 * runs only when `cluster_uid` or `cluster_profile` changed, Read finds the profile among the cluster's
 * templates by name and published version or clears the id, and flattenAddonDeployment writes what Palette
 * returns. No importer; one `cluster_profile` per resource.
 */
import { Obj, Value, equal, isObj } from "../cty";
import { PaletteError, clusterByUid, clusterProfileByUid, manifestFetchOutcome } from "../palette";
import { ProfileEntry, clusterTemplates, clusterVariables, deleteClusterProfiles, patchClusterProfiles } from "../palette-clusters";
import { HandlerContext, ResourceHandler, str } from "./common";
import { ManifestContent, flattenPacks, validatePackFields } from "./packs";

const DISABLED_FLAG = "disable_addon_deployment_resource";
const DISABLED =
  "spectrocloud_addon_deployment is disabled by provider feature flag `disable_addon_deployment_resource`. Remove this resource from configuration or set the flag to false.";

function guard(ctx: HandlerContext): void {
  if (ctx.settings.featureFlags[DISABLED_FLAG]) throw new PaletteError(DISABLED);
}

const profilesOf = (state: Obj): Obj[] => (Array.isArray(state.cluster_profile) ? state.cluster_profile.filter(isObj) : []);
const packsOf = (p: Obj): Obj[] => (Array.isArray(p.pack) ? p.pack.filter(isObj) : []);

/** validateSingleClusterProfile. */
function single(state: Obj): Obj {
  const profiles = profilesOf(state);
  if (profiles.length === 0) throw new PaletteError("exactly one cluster_profile is required, but none was specified");
  if (profiles.length > 1)
    throw new PaletteError(
      `exactly one cluster_profile is allowed per addon deployment, but ${profiles.length} were specified. Use separate spectrocloud_addon_deployment resources for each profile`,
    );
  return profiles[0];
}

/** toAddonDeployment -> toProfilesCommon / toPack (cluster_common_profiles.go): the PATCH body entry. */
function toEntry(profile: Obj): ProfileEntry {
  const packs = packsOf(profile);
  // GetAddonDeploymentDiagPacks runs ValidatePackUIDOrResolutionFields on every override.
  for (const p of packs) validatePackFields(p);
  const vars = isObj(profile.variables) ? profile.variables : {};
  return {
    uid: str(profile.id),
    packValues: packs.map((p) => ({
      name: str(p.name),
      tag: str(p.tag),
      type: str(p.type),
      values: str(p.values),
      manifests: (Array.isArray(p.manifest) ? p.manifest.filter(isObj) : []).map((m) => ({ name: str(m.name), content: str(m.content) })),
    })),
    variables: Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === "string" ? v : ""])),
  };
}

function create(ctx: HandlerContext, planned: Obj): Obj {
  guard(ctx);
  const profile = single(planned);
  const clusterUid = str(planned.cluster_uid);
  if (!clusterByUid(clusterUid)) throw new PaletteError(`cluster not found: ${clusterUid}`);
  const entry = toEntry(profile);
  // isProfileAttached: the same profile UID already on the cluster is adopted through the update path.
  if (clusterTemplates(clusterUid).some((t) => t.uid === entry.uid)) return apply(ctx, planned, entry, true);
  return apply(ctx, planned, entry, false);
}

/** CreateAddonDeployment (resolveNotification=false) or updateAddonDeployment (true), then the Read. */
function apply(ctx: HandlerContext, planned: Obj, entry: ProfileEntry, resolveNotification: boolean): Obj {
  const clusterUid = str(planned.cluster_uid);
  if (!clusterProfileByUid(entry.uid)) throw new PaletteError(`cluster profile ${entry.uid} not found`);
  const failures = patchClusterProfiles(clusterUid, [entry], resolveNotification);
  const state: Obj = { ...planned, id: `${clusterUid}_${entry.uid}` };
  // waitForAddonDeployment: a pack condition of type Error ends the wait with its message, after d.SetId, so
  // Terraform keeps the resource (tainted after a create).
  if (failures.length) throw new PaletteError(failures[0].message, "", state);
  return read(ctx, state) ?? state;
}

/** resourceAddonDeploymentUpdate: nothing is sent unless `cluster_uid` or `cluster_profile` changed. */
function update(ctx: HandlerContext, prior: Obj, planned: Obj): Obj {
  guard(ctx);
  const profile = single(planned);
  if (equal(prior.cluster_uid, planned.cluster_uid) && equal(prior.cluster_profile, planned.cluster_profile)) return { ...planned, id: prior.id };
  const clusterUid = str(planned.cluster_uid);
  if (!clusterByUid(clusterUid)) throw new PaletteError(`cluster not found: ${clusterUid}`);
  return apply(ctx, planned, toEntry(profile), true);
}

/** resourceAddonDeploymentRead + readAddonDeployment + flattenAddonDeployment. */
function read(ctx: HandlerContext, state: Obj): Obj | null {
  guard(ctx);
  const id = str(state.id);
  const clusterUid = str(state.cluster_uid);
  if (!id.includes(clusterUid)) return null;
  if (!clusterByUid(clusterUid)) throw new PaletteError(`cluster ${clusterUid} not found`);
  const parts = id.split("_");
  // getClusterProfileUID / GetClusterProfile failing: readAddonDeployment returns no diagnostics and the state stays.
  if (parts.length < 2) return state;
  const profile = clusterProfileByUid(parts[1]);
  if (!profile) return state;
  const template = clusterTemplates(clusterUid).find((t) => t.name === profile.name && t.version === profile.version);
  // No template of that name at the profile's published version: d.SetId("").
  if (!template) return null;
  const flat = flatten(ctx, state, clusterUid, template);
  // Any error inside the flatten is dropped by readAddonDeployment: the state stays as it was.
  return flat ?? state;
}

function flatten(_ctx: HandlerContext, state: Obj, clusterUid: string, template: ReturnType<typeof clusterTemplates>[number]): Obj | null {
  const prior = profilesOf(state);
  const hasPacks = prior.some((p) => packsOf(p).length > 0);
  const element: Obj = { id: template.uid, pack: [], variables: null };
  if (hasPacks) {
    // getPacksContent asks with d.Id() (`<cluster>_<profile>`) where a profile UID is expected.
    const content: ManifestContent = new Map();
    if (template.packs.some((p) => p.manifest.length) && manifestFetchOutcome() === "error") return null;
    // GetAddonDeploymentDiagPacks validates the state's packs; an error ends the flatten early.
    try {
      for (const p of prior) for (const k of packsOf(p)) validatePackFields(k);
    } catch {
      return null;
    }
    // buildPackRegistryNameMap / buildPackRegistryUIDMap read `d.Get("pack")`, which this resource lacks: empty maps.
    element.pack = flattenPacks(template.packs, content, new Set(), new Set());
  }
  const vars = variablesFromApi(prior, template.uid, clusterVariables(clusterUid, template.uid));
  if (Object.keys(vars).length) element.variables = vars;
  return { ...state, cluster_profile: [element] };
}

/** profileVariablesMapFromAPI + resolveProfileVariableValue (common_cluster_profile.go). */
function variablesFromApi(prior: Obj[], profileUid: string, api: { name: string; value: string; isSensitive: boolean }[]): Obj {
  const priorVars = prior.find((p) => p.id === profileUid)?.variables;
  const priorOf = (name: string) => (isObj(priorVars) && typeof priorVars[name] === "string" ? (priorVars[name] as string) : "");
  const out: Obj = {};
  for (const v of api) {
    const before = priorOf(v.name);
    const resolved = v.isSensitive ? before : v.value !== "" ? v.value : before;
    if (resolved !== "") out[v.name] = resolved;
    else if (v.isSensitive && before === "" && v.value !== "") out[v.name] = "";
  }
  return out;
}

/** resourceAddonDeploymentDelete: DeleteAddonDeployment removes the profile from the cluster. */
function remove(ctx: HandlerContext, prior: Obj): void {
  guard(ctx);
  const profileUid = str(prior.id).split("_")[1] ?? "";
  deleteClusterProfiles(str(prior.cluster_uid), [profileUid]);
}

function noImport(): Obj {
  throw new PaletteError("resource spectrocloud_addon_deployment doesn't support import");
}

export const addonDeployment: ResourceHandler = { create, read, update, delete: remove, importState: noImport };

/** For the plan: CustomizeDiff fails when the resource is disabled by feature flag. */
export function addonDeploymentPlanError(ctx: HandlerContext): string | undefined {
  return ctx.settings.featureFlags[DISABLED_FLAG] ? DISABLED : undefined;
}

export type { Value };
