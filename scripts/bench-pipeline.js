#!/usr/bin/env node
// `node scripts/bench-pipeline.js [--runs N]`: wall time of one offline cycle of the embedded default (both
// example environments) through real terraform and the local test provider: `npm run plan -- --offline`,
// `npm run apply -- --offline`, a re-plan with no changes, and `terraform destroy`, plus how many times
// terraform launched the provider plugin in each step (counted from the plugin's own trace). A benchmark, not a
// test: it prints numbers and fails only when a step fails.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const runs = Number((process.argv.find((a) => a.startsWith("--runs=")) || "--runs=3").slice(7));

function step(name, argv, opts, expected) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { ...opts, encoding: "utf8" });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!expected.includes(r.status)) throw new Error(`${name} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return s;
}

function launches(log) {
  if (!fs.existsSync(log)) return 0;
  return fs
    .readFileSync(log, "utf8")
    .split("\n")
    .filter((l) => l.includes('"event":"ready"')).length;
}

function cycle() {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "vmo-bench-pipeline-"));
  try {
    const config = path.join(base, "config");
    fs.mkdirSync(config);
    for (const f of ["dev.yaml", "prod.yaml"]) {
      // Destroy at the end needs the attachments unprotected: the opt-out the docs describe, with its reason.
      const text =
        fs.readFileSync(path.join(root, "config", f), "utf8").replace(/^( {6}- (?:name|uid): .*\n)/gm, "$1        preventDestroy: false\n") +
        "suppressions:\n  - { id: VMO-008, reason: benchmark teardown }\n";
      fs.writeFileSync(path.join(config, f), text);
    }
    const log = path.join(base, "provider.log");
    const env = { ...process.env, PALETTE_OFFLINE_LOG: log, CHECKPOINT_DISABLE: "1" };
    const common = ["--offline", "--config-dir", config, "--out", path.join(base, "out"), "--offline-dir", path.join(base, "offline")];
    const node = (script, ...args) => [process.execPath, path.join(root, "scripts", script), ...common, ...args];
    const result = {};
    const measure = (name, argv, opts, expected) => {
      const before = launches(log);
      result[name] = { s: step(name, argv, opts, expected), launches: launches(log) - before };
    };
    measure("plan", node("plan.js"), { cwd: root, env }, [2]);
    measure("apply", node("apply.js"), { cwd: root, env }, [0]);
    measure("re-plan", node("plan.js"), { cwd: root, env }, [0]);
    require("./transpile").transpile();
    const { stackWorkspace } = require(path.join(root, ".build", "stacks", "pipeline", "workspace.js"));
    const t0 = process.hrtime.bigint();
    const before = launches(log);
    for (const stack of ["dev", "prod"]) {
      const w = stackWorkspace(stack, { outdir: path.join(base, "out"), offline: true, offlineDir: path.join(base, "offline") });
      step(
        `destroy ${stack}`,
        ["terraform", "destroy", "-auto-approve", "-input=false", "-no-color"],
        { cwd: w.workDir, env: { ...w.env, PALETTE_OFFLINE_LOG: log } },
        [0],
      );
    }
    result.destroy = { s: Number(process.hrtime.bigint() - t0) / 1e9, launches: launches(log) - before };
    return result;
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

const all = [];
for (let i = 0; i < runs; i++) {
  all.push(cycle());
  console.error(`run ${i + 1}/${runs} done`);
}
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
console.log("| step (2 stacks) | median s | provider launches |");
console.log("| --- | ---: | ---: |");
let total = 0;
let totalLaunches = 0;
for (const name of ["plan", "apply", "re-plan", "destroy"]) {
  const s = median(all.map((r) => r[name].s));
  total += s;
  totalLaunches += all[0][name].launches;
  console.log(`| ${name} | ${s.toFixed(2)} | ${all[0][name].launches} |`);
}
console.log(`| full cycle | ${total.toFixed(2)} | ${totalLaunches} |`);
