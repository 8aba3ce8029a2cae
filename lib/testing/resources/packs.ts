/**
 * Packs as the provider sends and resolves them: ValidatePackUIDOrResolutionFields (schemas/pack.go) and
 * toClusterProfilePackCreateWithResolution (resource_cluster_profile.go), values and manifest content sent
 * with strings.TrimSpace.
 */
import { Obj, Unknown, Value } from "../cty";
import { ClusterProfileRecord, PaletteError, ProfilePack, allPackVersions, fakeUid, registryByName, registryByUid } from "../palette";
import { str } from "./common";

/** ValidatePackUIDOrResolutionFields (schemas/pack.go). */
export function validatePackFields(p: Obj): void {
  const name = str(p.name);
  const registryUid = str(p.registry_uid);
  const registryName = str(p.registry_name);
  if (registryUid && registryName) throw new PaletteError(`pack ${name}: only one of 'registry_uid' or 'registry_name' can be specified, not both`);
  if (str(p.type) === "manifest" || (typeof p.uid === "string" && p.uid !== "")) return;
  const missing = [!name && "name", !str(p.tag) && "tag", !registryUid && !registryName && "registry_uid or registry_name"].filter(Boolean);
  if (missing.length)
    throw new PaletteError(
      `pack ${name}: either 'uid' must be provided, or all of the following fields must be specified for pack resolution: name, tag, registry_uid (or registry_name). Missing: ${missing.join(", ")}`,
    );
}

/** toClusterProfilePackCreateWithResolution: registry_name → uid, pack uid by name + tag + registry when syncable. */
export function resolvePack(p: Obj): { state: Obj; record: ProfilePack } {
  const state: Obj = { ...p };
  if (state.uid instanceof Unknown) state.uid = "";
  validatePackFields(state);
  const name = str(state.name);
  const type = str(state.type) || "spectro";
  let registryUid = str(state.registry_uid);
  if (!registryUid && str(state.registry_name)) {
    try {
      registryUid = registryByName(str(state.registry_name), type === "manifest" ? "" : type).uid;
    } catch (e) {
      throw new PaletteError(`pack ${name}: ${e instanceof Error ? e.message : e}`);
    }
  }
  let uid = str(state.uid);
  if (!uid && type === "manifest") uid = "spectro-manifest-pack";
  if (!uid && ["spectro", "helm", "oci"].includes(type)) {
    const registry = registryByUid(registryUid);
    if (registry && registry.syncSupported !== false) {
      const tag = str(state.tag);
      const versions = allPackVersions().filter((v) => v.pack.name === name && v.registry.uid === registryUid);
      if (!versions.length) throw new PaletteError(`failed to resolve pack UID for pack ${name}: no pack found with name ${name} in registry ${registryUid}`);
      const hit = versions.find((v) => v.version === tag);
      if (!hit) throw new PaletteError(`failed to resolve pack UID for pack ${name}: no pack found with name ${name}, tag ${tag} in registry ${registryUid}`);
      uid = hit.uid;
    }
  }
  state.uid = uid;
  const manifests = (Array.isArray(state.manifest) ? state.manifest : []).map((m) => {
    const mo = { ...(m as Obj) };
    if (mo.uid instanceof Unknown || mo.uid === null) mo.uid = fakeUid("manifest", name, str(mo.name), str(mo.content));
    return mo;
  });
  state.manifest = manifests;
  return {
    state,
    record: {
      name,
      tag: typeof state.tag === "string" ? state.tag : null,
      type,
      uid,
      registry_uid: registryUid || null,
      values: typeof state.values === "string" ? state.values.trim() : null,
      manifest: manifests.map((m) => ({ name: str(m.name), content: str(m.content).trim(), uid: str(m.uid) })),
    },
  };
}

export function profilePacksValue(p: ClusterProfileRecord): Value {
  return p.packs.map((k) => ({
    manifest: k.manifest.map((m) => ({ content: m.content, name: m.name, uid: m.uid })),
    name: k.name,
    registry_uid: k.registry_uid,
    tag: k.tag,
    type: k.type,
    uid: k.uid,
    values: k.values,
  }));
}

/** Manifest content by pack UID and manifest name, as getPacksContent (common_cluster_profile.go) collects it. */
export type ManifestContent = Map<string, Map<string, string>>;

/**
 * flattenPacksWithRegistryMaps (common_cluster_profile.go): every pack Palette returns, with `uid`, `name`,
 * `tag`, `values` and `type` as stored; `registry_name` / `registry_uid` only for packs whose name the maps
 * list (buildPackRegistryNameMap / buildPackRegistryUIDMap read the resource's top-level `pack`); `manifest`
 * only for packs whose content was fetched.
 */
export function flattenPacks(packs: ProfilePack[], content: ManifestContent, usesRegistryName: Set<string>, usesRegistryUid: Set<string>): Obj[] {
  return packs.map((p) => {
    const out: Obj = {
      uid: p.uid,
      name: p.name,
      tag: p.tag ?? "",
      values: p.values ?? "",
      type: p.type,
      registry_uid: null,
      registry_name: null,
      manifest: [],
    };
    if (usesRegistryName.has(p.name) && p.registry_uid) {
      const r = registryByUid(p.registry_uid);
      if (r) out.registry_name = r.name;
      else out.registry_uid = p.registry_uid;
    } else if (usesRegistryUid.has(p.name) && p.registry_uid) out.registry_uid = p.registry_uid;
    const fetched = content.get(p.uid);
    if (fetched) out.manifest = p.manifest.map((m) => ({ name: m.name, uid: m.uid, content: fetched.get(m.name) ?? "" }));
    return out;
  });
}

/** buildPackRegistryNameMap / buildPackRegistryUIDMap over a top-level `pack` list (none: empty maps). */
export function registryMaps(packList: Value): { byName: Set<string>; byUid: Set<string> } {
  const byName = new Set<string>();
  const byUid = new Set<string>();
  for (const p of Array.isArray(packList) ? packList : []) {
    if (!p || typeof p !== "object" || Array.isArray(p) || p instanceof Unknown) continue;
    const o = p as Obj;
    if (str(o.registry_name)) byName.add(str(o.name));
    if (str(o.registry_uid)) byUid.add(str(o.name));
  }
  return { byName, byUid };
}
