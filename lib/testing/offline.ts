/**
 * Sets up a Terraform run against the offline Spectro Cloud provider: a filesystem mirror holding a
 * launcher for this package's plugin, a CLI config that installs spectrocloud/spectrocloud only from
 * that mirror (dev_overrides would still make `init` call the registry), and an environment with its
 * own data dir, no plugin cache, and the simulated Palette's inventory and state files. Everything
 * lives under `workDir`, so offline runs never touch a real provider install.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ENV, PROVIDER_VERSION, defaultInventoryPath, mainScript } from "./assets";
import { readInventoryFile } from "./inventory";

export interface OfflineTerraformOptions {
  /** Scratch directory for this run (created if missing). */
  readonly workDir: string;
  /** Palette inventory fixture (JSON or YAML). @default the packaged fixtures/inventory.json */
  readonly inventoryFile?: string;
  /** Simulated Palette state file. @default `<workDir>/palette-state.json` */
  readonly stateFile?: string;
  /** Feature previews that are on even without `feature_preview` in the provider block, e.g. ["immutable-clusterprofiles"]. */
  readonly featurePreview?: readonly string[];
  /**
   * What the simulated Palette answers when the add-on deployment read fetches manifest content with the
   * deployment id: "not-found" (a 404) or "error". Real Palette's answer is unknown offline.
   * @default - PALETTE_OFFLINE_MANIFEST_FETCH of the base environment, else "not-found"
   */
  readonly manifestFetch?: "not-found" | "error";
  /** SPECTROCLOUD_APIKEY for the run; null leaves it unset (the provider then fails to configure, as the real one does). @default "offline-test-api-key" */
  readonly apiKey?: string | null;
  /** Append one JSON line per plugin launch and RPC to this file. @default none */
  readonly logFile?: string;
  /** Where the encoded schema response is cached. @default `<os tmpdir>/palette-vmo-offline-provider` */
  readonly cacheDir?: string;
  /** Copy the *.tf / *.tf.json files of this directory into `<workDir>/config`, so the lock file and `.terraform` are written there. */
  readonly configDir?: string;
  /** Environment to start from. @default process.env */
  readonly baseEnv?: NodeJS.ProcessEnv;
}

export interface OfflineTerraform {
  /** Complete environment for `terraform` child processes. */
  readonly env: Record<string, string>;
  /** Filesystem mirror root; also works as `terraform init -plugin-dir=<mirrorDir>`. */
  readonly mirrorDir: string;
  /** Directory inside the mirror that holds the launcher. */
  readonly pluginDir: string;
  /** The `terraform-provider-spectrocloud_v<version>` launcher script. */
  readonly launcher: string;
  readonly cliConfigFile: string;
  /** TF_DATA_DIR of the run. */
  readonly dataDir: string;
  readonly inventoryFile: string;
  readonly stateFile: string;
  /** The staged configuration directory when `configDir` was given. */
  readonly configDir?: string;
}

const PROVIDER_ADDRESS = "registry.terraform.io/spectrocloud/spectrocloud";

/** Terraform's platform name for this machine, e.g. linux_amd64. */
export function terraformPlatform(): string {
  const arch = ({ x64: "amd64", ia32: "386", arm64: "arm64", arm: "arm" } as Record<string, string>)[process.arch] ?? process.arch;
  return `${process.platform}_${arch}`;
}

/** The first `terraform` executable on PATH, or undefined. */
export function findTerraform(envPath = process.env.PATH ?? ""): string | undefined {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, "terraform");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

const hclString = (s: string): string => JSON.stringify(s);

export function prepareOfflineTerraform(options: OfflineTerraformOptions): OfflineTerraform {
  const workDir = path.resolve(options.workDir);
  const mirrorDir = path.join(workDir, "provider-mirror");
  const pluginDir = path.join(mirrorDir, PROVIDER_ADDRESS, PROVIDER_VERSION, terraformPlatform());
  const launcher = path.join(pluginDir, `terraform-provider-spectrocloud_v${PROVIDER_VERSION}`);
  const cliConfigFile = path.join(workDir, "terraform.rc");
  const dataDir = path.join(workDir, "tf-data");
  const inventoryFile = path.resolve(options.inventoryFile ?? defaultInventoryPath());
  const stateFile = path.resolve(options.stateFile ?? path.join(workDir, "palette-state.json"));
  // Checked here, in the caller's process, so a bad inventory is one clear error before terraform starts.
  readInventoryFile(inventoryFile);

  fs.mkdirSync(pluginDir, { recursive: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const script = `#!/bin/sh\nexec ${hclString(process.execPath)} ${hclString(mainScript())} "$@"\n`;
  // Rewrite only on change: the lock file's h1: hash covers the launcher's bytes.
  if (!fs.existsSync(launcher) || fs.readFileSync(launcher, "utf8") !== script) fs.writeFileSync(launcher, script, { mode: 0o755 });
  fs.chmodSync(launcher, 0o755);
  fs.writeFileSync(
    cliConfigFile,
    [
      "disable_checkpoint = true",
      "provider_installation {",
      "  filesystem_mirror {",
      `    path    = ${hclString(mirrorDir)}`,
      `    include = [${hclString(PROVIDER_ADDRESS)}]`,
      "  }",
      "  direct {",
      `    exclude = [${hclString(PROVIDER_ADDRESS)}]`,
      "  }",
      "}",
      "",
    ].join("\n"),
  );

  let configDir: string | undefined;
  if (options.configDir) {
    configDir = path.join(workDir, "config");
    fs.mkdirSync(configDir, { recursive: true });
    for (const f of fs.readdirSync(options.configDir)) {
      if (/\.tf(\.json)?$/.test(f)) fs.copyFileSync(path.join(options.configDir, f), path.join(configDir, f));
    }
  }

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.baseEnv ?? process.env)) if (v !== undefined) env[k] = v;
  delete env.TF_PLUGIN_CACHE_DIR;
  delete env.TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE;
  Object.assign(env, {
    TF_CLI_CONFIG_FILE: cliConfigFile,
    TF_DATA_DIR: dataDir,
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
    [ENV.inventory]: inventoryFile,
    [ENV.state]: stateFile,
  });
  if (options.cacheDir) env[ENV.cacheDir] = path.resolve(options.cacheDir);
  if (options.logFile) env[ENV.log] = path.resolve(options.logFile);
  else delete env[ENV.log];
  if (options.featurePreview?.length) env[ENV.featurePreview] = options.featurePreview.join(",");
  else delete env[ENV.featurePreview];
  if (options.manifestFetch) env[ENV.manifestFetch] = options.manifestFetch;
  const apiKey = options.apiKey === undefined ? "offline-test-api-key" : options.apiKey;
  if (apiKey === null) delete env.SPECTROCLOUD_APIKEY;
  else env.SPECTROCLOUD_APIKEY = apiKey;

  return { env, mirrorDir, pluginDir, launcher, cliConfigFile, dataDir, inventoryFile, stateFile, configDir };
}
