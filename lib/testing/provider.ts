/**
 * The tfplugin6.Provider handlers: schema-driven behaviour of an SDKv2 provider (validation, defaults,
 * ForceNew, computed values) for every Spectro Cloud type, plus the rules of the few types this project
 * uses that live in the provider's code rather than its schema (CustomizeDiff, Create/Update checks,
 * data-source lookups, import). Computed values are deterministic, so a second plan shows no changes.
 */
import {
  CtyType,
  Obj,
  Schema,
  SchemaBlock,
  UNKNOWN,
  Unknown,
  Value,
  decodeMsgpack,
  encodeMsgpack,
  equal,
  fromJson,
  isKnown,
  isObj,
  normalizeBlock,
} from "./cty";
import {
  ClusterProfileRecord,
  PaletteError,
  ProfilePack,
  allPackVersions,
  clusterByName,
  clusterByUid,
  clusterProfileByUid,
  clusterProfiles,
  compareVersions,
  fakeUid,
  projectUid,
  readState,
  registryByName,
  registryByUid,
  updateState,
} from "./palette";
import { ENV } from "./assets";
import { Constraint, TypeConstraints, cachedSchemaResponse, loadConstraints, loadSchemas, SERVER_CAPABILITIES } from "./schema";
import type { Msg } from "./protobuf";
import { Severity, codec } from "./tfplugin6";

type Step = string | number;

export interface Diagnostic {
  severity: Severity;
  summary: string;
  detail: string;
  attribute?: { steps: Msg[] };
}

const IMMUTABLE_PROFILES = "immutable-clusterprofiles";
const ADDON_DISABLED_FLAG = "disable_addon_deployment_resource";

export function error(summary: string, detail = "", path?: Step[]): Diagnostic {
  return {
    severity: Severity.ERROR,
    summary,
    detail,
    attribute: path && path.length ? { steps: path.map((s) => (typeof s === "number" ? { element_key_int: s } : { attribute_name: s })) } : undefined,
  };
}

function warning(summary: string, detail: string, path: Step[]): Diagnostic {
  return { ...error(summary, detail, path), severity: Severity.WARNING };
}

const fromPalette = (e: unknown): Diagnostic => (e instanceof PaletteError ? error(e.summary, e.detail) : error(e instanceof Error ? e.message : String(e)));

/** Go's %q for a []string, as the SDK's validators print their allowed values. */
const goQuoteList = (values: readonly string[]): string => `[${values.map((v) => JSON.stringify(v)).join(" ")}]`;

function str(v: Value | undefined): string {
  return typeof v === "string" ? v : "";
}

/** Reads an SDK-style key ("cloud_config.0.name") from a config object. */
function getByKey(root: Value, key: string): Value {
  let cur: Value = root;
  for (const seg of key.split(".")) {
    if (cur === null || cur instanceof Unknown) return cur;
    if (Array.isArray(cur)) cur = cur[Number(seg)] ?? null;
    else if (isObj(cur)) cur = cur[seg] ?? null;
    else return null;
  }
  return cur;
}

function convertDefault(def: unknown, type: CtyType): Value {
  if (type === "string") return typeof def === "string" ? def : String(def);
  if (type === "number") return typeof def === "number" ? def : Number(def);
  if (type === "bool") return typeof def === "boolean" ? def : def === "true";
  return fromJson(def);
}

