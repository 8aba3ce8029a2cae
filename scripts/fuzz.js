#!/usr/bin/env node
// `npm run fuzz -- --runs N --seed S [--script-every K]`: the fuzz suite of npm test (test/fuzz), longer or with
// another seed. It runs through jest so the cases, invariants and per-mutator counts are the same code.
"use strict";
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { parseArgs } = require("node:util");

const USAGE =
  "usage: npm run fuzz -- [--runs N] [--seed S] [--script-every K]\n\n" +
  "  --runs N           synth cases (default 2000, as in npm test); validate runs max(500, N/4)\n" +
  "  --seed S           fast-check seed (default 20261201, as in npm test)\n" +
  "  --script-every K   also run every K-th case through scripts/synth.js in a process (default 200)\n\n" +
  "exit codes: 0 no invariant broken, 1 a counterexample (printed with its seed and path), 2 bad command line";

let values;
try {
  ({ values } = parseArgs({
    options: { runs: { type: "string" }, seed: { type: "string" }, "script-every": { type: "string" }, help: { type: "boolean", short: "h" } },
  }));
} catch (err) {
  console.error(`fuzz: ${err.message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const env = { ...process.env, FUZZ_TIMEOUT: "86400000" };
for (const [flag, name] of [
  ["runs", "FUZZ_RUNS"],
  ["seed", "FUZZ_SEED"],
  ["script-every", "FUZZ_SCRIPT_EVERY"],
]) {
  if (values[flag] === undefined) continue;
  if (!/^\d+$/.test(values[flag]) || Number(values[flag]) < 1) {
    console.error(`fuzz: --${flag} needs a positive whole number, got "${values[flag]}"\n\n${USAGE}`);
    process.exit(2);
  }
  env[name] = values[flag];
}
const root = path.resolve(__dirname, "..");
const r = spawnSync(process.execPath, [require.resolve("jest/bin/jest"), "--runInBand", "test/fuzz"], { cwd: root, env, stdio: "inherit" });
process.exit(r.status === 0 ? 0 : 1);
