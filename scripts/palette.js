#!/usr/bin/env node
// `npm run palette -- <palette-state.json> [apply-update <cluster> [profile]]`: prints what the offline provider's
// simulated Palette holds (profiles, which clusters run which version, pending updates), or applies a cluster's
// pending update by hand as a Palette user would in the UI. The state file is the offline run's palette-state.json.
"use strict";
const path = require("node:path");
const { transpile, outDir: buildDir } = require("./transpile");

transpile();
const { paletteCli } = require(path.join(buildDir, "lib", "testing", "inspect.js"));
process.exitCode = paletteCli(process.argv.slice(2));
