/** tfplugin6 diagnostics: what every handler returns to Terraform instead of throwing. */
import { PaletteError } from "./palette";
import { Severity } from "./tfplugin6";
import type { Msg } from "./protobuf";

export type Step = string | number;

export interface Diagnostic {
  severity: Severity;
  summary: string;
  detail: string;
  attribute?: { steps: Msg[] };
}

export function error(summary: string, detail = "", path?: Step[]): Diagnostic {
  return {
    severity: Severity.ERROR,
    summary,
    detail,
    attribute: path && path.length ? { steps: path.map((s) => (typeof s === "number" ? { element_key_int: s } : { attribute_name: s })) } : undefined,
  };
}

export function warning(summary: string, detail: string, path: Step[]): Diagnostic {
  return { ...error(summary, detail, path), severity: Severity.WARNING };
}

/** diag.FromErr of a Palette/API error, or of anything else thrown by a handler. */
export const fromPalette = (e: unknown): Diagnostic =>
  e instanceof PaletteError ? error(e.summary, e.detail) : error(e instanceof Error ? e.message : String(e));
