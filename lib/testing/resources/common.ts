/** What every resource handler gets and returns: the provider's settings, the type's schema, Palette errors. */
import type { Obj, SchemaBlock, Value } from "../cty";
import type { Diagnostic } from "../diagnostics";

export interface ProviderSettings {
  projectName: string;
  projectUid: string;
  featurePreview: Set<string>;
  featureFlags: Record<string, boolean>;
}

export interface HandlerContext {
  readonly type: string;
  readonly block: SchemaBlock;
  readonly settings: ProviderSettings;
}

/** CustomizeDiff and DiffSuppressFunc: what the provider changes in a plan SDKv2 computed from the schema. */
export interface PlanHook {
  planned: Value;
  forceNew: string[];
  diags: Diagnostic[];
}

/** A resource's CRUD as the provider's Go functions do it, against the simulated Palette. */
export interface ResourceHandler {
  plan?(ctx: HandlerContext, prior: Value, planned: Value): PlanHook;
  create(ctx: HandlerContext, planned: Obj): Obj;
  /** The refreshed state, or null when the provider clears the id (Terraform then plans a create). */
  read(ctx: HandlerContext, state: Obj): Obj | null;
  update(ctx: HandlerContext, prior: Obj, planned: Obj): Obj;
  delete(ctx: HandlerContext, prior: Obj): void;
  importState?(ctx: HandlerContext, id: string): Obj;
}

export function str(v: Value | undefined): string {
  return typeof v === "string" ? v : "";
}

export const IMMUTABLE_PROFILES = "immutable-clusterprofiles";

/**
 * An Optional + Computed block (`status` of the KubeVirt resources): the wire schema cannot mark a block computed,
 * so Terraform proposes the config's empty list; SDKv2's diff sees no config for a computed block and keeps the
 * prior value (helper/schema `schemaMap.diff`).
 */
export function keepComputedBlocks(prior: Value, planned: Value, names: readonly string[]): PlanHook {
  if (!prior || typeof prior !== "object" || Array.isArray(prior) || !planned || typeof planned !== "object" || Array.isArray(planned))
    return { planned, forceNew: [], diags: [] };
  const out = { ...(planned as Obj) };
  for (const n of names) {
    const p = (prior as Obj)[n];
    const v = out[n];
    if ((v === null || (Array.isArray(v) && v.length === 0)) && p !== undefined) out[n] = p;
  }
  return { planned: out, forceNew: [], diags: [] };
}
