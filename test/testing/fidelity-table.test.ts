// docs/FIDELITY.md stays true to the suite: every row names a source, a kind from the legend, and a test that exists.
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");
const rows = fs
  .readFileSync(path.join(root, "docs", "FIDELITY.md"), "utf8")
  .split("\n")
  .filter((l) => l.startsWith("| ") && !l.startsWith("| Behaviour") && !l.startsWith("|---"))
  .map((l) => l.slice(2, -2).split(" | "));

describe("docs/FIDELITY.md", () => {
  test("has a row per ported behaviour, each with four cells", () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const r of rows) expect(r).toHaveLength(4);
  });

  test.each(rows.map((r) => [r[0].slice(0, 60), r]))("%s…: kind, source and an existing test", (_label, r) => {
    const [, source, kind, test] = r as string[];
    expect(["provider code", "SDK code", "docs", "inferred"]).toContain(kind);
    expect(source).toMatch(/`[^`]+`|\.md/);
    const m = /^([\w.-]+\.test\.ts) › (.+)$/.exec(test);
    expect(m).not.toBeNull();
    const [, file, name] = m!;
    const text = fs.readFileSync(path.join(root, "test", "testing", file), "utf8");
    expect(text).toContain(`test(${JSON.stringify(name)},`);
  });
});
