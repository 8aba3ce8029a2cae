import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { synthesize } from "../../stacks/app";
import { ConfigError } from "../../stacks/config/load";

// Issue 12 item 4: every problem a construct or rule finds is reported at the config field's own line and column,
// with its config path (the library's own field names never reach the user).

function refusal(yaml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmo-located-"));
  try {
    fs.writeFileSync(path.join(dir, "dev.yaml"), yaml);
    synthesize({ configDir: dir, outdir: path.join(dir, "out") });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // cdktf's App makes its output folder when it is created; nothing is written into it.
    const out = path.join(dir, "out");
    if (fs.existsSync(out)) expect(fs.readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory())).toEqual([]);
    return err.message.split(path.join(path.relative(process.cwd(), dir), "dev.yaml")).join("dev.yaml");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  throw new Error("expected a refusal");
}

const head = "project: {name: Dev}\nprofiles:\n  - name: vmo\n";
const VMO_009_FIX =
  'Bind spectro-vm-admin (VmRole.ADMIN) for VMO and, where console access is needed, the Kubernetes "admin" role in the VM namespaces; if cluster-admin is really required, suppress VMO-009 on the bindings or attachment with the reason.';
const VMO_011_FIX =
  "Reference a profile variable in the values ({{ .spectro.var.NAME }}), declare it with isSensitive: true, and pass its value through the attachment's variables from a sensitive TerraformVariable (TF_VAR_...). If the flagged value is not a secret, suppress VMO-011 on the construct with that reason.";

describe("problems found by constructs and rules point at the field", () => {
  test("a malformed proxy.version, named as the config names it", () => {
    expect(refusal(`${head}    proxy:\n      version: latest\n`)).toBe(
      'dev.yaml:5:16: profiles[0].proxy.version: "latest" is not a pack version; expected MAJOR.MINOR.PATCH such as "1.2.3" (registry lookups need an exact version).',
    );
    expect(refusal(`${head}    proxy:\n      version: 1.2.0\n`)).toBe(
      'dev.yaml:5:16: profiles[0].proxy.version: "1.2.0" has no vmDashboardIntegration (added in 1.3.0); use "1.5.6" or set vmDashboardIntegration to false.',
    );
  });

  test("a cluster-admin binding, at its role", () => {
    const yaml = `${head}    roleBindings:\n      bindings:\n        - role: spectro-vm-admin\n          subjects: [{kind: Group, name: a}]\n        - role: cluster-admin\n          subjects: [{kind: Group, name: ops}]\n`;
    expect(refusal(yaml)).toBe(
      `dev.yaml:8:17: profiles[0].roleBindings.bindings[1].role: [VMO-009] bindings[1] binds cluster-admin to Group "ops" cluster wide. Fix: ${VMO_009_FIX}`,
    );
  });

  test("an uppercase namespace, with the Kubernetes rule", () => {
    const yaml = `${head}    roleBindings:\n      bindings:\n        - role: spectro-vm-admin\n          subjects: [{kind: Group, name: a}]\n          namespaces: [default, VMs]\n`;
    expect(refusal(yaml)).toBe(
      "dev.yaml:8:33: profiles[0].roleBindings.bindings[0].namespaces[1]: namespace \"VMs\" is not a valid Kubernetes namespace name; Kubernetes: \"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\" and \"must be no more than 63 characters\".",
    );
  });

  test("a groupPrefix holding a newline", () => {
    const yaml = `${head}    roleBindings:\n      groupPrefix: "oidc:\\n"\n      bindings:\n        - role: spectro-vm-admin\n          subjects: [{kind: Group, name: a}]\n`;
    expect(refusal(yaml)).toBe(
      'dev.yaml:5:20: profiles[0].roleBindings.groupPrefix: "oidc:\\n" holds a control character (a newline or tab among them); it would be prepended to every subject name. Use the API server\'s --oidc-groups-prefix value exactly.',
    );
  });

  test("a secret-looking string in values, at the key inside the values mapping", () => {
    const yaml = `${head}    values:\n      charts:\n        virtual-machine-orchestrator:\n          registry:\n            password: hunter2\n`;
    expect(refusal(yaml)).toBe(
      `dev.yaml:8:23: profiles[0].values.charts.virtual-machine-orchestrator.registry.password: [VMO-011] pack "virtual-machine-orchestrator" values.charts.virtual-machine-orchestrator.registry.password is a literal value under a secret-like key; it would land in cdk.tf.json, the Terraform state and the Palette profile in clear text. Fix: ${VMO_011_FIX}`,
    );
    const cluster = `${head}    clusters:\n      - name: c1\n        packValues:\n          virtual-machine-orchestrator:\n            x:\n              token: abc\n`;
    expect(refusal(cluster)).toBe(
      `dev.yaml:9:22: profiles[0].clusters[0].packValues.virtual-machine-orchestrator.x.token: [VMO-011] packValues.virtual-machine-orchestrator.x.token is a literal value under a secret-like key; it would land in cdk.tf.json, the Terraform state and the Palette profile in clear text. Fix: ${VMO_011_FIX}`,
    );
  });

  test("a malformed cluster uid, with file and line instead of a construct path", () => {
    expect(refusal(`${head}    clusters:\n      - uid: not-a-uid!\n`)).toBe(
      'dev.yaml:5:14: profiles[0].clusters[0].uid: "not-a-uid!" is not a Palette cluster UID (letters, digits and "-"); copy it from the cluster\'s overview page.',
    );
  });

  // Each of these is checked once, by the construct or the stack, for environment files and code alike (issue 13:
  // the loader no longer repeats them), and located at the config field.
  test("a VMO version below the minimum or malformed, at vmoVersion", () => {
    expect(refusal(`${head}    vmoVersion: 0.9.0\n`)).toBe(
      'dev.yaml:4:17: profiles[0].vmoVersion: "0.9.0" is below 1.0.0, the lowest VMO pack version this library accepts (the VMO docs\' "version 1.0 or higher" is the line of the Helm chart inside the pack; published VMO packs are 4.x). Use "4.10.7".',
    );
    expect(refusal(`${head}    vmoVersion: "4.10.x"\n`)).toBe(
      'dev.yaml:4:17: profiles[0].vmoVersion: "4.10.x" is not a pack version; expected MAJOR.MINOR.PATCH such as "4.10.7".',
    );
  });

  test("a cluster by name and uid, or by neither, at the cluster", () => {
    expect(refusal(`${head}    clusters:\n      - name: a\n        uid: b\n`)).toBe(
      'dev.yaml:5:9: profiles[0].clusters[0]: cluster "a" is given both by name and by uid (b); keep one.',
    );
    expect(refusal(`${head}    clusters:\n      - context: project\n`)).toBe(
      "dev.yaml:5:9: profiles[0].clusters[0]: a cluster needs a name or a uid; give one of them.",
    );
  });

  test("a sensitive variable's value written in config, or as its default, at the value; the secret is never echoed", () => {
    const literal = refusal(`${head}    variables: [{name: pw, isSensitive: true}]\n    clusters:\n      - name: a\n        variables: {pw: hunter2}\n`);
    expect(literal).toBe(
      'dev.yaml:7:25: profiles[0].clusters[0].variables.pw: "pw" is sensitive and must not be given as a literal: it would be written into cdk.tf.json in clear. Use { secret: <terraform variable name> } and set TF_VAR_<name> in the pipeline.',
    );
    const defaulted = refusal(`${head}    variables:\n      - name: pw\n        isSensitive: true\n        defaultValue: hunter2\n`);
    expect(defaulted).toBe(
      'dev.yaml:7:23: profiles[0].variables[0].defaultValue: sensitive variable "pw" must not have a default: the profile would carry the secret in clear. Remove defaultValue and give each cluster { secret: <terraform variable name> }.',
    );
    expect(literal + defaulted).not.toContain("hunter2");
  });
});

