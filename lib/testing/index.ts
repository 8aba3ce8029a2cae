/**
 * palette-vmo-cdktf/testing: run real Terraform against an offline Spectro Cloud provider that serves
 * the committed 0.29.9 schema and a simulated Palette. See prepareOfflineTerraform.
 */
export { prepareOfflineTerraform, findTerraform, terraformPlatform } from "./offline";
export type { OfflineTerraform, OfflineTerraformOptions } from "./offline";
export { ENV as OFFLINE_PROVIDER_ENV, PROVIDER_VERSION as OFFLINE_PROVIDER_VERSION, defaultInventoryPath } from "./assets";
export { INVENTORY_FORMAT, InventoryError, readInventoryFile } from "./inventory";
export type { InventoryFile, InventoryVirtualMachine } from "./inventory";
export type { Inventory, SimState, ClusterProfileRecord, ClusterRuntime, ClusterTemplate, ManifestFetchOutcome, VmDataVolume, VmRecord } from "./palette";
export { describePalette, formatPalette, paletteCli } from "./inspect";
export type { PaletteView } from "./inspect";
export { applyPendingUpdate, pendingUpdates } from "./palette-clusters";
export type { PendingUpdate } from "./palette-clusters";
