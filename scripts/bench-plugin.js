#!/usr/bin/env node
// `node scripts/bench-plugin.js [--runs N]`: how long the offline provider plugin takes from spawn to its
// go-plugin handshake line, which terraform pays 2-5 times per command. A benchmark, not a test: wall-clock
// bounds in the test suite made it flaky on a loaded machine.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn } = require("node:child_process");
const { transpile, outDir } = require("./transpile");

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;

function launch(env) {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [path.join(outDir, "lib", "testing", "main.js")], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) {
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        child.on("exit", () => resolve(ms));
        child.kill("SIGTERM");
      }
    });
    child.on("exit", (code) => (out.includes("\n") ? undefined : reject(new Error(`plugin exited ${code}`))));
  });
}

async function main() {
  transpile();
  const { createServerCert } = require(path.join(outDir, "lib", "testing", "cert.js"));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-plugin-"));
  const env = {
    PALETTE_OFFLINE_CACHE_DIR: cacheDir,
    TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
    PLUGIN_PROTOCOL_VERSIONS: "5,6",
    PLUGIN_CLIENT_CERT: createServerCert().certPem,
  };
  try {
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(await launch(env));
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(
      `plugin launch (spawn to handshake), ${RUNS} runs: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`,
    );
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`bench-plugin: ${err.message}`);
  process.exitCode = 1;
});
