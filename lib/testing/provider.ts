/**
 * The tfplugin6.Provider service of the offline provider: decodes each RPC, runs SDKv2-style validation and
 * planning from the schema (sdk-validate.ts, sdk-plan.ts), and hands Create / Read / Update / Delete / Import
 * to the resource handlers (resources/), which port the provider's Go code against the simulated Palette
 * (palette.ts, palette-clusters.ts). ReadResource rebuilds state from Palette, as the real provider does.
 */
import { Obj, Schema, SchemaBlock, Unknown, Value, decodeMsgpack, encodeMsgpack, fromJson, isKnown, isObj, normalizeBlock } from "./cty";
import { PaletteError, fakeUid, projectUid } from "./palette";
import { ENV } from "./assets";
import { cachedSchemaResponse, loadConstraints, loadSchemas, SERVER_CAPABILITIES } from "./schema";
import type { Msg } from "./protobuf";
import { codec } from "./tfplugin6";
import { Diagnostic, error, fromPalette } from "./diagnostics";
import { validateBlock } from "./sdk-validate";
import { fillComputed, forceNewChanges, keepZeroValues, planBlock, seedOf, withDefaults } from "./sdk-plan";
import { DATA_SOURCES } from "./data-sources";
import { HandlerContext, ProviderSettings, ResourceHandler, str } from "./resources/common";
import { clusterProfile } from "./resources/cluster-profile";
import { addonDeployment, addonDeploymentPlanError } from "./resources/addon-deployment";
import { team } from "./resources/team";
import { virtualMachine } from "./resources/virtual-machine";
import { dataVolume } from "./resources/datavolume";

export type { Diagnostic } from "./diagnostics";
export { validateBlock } from "./sdk-validate";
export { planBlock, forceNewChanges, fillComputed } from "./sdk-plan";

const HANDLERS: Record<string, ResourceHandler> = {
  spectrocloud_cluster_profile: clusterProfile,
  spectrocloud_addon_deployment: addonDeployment,
  spectrocloud_team: team,
  spectrocloud_virtual_machine: virtualMachine,
  spectrocloud_datavolume: dataVolume,
};

/** Types without a ported handler: computed values become deterministic fakes, state round-trips. */
const GENERIC: ResourceHandler = {
  create: (_ctx, planned) => planned,
  read: (_ctx, state) => state,
  update: (_ctx, _prior, planned) => planned,
  delete: () => undefined,
  importState: (_ctx, id) => ({ id }),
};

