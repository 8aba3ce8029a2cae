#!/usr/bin/env node
// Generates the cdktf bindings for the Spectro Cloud provider from the committed schema, offline:
// no `cdktf get`, no terraform, no registry. Output: src/ (TypeScript) and dist/ (JavaScript + .d.ts).
// Skips all work when a stamp of the inputs matches, so it is cheap to call from every install.
"use strict";
process.env.CHECKPOINT_DISABLE = "1";
// @cdktf/commons runs `terraform version` when loaded; give it an empty CLI config so a missing ~/.terraformrc is not reported.
process.env.TF_CLI_CONFIG_FILE = "/dev/null";

const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const { execFileSync } = require("node:child_process");

const pkgDir = path.resolve(__dirname, "..");
const config = JSON.parse(fs.readFileSync(path.join(pkgDir, "bindings.json"), "utf8"));
const srcDir = path.join(pkgDir, "src");
const distDir = path.join(pkgDir, "dist");
const stampFile = path.join(distDir, ".inputs-sha256");
const force = process.argv.includes("--force");

function inputsHash() {
  const h = crypto.createHash("sha256");
  for (const f of ["bindings.json", config.schema, "scripts/generate.js", "tsconfig.json"]) {
    h.update(f).update(fs.readFileSync(path.join(pkgDir, f)));
  }
  h.update(require("@cdktf/provider-generator/package.json").version);
  return h.digest("hex");
}

function filteredSchema() {
  const schema = JSON.parse(fs.readFileSync(path.join(pkgDir, config.schema), "utf8"));
  const fqpn = `registry.terraform.io/${config.provider}`;
  const provider = schema.provider_schemas[fqpn];
  if (!provider) throw new Error(`bindings.json: provider ${fqpn} is not in ${config.schema}`);
  const pick = (all, names, kind) =>
    Object.fromEntries(
      names.map((n) => {
        if (!all[n]) throw new Error(`bindings.json: ${kind} "${n}" is not in ${config.schema}; check the spelling`);
        return [n, all[n]];
      }),
    );
  return {
    format_version: schema.format_version,
    provider_schemas: {
      [fqpn]: {
        provider: provider.provider,
        resource_schemas: pick(provider.resource_schemas, config.resources, "resource"),
        data_source_schemas: pick(provider.data_source_schemas, config.dataSources, "data source"),
      },
    },
    provider_versions: { [fqpn]: config.version },
  };
}

async function main() {
  const started = Date.now();
  const hash = inputsHash();
  if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === hash) return;

  // Deep import: the package barrel also loads constructs-maker, which needs jsii-pacmak (not installed here).
  const { TerraformProviderGenerator } = require("@cdktf/provider-generator/lib/get/generator/provider-generator");
  const generatorDir = path.dirname(require.resolve("@cdktf/provider-generator/package.json"));
  const { CodeMaker } = require(require.resolve("codemaker", { paths: [generatorDir] }));
  const { ConstructsMakerProviderTarget, TerraformProviderConstraint, Language } = require("@cdktf/commons");

  const target = new ConstructsMakerProviderTarget(new TerraformProviderConstraint(`${config.provider}@${config.version}`), Language.TYPESCRIPT);
  const code = new CodeMaker();
  new TerraformProviderGenerator(code, filteredSchema()).generate(target);

  const tmp = fs.mkdtempSync(path.join(pkgDir, ".gen-"));
  try {
    await code.save(tmp);
    fs.rmSync(srcDir, { recursive: true, force: true });
    fs.renameSync(path.join(tmp, "providers", target.name), srcDir);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  fs.rmSync(distDir, { recursive: true, force: true });
  const tsc = require.resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", path.join(pkgDir, "tsconfig.json")], { stdio: "inherit" });
  fs.writeFileSync(stampFile, hash);
  const files = fs.readdirSync(srcDir, { recursive: true }).filter((f) => f.endsWith(".ts")).length;
  console.error(`@cdktf/provider-spectrocloud: generated ${files} files for ${config.provider} ${config.version} in ${Date.now() - started} ms`);
}

main().catch((err) => {
  console.error(`@cdktf/provider-spectrocloud: generation failed: ${err.message}`);
  process.exit(1);
});
