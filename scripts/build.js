#!/usr/bin/env node
// Builds the published library into dist/: tsc for lib/, then the generated Spectro Cloud bindings copied to
// dist/provider-spectrocloud/ and the one import of the workspace name rewritten to that folder, so the
// tarball never depends on @cdktf/provider-spectrocloud (a name that is not on npm).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
// `--out <dir>` builds elsewhere (the package test stages a tarball in the OS temp folder, never in the project).
const outArg = process.argv.indexOf("--out");
const dist = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(root, "dist");
const bindingsDist = path.join(root, "packages", "provider-spectrocloud", "dist");
const WORKSPACE_NAME = "@cdktf/provider-spectrocloud";

const started = Date.now();
execFileSync(process.execPath, [path.join(root, "packages/provider-spectrocloud/scripts/generate.js")], { stdio: "inherit" });
fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json"), "--outDir", dist], { stdio: "inherit" });
fs.cpSync(bindingsDist, path.join(dist, "provider-spectrocloud"), { recursive: true, filter: (src) => !src.endsWith(".inputs-sha256") });

// lib/provider.ts is the only module that imports the bindings; rewrite its specifier in JS and typings.
const quoted = new RegExp(`(["'])${WORKSPACE_NAME.replace(/[/]/g, "\\/")}\\1`, "g");
for (const file of ["provider.js", "provider.d.ts"]) {
  const p = path.join(dist, file);
  const text = fs.readFileSync(p, "utf8");
  const count = (text.match(quoted) || []).length;
  if (count !== 1) throw new Error(`build: expected one import of ${WORKSPACE_NAME} in dist/${file}, found ${count}`);
  fs.writeFileSync(p, text.replace(quoted, '"./provider-spectrocloud"'));
}
const leftover = fs
  .readdirSync(dist, { recursive: true })
  .map(String)
  .filter((f) => /\.(js|d\.ts)$/.test(f) && new RegExp(quoted.source).test(fs.readFileSync(path.join(dist, f), "utf8")));
if (leftover.length) throw new Error(`build: ${WORKSPACE_NAME} is still imported by dist/${leftover.join(", dist/")}`);
// The validator (dist/validate, bin palette-vmo-validate) and the offline test provider (dist/testing) read the
// committed provider schema at run time; both look for schema/ next to their own modules first, so the tarball
// carries the files there. The test provider also needs its Palette inventory fixture.
const schemaSrc = path.join(root, "packages", "provider-spectrocloud", "schema");
for (const target of ["validate", "testing"]) {
  const schemaDist = path.join(dist, target, "schema");
  fs.mkdirSync(schemaDist, { recursive: true });
  for (const file of fs.readdirSync(schemaSrc).filter((f) => /^spectrocloud-.*\.(schema|constraints)\.json$/.test(f))) {
    fs.copyFileSync(path.join(schemaSrc, file), path.join(schemaDist, file));
  }
}
fs.cpSync(path.join(root, "lib", "testing", "fixtures"), path.join(dist, "testing", "fixtures"), { recursive: true });
for (const file of ["validate/bin.js", "testing/main.js", "testing/fixtures/inventory.json", "testing/fixtures/inventory.schema.json"]) {
  if (!fs.existsSync(path.join(dist, file))) throw new Error(`build: dist/${file} is missing`);
}
console.error(`built ${path.relative(root, dist) || dist}/ in ${Date.now() - started} ms`);
