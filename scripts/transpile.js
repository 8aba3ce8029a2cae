// Transpiles the app's TypeScript (lib/, stacks/, main.ts) to CommonJS in .build/ with swc: no type checking
// (that is `npm run typecheck`), so running the app costs milliseconds, not ts-node's seconds.
// Only files whose source is newer than their output are rewritten.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const outDir = path.join(root, ".build");
const SOURCES = ["lib", "stacks", "main.ts", "bench/apps"];

function listTs(entry) {
  const abs = path.join(root, entry);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [entry];
  return fs
    .readdirSync(abs, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => path.join(entry, f));
}

function transpile() {
  let swc;
  let count = 0;
  for (const rel of SOURCES.flatMap(listTs)) {
    const src = path.join(root, rel);
    const out = path.join(outDir, rel.replace(/\.ts$/, ".js"));
    if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= fs.statSync(src).mtimeMs) continue;
    swc = swc || require("@swc/core");
    const { code } = swc.transformFileSync(src, {
      jsc: { parser: { syntax: "typescript" }, target: "es2020" },
      module: { type: "commonjs" },
      sourceMaps: false,
      swcrc: false,
      configFile: false,
    });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    // Write then rename: a concurrent run (parallel jest workers) never requires a half-written file.
    const tmp = `${out}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, out);
    count++;
  }
  return count;
}

module.exports = { transpile, outDir };

if (require.main === module) {
  const started = Date.now();
  const n = transpile();
  console.log(`transpiled ${n} file(s) to .build/ in ${Date.now() - started} ms`);
}
