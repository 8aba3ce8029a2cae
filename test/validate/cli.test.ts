// `node scripts/validate.js` as users and CI run it: on the default app synthesized into a temp folder, clean
// and tampered, plus the exit-2 paths. Child processes, so exit codes and output are the real ones.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");
const script = path.join(root, "scripts", "validate.js");
let tmp: string;
let out: string;
/** The synthesized stack that has a cluster profile and an add-on deployment, whatever the stack is called. */
let stackRel: string;

function run(args: string[], cwd = tmp) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the synthesized output with one stack file changed by `mutate`. */
function tampered(name: string, mutate: (doc: Record<string, any>) => void): string {
  const dir = path.join(tmp, name);
  fs.cpSync(out, dir, { recursive: true });
  const file = path.join(dir, stackRel);
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  mutate(doc);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  return dir;
}

const first = (byName: Record<string, any>): [string, any] => Object.entries(byName)[0];

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(process.env.TMPDIR as string, "validate-cli-"));
  out = path.join(tmp, "cdktf.out");
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "synth.js")], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR_FINAL: out },
  });
  if (r.status !== 0) throw new Error(`synth failed: ${r.stderr}`);
  const stacks = fs.readdirSync(path.join(out, "stacks")).sort();
  const withAttachment = stacks.find((s) => {
    const doc = JSON.parse(fs.readFileSync(path.join(out, "stacks", s, "cdk.tf.json"), "utf8"));
    return doc.resource?.spectrocloud_cluster_profile && doc.resource?.spectrocloud_addon_deployment;
  });
  if (!withAttachment) throw new Error(`no synthesized stack has a cluster profile and an add-on deployment: ${stacks.join(", ")}`);
  stackRel = path.join("stacks", withAttachment, "cdk.tf.json");
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("the synthesized default app is clean: exit 0 and a summary line", () => {
  const r = run(["cdktf.out"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`ok  ${path.join("cdktf.out", stackRel)}`);
  expect(r.stdout).toMatch(
    /^valid against spectrocloud 0\.29\.9: \d+ stacks?, \d+ resources checked, 0 findings, \d+ references resolved, 15 skipped expressions, \d+ ms$/m,
  );
  // 15 = the check blocks' two asserts per profile (2 profiles), one postcondition per attachment (3) and, for
  // the 2 attachments to clusters looked up by name, two preconditions with an expression in condition and message: they
  // are expressions (==, for, contains), not plain references.
  // The default path is cdktf.out in the working directory; a stacks folder and a single file work too.
  expect(run([]).code).toBe(0);
  expect(run([path.join(out, "stacks")]).code).toBe(0);
  expect(run([path.join(out, stackRel)]).code).toBe(0);
});

test("an unknown attribute: exit 1 naming the JSON path, the rule and the hint", () => {
  let at = "";
  const dir = tampered("unknown-attr", (doc) => {
    const [name, profile] = first(doc.resource.spectrocloud_cluster_profile);
    profile.pack[0].tga = "1.0.0";
    at = `resource.spectrocloud_cluster_profile.${name}.pack[0].tga`;
  });
  const r = run([dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`  ${at}  [unknown-attribute]`);
  expect(r.stdout).toContain('spectrocloud_cluster_profile.pack has no attribute or block "tga"');
  expect(r.stdout).toContain("Did you mean `tag`?");
  expect(r.stdout).toMatch(/^invalid against spectrocloud 0\.29\.9: .* 1 finding, /m);
});

test("a removed required attribute: exit 1, missing-required", () => {
  let at = "";
  const dir = tampered("missing-required", (doc) => {
    const [name, attachment] = first(doc.resource.spectrocloud_addon_deployment);
    delete attachment.cluster_uid;
    at = `resource.spectrocloud_addon_deployment.${name}.cluster_uid`;
  });
  const r = run([dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`  ${at}  [missing-required]\n    spectrocloud_addon_deployment requires attribute "cluster_uid", which is not set.`);
});

test("a dangling reference: exit 1, dangling-reference", () => {
  let at = "";
  const dir = tampered("dangling", (doc) => {
    const [name, attachment] = first(doc.resource.spectrocloud_addon_deployment);
    attachment.cluster_profile[0].id = "${spectrocloud_cluster_profile.Removed_1234.id}";
    at = `resource.spectrocloud_addon_deployment.${name}.cluster_profile[0].id`;
  });
  const r = run([dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`  ${at}  [dangling-reference]`);
  expect(r.stdout).toContain(
    "${spectrocloud_cluster_profile.Removed_1234.id} points at resource spectrocloud_cluster_profile.Removed_1234, which is not declared in this stack",
  );
});

test("a bad enum value: exit 1 with found and expected values", () => {
  let at = "";
  const dir = tampered("enum", (doc) => {
    const [name, profile] = first(doc.resource.spectrocloud_cluster_profile);
    profile.context = "galaxy";
    at = `resource.spectrocloud_cluster_profile.${name}.context`;
  });
  const r = run([dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`  ${at}  [enum]\n    "context" of spectrocloud_cluster_profile is "galaxy"; expected one of "", "project", "tenant", "system".`);
});

test("--format json prints one parseable document with the findings", () => {
  const dir = tampered("json", (doc) => {
    first(doc.resource.spectrocloud_cluster_profile)[1].context = "galaxy";
    delete first(doc.resource.spectrocloud_addon_deployment)[1].cluster_uid;
  });
  const r = run([dir, "--format", "json"]);
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(doc.ok).toBe(false);
  expect(doc.summary).toMatchObject({ findings: 2, skippedExpressions: 15 });
  expect(doc.findings.map((f: any) => f.rule).sort()).toEqual(["enum", "missing-required"]);
  for (const f of doc.findings) {
    expect(f).toEqual({
      file: path.relative(tmp, path.join(dir, stackRel)),
      path: expect.any(String),
      rule: expect.any(String),
      message: expect.any(String),
      fix: expect.any(String),
    });
  }
  const clean = JSON.parse(run(["--format=json", out]).stdout);
  expect(clean).toMatchObject({ ok: true, findings: [] });
});

test("a missing path exits 2 with a clear message and no stack trace", () => {
  const r = run(["does-not-exist"]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toBe(
    `validate: ${path.join(tmp, "does-not-exist")}: no such file or directory (run \`npm run synth\` first, or pass the cdktf.out folder)\n`,
  );
});

test("a file that is not JSON exits 2 naming the file", () => {
  const dir = path.join(tmp, "not-json", "stacks", "broken");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "cdk.tf.json"), "resource spectrocloud_cluster_profile {}\n");
  const r = run([path.join(tmp, "not-json")]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^validate: not-json\/stacks\/broken\/cdk\.tf\.json is not valid JSON: .+\n$/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

test("a folder without stacks, usage errors and --help", () => {
  fs.mkdirSync(path.join(tmp, "empty"), { recursive: true });
  const empty = run(["empty"]);
  expect(empty.code).toBe(2);
  expect(empty.stderr).toContain("no stacks found");
  const bad = run(["--format", "xml"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--format needs "human" or "json", got "xml"');
  expect(run(["--verbose"]).code).toBe(2);
  expect(run(["a", "b"]).code).toBe(2);
  const help = run(["--help"]);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain("usage: palette-vmo-validate [path] [--format human|json]");
  expect(help.stdout).toContain("dangling-reference");
});
