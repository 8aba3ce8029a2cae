#!/usr/bin/env node
// `npm run plan`: see `npm run plan -- --help`. The pipeline code lives in stacks/pipeline/plan.ts.
"use strict";
process.env.CHECKPOINT_DISABLE = "1";
const path = require("node:path");
const { transpile, outDir } = require("./transpile");

transpile();
process.exitCode = require(path.join(outDir, "stacks", "pipeline", "plan.js")).main(process.argv.slice(2), path.resolve(__dirname, ".."));
