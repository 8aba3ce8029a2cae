#!/usr/bin/env node
// `npm run validate [-- path] [-- --format json]`: checks cdktf.out against the committed spectrocloud provider
// schema, offline. Runs the validator from swc-transpiled JavaScript, like scripts/synth.js runs the app, so it
// starts in milliseconds; the exit code comes from the CLI (0 clean, 1 findings, 2 bad input).
"use strict";
const path = require("node:path");
const { transpile, outDir: buildDir } = require("./transpile");

transpile();
const { runCli } = require(path.join(buildDir, "lib", "validate", "cli.js"));
process.exitCode = runCli(process.argv.slice(2));
