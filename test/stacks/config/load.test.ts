import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "../../../lib/cdktf";
import { ConfigError, loadEnvironmentFile, parseEnvironment, toProjectConfig } from "../../../stacks/config/load";
import { environmentJsonSchema } from "../../../stacks/config/schema";
import { VmoProjectStack } from "../../../stacks/vmo-project-stack";

const root = path.resolve(__dirname, "..", "..", "..");
const FILE = "config/dev.yaml";

/** The error lines parsing `yaml` produces. */
function problems(yaml: string): string[] {
  try {
    parseEnvironment(yaml, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message.split("\n");
  }
  throw new Error("expected the config to be rejected");
}

const ok = (rest = "") => `project:\n  name: Default\nprofiles:\n  - name: vmo\n${rest}`;

describe("environment config errors: file, line, column, path, expected, found, hint", () => {
  test.each([
    ["YAML syntax", "project: [\n", ["config/dev.yaml:2:1: (file): invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"]],
    ["unknown key with a hint", ok("    accesMode: proxied\n"), [expect.stringMatching(/^config\/dev\.yaml:5:5: profiles\[0\]\.accesMode: unknown key "accesMode" \(did you mean "accessMode"\?\); allowed here: name, /)]],
    ["wrong type", ok("    tags: env:dev\n"), ['config/dev.yaml:5:11: profiles[0].tags: expected array, found string "env:dev".']],
    ["unknown access mode", ok("    accessMode: Proxyed\n"), ['config/dev.yaml:5:17: profiles[0].accessMode: expected one of "proxied", "direct", "custom", found string "Proxyed" (did you mean "proxied"?).']],
    ["VMO below 1.0", ok("    vmoVersion: 0.9.0\n"), ['config/dev.yaml:5:17: profiles[0].vmoVersion: VMO 0.9.0 is below 1.0.0; Palette requires pack version 1.0 or higher.']],
    ["malformed VMO version", ok("    vmoVersion: 4.10\n"), [expect.stringContaining('config/dev.yaml:5:17: profiles[0].vmoVersion: expected string, found number 4.1.')]],
    ["malformed VMO version (string)", ok('    vmoVersion: "4.10.x"\n'), ['config/dev.yaml:5:17: profiles[0].vmoVersion: expected a pack version MAJOR.MINOR.PATCH such as "4.10.7", found "4.10.x".']],
    ["empty project name", 'project:\n  name: ""\nprofiles:\n  - name: vmo\n', ['config/dev.yaml:2:9: project.name: project name must not be empty, found string "".']],
    ["missing project", "profiles:\n  - name: vmo\n", ["config/dev.yaml:1:1: project: required field is missing (expected object)."]],
    [
      "duplicate profile names",
      "project: {name: x}\nprofiles:\n  - name: vmo\n  - name: vmo\n",
      ['config/dev.yaml:4:11: profiles[1].name: duplicate profile name "vmo" (also profiles[0]); profile names must be unique.'],
    ],
    [
      "duplicate cluster names across profiles",
      "project: {name: x}\nprofiles:\n  - name: a\n    clusters: [{name: edge}]\n  - name: b\n    clusters: [{name: edge}]\n",
      ['config/dev.yaml:6:23: profiles[1].clusters[0].name: duplicate cluster name "edge" (also profiles[0].clusters[0]); a cluster gets VMO from one profile only.'],
    ],
    ["cluster by name and uid", ok("    clusters:\n      - name: a\n        uid: b\n"), ['config/dev.yaml:6:9: profiles[0].clusters[0]: cluster "a" is given both by name and by uid; keep one.']],
    ["cluster with neither", ok("    clusters:\n      - context: project\n"), ["config/dev.yaml:6:9: profiles[0].clusters[0]: a cluster needs a name or a uid."]],
    [
      "unknown role",
      ok("    roleBindings:\n      bindings:\n        - role: spectro-vm-admn\n          subjects: [{kind: Group, name: g}]\n"),
      [expect.stringMatching(/^config\/dev\.yaml:7:17: profiles\[0\]\.roleBindings\.bindings\[0\]\.role: expected one of "spectro-vm-admin", .* found string "spectro-vm-admn" \(did you mean "spectro-vm-admin"\?\)\.$/)],
    ],
    [
      "unknown subject kind",
      ok("    roleBindings:\n      bindings:\n        - role: spectro-vm-admin\n          subjects: [{kind: group, name: g}]\n"),
      ['config/dev.yaml:8:29: profiles[0].roleBindings.bindings[0].subjects[0].kind: expected one of "User", "Group", "ServiceAccount", found string "group" (did you mean "Group"?).'],
    ],
    ["values that are not a mapping or YAML", ok("    values: 5\n"), ["config/dev.yaml:5:13: profiles[0].values: expected a YAML mapping or a YAML string, found number 5."]],
  ])("%s", (_name, yaml, expected) => {
    expect(problems(yaml as string)).toEqual(expected);
  });

  test("every problem is reported, in file order", () => {
    const lines = problems('project:\n  name: ""\nprofiles:\n  - name: vmo\n    accessMode: nope\n    colour: red\n');
    expect(lines.map((l) => l.split(": ")[0])).toEqual(["config/dev.yaml:2:9", "config/dev.yaml:5:17", "config/dev.yaml:6:5"]);
  });
});

describe("shipped example configs", () => {
  for (const env of ["dev", "prod"]) {
    test(`config/${env}.yaml validates and synthesizes`, () => {
      const config = toProjectConfig(loadEnvironmentFile(path.join(root, "config", `${env}.yaml`), `config/${env}.yaml`));
      const stack = new VmoProjectStack(Testing.app(), `vmo-${env}`, { config });
      const json = JSON.parse(Testing.synth(stack, true));
      expect(Object.keys(json.resource.spectrocloud_addon_deployment).length).toBeGreaterThan(0);
    });
  }

  test("config/schema.json is generated from the validator's schema", () => {
    const committed = JSON.parse(fs.readFileSync(path.join(root, "config", "schema.json"), "utf8"));
    expect(committed).toEqual(environmentJsonSchema());
    expect(committed.properties.profiles.items.properties.accessMode.enum).toEqual(["proxied", "direct", "custom"]);
    expect(committed.properties.profiles.items.additionalProperties).toBe(false);
  });
});
