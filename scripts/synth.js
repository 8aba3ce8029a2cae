#!/usr/bin/env node
// `npm run synth [-- options]`: transpiles the TypeScript (swc, changed files only) and runs stacks/cli/synth.ts.
"use strict";
process.env.CHECKPOINT_DISABLE = "1";
const path = require("node:path");
const { transpile, outDir } = require("./transpile");

transpile();
const root = path.resolve(__dirname, "..");
process.exitCode = require(path.join(outDir, "stacks", "cli", "synth.js")).synthCommand(process.argv.slice(2), { root });
