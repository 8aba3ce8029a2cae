import * as fs from "node:fs";
import * as path from "node:path";

// The cdktf CLI writes a projectId into cdktf.json (reformatting it) when there is none, which dirtied the tree
// at every `cdktf synth`; with one, cdktf-cli 0.21.0 leaves the file alone (checked by hand: README, "The cdktf CLI").
test("cdktf.json carries a fixed projectId and is formatted as the CLI would write it", () => {
  const text = fs.readFileSync(path.join(__dirname, "..", "cdktf.json"), "utf8");
  const json = JSON.parse(text);
  expect(json.projectId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(text).toBe(JSON.stringify(json, null, 2) + "\n");
  expect(json).toMatchObject({ language: "typescript", app: "node scripts/cdktf-app.js", output: "cdktf.out", sendCrashReports: "false" });
});
