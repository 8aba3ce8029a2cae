/**
 * Where the plugin finds its data files. The same compiled code runs from .build/lib/testing/ (repo)
 * and dist/testing/ (package), so each file is looked up next to this module first (the build copies
 * them there) and then under the repository root found by walking up.
 */
import * as fs from "node:fs";
import * as path from "node:path";

import { PROVIDER_VERSION } from "../versions";

export { PROVIDER_VERSION };
export const PROVIDER_SOURCE = "registry.terraform.io/spectrocloud/spectrocloud";

/** Environment variables the plugin reads (prepareOfflineTerraform sets them). */
export const ENV = {
  /** Provider schema in `terraform providers schema -json` format. */
  schema: "PALETTE_OFFLINE_SCHEMA",
  /** Constraints file (defaults, enums, force_new, ...) matching the schema. */
  constraints: "PALETTE_OFFLINE_CONSTRAINTS",
  /** Simulated Palette inventory (JSON or YAML). */
  inventory: "PALETTE_OFFLINE_INVENTORY",
  /** JSON file where the simulated Palette keeps what apply created (cluster profiles, deployments). */
  state: "PALETTE_OFFLINE_STATE",
  /** Directory for the cached, encoded GetProviderSchema response. */
  cacheDir: "PALETTE_OFFLINE_CACHE_DIR",
  /** Comma-separated feature previews switched on for every run, e.g. "immutable-clusterprofiles". */
  featurePreview: "PALETTE_OFFLINE_FEATURE_PREVIEW",
  /** What the simulated Palette answers the add-on deployment's manifest fetch: "not-found" (default) or "error". */
  manifestFetch: "PALETTE_OFFLINE_MANIFEST_FETCH",
  /** If set, every RPC is appended to this file as a JSON line (name, pid, ms). */
  log: "PALETTE_OFFLINE_LOG",
} as const;

function findUp(rel: string): string | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, rel);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function locate(envName: string, local: string, repoRel: string): string {
  const fromEnv = process.env[envName];
  if (fromEnv) return path.resolve(fromEnv);
  const beside = path.join(__dirname, local);
  if (fs.existsSync(beside)) return beside;
  const found = findUp(repoRel);
  if (!found) throw new Error(`offline provider: cannot find ${local} (looked beside ${__dirname} and for ${repoRel} above it); set ${envName}`);
  return found;
}

export const schemaPath = (): string =>
  locate(
    ENV.schema,
    `schema/spectrocloud-${PROVIDER_VERSION}.schema.json`,
    `packages/provider-spectrocloud/schema/spectrocloud-${PROVIDER_VERSION}.schema.json`,
  );

export const constraintsPath = (): string =>
  locate(
    ENV.constraints,
    `schema/spectrocloud-${PROVIDER_VERSION}.constraints.json`,
    `packages/provider-spectrocloud/schema/spectrocloud-${PROVIDER_VERSION}.constraints.json`,
  );

export const defaultInventoryPath = (): string => locate(ENV.inventory, "fixtures/inventory.json", "lib/testing/fixtures/inventory.json");

/** The compiled entry point the launcher execs: main.js next to this module. */
export const mainScript = (): string => path.join(__dirname, "main.js");
