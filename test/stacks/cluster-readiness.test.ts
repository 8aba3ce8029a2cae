// Issue 12 item 6: attachments to clusters looked up by name carry lifecycle preconditions on the cluster's state
// and health, and real terraform (offline provider) refuses the plan, naming the cluster and what it found.
import * as fs from "node:fs";
import * as path from "node:path";
import { synthesize } from "../../stacks/app";
import { loadTesting, scratch, terraform, terraformAvailable, tfOk } from "../testing/helpers";

const run = terraformAvailable() ? describe : describe.skip;

function synthEnv(name: string, yaml: string): { out: string; stack: any } {
  const dir = scratch(`readiness-${name}`);
  fs.mkdirSync(path.join(dir, "config"));
  fs.writeFileSync(path.join(dir, "config", "dev.yaml"), yaml);
  const out = path.join(dir, "cdktf.out");
  synthesize({ configDir: path.join(dir, "config"), outdir: out });
  return { out, stack: JSON.parse(fs.readFileSync(path.join(out, "stacks", "dev", "cdk.tf.json"), "utf8")) };
}

const yaml = (cluster: string) => `project: {name: Dev}\nprofiles:\n  - name: vmo\n    clusters:\n      - ${cluster}\n`;

describe("attachment preconditions", () => {
  test("a cluster given by name is checked for state and health at plan", () => {
    const { stack } = synthEnv("unit", yaml("name: edge-cluster-1"));
    const [attachment] = Object.values<any>(stack.resource.spectrocloud_addon_deployment);
    const lookup = `data.spectrocloud_cluster.${Object.keys(stack.data.spectrocloud_cluster)[0]}`;
    expect(attachment.lifecycle.precondition).toEqual([
      {
        condition: `\${${lookup}.state == "Running"}`,
        error_message: `VMO cannot be attached to cluster edge-cluster-1: Palette reports its state as "\${coalesce(${lookup}.state, "unknown")}", and it must be "Running". Wait for the cluster to finish provisioning (or repair it), then plan again.`,
      },
      {
        condition: `\${lower(coalesce(${lookup}.health, "healthy")) == "healthy"}`,
        error_message: `VMO cannot be attached to cluster edge-cluster-1: Palette reports its health as "\${coalesce(${lookup}.health, "unknown")}", and it must be "Healthy". Fix the cluster's health in Palette, then plan again.`,
      },
    ]);
  });

  test("a cluster given by uid has no lookup, so nothing to check", () => {
    const { stack } = synthEnv("uid", yaml("uid: 64f1c2a9b7e3d80012a4c5e6"));
    const [attachment] = Object.values<any>(stack.resource.spectrocloud_addon_deployment);
    expect(attachment.lifecycle.precondition).toBeUndefined();
  });
});

run("attachment preconditions under terraform", () => {
  const testing = loadTesting();
  const inventory = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "lib", "testing", "fixtures", "inventory.json"), "utf8"));
  const base = inventory.clusters.find((c: any) => c.name === "edge-cluster-1");

  test.each([
    ["provisioning", { state: "Provisioning", health: "Healthy" }, 'Palette reports its state as "Provisioning", and it must be "Running".'],
    ["unhealthy", { state: "Running", health: "UnHealthy" }, 'Palette reports its health as "UnHealthy", and it must be "Healthy".'],
  ])("a %s cluster fails the plan, naming the cluster and what Palette reported", (name, status, expected) => {
    const { out } = synthEnv(`tf-${name}`, yaml("name: probe-cluster"));
    const workDir = path.dirname(out);
    const inv = {
      ...inventory,
      clusters: [...inventory.clusters, { ...base, uid: `ab${"0".repeat(21)}${name.length}`, name: "probe-cluster", project: "Dev", ...status }],
    };
    const inventoryFile = path.join(workDir, "inventory.json");
    fs.writeFileSync(inventoryFile, JSON.stringify(inv));
    const offline = testing.prepareOfflineTerraform({ workDir: path.join(workDir, "offline"), inventoryFile });
    const dir = path.join(out, "stacks", "dev");
    tfOk(["init", "-input=false", "-no-color"], dir, offline.env);
    const r = terraform(["plan", "-input=false", "-no-color"], dir, offline.env);
    expect(r.status).toBe(1);
    const text = r.stderr.replace(/\s+/g, " ");
    expect(text).toContain("Error: Resource precondition failed");
    expect(text).toContain(`VMO cannot be attached to cluster probe-cluster: ${expected}`);
  });
});
