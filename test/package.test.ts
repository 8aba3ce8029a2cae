// The library as other teams get it: `npm pack`, install the tarball offline into a fresh consumer project,
// type-check and run a consumer stack. Slow-ish (a build and an install), so it runs once, in its own file.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const work = path.join(root, ".tmp", "package-test");
const consumer = path.join(work, "consumer");
const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" } });

let tarball: string;
let files: string[];

beforeAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(consumer, { recursive: true });
  const packed = JSON.parse(npm(["pack", "--json", "--pack-destination", work], root));
  tarball = path.join(work, packed[0].filename);
  files = packed[0].files.map((f: { path: string }) => f.path);
  const own = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  fs.writeFileSync(
    path.join(consumer, "package.json"),
    JSON.stringify({ name: "consumer", private: true, dependencies: { cdktf: own.devDependencies.cdktf, constructs: own.devDependencies.constructs } }, null, 2),
  );
  // --offline: every package comes from the npm cache that `npm ci` filled, or the install fails.
  npm(["install", "--offline", "--no-save", "--ignore-scripts", tarball, "cdktf", "constructs"], consumer);
});

test("the tarball holds compiled JS, typings and the bindings, and no sources, tests or config", () => {
  expect(files).toEqual(expect.arrayContaining(["package.json", "dist/index.js", "dist/index.d.ts", "dist/vmo-addon-profile.d.ts", "dist/provider-spectrocloud/cluster-profile/index.js"]));
  expect(files.filter((f) => /^(lib|test|stacks|config|packages)\/|\.ts$/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
  const manifest = JSON.parse(fs.readFileSync(path.join(consumer, "node_modules/palette-vmo-cdktf/package.json"), "utf8"));
  expect(manifest.peerDependencies).toEqual({ cdktf: "0.21.0", constructs: expect.any(String) });
  // Only dependencies are installed for consumers; the workspace name must not be one of them.
  // msgpack serves the offline test provider (palette-vmo-cdktf/testing); nothing else is a runtime dependency.
  expect(Object.keys(manifest.dependencies)).toEqual(["@msgpack/msgpack", "yaml"]);
});

test("a consumer stack type-checks against the typings and synthesizes", () => {
  fs.writeFileSync(
    path.join(consumer, "main.ts"),
    [
      'import { App, TerraformStack } from "cdktf";',
      'import { AccessMode, PaletteCluster, PaletteProvider, VmoAddonProfile, VmoClusterAttachment } from "palette-vmo-cdktf";',
      'import { clusterProfile } from "palette-vmo-cdktf/provider-spectrocloud";',
      "const app = new App();",
      'const stack = new TerraformStack(app, "team-stack");',
      'new PaletteProvider(stack, "Palette", { projectName: "Team" });',
      'const profile = new VmoAddonProfile(stack, "Vmo", { name: "team-vmo", accessMode: AccessMode.DIRECT });',
      'new VmoClusterAttachment(stack, "Attach", { profile, cluster: PaletteCluster.fromClusterName(stack, "Cluster", "team-edge") });',
      "const blockType: clusterProfile.ClusterProfilePack | undefined = undefined;",
      "void blockType;",
      "app.synth();",
      "",
    ].join("\n"),
  );
  fs.writeFileSync(
    path.join(consumer, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2020", module: "node16", moduleResolution: "node16", strict: true, skipLibCheck: false, types: [], outDir: "out" }, files: ["main.ts"] }),
  );
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", consumer], { cwd: consumer, encoding: "utf8" });
  execFileSync(process.execPath, ["out/main.js"], { cwd: consumer, env: { ...process.env, CDKTF_OUTDIR: path.join(consumer, "cdktf.out") } });
  const json = JSON.parse(fs.readFileSync(path.join(consumer, "cdktf.out/stacks/team-stack/cdk.tf.json"), "utf8"));
  expect(Object.values<any>(json.resource.spectrocloud_cluster_profile)[0].pack.map((p: any) => p.name)).toEqual(["virtual-machine-orchestrator"]);
  expect(Object.values<any>(json.resource.spectrocloud_addon_deployment)[0].lifecycle).toMatchObject({ prevent_destroy: true, postcondition: [expect.any(Object)] });
  expect(json.terraform.required_providers.spectrocloud).toEqual({ source: "spectrocloud/spectrocloud", version: "0.29.9" });
});

test("the installed bin validates a synthesized stack (exit 0) and a tampered one (exit 1), offline", () => {
  // Runs after the consumer test above, which synthesized consumer/cdktf.out.
  expect(files).toEqual(expect.arrayContaining(["dist/validate/bin.js", "dist/validate/index.d.ts", "dist/validate/schema/spectrocloud-0.29.9.schema.json", "dist/validate/schema/spectrocloud-0.29.9.constraints.json"]));
  const bin = path.join(consumer, "node_modules", ".bin", "palette-vmo-validate");
  const run = (args: string[]) => spawnSync(bin, args, { cwd: consumer, encoding: "utf8" });
  const clean = run(["cdktf.out"]);
  expect(clean.stderr).toBe("");
  expect(clean.status).toBe(0);
  expect(clean.stdout).toMatch(/^valid against spectrocloud 0\.29\.9: 1 stack, \d+ resources checked, 0 findings/m);

  const tampered = path.join(consumer, "tampered");
  fs.cpSync(path.join(consumer, "cdktf.out"), tampered, { recursive: true });
  const file = path.join(tampered, "stacks", "team-stack", "cdk.tf.json");
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  const [name, profile] = Object.entries<any>(json.resource.spectrocloud_cluster_profile)[0];
  profile.context = "galaxy";
  fs.writeFileSync(file, JSON.stringify(json));
  const bad = run(["tampered", "--format", "json"]);
  expect(bad.status).toBe(1);
  expect(JSON.parse(bad.stdout).findings).toEqual([
    expect.objectContaining({ rule: "enum", path: `resource.spectrocloud_cluster_profile.${name}.context`, file: path.join("tampered", "stacks", "team-stack", "cdk.tf.json") }),
  ]);

  // The library subpath finds the same bundled schema.
  const viaApi = execFileSync(process.execPath, ["-e", 'const v = require("palette-vmo-cdktf/validate"); process.stdout.write(JSON.stringify(v.validatePath("tampered").summary))'], { cwd: consumer, encoding: "utf8" });
  expect(JSON.parse(viaApi)).toMatchObject({ stacks: 1, findings: 1 });
});

test("the installed testing subpath plans a consumer stack with real terraform against the offline provider", () => {
  // Runs after the consumer test above, which synthesized consumer/cdktf.out.
  expect(files).toEqual(expect.arrayContaining(["dist/testing/main.js", "dist/testing/index.d.ts", "dist/testing/fixtures/inventory.json", "dist/testing/schema/spectrocloud-0.29.9.schema.json"]));
  const { findTerraform } = require(path.join(consumer, "node_modules/palette-vmo-cdktf/dist/testing"));
  if (!findTerraform()) {
    if (process.env.REQUIRE_TERRAFORM === "1") throw new Error("REQUIRE_TERRAFORM=1 but `terraform` is not on PATH");
    console.warn("SKIPPING the packaged offline-provider plan: `terraform` is not on PATH (set REQUIRE_TERRAFORM=1 to fail instead).");
    return;
  }
  // The consumer's cluster is not in the packaged inventory; its own fixture adds it, as a consumer would.
  const inventory = JSON.parse(fs.readFileSync(path.join(consumer, "node_modules/palette-vmo-cdktf/dist/testing/fixtures/inventory.json"), "utf8"));
  inventory.projects.push({ name: "Team", uid: "7eab000000000000000000aa" });
  inventory.clusters.push({ uid: "7eab000000000000000000ed", name: "team-edge", project: "Team", context: "project", virtual: false, state: "Running", health: "Healthy" });
  fs.writeFileSync(path.join(consumer, "inventory.json"), JSON.stringify(inventory));
  const script = [
    'const { prepareOfflineTerraform } = require("palette-vmo-cdktf/testing");',
    'const { execFileSync } = require("node:child_process");',
    'const t = prepareOfflineTerraform({ workDir: "offline", configDir: "cdktf.out/stacks/team-stack", inventoryFile: "inventory.json" });',
    'const run = (args) => execFileSync("terraform", args, { cwd: t.configDir, env: t.env, encoding: "utf8" });',
    'run(["init", "-input=false", "-no-color"]);',
    'process.stdout.write(run(["plan", "-input=false", "-no-color"]));',
  ].join("\n");
  const out = execFileSync(process.execPath, ["-e", script], { cwd: consumer, encoding: "utf8" });
  expect(out).toContain("Plan: 2 to add, 0 to change, 0 to destroy.");
  expect(out).toMatch(/\+ name +.*= "team-vmo"/);
});
