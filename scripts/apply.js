#!/usr/bin/env node
// `npm run apply`: see `npm run apply -- --help`. The pipeline code lives in stacks/pipeline/apply.ts.
"use strict";
process.env.CHECKPOINT_DISABLE = "1";
const path = require("node:path");
const { transpile, outDir } = require("./transpile");

transpile();
process.exitCode = require(path.join(outDir, "stacks", "pipeline", "apply.js")).main(process.argv.slice(2), path.resolve(__dirname, ".."));
