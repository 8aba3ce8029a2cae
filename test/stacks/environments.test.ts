import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "../../lib/cdktf";
import { buildApp } from "../../stacks/app";
import { ConfigError } from "../../stacks/config/load";
import { UnknownEnvironmentError, loadEnvironments, selectEnvironments } from "../../stacks/environments";

const root = path.resolve(__dirname, "..", "..");
const tmp = path.join(os.tmpdir(), "environments");
let n = 0;

/** A fresh config folder with these files; returns its path. */
function dir(files: Record<string, string>): string {
  const d = path.join(tmp, String(n++));
  fs.mkdirSync(d, { recursive: true });
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(d, f), text);
  return d;
}

/** The problem lines loading `files` produces, with the folder shown as `cfg`. */
function problems(files: Record<string, string>): string[] {
  try {
    loadEnvironments(dir(files), "cfg");
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message.split("\n");
  }
  throw new Error("expected the environments to be rejected");
}

const env = (project: string, profile: string, clusters = "", backend = "") =>
  `project:\n  name: ${project}\n${backend}profiles:\n  - name: ${profile}\n${clusters}`;

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("loadEnvironments", () => {
  test("one environment per file, in file-name order, named after the file", () => {
    const d = dir({ "prod.yaml": env("P", "b"), "dev.yml": env("D", "a"), "README.md": "not config" });
    const envs = loadEnvironments(d, "cfg");
    expect(envs.map((e) => [e.name, e.file])).toEqual([
      ["dev", "cfg/dev.yml"],
      ["prod", "cfg/prod.yaml"],
    ]);
  });

  test("a symbolic link to a file inside the config folder is followed", () => {
    const d = dir({ "dev.yaml": env("D", "a"), "shared.yml.txt": env("S", "s") });
    fs.mkdirSync(path.join(d, "envs"));
    fs.renameSync(path.join(d, "shared.yml.txt"), path.join(d, "envs", "staging.txt"));
    fs.symlinkSync(path.join("envs", "staging.txt"), path.join(d, "staging.yaml"));
    const envs = loadEnvironments(d, "cfg");
    expect(envs.map((e) => [e.name, e.file, e.config.project.name])).toEqual([
      ["dev", "cfg/dev.yaml", "D"],
      ["staging", "cfg/staging.yaml", "S"],
    ]);
  });

  test("links that cannot be followed, and folders named like environments, are refused with the reason", () => {
    const d = dir({ "dev.yaml": env("D", "a") });
    fs.symlinkSync("missing.yaml", path.join(d, "dangling.yaml"));
    fs.symlinkSync("loop-b.yaml", path.join(d, "loop-a.yaml"));
    fs.symlinkSync("loop-a.yaml", path.join(d, "loop-b.yaml"));
    const outside = path.join(fs.mkdtempSync(path.join(tmp, "outside-")), "prod.yaml");
    fs.writeFileSync(outside, env("P", "b"));
    fs.symlinkSync(outside, path.join(d, "prod.yaml"));
    fs.mkdirSync(path.join(d, "old.yaml"));
    let message = "";
    try {
      loadEnvironments(d, "cfg");
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message.split("\n")).toEqual([
      'cfg/dangling.yaml:1:1: (file): is a symbolic link to "missing.yaml", which does not exist (ENOENT); fix the link or remove it.',
      'cfg/loop-a.yaml:1:1: (file): is a symbolic link loop ("loop-b.yaml" leads back to itself); point the link at an environment file in the config folder.',
      'cfg/loop-b.yaml:1:1: (file): is a symbolic link loop ("loop-a.yaml" leads back to itself); point the link at an environment file in the config folder.',
      "cfg/old.yaml:1:1: (file): is a folder, not an environment file; rename it so it does not end in .yaml or .yml.",
      `cfg/prod.yaml:1:1: (file): is a symbolic link to ${JSON.stringify(outside)}, outside the config folder; environment files must live in the config folder, so copy the file in or link to one inside it.`,
    ]);
  });

  test.each([
    [
      "the same profile in two environments of one project",
      { "dev.yaml": env("P", "vmo"), "prod.yaml": env("P", "vmo") },
      'cfg/prod.yaml:4:11: profiles[0].name: profile "vmo" (project P) is also used by environment "dev" (cfg/dev.yaml:4:11); each environment needs its own, so a change to one can never plan against another.',
    ],
    [
      "the same tenant-context profile, even from two projects",
      { "dev.yaml": env("D", "vmo") + "    context: tenant\n", "prod.yaml": env("P", "vmo") + "    context: tenant\n" },
      'cfg/prod.yaml:4:11: profiles[0].name: profile "vmo" (tenant) is also used by environment "dev" (cfg/dev.yaml:4:11); each environment needs its own, so a change to one can never plan against another.',
    ],
    [
      "the same cluster name in one project",
      { "dev.yaml": env("P", "a", "    clusters: [{name: edge}]\n"), "prod.yaml": env("P", "b", "    clusters: [{name: edge}]\n") },
      'cfg/prod.yaml:5:23: profiles[0].clusters[0].name: cluster "edge" (project P) is also used by environment "dev" (cfg/dev.yaml:5:23); each environment needs its own, so a change to one can never plan against another.',
    ],
    [
      "the same cluster uid anywhere",
      { "dev.yaml": env("D", "a", "    clusters: [{uid: u1}]\n"), "prod.yaml": env("P", "b", "    clusters: [{uid: u1}]\n") },
      'cfg/prod.yaml:5:22: profiles[0].clusters[0].uid: cluster uid "u1" is also used by environment "dev" (cfg/dev.yaml:5:22); each environment needs its own, so a change to one can never plan against another.',
    ],
    [
      "the same state location",
      {
        "dev.yaml": env("D", "a", "", "backend: {type: s3, bucket: b, key: vmo.tfstate, region: r, use_lockfile: true}\n"),
        "prod.yaml": env("P", "b", "", "backend: {type: s3, bucket: b, key: vmo.tfstate, region: r, use_lockfile: true}\n"),
      },
      'cfg/prod.yaml:3:10: backend: state s3://b/vmo.tfstate is also used by environment "dev" (cfg/dev.yaml:3:10); each environment needs its own, so a change to one can never plan against another.',
    ],
    [
      "the same S3 key, whatever the workspace_key_prefix",
      {
        "dev.yaml": env("D", "a", "", "backend: {type: s3, bucket: b, key: vmo.tfstate, region: r, use_lockfile: true}\n"),
        "prod.yaml": env("P", "b", "", "backend: {type: s3, bucket: b, key: vmo.tfstate, region: r, use_lockfile: true, workspace_key_prefix: p}\n"),
      },
      'cfg/prod.yaml:3:10: backend: state s3://b/vmo.tfstate is also used by environment "dev" (cfg/dev.yaml:3:10); each environment needs its own, so a change to one can never plan against another.',
    ],
    [
      "a local path pointing at another environment's default state file",
      { "dev.yaml": env("D", "a"), "prod.yaml": env("P", "b", "", "backend: {type: local, path: ./terraform.dev.tfstate}\n") },
      'cfg/prod.yaml:3:10: backend: state local terraform.dev.tfstate is also used by environment "dev" (cfg/dev.yaml:1:1); each environment needs its own, so a change to one can never plan against another.',
    ],
    [
      "a file name that cannot be a stack id",
      { "Prod_EU.yaml": env("P", "a") },
      'cfg/Prod_EU.yaml:1:1: (file): "Prod_EU" is not a usable environment name (it becomes the stack id); rename the file to lowercase letters, digits and "-", starting with a letter.',
    ],
    [
      "two files for one environment",
      { "dev.yaml": env("P", "a"), "dev.yml": env("P", "b") },
      'cfg/dev.yml:1:1: (file): environment "dev" is also defined by cfg/dev.yaml; keep one file per environment.',
    ],
    ["no environment files", { "notes.txt": "" }, "cfg:1:1: (file): no environment files (*.yaml) found; add one, e.g. dev.yaml."],
  ])("rejects %s", (_name, files, expected) => {
    expect(problems(files)).toEqual([expected]);
  });

  test("different projects may reuse cluster and profile names", () => {
    expect(
      loadEnvironments(
        dir({ "dev.yaml": env("D", "vmo", "    clusters: [{name: edge}]\n"), "prod.yaml": env("P", "vmo", "    clusters: [{name: edge}]\n") }),
        "cfg",
      ),
    ).toHaveLength(2);
  });

  test("a missing folder names the option to fix", () => {
    expect(() => loadEnvironments(path.join(tmp, "nope"), "nope")).toThrow(
      "nope:1:1: (file): config folder not found; give --config-dir (or VMO_CONFIG_DIR) a folder of environment files.",
    );
  });

  test("errors of every file are reported together", () => {
    const lines = problems({
      "a.yaml": "project: {name: ''}\nprofiles: [{name: x}]\n",
      "b.yaml": "project: {name: B}\nprofiles: [{name: y, accessMode: nope}]\n",
    });
    expect(lines.map((l) => l.split(": ")[0])).toEqual(["cfg/a.yaml:1:17", "cfg/b.yaml:2:34"]);
  });
});

