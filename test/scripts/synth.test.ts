import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");
const tmp = path.join(os.tmpdir(), "synth-cli");

function synth(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, ["scripts/synth.js", ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
}

const out = (n: string) => path.join(tmp, n);
const read = (dir: string, stack: string, file = "cdk.tf.json") => fs.readFileSync(path.join(dir, "stacks", stack, file), "utf8");

/** Writes a config folder holding the given files. */
function configDir(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

beforeAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("npm run synth", () => {
  test("synthesizes every environment and prints a summary per stack", () => {
    const res = synth(["--out", out("all")]);
    expect(res.status).toBe(0);
    expect(fs.readdirSync(path.join(out("all"), "stacks")).sort()).toEqual(["dev", "prod"]);
    const dir = path.relative(root, out("all"));
    expect(res.stdout.split("\n")).toEqual([
      "dev: project Dev, state local terraform.dev.tfstate",
      "  profile vmo-dev 1.1.0 (proxied): virtual-machine-orchestrator@4.10.7, spectro-proxy@1.5.6, vmo-manifests@1.0.0",
      "  2 cluster attachment(s), 3 role binding(s), 6 resource(s) + 9 data source(s)",
      "  Palette teams owned: vmo-developers",
      "  VMs: default/dev-ubuntu-1 on 64f1c2a9b7e3d80012a4c5e6",
      expect.stringMatching(
        /^ {2}warning: \[VMO-015\] Group "vmo-developers" \(bindings\[1\], spectro-vm-power-user in namespace "default"\) is mapped to VMO role Editor, which is platform-wide: .* Fix: .* \(dev\/Profile-vmo-dev\)$/,
      ),
      expect.stringMatching(
        /^ {2}warning: \[VMO-007\] attaches profile "vmo-dev" with spectro-proxy to the existing cluster "64f1c2a9b7e3d80012a4c5e6"; .* Fix: .* \(dev\/Attach-vmo-dev-64f1c2a9b7e3d80012a4c5e6\)$/,
      ),
      "  info: VMO-007 suppressed on dev/Attach-vmo-dev-dev-edge-k3s-1: created from the edge-k3s profile, whose cluster.config.tls-san already holds the Spectro Proxy SAN",
      expect.stringMatching(
        /^ {2}warning: \[VMO-014\] ServiceAccount "ci\/ci-runner" \(roleBindings\[0\], spectro-vm-user in namespace "default"\) gets Kubernetes RBAC only: .* Fix: .* \(dev\/Attach-vmo-dev-dev-edge-k3s-1\)$/,
      ),
      `  -> ${dir}/stacks/dev/cdk.tf.json`,
      "prod: project Production, state s3://acme-platform-terraform-state/palette-vmo/prod.tfstate (lockfile locking)",
      "  profile vmo-prod 1.0.0 (direct): virtual-machine-orchestrator@4.10.0, vmo-manifests@1.0.0",
      "  1 cluster attachment(s), 3 role binding(s), 5 resource(s) + 12 data source(s)",
      "  Palette teams owned: dc1-operators, vmo-admins",
      expect.stringMatching(
        /^ {2}warning: \[VMO-015\] Group "vmo-auditors" \(bindings\[1\], spectro-vm-viewer in namespace "default"\) .* \(prod\/Profile-vmo-prod\)$/,
      ),
      expect.stringMatching(
        /^ {2}warning: \[VMO-015\] Group "dc1-operators" \(roleBindings\[0\], spectro-vm-user in namespace "default"\) .* \(prod\/Attach-vmo-prod-prod-dc-maas-1\)$/,
      ),
      `  -> ${dir}/stacks/prod/cdk.tf.json`,
      "",
    ]);
  });

  test("same config, byte-identical output; no secret from the environment; no absolute path", () => {
    const env = { SPECTROCLOUD_APIKEY: "sk-live-0123456789abcdef0123456789" };
    expect(synth(["--out", out("a"), "--quiet"], env).status).toBe(0);
    expect(synth(["--out", out("b"), "--quiet"], env).status).toBe(0);
    for (const stack of ["dev", "prod"]) {
      const a = read(out("a"), stack);
      expect(a).toBe(read(out("b"), stack));
      expect(a).not.toContain("sk-live-0123456789abcdef0123456789");
      expect(a).not.toContain(root);
      expect(a).not.toContain(tmp);
    }
    expect(fs.readFileSync(path.join(out("a"), "manifest.json"), "utf8")).toBe(fs.readFileSync(path.join(out("b"), "manifest.json"), "utf8"));
    expect(fs.readdirSync(tmp).filter((f) => /\.(tmp|old)-\d+$/.test(f))).toEqual([]);
  });

  test("--env picks one environment (also comma-separated)", () => {
    expect(synth(["--env", "prod", "--out", out("prod"), "--quiet"]).status).toBe(0);
    expect(fs.readdirSync(path.join(out("prod"), "stacks"))).toEqual(["prod"]);
    expect(synth(["--env", "prod,dev", "--out", out("both"), "--quiet"]).status).toBe(0);
    expect(fs.readdirSync(path.join(out("both"), "stacks")).sort()).toEqual(["dev", "prod"]);
  });

  test("--hcl writes cdk.tf in HCL", () => {
    expect(synth(["--hcl", "--env", "dev", "--out", out("hcl"), "--quiet"]).status).toBe(0);
    const hcl = read(out("hcl"), "dev", "cdk.tf");
    expect(hcl).toMatch(/^terraform \{/);
    expect(hcl).toContain('resource "spectrocloud_cluster_profile" "Profile-vmo-dev_');
    expect(hcl).toContain('  backend "local" {\n    path = "../../../terraform.dev.tfstate"\n  }');
    expect(hcl).toMatch(/\ncheck "Profile-vmo-dev_Verify_[0-9A-F]{8}" \{/);
    expect(fs.existsSync(path.join(out("hcl"), "stacks", "dev", "cdk.tf.json"))).toBe(false);
    const manifest = JSON.parse(fs.readFileSync(path.join(out("hcl"), "manifest.json"), "utf8"));
    expect(manifest.stacks.dev.synthesizedStackPath).toBe("stacks/dev/cdk.tf");
  });

  test("--help lists every option and exits 0", () => {
    const res = synth(["--help"]);
    expect(res.status).toBe(0);
    for (const flag of ["--env <name>", "--config-dir <dir>", "--out <dir>", "--hcl", "--quiet", "--help"]) expect(res.stdout).toContain(flag);
  });

  test.each([
    [["--bogus"], "synth: Unknown option '--bogus'"],
    [["--env"], "synth: Option '--env <value>' argument missing"],
    [["extra"], "synth: Unexpected argument 'extra'"],
    [["--env", "prd"], 'synth: --env: no environment "prd" (did you mean "prod"?); known: dev, prod.'],
  ])("bad command line %j exits 2 with usage", (args, message) => {
    const res = synth(["--out", out("usage"), ...args]);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(message);
    expect(res.stderr).toContain("usage: npm run synth");
    expect(fs.existsSync(out("usage"))).toBe(false);
  });

  test("--out never replaces the project, the config folder or a folder that is not a synth output", () => {
    const dir = configDir("out-guard", { "dev.yaml": "project: {name: Dev}\nprofiles:\n  - name: a\n" });
    fs.writeFileSync(path.join(tmp, "precious.txt"), "keep me");
    const cases: [string[], string][] = [
      [["--config-dir", dir, "--out", dir], `would replace the config folder`],
      [["--config-dir", dir, "--out", tmp], `would replace the config folder`],
      [["--out", root], "would replace the project"],
      [["--out", path.dirname(root)], "would replace the project"],
      [["--out", path.join(tmp, "precious.txt")], "is a file; give a folder."],
    ];
    for (const [args, message] of cases) {
      const res = synth(args);
      expect(res.status).toBe(2);
      expect(res.stderr).toContain(message);
    }
    fs.mkdirSync(path.join(tmp, "notes"), { recursive: true });
    fs.writeFileSync(path.join(tmp, "notes", "todo.md"), "keep me");
    const res = synth(["--config-dir", dir, "--out", path.join(tmp, "notes")]);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain("is not empty and holds no previous synth output (no manifest.json); refusing to replace it.");
    expect(fs.readFileSync(path.join(tmp, "notes", "todo.md"), "utf8")).toBe("keep me");
    expect(fs.readFileSync(path.join(dir, "dev.yaml"), "utf8")).toContain("name: Dev");
  });

  test("an output folder holding only empty folders (left by a bare App or an interrupted run) is replaced", () => {
    const target = out("empty-folders");
    fs.mkdirSync(path.join(target, "stacks", "leftover"), { recursive: true });
    const res = synth(["--out", target, "--quiet"]);
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    expect(fs.readdirSync(path.join(target, "stacks")).sort()).toEqual(["dev", "prod"]);
    // One file anywhere below makes it a folder of someone's work again.
    const kept = out("empty-folders-but-one");
    fs.mkdirSync(path.join(kept, "stacks", "dev"), { recursive: true });
    fs.writeFileSync(path.join(kept, "stacks", "dev", "notes.txt"), "keep me");
    expect(synth(["--out", kept, "--quiet"]).status).toBe(2);
    expect(fs.readFileSync(path.join(kept, "stacks", "dev", "notes.txt"), "utf8")).toBe("keep me");
  });

  test("a bad config exits 1 with file:line:col, no stack trace, and the previous output untouched", () => {
    const target = out("keep");
    expect(synth(["--out", target, "--quiet"]).status).toBe(0);
    const before = read(target, "dev");
    const dir = configDir("bad", {
      "dev.yaml": fs.readFileSync(path.join(root, "config/dev.yaml"), "utf8").replace("accessMode: proxied", "accessMode: proxyed"),
      "prod.yaml": fs.readFileSync(path.join(root, "config/prod.yaml"), "utf8"),
    });
    const res = synth(["--config-dir", dir, "--out", target]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(
      `${path.relative(root, dir)}/dev.yaml:17:17: profiles[0].accessMode: expected one of "proxied", "direct", "custom", found string "proxyed" (did you mean "proxied"?).`,
    );
    expect(res.stderr).toContain("Nothing was written");
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(res.stdout).toBe("");
    expect(read(target, "dev")).toBe(before);
    expect(fs.readdirSync(tmp).filter((f) => /keep\.(tmp|old)-/.test(f))).toEqual([]);
  });

  test("construct errors point at the config entry and field they came from", () => {
    const dir = configDir("construct-error", {
      "dev.yaml":
        "project: {name: Dev}\nprofiles:\n  - name: zz\n  - name: a\n    clusters:\n      - name: d\n      - name: c\n        packValues: {nope: {a: 1}}\n",
    });
    const res = synth(["--config-dir", dir, "--out", out("construct-error-out")]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(
      `${path.relative(root, dir)}/dev.yaml:8:28: profiles[1].clusters[1].packValues.nope: the profile has no pack "nope"; expected one of "virtual-machine-orchestrator" or "spectro-proxy".`,
    );
    expect(res.stderr).not.toContain("skipValidation");
  });

  test("problems found while building the stack point at the config entry too", () => {
    const dir = configDir("build-error", {
      "dev.yaml": "project: {name: Dev}\nprofiles:\n  - name: a\n    clusters:\n      - {name: x, context: tenant}\n      - {name: tenant-x}\n",
    });
    const res = synth(["--config-dir", dir, "--out", out("build-error-out")]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(
      `config error:\n${path.relative(root, dir)}/dev.yaml:5:9: profiles[0].clusters[0]: cluster name x in tenant context and cluster name tenant-x in project context map to the same construct id "Cluster-tenant-x"; give one of them by uid.`,
    );
  });

  test("a bad file fails the run even when --env picks another", () => {
    const dir = configDir("bad-other", {
      "dev.yaml": "project: {name: Dev}\nprofiles:\n  - name: a\n    vmoVersion: 0.5.0\n",
      "prod.yaml": "project: {name: Prod}\nprofiles:\n  - name: b\n",
    });
    const res = synth(["--config-dir", dir, "--env", "prod", "--out", out("bad-other-out")]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('dev.yaml:4:17: profiles[0].vmoVersion: "0.5.0" is below 1.0.0');
  });

  test("an app that synthesizes nothing exits 1 and leaves the previous output alone", () => {
    const target = out("keep");
    const before = read(target, "dev");
    const noop = path.join(tmp, "noop-app.js");
    fs.writeFileSync(noop, "// synthesizes nothing\n");
    const res = synth(["--out", target], { VMO_SYNTH_APP: noop });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("the app synthesized no stacks");
    expect(read(target, "dev")).toBe(before);
  });

  test("a failing app exits 1 with the message, no stack trace, and leaves the previous output alone", () => {
    const target = out("keep");
    const before = read(target, "dev");
    const res = synth(["--out", target], { VMO_SYNTH_APP: path.join(root, "test/fixtures/failing-app.js") });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('[dev/Profile-vmo/Vmo] version: "0.5.0" is below 1.0.0');
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(read(target, "dev")).toBe(before);
  });
});

describe("the app under the cdktf CLI (scripts/cdktf-app.js)", () => {
  /** Runs the app the way `cdktf synth` does: the CLI owns the outdir and continues past error annotations. */
  function cdktfApp(outdir: string, env: NodeJS.ProcessEnv = {}) {
    return spawnSync(process.execPath, ["scripts/cdktf-app.js"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, CDKTF_OUTDIR: outdir, CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true", ...env },
    });
  }

  test("synthesizes the same stacks as npm run synth", () => {
    expect(synth(["--out", out("ref"), "--quiet"]).status).toBe(0);
    const res = cdktfApp(out("cli"));
    expect(res.status).toBe(0);
    for (const stack of ["dev", "prod"]) expect(read(out("cli"), stack)).toBe(read(out("ref"), stack));
  });

  test("VMO_ENV and the vmoEnv context pick environments", () => {
    expect(cdktfApp(out("cli-env"), { VMO_ENV: "prod" }).status).toBe(0);
    expect(fs.readdirSync(path.join(out("cli-env"), "stacks"))).toEqual(["prod"]);
    expect(cdktfApp(out("cli-ctx"), { CDKTF_CONTEXT_JSON: JSON.stringify({ vmoEnv: "dev" }) }).status).toBe(0);
    expect(fs.readdirSync(path.join(out("cli-ctx"), "stacks"))).toEqual(["dev"]);
  });

  test("a config error fails synth with exit 1 and no stack trace", () => {
    const dir = configDir("cli-bad", { "dev.yaml": "project: {name: Dev}\nprofiles:\n  - name: a\n    accessMode: nope\n" });
    const res = cdktfApp(out("cli-bad-out"), { VMO_CONFIG_DIR: dir });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('dev.yaml:4:17: profiles[0].accessMode: expected one of "proxied", "direct", "custom", found string "nope"');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  test("a policy error fails synth although the CLI asks cdktf to carry on past error annotations", () => {
    const dir = configDir("cli-policy", {
      "dev.yaml": "project: {name: Dev}\nprofiles:\n  - name: a\n    clusters:\n      - name: c\n        preventDestroy: false\n",
    });
    const res = cdktfApp(out("cli-policy-out"), { VMO_CONFIG_DIR: dir });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(
      `${path.relative(root, dir)}/dev.yaml:6:25: profiles[0].clusters[0].preventDestroy: [VMO-008] attachment of profile "a" to cluster "c" has no prevent_destroy`,
    );
    expect(res.stderr).not.toContain("skipValidation");
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(out("cli-policy-out"), "stacks", "dev", "cdk.tf.json"))).toBe(false);
  });

  test("the same config with a reasoned suppression synthesizes, and the reason is printed", () => {
    const dir = configDir("cli-suppressed", {
      "dev.yaml":
        "project: {name: Dev}\nprofiles:\n  - name: a\n    clusters:\n      - name: c\n        preventDestroy: false\n        suppressions: [{id: VMO-008, reason: CHG-1234 approves removing VMO from c}]\n",
    });
    const res = synth(["--config-dir", dir, "--out", out("suppressed")]);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain("  info: VMO-008 suppressed on dev/Attach-a-c: CHG-1234 approves removing VMO from c\n");
  });
});
