import * as fs from "node:fs";
import * as path from "node:path";
import { Testing } from "../../lib/cdktf";
import { buildApp } from "../../stacks/app";
import { expr, toHcl } from "../../stacks/hcl";
import { loadTesting, scratch, terraformAvailable, tfOk } from "../testing/helpers";

const root = path.resolve(__dirname, "..", "..");

describe("expr: Terraform JSON strings as HCL", () => {
  test.each([
    ["a whole interpolation is a bare expression", "${data.x.y.id}", "data.x.y.id"],
    ["a template stays a quoted template", "vmo-${var.env}", '"vmo-${var.env}"'],
    ["quotes inside an interpolation are not escaped", '${format("%s", var.x)}-"q"', '"${format("%s", var.x)}-\\"q\\""'],
    [
      "a function call with nested braces is one expression",
      '${tomap({"a" = "b"}) == {for k, v in x : k => v}}',
      'tomap({"a" = "b"}) == {for k, v in x : k => v}',
    ],
    ["escaped sequences stay literal", "PATH=$${PATH} %%{x}", '"PATH=$${PATH} %%{x}"'],
    ["backslashes and newlines in one-line form", "a\\b\tc", '"a\\\\b\\tc"'],
    ["a multi-line value ending in a newline is a heredoc", "a: 1\nb: ${x}\n", "<<EOT\na: 1\nb: ${x}\nEOT"],
    ["the heredoc marker never collides with a line", "EOT\n", "<<EOT1\nEOT\nEOT1"],
    ["a carriage return keeps the escaped form", "a\rb\n", '"a\\rb\\n"'],
  ])("%s", (_name, input, expected) => {
    expect(expr(input, 0)).toBe(expected);
  });

  test("lists, maps, numbers, booleans and null", () => {
    expect(expr([1, true, null, { "a-b": "x", for: "y", "//": "z", c: [] }], 0)).toBe(
      '[\n  1,\n  true,\n  null,\n  {\n    "a-b" = "x"\n    "for" = "y"\n    "//" = "z"\n    "c" = []\n  },\n]',
    );
  });
});

describe("toHcl on the example configs", () => {
  const { stacks } = buildApp({ configDir: path.join(root, "config") });
  const json = Object.fromEntries(stacks.map((s) => [s.node.id, JSON.parse(Testing.synth(s, true))]));
  const hcl = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, toHcl(v)]));

  test("blocks where Terraform's grammar and the provider schema have blocks", () => {
    const dev = hcl.dev;
    expect(dev).toMatch(/^terraform \{\n {2}backend "local" \{\n {4}path = "\.\.\/\.\.\/\.\.\/terraform\.dev\.tfstate"\n {2}\}\n {2}required_providers \{/);
    expect(dev).toContain(
      "\n  lifecycle {\n    postcondition {\n      condition = contains([for cp in self.cluster_profile : cp.id], spectrocloud_cluster_profile.Profile-vmo-dev_",
    );
    expect(dev).toMatch(/\n {4}prevent_destroy = true\n {2}\}\n/);
    expect(dev).toMatch(/\ncheck "Profile-vmo-dev_Verify_[0-9A-F]{8}" \{\n {2}data "spectrocloud_cluster_profile" "listed" \{\n/);
    expect(dev).toContain("    depends_on = [spectrocloud_cluster_profile.Profile-vmo-dev_");
    expect(dev).toMatch(/\n {2}assert \{\n {4}condition = data\.spectrocloud_cluster_profile\.listed\.id == spectrocloud_cluster_profile\./);
    expect(dev).toMatch(/\n {2}pack \{\n {4}name = "virtual-machine-orchestrator"\n/);
    expect(dev).toMatch(/\n {2}pack \{\n {4}manifest \{\n {6}content = <<EOT\napiVersion: rbac/);
    // A map attribute inside a set block: the attachment's variables.
    expect(dev).toMatch(
      /\n {2}cluster_profile \{\n {4}id = spectrocloud_cluster_profile\.Profile-vmo-dev_[0-9A-F]{8}\.id\n {4}variables = \{\n {6}"vmo_profile_revision" = "1\.1\.0\+[0-9a-f]{12}"\n {4}\}\n {2}\}\n/,
    );
    expect(dev).toContain('output "protected-attachments" {\n  description = ');
    expect(hcl.prod).toContain('  backend "s3" {\n    bucket = "acme-platform-terraform-state"\n');
  });

  test("same input, same text", () => {
    expect(toHcl(json.dev)).toBe(hcl.dev);
  });

  test("backend settings are attributes, the S3 assume_role object included", () => {
    expect(toHcl({ terraform: { backend: { s3: { bucket: "b", assume_role: { role_arn: "arn:aws:iam::1:role/r" } } } } })).toBe(
      'terraform {\n  backend "s3" {\n    bucket = "b"\n    assume_role = {\n      "role_arn" = "arn:aws:iam::1:role/r"\n    }\n  }\n}\n',
    );
  });

  test("cloud workspaces and variables", () => {
    const text = toHcl({
      terraform: { cloud: { organization: "acme", workspaces: { name: "vmo-prod" } } },
      variable: { pw: { type: "string", sensitive: true, nullable: false } },
      import: [{ id: "vmo:project:1.0.0", to: "spectrocloud_cluster_profile.P" }],
    });
    expect(text).toBe(
      [
        "terraform {",
        "  cloud {",
        '    organization = "acme"',
        "    workspaces {",
        '      name = "vmo-prod"',
        "    }",
        "  }",
        "}",
        "",
        'variable "pw" {',
        "  type = string",
        "  sensitive = true",
        "  nullable = false",
        "}",
        "",
        "import {",
        '  id = "vmo:project:1.0.0"',
        "  to = spectrocloud_cluster_profile.P",
        "}",
        "",
      ].join("\n"),
    );
  });

  // The proof: terraform reads the HCL and plans exactly what it plans from the JSON.
  const haveTerraform = terraformAvailable();
  (haveTerraform ? test : test.skip).each(["dev", "prod"])("%s: terraform validates the HCL and plans the same as from the JSON", (stack) => {
    const { prepareOfflineTerraform } = loadTesting();
    const noBackend = { ...json[stack], terraform: { ...json[stack].terraform, backend: undefined } };
    delete noBackend.terraform.backend;
    const plans: Record<string, any> = {};
    for (const [variant, file, text] of [
      ["json", "cdk.tf.json", JSON.stringify(noBackend)],
      ["hcl", "cdk.tf", toHcl(noBackend)],
    ] as const) {
      const work = scratch(`hcl-${stack}-${variant}`);
      const t = prepareOfflineTerraform({ workDir: work, cacheDir: path.join(work, "cache") });
      const dir = path.join(work, "config");
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
      tfOk(["init", "-input=false", "-no-color"], dir, t.env);
      tfOk(["validate", "-no-color"], dir, t.env);
      tfOk(["plan", "-input=false", "-no-color", "-out=tfplan"], dir, t.env);
      plans[variant] = JSON.parse(tfOk(["show", "-json", "tfplan"], dir, t.env).stdout);
      fs.rmSync(work, { recursive: true, force: true });
    }
    const shape = (p: any) => ({
      changes: p.resource_changes.map((c: any) => [c.address, c.change.actions, c.change.after]),
      outputs: p.planned_values.outputs,
      checks: (p.checks ?? []).map((c: any) => c.address.to_display).sort(),
    });
    expect(shape(plans.hcl)).toEqual(shape(plans.json));
    expect(shape(plans.json).checks).toEqual(expect.arrayContaining([expect.stringMatching(/^check\.Profile-vmo-/)]));
  });
});
