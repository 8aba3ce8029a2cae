// `npm run validate` / `palette-vmo-validate`: the validator as a command, in the project's CLI style.
import { CommandIo, parseCommandLine, processIo, usageError } from "../private/cli";
import { InputError, validatePath } from "./engine";
import { RULES } from "./findings";
import { formatHuman, formatJson } from "./report";
import { PROVIDER_VERSION } from "./schema-index";

export const USAGE = `usage: palette-vmo-validate [path] [--format human|json]
       npm run validate -- [path] [--format human|json]

Checks synthesized Terraform JSON (cdk.tf.json) against the spectrocloud provider ${PROVIDER_VERSION} schema,
offline: no terraform binary, no network, no credentials.

  path               a cdktf.out folder, its stacks/ folder, one stack folder or one cdk.tf.json
                     (default: cdktf.out)
  --format human     findings grouped per file, then a summary line (default)
  --format json      one JSON document: { ok, summary, files, findings: [{ file, path, rule, message, fix }] }
  -h, --help         this text

Exit codes: 0 no findings, 1 findings, 2 usage error or unreadable / missing / invalid-JSON input.

Rules:
${Object.entries(RULES)
  .map(([id, what]) => `  ${id.padEnd(26)} ${what}`)
  .join("\n")}
`;

export interface CliIo extends CommandIo {
  readonly cwd?: string;
}

const SPEC = { command: "validate", usage: USAGE, usageExit: 2, allowPositionals: true, options: { format: { type: "string" } } } as const;

/** Runs the validator CLI and returns its exit code; it never throws and never calls process.exit. */
export function runCli(argv: readonly string[], io: CliIo = processIo): number {
  const parsed = parseCommandLine<{ format?: string }>(SPEC, argv, io);
  if ("exit" in parsed) return parsed.exit;
  const format = parsed.values.format ?? "human";
  if (format !== "human" && format !== "json") return usageError(SPEC, `--format needs "human" or "json", got "${format}"`, io);
  const paths = parsed.positionals;
  if (paths.length > 1) return usageError(SPEC, `expected at most one path, got ${paths.length}: ${paths.join(" ")}`, io);
  try {
    const report = validatePath(paths[0] ?? "cdktf.out", { cwd: io.cwd });
    io.stdout(format === "json" ? formatJson(report) : formatHuman(report));
    return report.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof InputError) {
      io.stderr(`validate: ${err.message}\n`);
      return 2;
    }
    // Anything else is a bug in the validator; still no stack trace unless asked for.
    io.stderr(`validate: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.VMO_VALIDATE_DEBUG && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    return 2;
  }
}
