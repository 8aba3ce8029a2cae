#!/usr/bin/env node
// Writes config/schema.json, the JSON Schema of environment files, from the zod schema the loader validates
// with (one source of truth). `--check` exits 1 when the committed file is stale.
"use strict";
const path = require("node:path");
const { transpile, outDir } = require("./transpile");

transpile();
const { environmentJsonSchema } = require(path.join(outDir, "stacks/config/schema.js"));
const target = path.resolve(__dirname, "..", "config", "schema.json");
const text = JSON.stringify(environmentJsonSchema(), null, 2) + "\n";
require("./generated-file").writeOrCheck(target, text, "config-schema");
