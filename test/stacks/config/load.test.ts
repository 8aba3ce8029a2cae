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
    [
      "YAML syntax",
      "project: [\n",
      ["config/dev.yaml:2:1: (file): invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"],
    ],
    [
      "unknown key with a hint",
      ok("    accesMode: proxied\n"),
      [
        expect.stringMatching(
          /^config\/dev\.yaml:5:5: profiles\[0\]\.accesMode: unknown key "accesMode" \(did you mean "accessMode"\?\); allowed here: name, /,
        ),
      ],
    ],
    ["wrong type", ok("    tags: env:dev\n"), ['config/dev.yaml:5:11: profiles[0].tags: expected array, found string "env:dev".']],
    [
      "unknown access mode",
      ok("    accessMode: Proxyed\n"),
      ['config/dev.yaml:5:17: profiles[0].accessMode: expected one of "proxied", "direct", "custom", found string "Proxyed" (did you mean "proxied"?).'],
    ],
    [
      "malformed VMO version",
      ok("    vmoVersion: 4.10\n"),
      [expect.stringContaining("config/dev.yaml:5:17: profiles[0].vmoVersion: expected string, found number 4.1.")],
    ],
    [
      "empty project name",
      'project:\n  name: ""\nprofiles:\n  - name: vmo\n',
      ['config/dev.yaml:2:9: project.name: project name must not be empty, found string "".'],
    ],
    ["missing project", "profiles:\n  - name: vmo\n", ["config/dev.yaml:1:1: project: required field is missing (expected object)."]],
    [
      "duplicate profile names",
      "project: {name: x}\nprofiles:\n  - name: vmo\n  - name: vmo\n",
      ['config/dev.yaml:4:11: profiles[1].name: duplicate profile name "vmo" (also profiles[0]); profile names must be unique.'],
    ],
    [
      "duplicate cluster names across profiles",
      "project: {name: x}\nprofiles:\n  - name: a\n    clusters: [{name: edge}]\n  - name: b\n    clusters: [{name: edge}]\n",
      [
        'config/dev.yaml:6:23: profiles[1].clusters[0].name: duplicate cluster name "edge" (also profiles[0].clusters[0]); a cluster gets VMO from one profile only.',
      ],
    ],
    [
      "unknown role",
      ok("    roleBindings:\n      bindings:\n        - role: spectro-vm-admn\n          subjects: [{kind: Group, name: g}]\n"),
      [
        expect.stringMatching(
          /^config\/dev\.yaml:7:17: profiles\[0\]\.roleBindings\.bindings\[0\]\.role: expected one of "spectro-vm-admin", .* found string "spectro-vm-admn" \(did you mean "spectro-vm-admin"\?\)\.$/,
        ),
      ],
    ],
    [
      "unknown subject kind",
      ok("    roleBindings:\n      bindings:\n        - role: spectro-vm-admin\n          subjects: [{kind: group, name: g}]\n"),
      [
        'config/dev.yaml:8:29: profiles[0].roleBindings.bindings[0].subjects[0].kind: expected one of "User", "Group", "ServiceAccount", found string "group" (did you mean "Group"?).',
      ],
    ],
    [
      "values that are not a mapping or YAML",
      ok("    values: 5\n"),
      ["config/dev.yaml:5:13: profiles[0].values: expected a YAML mapping or a YAML string, found number 5."],
    ],
  ])("%s", (_name, yaml, expected) => {
    expect(problems(yaml as string)).toEqual(expected);
  });

  test("every problem is reported, in file order", () => {
    const lines = problems('project:\n  name: ""\nprofiles:\n  - name: vmo\n    accessMode: nope\n    colour: red\n');
    expect(lines.map((l) => l.split(": ")[0])).toEqual(["config/dev.yaml:2:9", "config/dev.yaml:5:17", "config/dev.yaml:6:5"]);
  });
});

const top = (backend: string) => `project:\n  name: Default\n${backend}profiles:\n  - name: vmo\n`;

