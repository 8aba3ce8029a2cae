#!/usr/bin/env node
// Writes config/schema.json, the JSON Schema of environment files, from the zod schema the loader validates
// with (one source of truth). `--check` exits 1 when the committed file is stale.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { transpile, outDir } = require("./transpile");

transpile();
const { environmentJsonSchema } = require(path.join(outDir, "stacks/config/schema.js"));
const target = path.resolve(__dirname, "..", "config", "schema.json");
const text = JSON.stringify(environmentJsonSchema(), null, 2) + "\n";
if (process.argv.includes("--check")) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  if (current !== text) {
    console.error("config/schema.json is out of date; run `npm run config-schema`.");
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, text);
  console.error("wrote config/schema.json");
}
