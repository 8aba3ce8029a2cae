import { Testing, TerraformStack } from "../../lib/cdktf";
import { EnvironmentBackend, defaultStateFile } from "../../stacks/backend";

function backendOf(config: any, stackId = "dev"): { backend: EnvironmentBackend; json: any } {
  const app = Testing.app();
  const stack = new TerraformStack(app, stackId);
  const backend = new EnvironmentBackend(stack, config, stackId);
  return { backend, json: JSON.parse(Testing.synth(stack)) };
}

describe("EnvironmentBackend", () => {
  test("local: the default file is anchored at the folder holding cdktf.out, never absolute", () => {
    expect(defaultStateFile("prod")).toBe("terraform.prod.tfstate");
    const { backend, json } = backendOf({ type: "local" });
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.dev.tfstate" } });
    expect(backend.describe()).toBe("local terraform.dev.tfstate");
    expect(backendOf({ type: "local", path: "./state/dev.tfstate" }).json.terraform.backend).toEqual({ local: { path: "../../../state/dev.tfstate" } });
  });

  test("s3: Terraform's own setting names, sorted, nested maps too; the summary names the locking", () => {
    const { backend, json } = backendOf({
      type: "s3",
      region: "eu-west-1",
      key: "vmo/dev.tfstate",
      bucket: "b",
      use_lockfile: true,
      assume_role: { role_arn: "arn:aws:iam::1:role/r", session_name: "s" },
    });
    expect(json.terraform.backend).toEqual({
      s3: {
        assume_role: { role_arn: "arn:aws:iam::1:role/r", session_name: "s" },
        bucket: "b",
        key: "vmo/dev.tfstate",
        region: "eu-west-1",
        use_lockfile: true,
      },
    });
    expect(Object.keys(json.terraform.backend.s3)).toEqual(["assume_role", "bucket", "key", "region", "use_lockfile"]);
    expect(backend.describe()).toBe("s3://b/vmo/dev.tfstate (lockfile locking)");
    expect(backendOf({ type: "s3", bucket: "b", key: "k", dynamodb_table: "locks" }).backend.describe()).toBe("s3://b/k (dynamodb locks locking)");
  });

  test("cloud: a terraform.cloud block, not a backend; by workspace name or tags", () => {
    const byName = backendOf({ type: "cloud", organization: "acme", workspaces: { name: "vmo-dev" } });
    expect(byName.json.terraform.cloud).toEqual({ organization: "acme", workspaces: { name: "vmo-dev" } });
    expect(byName.json.terraform.backend).toBeUndefined();
    expect(byName.backend.describe()).toBe("cloud acme/vmo-dev");
    expect(backendOf({ type: "cloud", organization: "acme", workspaces: { tags: ["vmo", "dev"] } }).backend.describe()).toBe("cloud acme/tags vmo,dev");
  });

  test("other types pass through by name", () => {
    const { backend, json } = backendOf({ type: "gcs", prefix: "vmo", bucket: "state" });
    expect(json.terraform.backend).toEqual({ gcs: { bucket: "state", prefix: "vmo" } });
    expect(backend.describe()).toBe("gcs");
  });

  test("cross-environment remote state is refused: environments share nothing", () => {
    const { backend } = backendOf({ type: "local" });
    expect(() => backend.getRemoteStateDataSource(backend, "x", "prod")).toThrow(
      'stack "prod" is referenced from another environment\'s stack; environments are independent by design and share no state.',
    );
  });
});
