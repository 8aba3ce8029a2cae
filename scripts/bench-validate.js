#!/usr/bin/env node
// `node scripts/bench-validate.js [--runs N] [--clusters N] [--json]`: how long `npm run validate` takes on the
// default stack and on a synthesized fleet (bench/apps/fleet.ts with BENCH_CLUSTERS, default 1000). Each run is a
// fresh `node scripts/validate.js` process, because that is what users and CI wait for; the validator's own
// elapsed time (schema load + checks, from its JSON summary) is reported next to it. Target: fleet under 2 s.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { transpile, outDir: buildDir } = require("./transpile");

const FLEET_MAX_S = 2;

function fail(message) {
  console.error(`bench-validate: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = { runs: 7, clusters: 1000, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.split("=", 2);
    if (arg === "--json") opts.json = true;
    else if (name === "--runs" || name === "--clusters") {
      const raw = inline ?? argv[++i];
      const n = Number(raw);
      if (!Number.isInteger(n) || n < (name === "--runs" ? 1 : 0))
        fail(`${name} needs a ${name === "--runs" ? "positive" : "non-negative"} integer, got "${raw}"`);
      opts[name.slice(2)] = n;
    } else if (arg === "--help" || arg === "-h") {
      console.log("usage: node scripts/bench-validate.js [--runs N] [--clusters N] [--json]");
      process.exit(0);
    } else fail(`unknown argument "${arg}"`);
  }
  return opts;
}

/** Synthesizes the fleet app with `clusters` clusters (0 = the default config) into `outdir`. */
function synthFleet(clusters, outdir) {
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir, BENCH_CLUSTERS: String(clusters) };
  const r = spawnSync(process.execPath, [path.join(buildDir, "bench", "apps", "fleet.js")], { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0) throw new Error(`synth of ${clusters} cluster(s) failed: ${r.error ? r.error.message : r.stderr}`);
}

/** One `node scripts/validate.js --format json` run; returns wall seconds and the validator's own ms. */
function validateOnce(outdir) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(__dirname, "validate.js"), outdir, "--format", "json"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error || (r.status !== 0 && r.status !== 1)) throw new Error(`validate failed (${r.error ? r.error.message : `exit ${r.status}`}): ${r.stderr}`);
  const doc = JSON.parse(r.stdout);
  return { wallS, engineMs: doc.summary.elapsedMs, summary: doc.summary, exit: r.status };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

function main() {
  const opts = parseArgs(process.argv.slice(2));
  transpile();
  const tmp = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), "vmo-bench-validate-"));
  try {
    const cases = [
      { name: "default", clusters: 0 },
      { name: `fleet ${opts.clusters}`, clusters: opts.clusters },
    ];
    const results = cases.map((c, i) => {
      const outdir = path.join(tmp, String(i));
      synthFleet(c.clusters, outdir);
      const bytes = fs.readdirSync(path.join(outdir, "stacks")).reduce((n, s) => n + fs.statSync(path.join(outdir, "stacks", s, "cdk.tf.json")).size, 0);
      const warm = validateOnce(outdir); // fills the file cache and .build/, not measured
      const runs = Array.from({ length: opts.runs }, () => validateOnce(outdir));
      return {
        case: c.name,
        clusters: c.clusters,
        resources: warm.summary.resources,
        findings: warm.summary.findings,
        exit: warm.exit,
        jsonBytes: bytes,
        medianWallS: median(runs.map((r) => r.wallS)),
        minWallS: Math.min(...runs.map((r) => r.wallS)),
        maxWallS: Math.max(...runs.map((r) => r.wallS)),
        medianEngineMs: median(runs.map((r) => r.engineMs)),
      };
    });
    const fleet = results[1];
    const target = {
      target: `fleet ${opts.clusters} under ${FLEET_MAX_S} s`,
      actual: `${fleet.medianWallS.toFixed(3)} s`,
      met: fleet.medianWallS < FLEET_MAX_S,
    };
    if (opts.json) {
      console.log(JSON.stringify({ node: process.version, runs: opts.runs, results, target }, null, 2));
    } else {
      console.log(`node ${process.version}, ${opts.runs} measured run(s) + 1 warmup per case, each a fresh \`node scripts/validate.js\``);
      console.log("| case | resources checked | cdk.tf.json KiB | findings | median wall s | min s | max s | median validator ms |");
      console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
      for (const r of results) {
        console.log(
          `| ${r.case} | ${r.resources} | ${(r.jsonBytes / 1024).toFixed(0)} | ${r.findings} | ${r.medianWallS.toFixed(3)} | ${r.minWallS.toFixed(3)} | ${r.maxWallS.toFixed(3)} | ${r.medianEngineMs.toFixed(1)} |`,
        );
      }
      console.log(`- ${target.target}: ${target.actual}, ${target.met ? "met" : "NOT met"}`);
    }
    if (results.some((r) => r.findings > 0)) console.error("bench-validate: warning: the synthesized stacks have findings; the timing includes reporting them");
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  fail(err && err.message ? err.message : String(err));
}