/** ValidateResourceConfig as helper/schema does it, from the schema flags and the constraints file. */
export function validateBlock(block: SchemaBlock, cons: TypeConstraints, value: Value, root: Value, prefix: { key: string; cpath: string; steps: Step[] }, diags: Diagnostic[]): void {
  if (!isObj(value)) return;
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    const key = prefix.key ? `${prefix.key}.${name}` : name;
    const cpath = prefix.cpath ? `${prefix.cpath}.${name}` : name;
    const steps = [...prefix.steps, name];
    const c: Constraint = cons[cpath] ?? {};
    const v = value[name] ?? null;
    const has = (k: string) => getByKey(root, k) !== null;
    const unknownAt = (k: string) => getByKey(root, k) instanceof Unknown;
    if (c.exactly_one_of) {
      const all = [...new Set([...c.exactly_one_of, key])].sort();
      const unknown = all.filter(unknownAt).length;
      const specified = all.filter((k) => !unknownAt(k) && has(k));
      if (specified.length === 0 && unknown === 0) diags.push(error("ExactlyOne", `"${key}": one of \`${all.join(",")}\` must be specified`, steps));
      else if (specified.length > 1)
        diags.push(error("ExactlyOne", `"${key}": only one of \`${all.join(",")}\` can be specified, but \`${specified.join(",")}\` were specified.`, steps));
    }
    if (c.at_least_one_of) {
      const all = [...new Set([...c.at_least_one_of, key])].sort();
      if (!all.some(has)) diags.push(error("AtLeastOne", `"${key}": one of \`${all.join(",")}\` must be specified`, steps));
    }
    if (v === null) continue;
    if (!attr.optional && !attr.required) {
      diags.push(error("Computed attributes cannot be set", `Computed attributes cannot be set, but a value was set for "${key}".`, steps));
      continue;
    }
    if (c.required_with) {
      const all = [...new Set([...c.required_with, key])].sort();
      if (!all.every(has)) diags.push(error("RequiredWith", `"${key}": all of \`${all.join(",")}\` must be specified`, steps));
    }
    if (!isKnown(v)) continue;
    const conflict = (c.conflicts_with ?? []).find((k) => has(k) && !unknownAt(k));
    if (conflict) {
      diags.push(error("ConflictsWith", `"${key}": conflicts with ${conflict}`, steps));
      continue;
    }
    if (c.deprecated) diags.push(warning("Argument is deprecated", c.deprecated, steps));
    validateScalar(key, v, c.enum, c, steps, diags);
    if (c.elem_enum && Array.isArray(v)) v.forEach((e, i) => validateScalar(`${key}.${i}`, e, c.elem_enum, {}, [...steps, i], diags));
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const key = prefix.key ? `${prefix.key}.${name}` : name;
    const cpath = prefix.cpath ? `${prefix.cpath}.${name}` : name;
    const v = value[name];
    const c = cons[cpath] ?? {};
    const steps = [...prefix.steps, name];
    if (Array.isArray(v)) {
      if (v.length && c.conflicts_with && isKnown(v)) {
        const conflict = c.conflicts_with.find((k) => getByKey(root, k) !== null && !(getByKey(root, k) instanceof Unknown));
        if (conflict) diags.push(error("ConflictsWith", `"${key}": conflicts with ${conflict}`, steps));
      }
      v.forEach((e, i) => validateBlock(nb.block, cons, e, root, { key: `${key}.${i}`, cpath, steps: nb.nesting_mode === "set" ? steps : [...steps, i] }, diags));
    } else if (isObj(v)) validateBlock(nb.block, cons, v, root, { key: `${key}.0`, cpath, steps }, diags);
  }
}

function validateScalar(key: string, v: Value, allowed: string[] | undefined, c: Constraint, steps: Step[], diags: Diagnostic[]): void {
  if (typeof v !== "string") return;
  if (allowed && !allowed.includes(v)) diags.push(error(`expected ${key} to be one of ${goQuoteList(allowed)}, got ${v}`, "", steps));
  if (c.not_in && c.not_in.includes(v)) diags.push(error(`expected ${key} to not be any of ${goQuoteList(c.not_in)}, got ${v}`, "", steps));
  if (c.validators?.includes("StringIsNotEmpty()") && v === "") diags.push(error(`expected "${key}" to not be an empty string, got ${v}`, "", steps));
  for (const [i, re] of (c.regex ?? []).entries()) {
    if (new RegExp(re).test(v)) continue;
    const message = /StringMatch\(regexp\(.*\), "(.*)"\)$/.exec(c.validators?.filter((x) => x.startsWith("StringMatch"))[i] ?? "")?.[1];
    diags.push(error(message ? `invalid value for ${key} (${message})` : `expected value of ${key} to match regular expression ${JSON.stringify(re)}, got ${v}`, "", steps));
  }
}

/** SDKv2 planning: defaults for unset optional attributes, unknown for unset computed ones. */
export function planBlock(value: Value, block: SchemaBlock, cons: TypeConstraints, cpath = ""): Value {
  if (!isObj(value)) return value;
  const out: Obj = { ...value };
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (out[name] !== null) continue;
    const def = cons[cpath ? `${cpath}.${name}` : name]?.default;
    if (!attr.computed && def !== undefined && def !== null) out[name] = convertDefault(def, attr.type);
    else if (attr.computed) out[name] = UNKNOWN;
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const p = cpath ? `${cpath}.${name}` : name;
    const v = out[name];
    if (Array.isArray(v)) out[name] = v.map((e) => planBlock(e, nb.block, cons, p));
    else if (isObj(v)) out[name] = planBlock(v, nb.block, cons, p);
  }
  return out;
}