/** The provider: one instance per plugin process, configured by ConfigureProvider. */
export class SpectroCloudProvider {
  private settings: ProviderSettings = {
    projectName: "Default",
    projectUid: "",
    featurePreview: new Set(
      (process.env[ENV.featurePreview] ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    featureFlags: {},
  };

  private schemaOf(kind: "resource_schemas" | "data_source_schemas", type: string): Schema {
    const s = loadSchemas()[kind][type];
    if (!s) throw new PaletteError(`unknown ${kind === "resource_schemas" ? "resource" : "data source"} type ${type}`);
    return s;
  }
  private ctx(type: string): HandlerContext {
    return { type, block: this.schemaOf("resource_schemas", type).block, settings: this.settings };
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

  private validate(block: SchemaBlock, cons: Parameters<typeof validateBlock>[1], dv: Msg | undefined): Msg {
    const config = this.decode(dv, block);
    const diags: Diagnostic[] = [];
    validateBlock(block, cons, config, config, { key: "", cpath: "", steps: [] }, diags);
    return { diagnostics: diags };
  }

  /** RPC name → handler on decoded request, returning the response object. */
  readonly handlers: Record<string, (req: Msg) => Msg> = {
    GetMetadata: () => ({
      server_capabilities: SERVER_CAPABILITIES,
      resources: Object.keys(loadSchemas().resource_schemas).map((type_name) => ({ type_name })),
      data_sources: Object.keys(loadSchemas().data_source_schemas).map((type_name) => ({ type_name })),
    }),
    ValidateProviderConfig: (req) => this.validate(loadSchemas().provider.block, loadConstraints().provider, req.config),
    ValidateResourceConfig: (req) =>
      this.validate(this.schemaOf("resource_schemas", req.type_name).block, loadConstraints().resources[req.type_name] ?? {}, req.config),
    ValidateDataResourceConfig: (req) =>
      this.validate(this.schemaOf("data_source_schemas", req.type_name).block, loadConstraints().data_sources[req.type_name] ?? {}, req.config),
    ConfigureProvider: (req) => ({ diagnostics: this.configure(this.decode(req.config, loadSchemas().provider.block)) }),
    UpgradeResourceState: (req) => {
      const block = this.schemaOf("resource_schemas", req.type_name).block;
      const json = req.raw_state?.json;
      if (!json || !json.length) return { diagnostics: [error("Unsupported state format", "Only JSON state (Terraform 0.12 and later) can be upgraded.")] };
      return { upgraded_state: this.encode(normalizeBlock(fromJson(JSON.parse(Buffer.from(json).toString("utf8"))), block)) };
    },
    ReadResource: (req) => this.read(req),
    PlanResourceChange: (req) => this.plan(req),
    ApplyResourceChange: (req) => this.apply(req),
    ImportResourceState: (req) => this.importState(req.type_name, req.id),
    ReadDataSource: (req) => this.readDataSource(req),
    GetFunctions: () => ({}),
    StopProvider: () => ({}),
  };

  private configure(config: Value): Diagnostic[] {
    if (!isObj(config) || !isKnown(config)) return [];
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

  /** ReadResource: the handler's Read against Palette; a cleared id is a null state (Terraform plans a create). */
  private read(req: Msg): Msg {
    const ctx = this.ctx(req.type_name);
    const state = this.decode(req.current_state, ctx.block);
    if (!isObj(state)) return { new_state: this.encode(state), private: req.private };
    try {
      const next = (HANDLERS[req.type_name] ?? GENERIC).read(ctx, state);
      return { new_state: this.encode(next === null ? null : normalizeBlock(next, ctx.block)), private: req.private };
    } catch (e) {
      return { new_state: this.encode(state), private: req.private, diagnostics: [fromPalette(e)] };
    }
  }

  private plan(req: Msg): Msg {
    const type: string = req.type_name;
    const ctx = this.ctx(type);
    const cons = loadConstraints().resources[type] ?? {};
    const prior = this.decode(req.prior_state, ctx.block);
    const proposed = this.decode(req.proposed_new_state, ctx.block);
    if (proposed === null) return { planned_state: this.encode(null), planned_private: req.prior_private, legacy_type_system: true };
    let planned = planBlock(proposed, ctx.block, cons);
    if (prior !== null) planned = keepZeroValues(prior, planned, ctx.block);
    const forceNew = Object.entries(cons)
      .filter(([, c]) => c.force_new)
      .map(([p]) => p);
    const diags: Diagnostic[] = [];
    if (type === "spectrocloud_addon_deployment") {
      const disabled = addonDeploymentPlanError(ctx);
      if (disabled) diags.push(error(disabled));
    }
    const hook = HANDLERS[type]?.plan?.(ctx, prior, planned);
    if (hook) {
      planned = hook.planned;
      forceNew.push(...hook.forceNew);
      diags.push(...hook.diags);
    }
    const requiresReplace = prior === null ? [] : forceNewChanges(prior, planned, ctx.block, forceNew);
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
    const ctx = this.ctx(type);
    const prior = this.decode(req.prior_state, ctx.block);
    const planned = this.decode(req.planned_state, ctx.block);
    const done = (v: Value, diagnostics: Diagnostic[] = []) => ({
      new_state: this.encode(v),
      private: req.planned_private,
      diagnostics,
      legacy_type_system: true,
    });
    const handler = HANDLERS[type] ?? GENERIC;
    try {
      if (planned === null) {
        if (isObj(prior)) handler.delete(ctx, prior);
        return done(null);
      }
      if (!isObj(planned)) throw new PaletteError("planned state is not an object");
      const seed = seedOf(type, prior ?? planned);
      let state = isObj(prior) ? handler.update(ctx, prior, planned) : handler.create(ctx, planned);
      if (state.id instanceof Unknown || state.id === null)
        state = { ...state, id: isObj(prior) && typeof prior.id === "string" ? prior.id : fakeUid(seed, "id") };
      return done(fillComputed(normalizeBlock(state, ctx.block), ctx.block, seed));
    } catch (e) {
      // A failure after the provider set the id keeps the resource in state (Terraform taints a failed create).
      if (e instanceof PaletteError && e.partialState) {
        const kept = e.partialState as Obj;
        return done(fillComputed(normalizeBlock(kept, ctx.block), ctx.block, seedOf(type, prior ?? kept)), [fromPalette(e)]);
      }
      // On a failed create the resource does not exist; on a failed update the prior state stands.
      return done(prior, [fromPalette(e)]);
    }
  }

  private importState(type: string, id: string): Msg {
    const ctx = this.ctx(type);
    try {
      const state = (HANDLERS[type] ?? GENERIC).importState?.(ctx, id) ?? { id };
      const cons = loadConstraints().resources[type] ?? {};
      return {
        imported_resources: [
          { type_name: type, state: this.encode(withDefaults(normalizeBlock(fromJson(JSON.parse(JSON.stringify(state))), ctx.block), ctx.block, cons)) },
        ],
      };
    } catch (e) {
      if (e instanceof PaletteError && e.summary.includes("doesn't support import")) return { diagnostics: [error(e.summary)] };
      return { diagnostics: [fromPalette(e)] };
    }
  }

  private readDataSource(req: Msg): Msg {
    const type: string = req.type_name;
    const block = this.schemaOf("data_source_schemas", type).block;
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
