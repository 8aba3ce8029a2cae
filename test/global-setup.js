// Runs once before the suite: every test writes under one fresh folder in the OS temp dir (TMPDIR, which
// cdktf's Testing helpers and mkdtemp use), and the tree's `git status --porcelain --ignored` is recorded so
// global-teardown.js can prove the suite left nothing in the project but the allowed caches.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

function gitStatus() {
  try {
    // Every file, ignored ones included (an ignored folder is otherwise one line, hiding writes inside it), but the
    // allowed caches; ignored files carry their size and mtime, so a rewrite of an existing output shows too.
    const out = execFileSync("git", ["status", "--porcelain", "--ignored", "--untracked-files=all", "--", ".", ":!node_modules", ":!.build"], {
      cwd: root,
      encoding: "utf8",
    });
    return out
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        if (!line.startsWith("!! ")) return line;
        try {
          const st = fs.statSync(path.join(root, line.slice(3)));
          return `${line} ${st.size} ${st.mtimeMs}`;
        } catch {
          return line;
        }
      })
      .join("\n");
  } catch {
    return undefined; // not a git checkout (e.g. an unpacked source tarball): nothing to compare against
  }
}

module.exports = async function globalSetup() {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), "palette-vmo-jest-"));
  process.env.PALETTE_VMO_TEST_TMP = dir;
  process.env.TMPDIR = dir;
  const status = gitStatus();
  if (status !== undefined) fs.writeFileSync(path.join(dir, ".git-status-before"), status);
  // git does not show empty folders (an empty cdktf.out/stacks/ is what broke `npm run synth` after `npm test`).
  fs.writeFileSync(path.join(dir, ".top-level-before"), JSON.stringify(fs.readdirSync(root)));
};
module.exports.gitStatus = gitStatus;
module.exports.root = root;
