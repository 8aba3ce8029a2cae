#!/usr/bin/env node
// `npx palette-vmo-validate [path]`: the published entry point of the validator (package.json "bin").
import { runCli } from "./cli";

process.exitCode = runCli(process.argv.slice(2));
