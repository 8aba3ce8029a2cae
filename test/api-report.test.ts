// The public API as api-extractor reports it is committed (docs/api/*.api.md): an API change shows in review, and
// this test fails until the reports are regenerated (npm run api-report).
import { spawnSync } from "node:child_process";
import * as path from "node:path";

test("docs/api reports match the package's typings", () => {
  const r = spawnSync(process.execPath, [path.join(__dirname, "..", "scripts", "api-report.js"), "--check"], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
}, 120_000);