describe("backend, secret and import errors", () => {
  test.each([
    [
      "unknown backend type",
      top("backend:\n  type: s4\n"),
      'config/dev.yaml:4:9: backend.type: expected one of "local", "s3", "cloud", "azurerm", "consul", "cos", "gcs", "http", "kubernetes", "oss", "pg", "remote", found string "s4" (did you mean "s3"?).',
    ],
    [
      "backend without a type",
      top("backend: {bucket: b}\n"),
      'config/dev.yaml:3:10: backend.type: expected one of "local", "s3", "cloud", "azurerm", "consul", "cos", "gcs", "http", "kubernetes", "oss", "pg", "remote", found nothing.',
    ],
    [
      "a misspelt key of a backend known by name, checked against Terraform's own arguments",
      top("backend: {type: gcs, bukcet: b, prefix: p}\n"),
      'config/dev.yaml:3:22: backend.bukcet: unknown key "bukcet" for the gcs backend (did you mean "bucket"?); Terraform 1.11.4\'s gcs backend takes: access_token, bucket, credentials, encryption_key, impersonate_service_account, impersonate_service_account_delegates, kms_encryption_key, prefix, storage_custom_endpoint.',
    ],
    [
      "a misspelt S3 key gets the list of this backend's keys, not an empty one",
      top("backend: {type: s3, bucket: b, key: k, region: r, use_lockfile: true, encrpyt: true}\n"),
      'config/dev.yaml:3:71: backend.encrpyt: unknown key "encrpyt" (did you mean "encrypt"?); allowed here: type, bucket, key, region, use_lockfile, dynamodb_table, encrypt, kms_key_id, acl, profile, workspace_key_prefix, assume_role, endpoints, use_path_style, skip_credentials_validation, skip_region_validation, skip_requesting_account_id, skip_metadata_api_check, skip_s3_checksum.',
    ],
    [
      "a Terraform S3 argument the config format does not carry says so",
      top("backend: {type: s3, bucket: b, key: k, region: r, use_lockfile: true, sts_region: eu-west-1}\n"),
      'config/dev.yaml:3:71: backend.sts_region: "sts_region" is an argument of Terraform\'s s3 backend that environment files do not take yet; allowed here: type, bucket, key, region, use_lockfile, dynamodb_table, encrypt, kms_key_id, acl, profile, workspace_key_prefix, assume_role, endpoints, use_path_style, skip_credentials_validation, skip_region_validation, skip_requesting_account_id, skip_metadata_api_check, skip_s3_checksum.',
    ],
    [
      "a backend Terraform removed, in Terraform's words",
      top("backend: {type: swift, container: c}\n"),
      'config/dev.yaml:3:17: backend.type: Terraform 1.11.4 says: The "swift" backend is not supported in Terraform v1.3 or later. Pick a backend it has: local, s3, cloud, azurerm, consul, cos, gcs, http, kubernetes, oss, pg, remote.',
    ],
    [
      "a key holding a carriage return and a newline stays on one line, escaped",
      top('backend: {type: local, "pa\\r\\nth": x}\n'),
      'config/dev.yaml:3:24: backend.pa\\r\\nth: unknown key "pa\\r\\nth" (did you mean "path"?); allowed here: type, path.',
    ],
    [
      "S3 without locking",
      top("backend: {type: s3, bucket: b, key: k, region: r}\n"),
      "config/dev.yaml:3:10: backend: S3 state needs locking so two pipelines cannot write it at once; set use_lockfile: true (Terraform 1.10 or later) or dynamodb_table.",
    ],
    [
      "S3 credentials in config",
      top("backend: {type: s3, bucket: b, key: k, region: r, use_lockfile: true, secret_key: abc}\n"),
      `config/dev.yaml:3:71: backend.secret_key: "secret_key" is a credential; config files never hold credentials. Remove it and set AWS_SECRET_ACCESS_KEY in the pipeline's environment.`,
    ],
    [
      "credentials of a backend known by name",
      top("backend: {type: gcs, bucket: b, credentials: /x.json}\n"),
      `config/dev.yaml:3:33: backend.credentials: "credentials" is a credential; config files never hold credentials. Remove it and set GOOGLE_BACKEND_CREDENTIALS or GOOGLE_APPLICATION_CREDENTIALS in the pipeline's environment.`,
    ],
    [
      "cloud with both workspace name and tags",
      top("backend: {type: cloud, organization: acme, workspaces: {name: a, tags: [b]}}\n"),
      "config/dev.yaml:3:56: backend.workspaces: give exactly one of workspaces.name and workspaces.tags; found both.",
    ],
    [
      "absolute local state path",
      top("backend: {type: local, path: /var/state.tfstate}\n"),
      'config/dev.yaml:3:30: backend.path: expected a state file path relative to the project root (absolute paths make the output machine-specific), found "/var/state.tfstate".',
    ],
    [
      "a variable value of the wrong type",
      ok("    clusters:\n      - name: a\n        variables: {x: 5}\n"),
      "config/dev.yaml:7:24: profiles[0].clusters[0].variables.x: expected a string or { secret: <terraform variable name> }, found number 5.",
    ],
    [
      "a secret name Terraform cannot use",
      ok("    clusters:\n      - name: a\n        variables: {x: {secret: 'my-pw'}}\n"),
      'config/dev.yaml:7:33: profiles[0].clusters[0].variables.x.secret: secret variable name must start with a letter or "_" and hold only letters, digits and "_", found string "my-pw".',
    ],
    [
      "malformed import ID",
      ok("    import: vmo\n"),
      `config/dev.yaml:5:13: profiles[0].import: expected the provider's import ID NAME:CONTEXT[:VERSION] such as "vmo:project:1.0.0", found "vmo".`,
    ],
    [
      "import ID of another profile",
      ok("    import: other:project:1.0.0\n"),
      'config/dev.yaml:5:13: profiles[0].import: import ID names profile "other" but this profile is "vmo"; adopting a profile under another name would rename it in Palette. Use "vmo:project:1.0.0".',
    ],
    [
      "import ID in another context",
      ok("    import: vmo:tenant\n"),
      `config/dev.yaml:5:13: profiles[0].import: import ID context "tenant" differs from the profile's context "project"; use "vmo:project".`,
    ],
    [
      "suppression of an unknown rule",
      ok("    suppressions: [{id: VMO-08, reason: x}]\n"),
      expect.stringMatching(
        /^config\/dev\.yaml:5:25: profiles\[0\]\.suppressions\[0\]\.id: expected one of "VMO-001", .*"VMO-0\d\d", found string "VMO-08" \(did you mean "VMO-008"\?\)\.$/,
      ),
    ],
    [
      "suppression without a reason",
      ok("    suppressions: [{id: VMO-008, reason: ' '}]\n"),
      'config/dev.yaml:5:42: profiles[0].suppressions[0].reason: suppression reason must not be empty, found string " ".',
    ],
    [
      "import ID of another version",
      ok("    import: vmo:project:2.0.0\n"),
      'config/dev.yaml:5:13: profiles[0].import: import ID version "2.0.0" differs from profileVersion "1.0.0"; adopt the version this config manages.',
    ],
  ])("%s", (_name, yaml, expected) => {
    expect(problems(yaml)).toEqual([expected]);
  });

  test("config strings are literal: Terraform template sequences are escaped, Palette macros are not", () => {
    const config = toProjectConfig(
      parseEnvironment(
        'project: {name: Dev}\nprofiles:\n  - name: a\n    values: {x: "PATH=${PATH} %{if} {{ .spectro.system.cluster.uid }}", "${path.cwd}": k}\n    variables: [{name: v}]\n    clusters: [{name: c, variables: {v: "${var.x}"}}]\n',
        FILE,
      ),
    );
    expect(config.profiles[0].values).toEqual({ x: "PATH=$${PATH} %%{if} {{ .spectro.system.cluster.uid }}", "$${path.cwd}": "k" });
    expect(config.profiles[0].clusters?.[0].variables).toEqual({ v: "$${var.x}" });
    const stack = new VmoProjectStack(Testing.app(), "dev", { config });
    const json = Testing.synth(stack, true);
    expect(json).toContain("PATH=$${PATH} %%{if} {{ .spectro.system.cluster.uid }}");
    expect(json).not.toMatch(/[^$]\$\{PATH\}/);
  });

  test("one cluster name may appear once per context", () => {
    expect(() =>
      parseEnvironment(
        "project: {name: x}\nprofiles:\n  - name: a\n    clusters: [{name: c1}]\n  - name: b\n    clusters: [{name: c1, context: tenant}]\n",
        FILE,
      ),
    ).not.toThrow();
  });

  test("the project context is the default of profiles and clusters", () => {
    const config = toProjectConfig(
      parseEnvironment("project: {name: x, context: tenant}\nprofiles:\n  - name: a\n    clusters: [{name: c}, {name: d, context: project}]\n", FILE),
    );
    expect(config.profiles[0].context).toBe("tenant");
    expect(config.profiles[0].clusters?.map((c) => c.context)).toEqual(["tenant", "project"]);
  });
});

describe("shipped example configs", () => {
  for (const env of ["dev", "prod"]) {
    test(`config/${env}.yaml validates and synthesizes`, () => {
      const config = toProjectConfig(loadEnvironmentFile(path.join(root, "config", `${env}.yaml`), `config/${env}.yaml`));
      const stack = new VmoProjectStack(Testing.app(), env, { config });
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