/** Data sources get their defaults too (SDKv2 reads them through the same diff), but nothing unknown. */
function withDefaults(value: Value, block: SchemaBlock, cons: TypeConstraints, cpath = ""): Value {
  if (!isObj(value)) return value;
  const out: Obj = { ...value };
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    const def = cons[cpath ? `${cpath}.${name}` : name]?.default;
    if (out[name] === null && !attr.computed && def !== undefined && def !== null) out[name] = convertDefault(def, attr.type);
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const p = cpath ? `${cpath}.${name}` : name;
    const v = out[name];
    if (Array.isArray(v)) out[name] = v.map((e) => withDefaults(e, nb.block, cons, p));
    else if (isObj(v)) out[name] = withDefaults(v, nb.block, cons, p);
  }
  return out;
}

/** Paths whose change forces replacement, in protocol form (list elements by index, sets as a whole). */
export function forceNewChanges(prior: Value, planned: Value, block: SchemaBlock, paths: string[]): Step[][] {
  const out: Step[][] = [];
  const walk = (a: Value, b: Value, blk: SchemaBlock, segs: string[], steps: Step[]): void => {
    const [name, ...rest] = segs;
    const av = isObj(a) ? (a[name] ?? null) : null;
    const bv = isObj(b) ? (b[name] ?? null) : null;
    const nb = blk.block_types?.[name];
    if (!rest.length || !nb) {
      if (!equal(av, bv)) out.push([...steps, name]);
      return;
    }
    if (nb.nesting_mode === "set") {
      const project = (v: Value) => (Array.isArray(v) ? v.map((e) => projection(e, nb.block, rest)) : []);
      const pa = project(av);
      const pb = project(bv);
      if (pa.length !== pb.length || pa.some((x) => !pb.some((y) => equal(x, y)))) out.push([...steps, name]);
    } else if (Array.isArray(av) || Array.isArray(bv)) {
      const la = Array.isArray(av) ? av : [];
      const lb = Array.isArray(bv) ? bv : [];
      for (let i = 0; i < Math.max(la.length, lb.length); i++) {
        const ea = la[i] ?? null;
        const eb = lb[i] ?? null;
        // A removed element changes nothing ForceNew by itself; an added one does when the attribute is set.
        if (eb === null) continue;
        walk(ea, eb, nb.block, rest, [...steps, name, i]);
      }
    } else walk(av, bv, nb.block, rest, [...steps, name]);
  };
  for (const p of paths) walk(prior, planned, block, p.split("."), []);
  const seen = new Set<string>();
  return out.filter((s) => {
    const k = JSON.stringify(s);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function projection(v: Value, block: SchemaBlock, segs: string[]): Value {
  if (!isObj(v)) return null;
  const [name, ...rest] = segs;
  const inner = v[name] ?? null;
  const nb = block.block_types?.[name];
  if (!rest.length || !nb) return inner;
  return Array.isArray(inner) ? inner.map((e) => projection(e, nb.block, rest)) : projection(inner, nb.block, rest);
}

/** Deterministic stand-ins for values only the API would know. */
function fakeFor(type: CtyType, name: string, seed: string): Value {
  if (type === "string") return name === "id" || /uid$/.test(name) ? fakeUid(seed, name) : `fake-${name}-${fakeUid(seed, name).slice(0, 8)}`;
  if (type === "number") return 0;
  if (type === "bool") return false;
  if (Array.isArray(type) && type[0] === "map") return {};
  if (Array.isArray(type) && type[0] === "object") return null;
  return [];
}

function fillType(v: Value, type: CtyType, name: string, seed: string): Value {
  if (v instanceof Unknown) return fakeFor(type, name, seed);
  if (!Array.isArray(type) || v === null) return v;
  if ((type[0] === "list" || type[0] === "set") && Array.isArray(v)) return v.map((e, i) => fillType(e, type[1] as CtyType, name, `${seed}/${i}`));
  if (type[0] === "map" && isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, fillType(e, type[1] as CtyType, name, `${seed}/${k}`)]));
  if (type[0] === "object" && isObj(v)) {
    const at = type[1] as Record<string, CtyType>;
    return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, fillType(e, at[k] ?? "string", k, `${seed}/${k}`)]));
  }
  return v;
}

