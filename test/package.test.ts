// The library as a platform team gets it: `npm pack`, a new project from cdktf's own TypeScript template, a plain
// `npm install` of the tarball (install scripts on) with an empty npm cache and no registry, then the README's
// consumer example and testing snippet, extracted from README.md so the docs cannot rot. Slow-ish (a build, an
// install, two compilers), so it runs once, in its own file.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readmeBlock } from "./readme";

const root = path.resolve(__dirname, "..");
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
let work: string;
let consumer: string;
let tarball: string;
let files: string[];
let installLog: string;

// What the README tells a consumer to install besides the tarball, each at the version this repo locks.
const CONSUMER_PACKAGES = ["cdktf", "constructs", "typescript", "ts-node", "@types/node"];

/** The lockfile's own version of a top-level package. */
const locked = (name: string): string => lock.packages[`node_modules/${name}`].version;

/**
 * Every installed package directory `names` need at run time, found the way Node resolves them (nested
 * node_modules first, then upwards), from the lockfile: the closure a consumer's install would fetch.
 */
function closure(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const resolve = (from: string, name: string): string => {
    for (let dir = from; ; dir = dir.includes("/node_modules/") ? dir.slice(0, dir.lastIndexOf("/node_modules/")) : "") {
      const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
      if (lock.packages[candidate]) return candidate;
      if (!dir) throw new Error(`package-lock.json has no ${name} reachable from ${from || "the root"}`);
    }
  };
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const entry = lock.packages[key];
    // Bundled dependencies travel inside their parent's tarball.
    if (entry.inBundle) return;
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
      const optional = entry.optionalDependencies?.[dep] !== undefined || entry.peerDependenciesMeta?.[dep]?.optional;
      try {
        visit(resolve(key, dep));
      } catch (err) {
        if (!optional) throw err;
      }
    }
  };
  for (const n of names) visit(`node_modules/${n}`);
  return [...seen].filter((k) => !lock.packages[k].inBundle && fs.existsSync(path.join(root, k))).sort();
}

