// Palette contexts (project, tenant) and the check every construct that takes one shares.
import { expectedOneOf } from "./private/validation";
import { ValidationProblem } from "./problems";

/** Where a Palette object lives: in the provider's project, or tenant-wide. */
export enum PaletteContext {
  PROJECT = "project",
  TENANT = "tenant",
}

/** @internal The enum's values, for the library's own checks (users have the enum). */
export const PALETTE_CONTEXTS: readonly string[] = Object.values(PaletteContext);

export function checkContext(field: string, value: string | undefined): ValidationProblem[] {
  if (value === undefined || PALETTE_CONTEXTS.includes(value)) return [];
  return [{ field: [field], message: `"${value}" is not a Palette context; ${expectedOneOf(value, PALETTE_CONTEXTS)}.` }];
}
