// Shared helpers for the offline provider tests: the transpiled module (the launcher execs
// .build/lib/testing/main.js), scratch directories, and a terraform runner that skips loudly when
// terraform is missing unless REQUIRE_TERRAFORM=1.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type * as Testing from "../../lib/testing";

const root = path.resolve(__dirname, "..", "..");

/** Transpiles lib/ (only changed files) and loads lib/testing from .build/, where main.js exists. */
export function loadTesting(): typeof Testing {
  require(path.join(root, "scripts", "transpile")).transpile();
  return require(path.join(root, ".build", "lib", "testing"));
}

export function buildModule<T>(name: string): T {
  loadTesting();
  return require(path.join(root, ".build", "lib", "testing", name));
}

export function scratch(prefix: string): string {
  const base = os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, `${prefix}-`));
}

/** Whether terraform tests run; without terraform they are skipped with a loud message, or fail under REQUIRE_TERRAFORM=1. */
export function terraformAvailable(): boolean {
  const found = loadTesting().findTerraform();
  if (found) return true;
  if (process.env.REQUIRE_TERRAFORM === "1") throw new Error("REQUIRE_TERRAFORM=1 but `terraform` is not on PATH");
  console.warn(
    "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n" +
      "!!  SKIPPING offline-provider Terraform tests: `terraform` is not on PATH.\n" +
      "!!  Install Terraform 1.11.4 or set REQUIRE_TERRAFORM=1 to make this a failure.\n" +
      "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
  );
  return false;
}

export interface TfResult {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function terraform(args: string[], cwd: string, env: Record<string, string>): TfResult {
  const t0 = Date.now();
  const r = spawnSync("terraform", args, { cwd, env, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", ms: Date.now() - t0 };
}

/** Runs terraform and throws with its output when the exit status is not the expected one. */
export function tfOk(args: string[], cwd: string, env: Record<string, string>, expected = 0): TfResult {
  const r = terraform(args, cwd, env);
  if (r.status !== expected) throw new Error(`terraform ${args.join(" ")} exited ${r.status} (expected ${expected})\n${r.stdout}\n${r.stderr}`);
  return r;
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}