const npmEnv = (cache: string) => ({
  ...process.env,
  npm_config_cache: cache,
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
  npm_config_loglevel: "warn",
});

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { cwd: consumer, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "package-test-"));
  consumer = path.join(work, "consumer");
  const deps = path.join(work, "deps");
  fs.mkdirSync(consumer, { recursive: true });
  fs.mkdirSync(deps);
  const ownCache = path.join(work, "npm-cache-pack");
  // What `npm pack` does (prepack builds dist/, then the "files" of package.json), staged in the temp folder so
  // the test writes nothing into the project: the build goes to stage/dist and the stage is packed as is.
  const stage = path.join(work, "stage");
  fs.mkdirSync(stage);
  execFileSync(process.execPath, [path.join(root, "scripts", "build.js"), "--out", path.join(stage, "dist")], { cwd: root, stdio: "pipe" });
  for (const f of ["package.json", "README.md"]) fs.copyFileSync(path.join(root, f), path.join(stage, f));
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work, stage], { cwd: root, encoding: "utf8", env: npmEnv(ownCache) }),
  );
  tarball = path.join(work, packed[0].filename);
  files = packed[0].files.map((f: { path: string }) => f.path);
  // The consumer's other packages as tarballs of the lockfile's exact versions, packed from this repo's
  // node_modules: the install needs neither the registry nor whatever the machine's npm cache happens to hold.
  const own = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const dirs = closure([...CONSUMER_PACKAGES, ...Object.keys(own.dependencies)]);
  const depTarballs = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", deps, ...dirs.map((d) => path.join(root, d))], {
      cwd: root,
      encoding: "utf8",
      env: npmEnv(ownCache),
      maxBuffer: 64 * 1024 * 1024,
    }),
  ).map((p: { filename: string }) => path.join(deps, p.filename.replace(/^@/, "").replace(/\//g, "-")));

  // cdktf's TypeScript project template (hashicorp/terraform-cdk packages/@cdktf/cli-core/templates/typescript).
  fs.copyFileSync(path.join(__dirname, "fixtures", "consumer", "tsconfig.json"), path.join(consumer, "tsconfig.json"));
  fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "platform-vmo", version: "1.0.0", private: true, main: "main.js" }, null, 2));
  // A plain install, scripts on, from an empty cache with the registry out of reach (--offline).
  const emptyCache = fs.mkdtempSync(path.join(work, "npm-cache-empty-"));
  const r = spawnSync("npm", ["install", "--offline", tarball, ...depTarballs.filter((t: string) => fs.existsSync(t))], {
    cwd: consumer,
    env: npmEnv(emptyCache),
    encoding: "utf8",
  });
  installLog = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`npm install of the tarball failed (exit ${r.status}):\n${installLog}`);
  fs.writeFileSync(path.join(consumer, "main.ts"), readmeBlock("Using the constructs in your own stack", "ts"));
  fs.writeFileSync(path.join(consumer, "offline-plan.ts"), readmeBlock("Testing your own stacks offline", "ts"));
}, 300_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test("the tarball holds compiled JS, typings, the bindings and the inventory schema, and no sources, tests or config", () => {
  expect(files).toEqual(
    expect.arrayContaining([
      "package.json",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/vmo-addon-profile.d.ts",
      "dist/provider-spectrocloud/cluster-profile/index.js",
      "dist/testing/fixtures/inventory.json",
      "dist/testing/fixtures/inventory.schema.json",
    ]),
  );
  expect(files.filter((f) => /^(lib|test|stacks|config|packages)\/|\.ts$/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
  const manifest = JSON.parse(fs.readFileSync(path.join(consumer, "node_modules/palette-vmo-cdktf/package.json"), "utf8"));
  expect(manifest.peerDependencies).toEqual({ cdktf: "0.21.0", constructs: expect.any(String) });
  // msgpack serves the offline test provider (palette-vmo-cdktf/testing); nothing else is a runtime dependency.
  expect(Object.keys(manifest.dependencies)).toEqual(["@msgpack/msgpack", "yaml"]);
  // Nothing runs in a consumer's install: no lifecycle script a consumer's npm would start.
  for (const script of ["preinstall", "install", "postinstall"]) expect(manifest.scripts?.[script]).toBeUndefined();
  expect(installLog).not.toMatch(/ERR!|npm error/);
  // The consumer got exactly the locked peers, not whatever a resolver picked.
  for (const name of CONSUMER_PACKAGES) {
    expect(JSON.parse(fs.readFileSync(path.join(consumer, "node_modules", name, "package.json"), "utf8")).version).toBe(locked(name));
  }
});

describe.each([
  ["CommonJS / node10 (the cdktf template)", {}],
  ["node16", { module: "node16", moduleResolution: "node16" }],
  ["nodenext", { module: "nodenext", moduleResolution: "nodenext" }],
  ["bundler", { module: "esnext", moduleResolution: "bundler" }],
])("every subpath type-checks under %s module resolution", (_name, options) => {
  test("tsc --noEmit", () => {
    const own = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    const subpaths = Object.keys(own.exports).filter((k) => k !== "./package.json");
    const lines = subpaths.map((sub, i) => `import * as m${i} from "palette-vmo-cdktf${sub.slice(1)}";`);
    lines.push(`export const loaded = [${subpaths.map((_, i) => `m${i}`).join(", ")}].length;`);
    // One symbol per subpath that only resolves with the right typings, not as `any`.
    lines.push(
      'import { VmoAddonProfile } from "palette-vmo-cdktf";',
      'import { prepareOfflineTerraform, INVENTORY_FORMAT } from "palette-vmo-cdktf/testing";',
      'import { validatePath } from "palette-vmo-cdktf/validate";',
      'import { clusterProfile } from "palette-vmo-cdktf/provider-spectrocloud";',
      'import { ClusterProfile } from "palette-vmo-cdktf/provider";',
      "export type Resolved = [typeof VmoAddonProfile, typeof prepareOfflineTerraform, typeof INVENTORY_FORMAT, typeof validatePath, typeof clusterProfile.ClusterProfile, typeof ClusterProfile];",
    );
    const dir = fs.mkdtempSync(path.join(consumer, "resolution-"));
    fs.writeFileSync(path.join(dir, "subpaths.ts"), lines.join("\n") + "\n");
    fs.writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../tsconfig.json",
        compilerOptions: { ...options, noEmit: true, incremental: false, skipLibCheck: false, noImplicitAny: true },
        include: ["subpaths.ts", "../main.ts", "../offline-plan.ts"],
      }),
    );
    const r = spawnSync(process.execPath, [path.join(consumer, "node_modules/typescript/bin/tsc"), "-p", dir], { cwd: consumer, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("the README example, as a consumer runs it", () => {
  let viaTsNode: string;

  test("npx ts-node main.ts (the cdktf template's app command) synthesizes the stack", () => {
    run(path.join(consumer, "node_modules/.bin/ts-node"), ["main.ts"], { ...process.env, CDKTF_OUTDIR: path.join(consumer, "cdktf.out") });
    viaTsNode = fs.readFileSync(path.join(consumer, "cdktf.out/stacks/platform-vmo/cdk.tf.json"), "utf8");
    const json = JSON.parse(viaTsNode);
    // The profile, and the per-cluster copy that carries edge-a's pack values (docs/ARCHITECTURE.md).
    const profiles = Object.values<any>(json.resource.spectrocloud_cluster_profile);
    expect(profiles.map((p) => p.name).sort()).toEqual(["vmo-edge", "vmo-edge-edge-a"]);
    const profile = profiles.find((p) => p.name === "vmo-edge");
    expect(profile).toMatchObject({ version: "1.1.0", type: "add-on" });
    expect(profile.pack.map((p: any) => p.name)).toEqual(["virtual-machine-orchestrator", "vmo-manifests"]);
    expect(profile.pack[1].manifest.map((m: any) => m.name)).toEqual(["vm-role-bindings", "vmo-iam-roles", "golden-image-ubuntu-2204", "vm-template-ubuntu"]);
    // The VM from the template, after edge-a's attachment, protected, with its added disk.
    const [vm] = Object.values<any>(json.resource.spectrocloud_virtual_machine);
    expect(vm).toMatchObject({ name: "web-1", namespace: "virtual-machines", memory: { guest: "8Gi" }, lifecycle: { prevent_destroy: true } });
    expect(vm.depends_on).toEqual([expect.stringMatching(/^spectrocloud_addon_deployment\.EdgeA_/)]);
    expect(Object.values<any>(json.resource.spectrocloud_datavolume)[0].metadata).toEqual({ name: "web-1-data", namespace: "virtual-machines" });
    expect(Object.values<any>(json.resource.spectrocloud_addon_deployment)[0].lifecycle).toMatchObject({
      prevent_destroy: true,
      postcondition: [expect.any(Object)],
    });
    expect(json.terraform.required_providers.spectrocloud).toEqual({ source: "spectrocloud/spectrocloud", version: "0.29.9" });
    expect(json.variable.local_admin_password).toEqual({ type: "string", sensitive: true });
  });

  test("tsc && node main.js gives byte-identical output", () => {
    run(process.execPath, [path.join(consumer, "node_modules/typescript/bin/tsc")]);
    expect(fs.existsSync(path.join(consumer, "main.js"))).toBe(true);
    run(process.execPath, ["main.js"], { ...process.env, CDKTF_OUTDIR: path.join(consumer, "cdktf.out.tsc") });
    expect(fs.readFileSync(path.join(consumer, "cdktf.out.tsc/stacks/platform-vmo/cdk.tf.json"), "utf8")).toBe(viaTsNode);
  });

  test("npx palette-vmo-validate --format json prints parseable JSON alone and passes (exit 0); a tampered stack fails (exit 1)", () => {
    const bin = path.join(consumer, "node_modules", ".bin", "palette-vmo-validate");
    const clean = spawnSync(bin, ["--format", "json", "cdktf.out"], { cwd: consumer, encoding: "utf8" });
    expect(clean.stderr).toBe("");
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ ok: true, provider: { name: "spectrocloud", version: "0.29.9" }, summary: { stacks: 1, findings: 0 } });

    const tampered = path.join(consumer, "tampered");
    fs.cpSync(path.join(consumer, "cdktf.out"), tampered, { recursive: true });
    const file = path.join(tampered, "stacks", "platform-vmo", "cdk.tf.json");
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    const [name, profile] = Object.entries<any>(json.resource.spectrocloud_cluster_profile)[0];
    profile.context = "galaxy";
    fs.writeFileSync(file, JSON.stringify(json));
    const bad = spawnSync(bin, ["tampered", "--format", "json"], { cwd: consumer, encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).findings).toEqual([
      expect.objectContaining({
        rule: "enum",
        path: `resource.spectrocloud_cluster_profile.${name}.context`,
        file: path.join("tampered", "stacks", "platform-vmo", "cdk.tf.json"),
      }),
    ]);
    // The library subpath finds the same bundled schema.
    const viaApi = execFileSync(
      process.execPath,
      ["-e", 'const v = require("palette-vmo-cdktf/validate"); process.stdout.write(JSON.stringify(v.validatePath("tampered").summary))'],
      {
        cwd: consumer,
        encoding: "utf8",
      },
    );
    expect(JSON.parse(viaApi)).toMatchObject({ stacks: 1, findings: 1 });
  });

  test("the README's testing snippet plans it offline with the packaged sample inventory", () => {
    const { findTerraform } = require(path.join(consumer, "node_modules/palette-vmo-cdktf/dist/testing"));
    if (!findTerraform()) {
      if (process.env.REQUIRE_TERRAFORM === "1") throw new Error("REQUIRE_TERRAFORM=1 but `terraform` is not on PATH");
      console.warn("SKIPPING the packaged offline-provider plan: `terraform` is not on PATH (set REQUIRE_TERRAFORM=1 to fail instead).");
      return;
    }
    const r = run(path.join(consumer, "node_modules/.bin/ts-node"), ["offline-plan.ts"]);
    // eslint-disable-next-line no-control-regex
    const out = r.stdout.replace(/\x1b\[[0-9;]*m/g, "");
    expect(out).toContain("Terraform has been successfully initialized!");
    // The profile, edge-a's copy and attachment, and the README's VM with its added disk.
    expect(out).toMatch(/Plan: 5 to add, 0 to change, 0 to destroy\./);
    expect(out).toMatch(/\+ name +.*= "vmo-edge"/);
    expect(out + r.stderr).not.toContain("offline-only");
  });

  test("an inventory of another format fails at prepareOfflineTerraform with 'format N, expected M'", () => {
    const old = path.join(consumer, "inventory-v9.json");
    fs.writeFileSync(old, JSON.stringify({ format: 9, projects: [] }));
    const script = 'require("palette-vmo-cdktf/testing").prepareOfflineTerraform({ workDir: "offline-old", inventoryFile: "inventory-v9.json" })';
    const r = spawnSync(process.execPath, ["-e", script], { cwd: consumer, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`InventoryError: offline provider: inventory ${old}: format: format 9, expected 1`);
  });
});