describe("names the address scheme cannot carry", () => {
  test("non-ASCII and emoji profile and cluster names are refused, naming the character", () => {
    expect(refusal("project: {name: Dev}\nprofiles:\n  - name: vmo-\u00e9\n")).toBe(
      'dev.yaml:3:11: profiles[0].name: profile name "vmo-\u00e9" holds "\u00e9" (U+00E9), which a Terraform address cannot carry (cdktf keeps only A-Z, a-z, 0-9, "_" and "-" and would drop the rest); rename it using only those characters.',
    );
    expect(refusal(`${head}    clusters:\n      - name: "edge \u{1F680}"\n`)).toBe(
      'dev.yaml:5:15: profiles[0].clusters[0].name: cluster name "edge \u{1F680}" holds " ", "\u{1F680}" (U+1F680), which a Terraform address cannot carry (cdktf keeps only A-Z, a-z, 0-9, "_" and "-" and would drop the rest); rename it using only those characters.',
    );
  });
});

describe("YAML that cannot be read", () => {
  test("an alias bomb is refused at its first alias, not as a crash", () => {
    const bomb =
      "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nproject: {name: Dev}\nprofiles: [{name: vmo}]\n";
    expect(refusal(bomb)).toBe(
      "dev.yaml:2:8: (file): invalid YAML: its aliases expand to too much data (Excessive alias count indicates a resource exhaustion attack); write the repeated values out instead of nesting aliases.",
    );
  });

  test("every problem of every file at once, in file order, also with --env picking another file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmo-located-many-"));
    try {
      fs.writeFileSync(
        path.join(dir, "a.yaml"),
        "project: {name: A}\nprofiles:\n  - name: vmo\n    vmoVersion: 0.9.0\n    variables:\n      - {name: pw, isSensitive: true, defaultValue: x}\n    clusters:\n      - {name: c1, uid: u1}\n      - {}\n      - {name: c2, variables: {pw: literal}}\n",
      );
      fs.writeFileSync(path.join(dir, "b.yaml"), "project: {name: B}\nprofiles:\n  - name: vmo-b\n    clusters:\n      - {name: d1, uid: u2}\n");
      let message = "";
      try {
        synthesize({ configDir: dir, outdir: path.join(dir, "out"), envs: ["b"] });
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        message = err.message;
      }
      const where = message.split("\n").map((l) => /([ab]\.yaml:\d+:\d+: [^:]+):/.exec(l)?.[1]);
      expect(where).toEqual([
        "a.yaml:4:17: profiles[0].vmoVersion",
        "a.yaml:6:53: profiles[0].variables[0].defaultValue",
        "a.yaml:8:9: profiles[0].clusters[0]",
        "a.yaml:9:9: profiles[0].clusters[1]",
        "a.yaml:10:36: profiles[0].clusters[2].variables.pw",
        "b.yaml:5:9: profiles[0].clusters[0]",
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