/** Replaces unknowns (and, for data sources, nulls in computed attributes) with deterministic fakes. */
export function fillComputed(value: Value, block: SchemaBlock, seed: string, fillNulls = false): Value {
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) out[k] = v;
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    const v = out[name] ?? null;
    if (fillNulls && v === null && attr.computed) out[name] = fakeFor(attr.type, name, `${seed}/${name}`);
    else out[name] = fillType(v, attr.type, name, `${seed}/${name}`);
  }
  for (const [name, nb] of Object.entries(block.block_types ?? {})) {
    const v = out[name];
    if (Array.isArray(v)) out[name] = v.map((e, i) => fillComputed(e, nb.block, `${seed}/${name}/${i}`, fillNulls));
    else if (isObj(v)) out[name] = fillComputed(v, nb.block, `${seed}/${name}`, fillNulls);
  }
  return out;
}

/** A stable identity for a resource: its type and name, or its whole known config. */
function seedOf(type: string, v: Value): string {
  const name = isObj(v) ? v.name : null;
  return typeof name === "string" ? `${type}|${name}` : `${type}|${JSON.stringify(v)}`;
}

interface ProviderSettings {
  projectName: string;
  projectUid: string;
  featurePreview: Set<string>;
  featureFlags: Record<string, boolean>;
}

/** The provider: one instance per plugin process, configured by ConfigureProvider. */
export class SpectroCloudProvider {
  private settings: ProviderSettings = {
    projectName: "Default",
    projectUid: "",
    featurePreview: new Set((process.env[ENV.featurePreview] ?? "").split(",").map((s) => s.trim()).filter(Boolean)),
    featureFlags: {},
  };

  private resourceSchema(type: string): Schema {
    const s = loadSchemas().resource_schemas[type];
    if (!s) throw new PaletteError(`unknown resource type ${type}`);
    return s;
  }
  private dataSchema(type: string): Schema {
    const s = loadSchemas().data_source_schemas[type];
    if (!s) throw new PaletteError(`unknown data source type ${type}`);
    return s;
  }

  private decode(dv: Msg | undefined, block: SchemaBlock): Value {
    if (!dv) return null;
    if (dv.msgpack && dv.msgpack.length) return normalizeBlock(decodeMsgpack(dv.msgpack), block);
    if (dv.json && dv.json.length) return normalizeBlock(fromJson(JSON.parse(Buffer.from(dv.json).toString("utf8"))), block);
    return null;
  }
  private encode(v: Value): Msg {
    return { msgpack: Buffer.from(encodeMsgpack(v)) };
  }

  /** RPC name → handler on decoded request, returning the response object. */
  readonly handlers: Record<string, (req: Msg) => Msg> = {
    GetMetadata: () => ({
      server_capabilities: SERVER_CAPABILITIES,
      resources: Object.keys(loadSchemas().resource_schemas).map((type_name) => ({ type_name })),
      data_sources: Object.keys(loadSchemas().data_source_schemas).map((type_name) => ({ type_name })),
    }),
    ValidateProviderConfig: (req) => {
      const block = loadSchemas().provider.block;
      const config = this.decode(req.config, block);
      const diags: Diagnostic[] = [];
      validateBlock(block, loadConstraints().provider, config, config, { key: "", cpath: "", steps: [] }, diags);
      return { diagnostics: diags };
    },
    ValidateResourceConfig: (req) => {
      const block = this.resourceSchema(req.type_name).block;
      const config = this.decode(req.config, block);
      const diags: Diagnostic[] = [];
      validateBlock(block, loadConstraints().resources[req.type_name] ?? {}, config, config, { key: "", cpath: "", steps: [] }, diags);
      return { diagnostics: diags };
    },
    ValidateDataResourceConfig: (req) => {
      const block = this.dataSchema(req.type_name).block;
      const config = this.decode(req.config, block);
      const diags: Diagnostic[] = [];
      validateBlock(block, loadConstraints().data_sources[req.type_name] ?? {}, config, config, { key: "", cpath: "", steps: [] }, diags);
      return { diagnostics: diags };
    },
    ConfigureProvider: (req) => ({ diagnostics: this.configure(this.decode(req.config, loadSchemas().provider.block)) }),
    UpgradeResourceState: (req) => {
      const block = this.resourceSchema(req.type_name).block;
      const json = req.raw_state?.json;
      if (!json || !json.length) return { diagnostics: [error("Unsupported state format", "Only JSON state (Terraform 0.12 and later) can be upgraded.")] };
      return { upgraded_state: this.encode(normalizeBlock(fromJson(JSON.parse(Buffer.from(json).toString("utf8"))), block)) };
    },
    ReadResource: (req) => {
      const block = this.resourceSchema(req.type_name).block;
      const state = this.decode(req.current_state, block);
      if (req.type_name === "spectrocloud_cluster_profile" && isObj(state) && typeof state.id === "string" && !clusterProfileByUid(state.id)) {
        // Deleted in Palette: the provider clears the id and Terraform plans a create.
        return { new_state: this.encode(null), private: req.private };
      }
      return { new_state: this.encode(state), private: req.private };
    },
    PlanResourceChange: (req) => this.plan(req),
    ApplyResourceChange: (req) => this.apply(req),
    ImportResourceState: (req) => this.importState(req.type_name, req.id),
    ReadDataSource: (req) => this.readDataSource(req),
    GetFunctions: () => ({}),
    StopProvider: () => ({}),
  };

