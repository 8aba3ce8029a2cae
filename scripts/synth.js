#!/usr/bin/env node
// `npm run synth [-- options]`: one stack per environment file, written into a temporary folder that replaces
// the output only when every stack synthesized. A config or validation error exits 1 with the message and no
// stack trace, and leaves the previous output untouched. `--help` lists the options.
"use strict";
process.env.CHECKPOINT_DISABLE = "1";
const fs = require("node:fs");
const path = require("node:path");
const { parseArgs } = require("node:util");
const { transpile, outDir: buildDir } = require("./transpile");

const root = path.resolve(__dirname, "..");

const USAGE = `usage: npm run synth -- [options]

Synthesizes one Terraform stack per environment file (config/<env>.yaml -> stack <env>).

options:
  --env <name>         synthesize only this environment; repeat or comma-separate for several (default: all)
  --config-dir <dir>   folder of environment files (default: config)
  --out <dir>          output folder, replaced only on success (default: cdktf.out)
  --hcl                write HCL (cdk.tf) instead of Terraform JSON (cdk.tf.json)
  --quiet              print only errors
  -h, --help           show this help

Every environment file is checked, also when --env picks only some, so a broken file fails every run.
Secrets are never read here: the pipeline sets TF_VAR_<name> for each secret the summary lists, and
SPECTROCLOUD_APIKEY for the provider. Under the cdktf CLI the same app reads VMO_ENV and VMO_CONFIG_DIR.

exit codes: 0 synthesized, 1 config or synth error (nothing written), 2 bad command line`;

function usageError(message) {
  console.error(`synth: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: {
        env: { type: "string", multiple: true },
        "config-dir": { type: "string" },
        out: { type: "string" },
        hcl: { type: "boolean" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: false,
    });
  } catch (err) {
    usageError(err.message);
  }
  const v = parsed.values;
  if (v.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const envs = (v.env || []).flatMap((e) => e.split(",")).map((e) => e.trim()).filter(Boolean);
  if (v.env && envs.length === 0) usageError("--env needs an environment name");
  const opts = {
    envs: envs.length ? envs : undefined,
    configDir: path.resolve(v["config-dir"] || process.env.VMO_CONFIG_DIR || path.join(root, "config")),
    outdir: path.resolve(v.out || process.env.CDKTF_OUTDIR_FINAL || path.join(root, "cdktf.out")),
    hcl: Boolean(v.hcl),
    quiet: Boolean(v.quiet),
  };
  checkOutdir(opts.outdir, opts.configDir);
  return opts;
}

/** The output folder is replaced wholesale: refuse one that holds, or is, anything but a previous output. */
function checkOutdir(outdir, configDir) {
  const inside = (child, parent) => child === parent || child.startsWith(parent + path.sep);
  for (const [what, p] of [["the project", root], ["the current folder", process.cwd()], ["the config folder", configDir]]) {
    if (inside(p, outdir)) usageError(`--out ${show(outdir)} would replace ${what} (${show(p)}); give a folder of its own, such as cdktf.out.`);
  }
  if (fs.existsSync(outdir)) {
    const entries = fs.statSync(outdir).isDirectory() ? fs.readdirSync(outdir) : null;
    if (entries === null) usageError(`--out ${show(outdir)} is a file; give a folder.`);
    // A folder of nothing but empty folders (what an interrupted run or a bare `new App()` leaves) holds no work.
    if (entries.length > 0 && !entries.includes("manifest.json") && !onlyEmptyFolders(outdir)) {
      usageError(`--out ${show(outdir)} is not empty and holds no previous synth output (no manifest.json); refusing to replace it.`);
    }
  }
}

function onlyEmptyFolders(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).every((e) => e.isDirectory() && !e.isSymbolicLink() && onlyEmptyFolders(path.join(dir, e.name)));
}

function show(p) {
  return path.relative(process.cwd(), p) || p;
}

function fail(message, outdir, tmp) {
  fs.rmSync(tmp, { recursive: true, force: true });
  console.error(message);
  console.error(`Nothing was written; ${show(outdir)} is unchanged.`);
  process.exit(1);
}

function main() {
  const opts = options();
  const tmp = `${opts.outdir}.tmp-${process.pid}`;
  transpile();
  fs.rmSync(tmp, { recursive: true, force: true });
  let summaries = [];
  try {
    if (process.env.VMO_SYNTH_APP) {
      // Tests swap the app for one that fails or synthesizes nothing.
      process.env.CDKTF_OUTDIR = tmp;
      require(process.env.VMO_SYNTH_APP);
    } else {
      const { synthesize } = require(path.join(buildDir, "stacks", "app.js"));
      summaries = synthesize({ configDir: opts.configDir, envs: opts.envs, outdir: tmp, hcl: opts.hcl });
    }
  } catch (err) {
    const message = err && err.message ? err.message : String(err);
    if (err && err.name === "UnknownEnvironmentError") {
      fs.rmSync(tmp, { recursive: true, force: true });
      usageError(`--env: ${message}`);
    }
    fail(err && err.name === "ConfigError" ? `config error:\n${message}` : `synth failed: ${message}`, opts.outdir, tmp);
  }
  const stacksDir = path.join(tmp, "stacks");
  const stacks = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : [];
  if (stacks.length === 0) fail("synth failed: the app synthesized no stacks.", opts.outdir, tmp);

  // Swap: the old output is moved back if the new one cannot be put in place.
  const old = `${opts.outdir}.old-${process.pid}`;
  const hadOld = fs.existsSync(opts.outdir);
  if (hadOld) fs.renameSync(opts.outdir, old);
  try {
    fs.renameSync(tmp, opts.outdir);
  } catch (err) {
    if (hadOld) fs.renameSync(old, opts.outdir);
    fail(`synth failed: could not replace ${show(opts.outdir)}: ${err.message}`, opts.outdir, tmp);
  }
  fs.rmSync(old, { recursive: true, force: true });
  if (opts.quiet) return;
  if (summaries.length > 0) {
    const { formatSummary } = require(path.join(buildDir, "stacks", "app.js"));
    console.log(formatSummary(summaries, show(opts.outdir)));
  } else {
    for (const s of stacks) console.log(`synthesized ${show(path.join(opts.outdir, "stacks", s))}`);
  }
}

main();
