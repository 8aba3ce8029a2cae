import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Construct } from "constructs";
import {
  AccessMode,
  PaletteCluster,
  PaletteProvider,
  VMO_RULES,
  VmoAddonProfile,
  VmoChecks,
  VmoClusterAttachment,
  VmoRuleLevel,
  VmoSuppressions,
} from "../../lib";
import { App, Aspects, TerraformStack, Testing } from "../../lib/cdktf";
import { newStack } from "../util";
import { check, collect, of } from "./helpers";

const root = path.resolve(__dirname, "..", "..");

/** A Direct profile attached with preventDestroy: false: exactly one error finding (VMO-008) on "A". */
function detach(s: Construct): VmoClusterAttachment {
  const profile = new VmoAddonProfile(s, "P", { name: "vmo", accessMode: AccessMode.DIRECT });
  return new VmoClusterAttachment(s, "A", { profile, cluster: PaletteCluster.fromClusterUid(s, "C", "abc"), preventDestroy: false });
}

describe("rule registry", () => {
  test("ids are unique and ascending; every rule has a name, level, description, rationale and fix", () => {
    // Ids are handed out in ranges per piece of work, so the list may have gaps; it never repeats or reorders.
    const ids = VMO_RULES.map((r) => r.id);
    for (const id of ids) expect(id).toMatch(/^VMO-\d{3}$/);
    expect(ids).toEqual([...new Set(ids)].sort());
    for (const r of VMO_RULES) {
      expect(r.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect([VmoRuleLevel.ERROR, VmoRuleLevel.WARNING]).toContain(r.level);
      expect(r.rationale.startsWith(r.level === VmoRuleLevel.ERROR ? "Error:" : "Warning:")).toBe(true);
      for (const text of [r.description, r.fix]) expect(text.length).toBeGreaterThan(20);
    }
    // A rule's docs link is optional; where given it is https. Some rules link their docs page.
    const urls = VMO_RULES.flatMap((r) => (r.docUrl === undefined ? [] : [r.docUrl]));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
  });

  test("one file per rule under lib/rules/, named after the rule", () => {
    const files = fs
      .readdirSync(path.join(root, "lib", "rules"))
      .filter((f) => /^vmo-\d{3}-/.test(f))
      .sort();
    expect(files).toEqual(VMO_RULES.map((r) => `${r.id.toLowerCase()}-${r.name}.ts`));
  });
});

describe("VmoChecks at synth", () => {
  test("an error finding makes synthesis throw with the construct path, rule id, message and fix", () => {
    const stack = newStack();
    detach(stack);
    VmoChecks.applyTo(stack);
    expect(() => Testing.synth(stack, true)).toThrow(
      /\[test\/A\] \[VMO-008\] attachment of profile "vmo" to cluster "abc" has no prevent_destroy; .* Fix: Leave preventDestroy at its default \(true\)/,
    );
  });

  test("App.synth throws and writes no stack, also under the cdktf CLI (which continues past error annotations)", () => {
    const saved = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "1";
    try {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "rules-cli-"));
      const app = new App({ outdir });
      const stack = new TerraformStack(app, "cli"); // reads the variable here
      new PaletteProvider(stack, "Palette", { projectName: "Default" });
      detach(stack);
      VmoChecks.applyTo(stack);
      expect(() => app.synth()).toThrow(/\[cli\/A\] \[VMO-008\]/);
      expect(fs.existsSync(path.join(outdir, "stacks", "cli", "cdk.tf.json"))).toBe(false);
      fs.rmSync(outdir, { recursive: true, force: true });
    } finally {
      if (saved === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
      else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = saved;
    }
  });

  test("warnings do not fail synthesis and reach manifest.json for the CLI to print", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "rules-warn-"));
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "warn");
    new PaletteProvider(stack, "Palette", { projectName: "Default" });
    new VmoAddonProfile(stack, "P", { name: "vmo", vmoVersion: "4.6.3", accessMode: AccessMode.DIRECT });
    VmoChecks.applyTo(stack);
    app.synth();
    expect(fs.existsSync(path.join(outdir, "stacks", "warn", "cdk.tf.json"))).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    expect(manifest.stacks.warn.annotations).toEqual([
      expect.objectContaining({
        constructPath: "warn/P/Vmo",
        level: "@cdktf/warn",
        message: expect.stringMatching(/^\[VMO-004\] VMO 4\.6\.3 is older than 4\.9\.9/),
      }),
    ]);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test("the embedded default profile shape has no error findings", () => {
    const r = check((s) => {
      const profile = new VmoAddonProfile(s, "P", { name: "vmo" });
      new VmoClusterAttachment(s, "A", { profile, cluster: PaletteCluster.fromClusterName(s, "C", "edge-cluster-1") });
    });
    expect(r.error).toBeUndefined();
    expect(r.findings.map((f) => `${f.id} ${f.level} ${f.path}`)).toEqual(["VMO-007 warning test/A"]);
  });

  test("synthesizing twice reports each finding once", () => {
    const stack = newStack();
    new VmoAddonProfile(stack, "P", { name: "vmo", vmoVersion: "4.6.3", accessMode: AccessMode.DIRECT });
    VmoChecks.applyTo(stack);
    Testing.synth(stack, true);
    Testing.synth(stack, true);
    expect(collect(stack).map((f) => f.id)).toEqual(["VMO-004"]);
  });

  test("applyTo is idempotent per scope and refuses the App, whose aspects cdktf 0.21 never runs", () => {
    const stack = newStack();
    expect(VmoChecks.applyTo(stack)).toBe(VmoChecks.applyTo(stack));
    expect(Aspects.of(stack).all.filter((a) => a instanceof VmoChecks)).toHaveLength(1);
    expect(() => VmoChecks.applyTo(stack.node.scope as Construct)).toThrow("call VmoChecks.applyTo(stack) for each stack");
  });

  test("without VmoChecks no rule runs", () => {
    const stack = newStack();
    detach(stack);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(collect(stack)).toEqual([]);
  });
});