  private configure(config: Value): Diagnostic[] {
    if (!isObj(config)) return [];
    if (!isKnown(config)) return [];
    const apiKey = str(config.api_key) || process.env.SPECTROCLOUD_APIKEY || "";
    if (!apiKey) return [error("Unable to create Spectro Cloud client", "Unable to authenticate user for authenticated Spectro Cloud client")];
    const projectName = str(config.project_name) || "Default";
    try {
      this.settings.projectUid = projectUid(projectName);
    } catch (e) {
      return [fromPalette(e)];
    }
    this.settings.projectName = projectName;
    if (isObj(config.feature_preview)) for (const [k, v] of Object.entries(config.feature_preview)) if (v === true) this.settings.featurePreview.add(k);
    if (isObj(config.feature_flag)) for (const [k, v] of Object.entries(config.feature_flag)) this.settings.featureFlags[k] = v === true;
    return [];
  }

  private plan(req: Msg): Msg {
    const type: string = req.type_name;
    const block = this.resourceSchema(type).block;
    const cons = loadConstraints().resources[type] ?? {};
    const prior = this.decode(req.prior_state, block);
    const proposed = this.decode(req.proposed_new_state, block);
    if (proposed === null) return { planned_state: this.encode(null), planned_private: req.prior_private, legacy_type_system: true };
    const planned = planBlock(proposed, block, cons);
    const forceNew = Object.entries(cons)
      .filter(([, c]) => c.force_new)
      .map(([p]) => p);
    const diags: Diagnostic[] = [];
    if (type === "spectrocloud_addon_deployment" && this.settings.featureFlags[ADDON_DISABLED_FLAG]) diags.push(error(ADDON_DISABLED_MESSAGE));
    if (type === "spectrocloud_cluster_profile" && prior !== null && this.settings.featurePreview.has(IMMUTABLE_PROFILES)) {
      const d = immutableProfileDiff(prior, planned);
      if (d.forceVersion) forceNew.push("version");
      if (d.error) diags.push(error(d.error));
    }
    const requiresReplace = prior === null ? [] : forceNewChanges(prior, planned, block, forceNew);
    return {
      planned_state: this.encode(planned),
      requires_replace: requiresReplace.map((steps) => error("", "", steps).attribute),
      planned_private: req.prior_private,
      diagnostics: diags,
      legacy_type_system: true,
    };
  }

  private apply(req: Msg): Msg {
    const type: string = req.type_name;
    const block = this.resourceSchema(type).block;
    const prior = this.decode(req.prior_state, block);
    const planned = this.decode(req.planned_state, block);
    const done = (v: Value, diagnostics: Diagnostic[] = []) => ({ new_state: this.encode(v), private: req.planned_private, diagnostics, legacy_type_system: true });
    try {
      if (planned === null) {
        this.deleteRemote(type, prior);
        return done(null);
      }
      if (!isObj(planned)) throw new PaletteError("planned state is not an object");
      let state: Obj = { ...planned };
      if (type === "spectrocloud_cluster_profile") state = this.applyClusterProfile(prior, state);
      else if (type === "spectrocloud_addon_deployment") state = this.applyAddonDeployment(state);
      const seed = seedOf(type, prior ?? planned);
      if (state.id instanceof Unknown) state.id = isObj(prior) && typeof prior.id === "string" ? prior.id : fakeUid(seed, "id");
      return done(fillComputed(state, block, seed));
    } catch (e) {
      // On a failed create the resource does not exist; on a failed update the prior state stands.
      return done(prior, [fromPalette(e)]);
    }
  }

