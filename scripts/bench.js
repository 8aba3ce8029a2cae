#!/usr/bin/env node
// `npm run bench [-- --runs N] [-- --json]`: synthesis wall time of the library's stacks against a bare cdktf
// app, at growing fleet sizes. Each run is a fresh `node` process, because what users wait for in
// `npm run synth` is module loading plus synthesis, not a warm in-process loop.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { transpile, outDir: buildDir } = require("./transpile");

const CASES = [
  { name: "bare", app: "bare", clusters: 0 },
  // The embedded default exactly as `npm run synth` builds it: config/dev.yaml and config/prod.yaml.
  { name: "default", app: "envs", clusters: 0, configDir: path.resolve(__dirname, "..", "config") },
  { name: "fleet 10", app: "fleet", clusters: 10 },
  { name: "fleet 100", app: "fleet", clusters: 100 },
  // The same 100 clusters, each with one VM from a template (plus the profile's golden image and template).
  { name: "fleet 100 + 1 VM each", app: "fleet", clusters: 100, vms: true },
  { name: "fleet 1000", app: "fleet", clusters: 1000 },
  // The config path end to end: generated YAML for 3 environments, clusters split evenly between them.
  { name: "3 envs, 100 clusters", app: "envs", clusters: 100, envs: 3 },
  { name: "3 envs, 1000 clusters", app: "envs", clusters: 1000, envs: 3 },
];
const DEFAULT_MAX_RATIO = 1.5;
const VMS_MAX_RATIO = 1.5;
const FLEET_1000_MAX_S = 3;
const ENVS_1000_MAX_S = 3;

/**
 * Writes `envs` environment files holding `clusters` clusters in all, shaped like config/dev.yaml: a Proxied
 * profile with bindings, clusters alternately by name and by uid, every tenth with a per-cluster override.
 */
function writeFleetConfig(dir, envs, clusters) {
  const { stringify } = require("yaml");
  fs.mkdirSync(dir, { recursive: true });
  for (let e = 0; e < envs; e++) {
    const list = [];
    for (let i = e; i < clusters; i += envs) {
      const c = i % 2 === 0 ? { name: `bench-cluster-${i}` } : { uid: i.toString(16).padStart(24, "0") };
      if (i % 10 === 0) c.packValues = { "virtual-machine-orchestrator": { charts: { "virtual-machine-orchestrator": { multus: { enabled: true } } } } };
      list.push(c);
    }
    const doc = {
      project: { name: `Bench-${e}` },
      backend: { type: "s3", bucket: "bench-state", key: `vmo/env-${e}.tfstate`, region: "eu-west-1", use_lockfile: true },
      profiles: [
        {
          name: `vmo-env-${e}`,
          vmoVersion: "4.10.7",
          accessMode: "proxied",
          roleBindings: {
            groupPrefix: "oidc:",
            bindings: [
              { role: "spectro-vm-admin", subjects: [{ kind: "Group", name: "vmo-admins" }] },
              { role: "spectro-vm-viewer", subjects: [{ kind: "Group", name: "vmo-viewers" }], allVmNamespaces: true },
            ],
          },
          clusters: list,
        },
      ],
    };
    fs.writeFileSync(path.join(dir, `env-${e}.yaml`), stringify(doc));
  }
}