describe("selectEnvironments", () => {
  const envs = loadEnvironments(dir({ "dev.yaml": env("D", "a"), "prod.yaml": env("P", "b") }), "cfg");

  test("all by default, or the named ones", () => {
    expect(selectEnvironments(envs, undefined).map((e) => e.name)).toEqual(["dev", "prod"]);
    expect(selectEnvironments(envs, ["prod"]).map((e) => e.name)).toEqual(["prod"]);
  });

  test("an unknown name is a command-line error with a hint", () => {
    expect(() => selectEnvironments(envs, ["prd"])).toThrow(new UnknownEnvironmentError('no environment "prd" (did you mean "prod"?); known: dev, prod.'));
  });
});

describe("promotion: a version bump in dev plans against dev only", () => {
  const devBefore = fs.readFileSync(path.join(root, "config/dev.yaml"), "utf8");
  const prod = fs.readFileSync(path.join(root, "config/prod.yaml"), "utf8");

  function synthAll(dev: string): Record<string, any> {
    const { stacks } = buildApp({ configDir: dir({ "dev.yaml": dev, "prod.yaml": prod }) });
    return Object.fromEntries(stacks.map((s) => [s.node.id, Testing.synth(s, true)]));
  }

  test("prod is byte-identical; dev updates its own profiles in place under the same addresses, and every attachment's revision moves", () => {
    const before = synthAll(devBefore);
    const after = synthAll(devBefore.replace("profileVersion: 1.1.0", "profileVersion: 1.2.0").replace("vmoVersion: 4.10.7", "vmoVersion: 4.10.8"));
    expect(after.prod).toBe(before.prod);
    const profile = (json: string) => JSON.parse(json).resource.spectrocloud_cluster_profile;
    // The shared profile and dev-edge-k3s-1's per-cluster copy (it has per-cluster values).
    const addresses = Object.keys(profile(before.dev));
    expect(
      Object.values<any>(profile(before.dev))
        .map((p) => p.name)
        .sort(),
    ).toEqual(["vmo-dev", "vmo-dev-dev-edge-k3s-1"]);
    expect(Object.keys(profile(after.dev))).toEqual(addresses);
    for (const a of addresses) {
      expect(profile(before.dev)[a]).toMatchObject({ version: "1.1.0" });
      expect(profile(after.dev)[a]).toMatchObject({ version: "1.2.0" });
      expect(profile(after.dev)[a].pack[0].tag).toBe("4.10.8");
    }
    // Attachments keep their addresses and profile references; their revision variable moves with the profile.
    const deps = (json: string) => JSON.parse(json).resource.spectrocloud_addon_deployment;
    expect(Object.keys(deps(after.dev))).toEqual(Object.keys(deps(before.dev)));
    for (const [address, d] of Object.entries<any>(deps(after.dev))) {
      const was = deps(before.dev)[address].cluster_profile[0];
      expect(d.cluster_profile[0].id).toBe(was.id);
      expect(was.variables.vmo_profile_revision).toMatch(/^1\.1\.0\+[0-9a-f]{12}$/);
      expect(d.cluster_profile[0].variables.vmo_profile_revision).toMatch(/^1\.2\.0\+[0-9a-f]{12}$/);
    }
  });
});