  private deleteRemote(type: string, prior: Value): void {
    if (!isObj(prior)) return;
    if (type === "spectrocloud_addon_deployment" && this.settings.featureFlags[ADDON_DISABLED_FLAG]) throw new PaletteError(ADDON_DISABLED_MESSAGE);
    if (type === "spectrocloud_cluster_profile" && prior.skip_destroy !== true) updateState((s) => (s.clusterProfiles = s.clusterProfiles.filter((p) => p.uid !== prior.id)));
    if (type === "spectrocloud_addon_deployment") updateState((s) => (s.addonDeployments = s.addonDeployments.filter((d) => d.id !== prior.id)));
  }

  /** Create/Update of spectrocloud_cluster_profile: pack checks and resolution, then record it in Palette. */
  private applyClusterProfile(prior: Value, state: Obj): Obj {
    const context = str(state.context) || "project";
    const name = str(state.name);
    const version = str(state.version) || "1.0.0";
    const packs = (Array.isArray(state.pack) ? state.pack : []).map((p) => resolvePack(p as Obj));
    state.pack = packs.map((p) => p.state);
    const creating = !isObj(prior);
    const uid = creating ? fakeUid("cluster_profile", context, this.settings.projectUid, name, version) : str(prior.id);
    const existing = readState().clusterProfiles.find((p) => p.uid !== uid && p.name === name && p.version === version && p.context === context);
    const adopt = creating && readState().clusterProfiles.some((p) => p.uid === uid);
    if (existing || (adopt && !this.settings.featurePreview.has(IMMUTABLE_PROFILES))) {
      // Palette refuses a second profile with the same name and version (the API's conflict error, simulated).
      throw new PaletteError(`cluster profile '${name}' with version '${version}' already exists in ${context} scope`);
    }
    state.id = uid;
    const record: ClusterProfileRecord = {
      uid,
      name,
      version,
      context,
      project: context === "project" ? this.settings.projectName : undefined,
      cloud: str(state.cloud) || "all",
      type: str(state.type) || "add-on",
      description: typeof state.description === "string" ? state.description : null,
      tags: Array.isArray(state.tags) ? state.tags.map(String) : null,
      packs: packs.map((p) => p.record),
      state: JSON.parse(JSON.stringify(state)),
    };
    updateState((s) => {
      s.clusterProfiles = s.clusterProfiles.filter((p) => p.uid !== uid && !(isObj(prior) && p.uid === prior.id && !creating));
      s.clusterProfiles.push(record);
    });
    return state;
  }

  private applyAddonDeployment(state: Obj): Obj {
    if (this.settings.featureFlags[ADDON_DISABLED_FLAG]) throw new PaletteError(ADDON_DISABLED_MESSAGE);
    const profiles = Array.isArray(state.cluster_profile) ? state.cluster_profile : [];
    if (profiles.length === 0) throw new PaletteError("exactly one cluster_profile is required, but none was specified");
    if (profiles.length > 1)
      throw new PaletteError(
        `exactly one cluster_profile is allowed per addon deployment, but ${profiles.length} were specified. Use separate spectrocloud_addon_deployment resources for each profile`,
      );
    const clusterUid = str(state.cluster_uid);
    if (!clusterByUid(clusterUid)) throw new PaletteError(`cluster not found: ${clusterUid}`);
    const profile = profiles[0] as Obj;
    for (const p of Array.isArray(profile.pack) ? profile.pack : []) validatePackFields(p as Obj);
    const id = `${clusterUid}_${str(profile.id)}`;
    state.id = id;
    updateState((s) => {
      s.addonDeployments = s.addonDeployments.filter((d) => d.id !== id);
      s.addonDeployments.push({ id, cluster_uid: clusterUid, profile_uid: str(profile.id), context: str(state.context) || "project" });
    });
    return state;
  }

  private importState(type: string, id: string): Msg {
    const block = this.resourceSchema(type).block;
    if (type === "spectrocloud_addon_deployment") return { diagnostics: [error(`resource ${type} doesn't support import`)] };
    if (type !== "spectrocloud_cluster_profile") {
      const state = normalizeBlock({ id }, block);
      return { imported_resources: [{ type_name: type, state: this.encode(state) }] };
    }
    try {
      const record = this.findProfileForImport(id);
      const cons = loadConstraints().resources[type] ?? {};
      const base: Value = record.state
        ? normalizeBlock(fromJson(record.state), block)
        : withDefaults(
            normalizeBlock(
              fromJson({
                name: record.name,
                version: record.version,
                context: record.context,
                cloud: record.cloud ?? "all",
                type: record.type ?? "add-on",
                description: record.description ?? null,
                tags: record.tags ?? null,
                pack: record.packs.map((p) => ({ ...p, manifest: p.manifest })),
              }),
              block,
            ),
            block,
            cons,
          );
      const state = { ...(base as Obj), id: record.uid, context: record.context, name: record.name, version: record.version };
      return { imported_resources: [{ type_name: type, state: this.encode(state) }] };
    } catch (e) {
      return { diagnostics: [fromPalette(e)] };
    }
  }

