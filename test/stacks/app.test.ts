import * as path from "node:path";
import { PaletteProvider } from "../../lib";
import { Annotations, TerraformStack, Testing } from "../../lib/cdktf";
import { buildApp, failOnErrorAnnotations, formatSummary, summarize } from "../../stacks/app";

const root = path.resolve(__dirname, "..", "..");

describe("stacks/app", () => {
  test("error annotations fail the run even when cdktf was told to carry on past them", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    new PaletteProvider(stack, "P", { projectName: "x" });
    Annotations.of(stack).addWarning("only a warning");
    expect(() => failOnErrorAnnotations([stack])).not.toThrow();
    Annotations.of(stack).addError("[VMO-999] a policy error");
    expect(() => failOnErrorAnnotations([stack])).toThrow("synthesis found 1 error(s):\n[s] [VMO-999] a policy error");
  });

  test("summary of the prod example", () => {
    const { stacks } = buildApp({ configDir: path.join(root, "config"), envs: ["prod"] });
    const s = summarize(stacks[0]);
    expect(s).toEqual({
      stack: "prod",
      file: path.join("stacks", "prod", "cdk.tf.json"),
      project: "Production",
      state: "s3://acme-platform-terraform-state/palette-vmo/prod.tfstate (lockfile locking)",
      profiles: [{ name: "vmo-prod", version: "1.0.0", access: "direct", packs: ["virtual-machine-orchestrator@4.10.0", "vmo-manifests@1.0.0"] }],
      clusters: 1,
      vms: [],
      bindings: 3,
      teams: ["dc1-operators", "vmo-admins"],
      secrets: [],
      // The profile, prod-dc-maas-1's per-cluster copy (it has its own bindings), the attachment and two teams.
      resources: 5,
      dataSources: 12,
      annotations: [],
    });
    expect(formatSummary([s], "out")).toBe(
      [
        "prod: project Production, state s3://acme-platform-terraform-state/palette-vmo/prod.tfstate (lockfile locking)",
        "  profile vmo-prod 1.0.0 (direct): virtual-machine-orchestrator@4.10.0, vmo-manifests@1.0.0",
        "  1 cluster attachment(s), 3 role binding(s), 5 resource(s) + 12 data source(s)",
        "  Palette teams owned: dc1-operators, vmo-admins",
        "  -> out/stacks/prod/cdk.tf.json",
      ].join("\n"),
    );
  });
});
