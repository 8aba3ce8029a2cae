// Runs once after the suite: fails it when the project tree changed anywhere but the allowed caches (.build/,
// the transpile cache, and node_modules/), so `npm test` never leaves output that breaks `npm run synth` or dirties
// `git status`; then removes the suite's temp folder.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { gitStatus, root } = require("./global-setup");

const ALLOWED = [/^\.build\//, /^node_modules\//, /(^|\/)node_modules\//];

module.exports = async function globalTeardown() {
  const dir = process.env.PALETTE_VMO_TEST_TMP;
  if (!dir) return;
  const beforeFile = path.join(dir, ".git-status-before");
  const before = fs.existsSync(beforeFile) ? fs.readFileSync(beforeFile, "utf8") : undefined;
  const topBefore = new Set(JSON.parse(fs.readFileSync(path.join(dir, ".top-level-before"), "utf8")));
  fs.rmSync(dir, { recursive: true, force: true });
  const newTop = fs.readdirSync(root).filter((e) => !topBefore.has(e) && e !== ".build" && e !== "node_modules");
  if (newTop.length) {
    throw new Error(
      `the test suite created ${newTop.map((e) => `${e}/`).join(", ")} in the project; tests must write into the OS temp folder (process.env.TMPDIR during the suite).`,
    );
  }
  if (before === undefined) return;
  const after = gitStatus() ?? "";
  const lines = (s) => new Set(s.split("\n").filter(Boolean));
  const was = lines(before);
  const is = lines(after);
  const changed = [...[...is].filter((l) => !was.has(l)).map((l) => `+ ${l}`), ...[...was].filter((l) => !is.has(l)).map((l) => `- ${l}`)].filter(
    (l) => !ALLOWED.some((re) => re.test(l.slice(5))),
  );
  if (changed.length) {
    throw new Error(
      `the test suite changed the project tree outside .build/ and node_modules/ (git status --porcelain --ignored --untracked-files=all, with sizes and mtimes of ignored files; before -> after):\n  ${changed.join("\n  ")}\nTests must write into the OS temp folder (process.env.TMPDIR during the suite).`,
    );
  }
};
