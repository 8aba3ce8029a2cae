// The library as other teams get it: `npm pack`, install the tarball offline into a fresh consumer project,
// type-check and run a consumer stack. Slow-ish (a build and an install), so it runs once, in its own file.
import { execFileSync } from "node:child_process";
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
  expect(Object.keys(manifest.dependencies)).toEqual(["yaml"]);
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
  expect(Object.values<any>(json.resource.spectrocloud_addon_deployment)[0].lifecycle).toEqual({ prevent_destroy: true });
  expect(json.terraform.required_providers.spectrocloud).toEqual({ source: "spectrocloud/spectrocloud", version: "0.29.9" });
});
