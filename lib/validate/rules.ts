// Rules the provider enforces in code (Create/Update, CustomizeDiff, Read) rather than in its schema, as
// provider-schema.md §4 documents them. Each runs on one synthesized body after the schema checks.
import { FindingSink, isObject, isSet, isToken, Json, JsonObject } from "./findings";

/** The blocks of a nested block attribute as a list: Terraform JSON allows an object for a single block. */
function blocks(v: Json | undefined): { item: JsonObject; suffix: string }[] {
  if (Array.isArray(v)) return v.flatMap((item, i) => (isObject(item) ? [{ item, suffix: `[${i}]` }] : []));
  return isObject(v) ? [{ item: v, suffix: "" }] : [];
}

function hasDynamic(body: JsonObject, name: string): boolean {
  return isObject(body.dynamic) && name in body.dynamic;
}

/** Reports the second and later occurrences of a literal name among blocks. */
function uniqueNames(items: { item: JsonObject; suffix: string }[], base: string, field: string, what: string, scope: string, sink: FindingSink): void {
  const seen = new Map<string, string>();
  for (const { item, suffix } of items) {
    const name = item[field];
    if (typeof name !== "string" || isToken(name)) continue;
    const first = seen.get(name);
    if (first !== undefined) {
      sink.add(
        `${base}${suffix}.${field}`,
        "duplicate-name",
        `${what} ${field} "${name}" is used twice in ${scope} (first at ${first}); the provider needs it unique.`,
        `Rename one of the ${what}s or merge them.`,
      );
    } else seen.set(name, `${base}${suffix}`);
  }
}

/**
 * ValidatePackUIDOrResolutionFields: a non-manifest pack needs uid, or name + tag + a registry to resolve it.
 * The provider applies it to profile packs and to an add-on deployment's per-cluster pack overrides alike.
 */
function checkPackSource(pack: JsonObject, at: string, sink: FindingSink): void {
  if (isToken(pack.type)) return;
  const type: string = typeof pack.type === "string" ? pack.type : "spectro";
  if (type === "manifest") return;
  const registryUid = isSet(pack.registry_uid);
  const registryName = isSet(pack.registry_name);
  if (registryUid && registryName) {
    sink.add(
      at,
      "pack-registry-conflict",
      `pack "${String(pack.name)}" sets both registry_uid and registry_name; the provider accepts one of them.`,
      "Keep registry_uid or registry_name, not both.",
    );
  }
  if (isSet(pack.uid)) return;
  const missing = [
    ...(isSet(pack.name) ? [] : ["name"]),
    ...(isSet(pack.tag) ? [] : ["tag"]),
    ...(registryUid || registryName ? [] : ["registry_uid or registry_name"]),
  ];
  if (missing.length) {
    sink.add(
      at,
      "pack-source",
      `${type} pack "${String(pack.name ?? "(unnamed)")}" has no uid, so the provider resolves it from name + tag + registry, but ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing.`,
      `Set uid (e.g. from data.spectrocloud_pack) or set ${missing.join(", ")}.`,
    );
  }
}

/** spectrocloud_cluster_profile: pack source (ValidatePackUIDOrResolutionFields), unique names, cloud "all". */
export function checkClusterProfile(body: JsonObject, path: string, sink: FindingSink): void {
  const packs = blocks(body.pack);
  for (const { item: pack, suffix } of packs) {
    const at = `${path}.pack${suffix}`;
    checkPackSource(pack, at, sink);
    uniqueNames(blocks(pack.manifest), `${at}.manifest`, "name", "manifest", `pack "${String(pack.name)}"`, sink);
  }
  uniqueNames(packs, `${path}.pack`, "name", "pack", "the cluster profile", sink);
  for (const { item: pv, suffix } of blocks(body.profile_variables)) {
    const variables = blocks(pv.variable);
    uniqueNames(variables, `${path}.profile_variables${suffix}.variable`, "name", "profile variable", "the cluster profile", sink);
    uniqueNames(variables, `${path}.profile_variables${suffix}.variable`, "display_name", "profile variable", "the cluster profile", sink);
  }
  const type = body.type ?? "add-on";
  const cloud = body.cloud ?? "all";
  if (cloud === "all" && typeof type === "string" && !isToken(type) && type !== "add-on") {
    sink.add(
      `${path}.${isSet(body.cloud) ? "cloud" : "type"}`,
      "profile-cloud-type",
      `cluster profile type is "${type}" with cloud "all"${isSet(body.cloud) ? "" : " (the default)"}; the provider allows cloud "all" only for type "add-on".`,
      `Set cloud to the infrastructure the ${type} profile is for (e.g. "aws", "vsphere", "edge-native"), or make it an "add-on" profile.`,
    );
  }
}

/**
 * spectrocloud_addon_deployment: pack overrides need a pack source like profile packs; Create and Update accept
 * exactly one cluster_profile; the provider's feature_flag.disable_addon_deployment_resource blocks the resource.
 */
export function checkAddonDeployment(body: JsonObject, path: string, provider: JsonObject | undefined, sink: FindingSink): void {
  for (const { item: profile, suffix } of blocks(body.cluster_profile)) {
    for (const { item: pack, suffix: packSuffix } of blocks(profile.pack)) checkPackSource(pack, `${path}.cluster_profile${suffix}.pack${packSuffix}`, sink);
  }
  if (!hasDynamic(body, "cluster_profile")) {
    const n = blocks(body.cluster_profile).length;
    if (n !== 1) {
      sink.add(
        `${path}.cluster_profile`,
        "addon-profile-count",
        `spectrocloud_addon_deployment has ${n} cluster_profile blocks; the provider allows exactly one per add-on deployment.`,
        n === 0 ? "Add one cluster_profile { id = ... } block." : "Use a separate spectrocloud_addon_deployment for each profile.",
      );
    }
  }
  const flags = provider?.feature_flag;
  const flag = isObject(flags) ? flags.disable_addon_deployment_resource : undefined;
  if (flag === true || flag === "true") {
    sink.add(
      path,
      "addon-deployment-disabled",
      `the provider configuration sets feature_flag.disable_addon_deployment_resource = true, which makes every plan of spectrocloud_addon_deployment fail.`,
      "Remove the flag from the provider block, or attach the profile through the cluster resource's cluster_profile blocks.",
    );
  }
}

/** data spectrocloud_pack_simple: for every type except manifest, Read needs registry_uid. */
export function checkPackSimple(body: JsonObject, path: string, sink: FindingSink): void {
  if (typeof body.type !== "string" || isToken(body.type) || body.type === "manifest") return;
  if (!isSet(body.registry_uid)) {
    sink.add(
      `${path}.registry_uid`,
      "pack-simple-registry",
      `spectrocloud_pack_simple of type "${body.type}" has no registry_uid; the provider requires it for every type except "manifest".`,
      "Set registry_uid, e.g. from data.spectrocloud_registry.<name>.id.",
    );
  }
}
