#!/usr/bin/env node
// Writes lib/testing/fixtures/inventory.schema.json, the JSON Schema of the offline provider's inventory files,
// from the TypeScript type the simulator reads (`InventoryFile` in lib/testing/inventory.ts), so the documented
// format cannot drift from the code. `--check` exits 1 when the committed file is stale.
"use strict";
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const target = path.join(root, "lib", "testing", "fixtures", "inventory.schema.json");

function inventorySchema() {
  const { createGenerator } = require("ts-json-schema-generator");
  const schema = createGenerator({
    path: path.join(root, "lib", "testing", "inventory.ts"),
    tsconfig: path.join(root, "tsconfig.json"),
    type: "InventoryFile",
    skipTypeCheck: true,
    additionalProperties: false,
    sortProps: true,
  }).createSchema("InventoryFile");
  schema.$id = "https://github.com/palette-vmo-cdktf/palette-vmo-cdktf/blob/main/lib/testing/fixtures/inventory.schema.json";
  return JSON.stringify(schema, null, 2) + "\n";
}

if (require.main === module) require("./generated-file").writeOrCheck(target, inventorySchema(), "inventory-schema");

module.exports = { inventorySchema, target };