function parseArgs(argv) {
  const opts = { runs: 7, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") opts.json = true;
    else if (arg === "--runs" || arg.startsWith("--runs=")) {
      const raw = arg === "--runs" ? argv[++i] : arg.slice("--runs=".length);
      opts.runs = Number(raw);
      if (!Number.isInteger(opts.runs) || opts.runs < 1) fail(`--runs needs a positive integer, got "${raw}"`);
    } else if (arg === "--help" || arg === "-h") {
      console.log("usage: node scripts/bench.js [--runs N] [--json]");
      process.exit(0);
    } else fail(`unknown argument "${arg}" (usage: node scripts/bench.js [--runs N] [--json])`);
  }
  return opts;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

/** One synth in a child process (the envs app passes CDKTF_OUTDIR through App's default); returns seconds. Any failure aborts the whole benchmark. */
function runOnce(c, outdir) {
  // A clean outdir per run, outside the timed region, so every run does the same amount of writing.
  fs.rmSync(outdir, { recursive: true, force: true });
  const script = path.join(buildDir, "bench", "apps", `${c.app}.js`);
  const env = {
    ...process.env,
    CHECKPOINT_DISABLE: "1",
    CDKTF_OUTDIR: outdir,
    BENCH_CLUSTERS: String(c.clusters),
    BENCH_CONFIG_DIR: c.configDir || "",
    BENCH_VMS: c.vms ? "1" : "",
  };
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [script], { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : r.signal ? `signal ${r.signal}` : `exit code ${r.status}`;
    // Thrown, not process.exit, so the caller's finally still removes the temp folder.
    throw new Error(`case "${c.name}" failed (${why}):\n${r.stderr || "(no stderr)"}`);
  }
  return seconds;
}

/** Resource and data source instances across every synthesized stack. */
function countBlocks(outdir) {
  const stacksDir = path.join(outdir, "stacks");
  let count = 0;
  for (const stack of fs.readdirSync(stacksDir)) {
    const tf = JSON.parse(fs.readFileSync(path.join(stacksDir, stack, "cdk.tf.json"), "utf8"));
    for (const block of [tf.resource, tf.data]) {
      for (const byName of Object.values(block || {})) count += Object.keys(byName).length;
    }
  }
  return count;
}

function median(sorted) {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs every case round-robin (run 1 of each case, then run 2 of each, ...) rather than case after case, so
 * load drift on a shared machine spreads over all cases instead of skewing whichever one it lands on.
 */
function benchAll(cases, runs, log) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vmo-bench-"));
  try {
    const outdirs = cases.map((_, i) => path.join(tmp, String(i)));
    cases.forEach((c, i) => {
      if (c.envs) writeFleetConfig((c.configDir = path.join(tmp, `config-${i}`)), c.envs, c.clusters);
    });
    // The warmup fills the OS file cache; its output is also the one we count blocks in.
    const resources = cases.map((c, i) => (runOnce(c, outdirs[i]), countBlocks(outdirs[i])));
    const times = cases.map(() => []);
    for (let run = 1; run <= runs; run++) {
      cases.forEach((c, i) => times[i].push(runOnce(c, outdirs[i])));
      log(`run ${run}/${runs} done`);
    }
    return cases.map((c, i) => {
      const t = times[i].sort((a, b) => a - b);
      return { case: c.name, clusters: c.clusters, resources: resources[i], medianS: median(t), minS: t[0], maxS: t[t.length - 1], runsS: t };
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  // Progress goes to stderr so `--json` leaves stdout parseable.
  const log = (msg) => console.error(msg);
  const transpiled = transpile();
  log(`transpiled ${transpiled} file(s); ${opts.runs} measured run(s) + 1 warmup per case, node ${process.version}`);

  const results = benchAll(CASES, opts.runs, log);
  const byName = Object.fromEntries(results.map((r) => [r.case, r]));
  const bare = byName.bare.medianS;
  for (const r of results) r.ratioToBare = r.medianS / bare;

  const defaultRatio = byName.default.ratioToBare;
  const fleet1000 = byName["fleet 1000"].medianS;
  const envs1000 = byName["3 envs, 1000 clusters"].medianS;
  const vmsRatio = byName["fleet 100 + 1 VM each"].medianS / byName["fleet 100"].medianS;
  const targets = [
    { target: `default within ${DEFAULT_MAX_RATIO}x of bare`, actual: `${defaultRatio.toFixed(2)}x`, met: defaultRatio <= DEFAULT_MAX_RATIO },
    {
      target: `100 clusters with one VM each within ${VMS_MAX_RATIO}x of the same 100 without VMs`,
      actual: `${vmsRatio.toFixed(2)}x`,
      met: vmsRatio <= VMS_MAX_RATIO,
    },
    { target: `1000 clusters under ${FLEET_1000_MAX_S} s`, actual: `${fleet1000.toFixed(3)} s`, met: fleet1000 < FLEET_1000_MAX_S },
    { target: `1000 clusters in 3 environments from YAML under ${ENVS_1000_MAX_S} s`, actual: `${envs1000.toFixed(3)} s`, met: envs1000 < ENVS_1000_MAX_S },
  ];
  // Marginal cost per cluster; comparing the two slopes shows whether synthesis grows linearly or worse.
  const slope = (a, b) => ((byName[b].medianS - byName[a].medianS) * 1000) / (byName[b].clusters - byName[a].clusters);
  const linearity = {
    msPerCluster10to100: slope("fleet 10", "fleet 100"),
    msPerCluster100to1000: slope("fleet 100", "fleet 1000"),
    envsMsPerCluster100to1000: slope("3 envs, 100 clusters", "3 envs, 1000 clusters"),
  };

  if (opts.json) {
    console.log(JSON.stringify({ node: process.version, runs: opts.runs, results, targets, linearity }, null, 2));
    return;
  }
  const f = (s) => s.toFixed(3);
  const rows = [
    "| case | clusters | resources in cdk.tf.json | median s | min s | max s | ratio to bare |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map((r) => `| ${r.case} | ${r.clusters} | ${r.resources} | ${f(r.medianS)} | ${f(r.minS)} | ${f(r.maxS)} | ${r.ratioToBare.toFixed(2)}x |`),
  ];
  console.log(rows.join("\n"));
  console.log("");
  for (const t of targets) console.log(`- ${t.target}: ${t.actual}, ${t.met ? "met" : "NOT met"}`);
  const { msPerCluster10to100: a, msPerCluster100to1000: b } = linearity;
  console.log(
    `- linearity: ${b.toFixed(2)} ms per cluster between 100 and 1000 (${a.toFixed(2)} ms between 10 and 100; ` +
      `a ratio of ${(b / a).toFixed(1)}, where ~1 means linear)`,
  );
  console.log(`- 3 environments from YAML: ${linearity.envsMsPerCluster100to1000.toFixed(2)} ms per cluster between 100 and 1000`);
}

try {
  main();
} catch (err) {
  fail(err && err.message ? err.message : String(err));
}
