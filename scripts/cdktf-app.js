#!/usr/bin/env node
// The app command for the cdktf CLI (`cdktf synth`, `cdktf deploy`): the CLI owns the output folder, so this
// only transpiles and runs main. `npm run synth` is the faster path and needs no CLI.
"use strict";
process.env.CHECKPOINT_DISABLE = "1";
const path = require("node:path");
require("./transpile").transpile();
require(path.join(__dirname, "..", ".build", "main.js"));
