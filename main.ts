// The app cdktf runs (`cdktf synth`, `cdktf deploy <env>`, via scripts/cdktf-app.js): one stack per environment
// file. `npm run synth` calls stacks/app.ts directly instead, for its flags, summary and safe output swap.
// Options come from the environment or from cdktf.json's context: VMO_CONFIG_DIR / vmoConfigDir (default
// config/), VMO_ENV / vmoEnv (comma-separated names; default all).
import * as path from "node:path";
import { synthesize } from "./stacks/app";
import { ConfigError } from "./stacks/config/load";

// The cdktf CLI hands cdktf.json's context to the app in CDKTF_CONTEXT_JSON.
const context = JSON.parse(process.env.CDKTF_CONTEXT_JSON || "{}") as Record<string, unknown>;
const setting = (env: string, key: string): string | undefined => process.env[env] || (context[key] as string | undefined);
const envs = setting("VMO_ENV", "vmoEnv");
// `cdktf synth --hcl` asks through SYNTH_HCL_OUTPUT; cdktf's own HCL is invalid for these stacks (postconditions),
// so the app writes JSON and converts it itself (stacks/hcl.ts).
const hcl = process.env.SYNTH_HCL_OUTPUT === "true" || process.env.SYNTH_HCL_OUTPUT === "1";
delete process.env.SYNTH_HCL_OUTPUT;

try {
  synthesize({
    configDir: path.resolve(setting("VMO_CONFIG_DIR", "vmoConfigDir") ?? "config"),
    envs: envs
      ? envs
          .split(",")
          .map((e) => e.trim())
          .filter(Boolean)
      : undefined,
    hcl,
  });
} catch (err) {
  // The cdktf CLI carries on past annotations but not past a failed app: exit non-zero, without a stack trace.
  if (!(err instanceof ConfigError) && !(err instanceof Error)) throw err;
  console.error(err instanceof ConfigError ? `config error:\n${err.message}` : `synth failed: ${err.message}`);
  process.exit(1);
}
