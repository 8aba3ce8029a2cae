// A committed file generated from code (config/schema.json, the inventory schema): written, or with `--check`
// compared with what the generator gives now, exiting 1 when stale.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

function writeOrCheck(target, text, command, argv = process.argv) {
  const rel = path.relative(root, target);
  if (argv.includes("--check")) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
    if (current !== text) {
      console.error(`${rel} is out of date; run \`npm run ${command}\`.`);
      process.exit(1);
    }
  } else {
    fs.writeFileSync(target, text);
    console.error(`wrote ${rel}`);
  }
}

module.exports = { writeOrCheck };