describe("suppressions", () => {
  test("a suppressed error shows as info with the reason, and synthesis succeeds", () => {
    const r = check((s) => VmoSuppressions.addSuppressions(detach(s), [{ id: "VMO-008", reason: "CHG-42: decommissioning, VMs migrated" }]));
    expect(r.error).toBeUndefined();
    expect(of(r, "VMO-008")).toEqual([
      { id: "VMO-008", level: "info", path: "test/A", text: "VMO-008 suppressed on test/A: CHG-42: decommissioning, VMs migrated" },
    ]);
  });

  test("a suppression on a parent covers its children; other rules still report", () => {
    const r = check((s) => {
      const team = new Construct(s, "Team");
      detach(team);
      new VmoAddonProfile(team, "Old", { name: "old", vmoVersion: "4.6.3", accessMode: AccessMode.DIRECT });
      VmoChecks.suppress(s, "VMO-008", "whole stack is being decommissioned");
    });
    expect(r.error).toBeUndefined();
    expect(r.findings.map((f) => `${f.id} ${f.level} ${f.path}`)).toEqual(["VMO-008 info test/Team/A", "VMO-004 warning test/Team/Old/Vmo"]);
    expect(of(r, "VMO-008")[0].text).toBe("VMO-008 suppressed on test/Team/A: whole stack is being decommissioned");
  });

  test("a suppression elsewhere in the tree does not apply", () => {
    const r = check((s) => {
      detach(s);
      VmoChecks.suppress(new Construct(s, "Sibling"), "VMO-008", "not here");
    });
    expect(of(r, "VMO-008").map((f) => f.level)).toEqual(["error"]);
  });

  test("an empty or blank reason throws", () => {
    const stack = newStack();
    expect(() => VmoSuppressions.addSuppressions(stack, [{ id: "VMO-008", reason: "" }])).toThrow(
      "VmoSuppressions on test: suppressing VMO-008 needs a non-empty reason; say why the finding is acceptable here.",
    );
    expect(() => VmoChecks.suppress(stack, "VMO-008", "   ")).toThrow("needs a non-empty reason");
  });

  test("an unknown rule id throws, with a did-you-mean hint", () => {
    const stack = newStack();
    expect(() => VmoChecks.suppress(stack, "VMO-08", "typo")).toThrow(
      /^VmoSuppressions on test: "VMO-08" is not a VMO rule id; expected one of "VMO-001", .* \(did you mean "VMO-008"\?\)\.$/,
    );
    expect(() => VmoChecks.suppress(stack, "AwsSolutions-S1", "wrong pack")).toThrow('"AwsSolutions-S1" is not a VMO rule id');
  });
});

describe("npm run synth (scripts/synth.js) with a VMO_SYNTH_APP fixture", () => {
  const fixture = path.join(__dirname, "fixtures", "vmo-checks-app.js");
  const run = (mode: string, out: string) =>
    spawnSync(process.execPath, ["scripts/synth.js"], {
      cwd: root,
      env: { ...process.env, VMO_SYNTH_APP: fixture, RULES_FIXTURE: mode, CDKTF_OUTDIR_FINAL: out },
      encoding: "utf8",
    });

  test("an error finding exits 1 with the message and writes nothing", () => {
    const out = path.join(os.tmpdir(), "rules-synth-error");
    fs.rmSync(out, { recursive: true, force: true });
    const r = run("error", out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /\[rules-fixture\/Edge1\] \[VMO-008\] attachment of profile "vmo" to cluster "0123456789abcdef01234567" has no prevent_destroy; .* Fix: /,
    );
    expect(r.stderr).toContain("Nothing was written");
    expect(fs.existsSync(out)).toBe(false);
  });

  test("a warning-only app synthesizes", () => {
    const out = path.join(os.tmpdir(), "rules-synth-warning");
    fs.rmSync(out, { recursive: true, force: true });
    const r = run("warning", out);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(out, "stacks", "rules-fixture", "cdk.tf.json"))).toBe(true);
    fs.rmSync(out, { recursive: true, force: true });
  });
});

describe("docs/RULES.md", () => {
  test("is what scripts/rules-doc.js generates from the rule files", () => {
    const r = spawnSync(process.execPath, ["scripts/rules-doc.js", "--check"], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const text = fs.readFileSync(path.join(root, "docs", "RULES.md"), "utf8");
    for (const rule of VMO_RULES) expect(text).toContain(`## ${rule.id} ${rule.name}`);
  });
});