  /** ParseClusterProfileImportID + GetCommonClusterProfile: UID or NAME, then CONTEXT, then optional VERSION. */
  private findProfileForImport(importId: string): ClusterProfileRecord {
    const parts = importId.split(":");
    if (parts.length < 2 || parts.length > 3)
      throw new PaletteError(`invalid cluster profile import ID format: expected UID_or_NAME:CONTEXT or UID_or_NAME:CONTEXT:VERSION, got ${JSON.stringify(importId)}`);
    const idOrName = parts[0].trim();
    const context = parts[1].trim();
    const version = (parts[2] ?? "").trim();
    if (!idOrName || !context) throw new PaletteError("invalid cluster profile import ID: id/name and context cannot be empty");
    if (!["project", "tenant", "system"].includes(context))
      throw new PaletteError(`invalid cluster profile import ID: context must be project, tenant, or system, got ${JSON.stringify(context)}`);
    const byUid = clusterProfileByUid(idOrName);
    if (byUid) {
      if (byUid.context !== context)
        throw new PaletteError(`cluster profile with id ${JSON.stringify(idOrName)} not found in context ${JSON.stringify(context)} (profile is in context ${JSON.stringify(byUid.context)})`);
      if (version && byUid.version !== version)
        throw new PaletteError(`cluster profile version mismatch: requested ${JSON.stringify(version)}, profile has version ${JSON.stringify(byUid.version)}`);
      return byUid;
    }
    const matches = clusterProfiles(context, this.settings.projectName).filter((p) => p.name === idOrName);
    if (!matches.length) throw new PaletteError(`cluster profile with name ${JSON.stringify(idOrName)} not found in context ${JSON.stringify(context)}`);
    if (version) {
      const hit = matches.find((p) => p.version === version);
      if (!hit) throw new PaletteError(`cluster profile with name ${JSON.stringify(idOrName)} and version ${JSON.stringify(version)} not found in context ${JSON.stringify(context)}`);
      return hit;
    }
    return [...matches].sort((a, b) => compareVersions(a.version, b.version)).pop()!;
  }

  private readDataSource(req: Msg): Msg {
    const type: string = req.type_name;
    const block = this.dataSchema(type).block;
    const cons = loadConstraints().data_sources[type] ?? {};
    const config = withDefaults(this.decode(req.config, block), block, cons);
    if (!isObj(config)) return { state: this.encode(config) };
    try {
      const lookup = DATA_SOURCES[type];
      const state = lookup ? lookup(config, this.settings) : (fillComputed(config, block, seedOf(type, config), true) as Obj);
      return { state: this.encode(normalizeBlock(state, block)) };
    } catch (e) {
      return { diagnostics: [fromPalette(e)] };
    }
  }

  /** Serves one RPC: decode, handle, encode. GetProviderSchema bytes come straight from the disk cache. */
  handle(rpc: string, requestType: string, responseType: string, request: Buffer): Buffer {
    if (rpc === "GetProviderSchema") return cachedSchemaResponse();
    const handler = this.handlers[rpc];
    if (!handler) throw new Error(`unimplemented ${rpc}`);
    return codec.encode(responseType, handler(codec.decode(requestType, request)));
  }
}

const ADDON_DISABLED_MESSAGE =
  "spectrocloud_addon_deployment is disabled by provider feature flag `disable_addon_deployment_resource`. Remove this resource from configuration or set the flag to false.";

