import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { synthesize } from "../../stacks/app";
import { ConfigError } from "../../stacks/config/load";
import { readmeBlock } from "../readme";

// Authentication and the Direct dashboard address from an environment file: secrets by reference only, problems
// at the config field's line.

function run(yaml: string): { error?: string; json?: any } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmo-auth-"));
  try {
    fs.writeFileSync(path.join(dir, "dev.yaml"), yaml);
    synthesize({ configDir: dir, outdir: path.join(dir, "out") });
    return { json: JSON.parse(fs.readFileSync(path.join(dir, "out", "stacks", "dev", "cdk.tf.json"), "utf8")) };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { error: err.message.split(path.join(path.relative(process.cwd(), dir), "dev.yaml")).join("dev.yaml") };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const head = "project: {name: Dev}\nprofiles:\n  - name: vmo\n";
const external = (secret: string) =>
  `${head}    authentication:\n      mode: external-oidc\n      issuerUrl: https://acme.okta.com\n      clientSecret: ${secret}\n    clusters:\n      - name: edge-1\n`;

describe("authentication in config", () => {
  test("a { secret } client secret becomes a sensitive Terraform variable the attachment passes to the profile variable", () => {
    const { json, error } = run(external("{ secret: vmo_oidc_client_secret }"));
    expect(error).toBeUndefined();
    expect(json.variable.vmo_oidc_client_secret).toMatchObject({ sensitive: true, type: "string" });
    const [dep] = Object.values<any>(json.resource.spectrocloud_addon_deployment);
    expect(dep.cluster_profile[0].variables.OIDC_CLIENT_SECRET).toBe("${var.vmo_oidc_client_secret}");
    const [profile] = Object.values<any>(json.resource.spectrocloud_cluster_profile);
    const oidc = parse(profile.pack[0].values).charts["virtual-machine-orchestrator"]["vmo-manager"].oidc;
    expect(oidc).toEqual({ enabled: true, issuerUrl: "https://acme.okta.com", clientSecret: "{{ .spectro.var.OIDC_CLIENT_SECRET }}" });
  });

  test("a literal client secret is refused at its line, without echoing it", () => {
    const { error } = run(external("hunter2-literal"));
    expect(error).toBe(
      "dev.yaml:7:21: profiles[0].authentication.clientSecret: clientSecret is given as a literal: it would be written into cdk.tf.json, the Terraform state and the Palette profile in clear. Pass a sensitive Terraform variable's value (in config: { secret: <terraform variable name> }); the pipeline sets it as TF_VAR_<name>.",
    );
    expect(error).not.toContain("hunter2");
  });

  test("a dashboard address ending in /v1 is refused at its line", () => {
    const yaml = `${head}    accessMode: direct\n    clusters:\n      - name: dc-1\n        dashboardAddress: https://198.51.100.42/v1\n`;
    expect(run(yaml).error).toBe(
      'dev.yaml:7:27: profiles[0].clusters[0].dashboardAddress: "https://198.51.100.42/v1" ends in /v1, which VMO 4.10.x and later do not use (configure-console-base-address.md: "Do not append /v1"). Use "https://198.51.100.42".',
    );
  });

  test("the old userPrefix key is refused by the schema", () => {
    const yaml = `${head}    roleBindings:\n      userPrefix: "u:"\n      bindings: []\n`;
    expect(run(yaml).error).toContain("userPrefix");
  });
});

describe("the README's complete environment file", () => {
  test("loads and synthesizes, its local admin password a sensitive variable set on both clusters", () => {
    const { json, error } = run(readmeBlock("Environments as config", "yaml"));
    expect(error).toBeUndefined();
    expect(json.variable.edge_admin_password).toMatchObject({ sensitive: true });
    const deployments = Object.values<any>(json.resource.spectrocloud_addon_deployment);
    expect(deployments.map((d) => d.cluster_profile[0].variables.LOCAL_ADMIN_PASSWORD)).toEqual(["${var.edge_admin_password}", "${var.edge_admin_password}"]);
  });
});
