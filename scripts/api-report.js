#!/usr/bin/env node
// Writes docs/api/<entry>.api.md, api-extractor's report of every public export of the package's entry points
// (the barrel and the /testing and /validate subpaths), from the typings `npm run build` would publish. The
// reports are committed, so an API change shows in review; `--check` (run by `npm test`) fails when they are stale.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const reportDir = path.join(root, "docs", "api");
// Entry point -> report name. The generated provider bindings are the generator's API, not ours: not reported.
const ENTRIES = { index: "palette-vmo-cdktf", "testing/index": "palette-vmo-cdktf-testing", "validate/index": "palette-vmo-cdktf-validate" };

function main() {
  const check = process.argv.includes("--check");
  const { Extractor, ExtractorConfig } = require("@microsoft/api-extractor");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "api-report-"));
  try {
    const types = path.join(work, "types");
    execFileSync(
      process.execPath,
      [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json"), "--emitDeclarationOnly", "--outDir", types],
      { cwd: root, stdio: "inherit" },
    );
    // lib/provider.ts re-exports the workspace bindings package; point the typings at its built declarations.
    fs.writeFileSync(path.join(work, "package.json"), JSON.stringify({ name: "palette-vmo-cdktf", version: "0.0.0" }));
    const stale = [];
    for (const [entry, name] of Object.entries(ENTRIES)) {
      const temp = path.join(work, "reports");
      const config = ExtractorConfig.prepare({
        configObject: {
          projectFolder: work,
          mainEntryPointFilePath: path.join(types, `${entry}.d.ts`),
          compiler: {
            overrideTsconfig: {
              compilerOptions: {
                strict: true,
                skipLibCheck: true,
                module: "commonjs",
                moduleResolution: "node",
                types: ["node"],
                typeRoots: [path.join(root, "node_modules", "@types")],
                baseUrl: root,
                paths: { "*": [path.join(root, "node_modules", "*")] },
              },
              files: [path.join(types, `${entry}.d.ts`)],
            },
          },
          apiReport: { enabled: true, reportFolder: reportDir, reportTempFolder: temp, reportFileName: `${name}.api.md` },
          docModel: { enabled: false },
          dtsRollup: { enabled: false },
          tsdocMetadata: { enabled: false },
          messages: {
            compilerMessageReporting: { default: { logLevel: "warning" } },
            extractorMessageReporting: { default: { logLevel: "none" } },
            tsdocMessageReporting: { default: { logLevel: "none" } },
          },
        },
        configObjectFullPath: path.join(work, "api-extractor.json"),
        packageJsonFullPath: path.join(work, "package.json"),
      });
      const result = Extractor.invoke(config, {
        localBuild: !check,
        showVerboseMessages: false,
        messageCallback: (m) => {
          if (m.logLevel === "warning" || m.logLevel === "error") console.error(`api-report: ${m.text}`);
          m.handled = true;
        },
      });
      if (check && result.apiReportChanged) stale.push(`docs/api/${name}.api.md`);
      if (!check && !result.succeeded) throw new Error(`api-extractor failed for ${entry}`);
    }
    if (stale.length) {
      console.error(
        `the public API changed: ${stale.join(", ")} ${stale.length > 1 ? "are" : "is"} out of date; run \`npm run api-report\` and commit the reports.`,
      );
      process.exitCode = 1;
    } else if (!check)
      console.error(
        `wrote ${Object.values(ENTRIES)
          .map((n) => `docs/api/${n}.api.md`)
          .join(", ")}`,
      );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