/** ValidatePackUIDOrResolutionFields (schemas/pack.go). */
function validatePackFields(p: Obj): void {
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
function resolvePack(p: Obj): { state: Obj; record: ProfilePack } {
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

/** resourceClusterProfileCustomizeDiff under the immutable-clusterprofiles preview (only called for updates). */
function immutableProfileDiff(prior: Value, planned: Value): { forceVersion: boolean; error?: string } {
  if (!isObj(prior) || !isObj(planned)) return { forceVersion: false };
  const name = str(planned.name);
  const version = str(planned.version);
  if (!equal(prior.version, planned.version)) {
    if (planned.skip_destroy === true) return { forceVersion: true };
    return {
      forceVersion: true,
      error:
        `immutable-clusterprofiles: version changes on ${JSON.stringify(name)} require skip_destroy = true and ` +
        "lifecycle { create_before_destroy = true } on the resource, so that the previous version is preserved in Palette while Terraform replaces the resource. Add both to your resource block:\n\n" +
        `  resource "spectrocloud_cluster_profile" ${JSON.stringify(name)} {\n    # ...\n    skip_destroy = true\n\n    lifecycle {\n      create_before_destroy = true\n    }\n  }\n\n` +
        'This follows the standard Terraform Plugin SDK v2 immutable-versioned-resource pattern used by aws_lambda_layer_version and similar resources. See the "Immutable versioning" section of the spectrocloud_cluster_profile docs for a full example.',
    };
  }
  const changed = ["name", "tags", "description"].filter((f) => !equal(prior[f], planned[f]));
  if (!equal(canonicalPacks(prior.pack), canonicalPacks(planned.pack))) changed.push("pack");
  if (!equal(canonicalVariables(prior.profile_variables), canonicalVariables(planned.profile_variables))) changed.push("profile_variables");
  if (!changed.length) return { forceVersion: false };
  return {
    forceVersion: false,
    error:
      `immutable-clusterprofiles: cluster profile versions are immutable. Detected changes to field(s) [${changed.join(" ")}] on ${JSON.stringify(name)} (version ${JSON.stringify(version)}) without a corresponding version bump. ` +
      `To push these changes, increment the version field (e.g., ${JSON.stringify(version)} -> ${JSON.stringify(bumpPatch(version))}) so the provider creates a new immutable version via the clone endpoint while the previous version is preserved in Palette. ` +
      'If you intentionally want to mutate the existing version in place, remove the "immutable-clusterprofiles" feature_preview flag from your provider block (note: this reverts to the legacy destructive PUT behavior and is not recommended).',
  };
}

function bumpPatch(v: string): string {
  const parts = v.split(".");
  const n = Number.parseInt(parts[parts.length - 1], 10);
  if (Number.isNaN(n) || n < 0) return "<next-version>";
  parts[parts.length - 1] = String(n + 1);
  return parts.join(".");
}

/** hasSemanticPackChange: values/content trimmed, empty type = spectro, uid ignored. */
function canonicalPacks(v: Value): Value {
  if (!Array.isArray(v)) return [];
  return v.map((p) => {
    const o = isObj(p) ? p : {};
    return {
      name: str(o.name),
      tag: str(o.tag),
      type: str(o.type) || "spectro",
      values: str(o.values).trim(),
      registry_uid: str(o.registry_uid),
      registry_name: str(o.registry_name),
      manifest: (Array.isArray(o.manifest) ? o.manifest : []).map((m) => ({ name: str((m as Obj).name), content: str((m as Obj).content).trim() })),
    };
  });
}

/** hasSemanticProfileVariablesChange: defaults for format/input_type, computed option defaults ignored. */
function canonicalVariables(v: Value): Value {
  const blocks = Array.isArray(v) ? v : [];
  return blocks.flatMap((b) =>
    (isObj(b) && Array.isArray(b.variable) ? b.variable : []).map((x) => {
      const o = isObj(x) ? x : {};
      return {
        ...o,
        format: str(o.format) || "string",
        input_type: str(o.input_type) || "text",
        hidden: o.hidden === true,
        immutable: o.immutable === true,
        is_sensitive: o.is_sensitive === true,
        required: o.required === true,
        options: (Array.isArray(o.options) ? o.options : []).map((op) => ({ ...(op as Obj), default: null })),
      };
    }),
  );
}

function profilePacksValue(p: ClusterProfileRecord): Value {
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

/** Data-source reads of the types this project uses; others get deterministic fakes. */
const DATA_SOURCES: Record<string, (config: Obj, settings: ProviderSettings) => Obj> = {
  spectrocloud_project: (c) => {
    if (typeof c.name !== "string" || !c.name) return c;
    return { ...c, id: projectUid(c.name), name: c.name };
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
    const p = byId ?? (typeof c.name === "string" ? candidates.find((x) => x.name === c.name && (x.version === version || (!x.version && version === "1.0.0"))) : undefined);
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
        const latest = candidates.map((v) => v.version).sort(compareVersions).pop();
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
