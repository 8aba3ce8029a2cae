#!/usr/bin/env node
// `npm run synth`: runs the app from swc-transpiled JavaScript, writing into a temporary folder that replaces
// cdktf.out only when synthesis succeeded. A config or validation error exits 1 with the message and no stack
// trace, and leaves the previous cdktf.out untouched.
"use strict";
process.env.CHECKPOINT_DISABLE = "1";
const fs = require("node:fs");
const path = require("node:path");
const { transpile, outDir: buildDir } = require("./transpile");

const root = path.resolve(__dirname, "..");
const outdir = path.resolve(root, process.env.CDKTF_OUTDIR_FINAL || "cdktf.out");
const tmp = `${outdir}.tmp-${process.pid}`;

function main() {
  transpile();
  fs.rmSync(tmp, { recursive: true, force: true });
  process.env.CDKTF_OUTDIR = tmp;
  try {
    // VMO_SYNTH_APP swaps the app (tests use it to run a failing one).
    require(process.env.VMO_SYNTH_APP || path.join(buildDir, "main.js"));
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    console.error(`synth failed: ${err && err.message ? err.message : String(err)}`);
    console.error(`Nothing was written; ${path.relative(root, outdir) || outdir} is unchanged.`);
    process.exit(1);
  }
  const stacksDir = path.join(tmp, "stacks");
  const stacks = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir).sort() : [];
  if (stacks.length === 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    console.error(`synth failed: the app synthesized no stacks. Nothing was written; ${path.relative(root, outdir) || outdir} is unchanged.`);
    process.exit(1);
  }
  // Swap: the old output is moved back if the new one cannot be put in place.
  const old = `${outdir}.old-${process.pid}`;
  const hadOld = fs.existsSync(outdir);
  if (hadOld) fs.renameSync(outdir, old);
  try {
    fs.renameSync(tmp, outdir);
  } catch (err) {
    if (hadOld) fs.renameSync(old, outdir);
    fs.rmSync(tmp, { recursive: true, force: true });
    console.error(`synth failed: could not replace ${outdir}: ${err.message}`);
    process.exit(1);
  }
  fs.rmSync(old, { recursive: true, force: true });
  for (const s of stacks) console.log(`synthesized ${path.relative(root, path.join(outdir, "stacks", s, "cdk.tf.json"))}`);
}

main();
