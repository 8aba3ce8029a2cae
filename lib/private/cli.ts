/**
 * The one command-line style of every command this project ships (synth, validate, plan, apply): node's
 * parseArgs, `--help` printing the usage on stdout with exit 0, a bad command line printing `command: problem`
 * and the usage on stderr with the command's usage exit code. Commands return exit codes; none calls process.exit.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

/** Where a command writes; tests and in-process callers (plan runs synth and validate) pass their own. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const processIo: CommandIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

/** Both streams to stderr: a command run as a step of another, whose own stdout is its summary. */
export const stderrIo: CommandIo = { stdout: processIo.stderr, stderr: processIo.stderr };

export type ParsedCommandLine<V> = { readonly exit: number } | { readonly values: V; readonly positionals: string[] };

export interface CommandLineSpec {
  /** The command's name as it prefixes its messages, e.g. "synth". */
  readonly command: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig["options"]>;
  /** The exit code of a bad command line (2 for synth and validate, 4 for plan and apply). */
  readonly usageExit: number;
  /** @default false */
  readonly allowPositionals?: boolean;
}

/** A bad command line: the problem, then the usage, on stderr. Returns the usage exit code. */
export function usageError(spec: Pick<CommandLineSpec, "command" | "usage" | "usageExit">, message: string, io: CommandIo): number {
  io.stderr(`${spec.command}: ${message}\n\n${spec.usage.trimEnd()}\n`);
  return spec.usageExit;
}

/** Parses argv; `--help` / `-h` and bad command lines come back as `{ exit }` after printing. */
export function parseCommandLine<V = Record<string, string | boolean | string[] | undefined>>(
  spec: CommandLineSpec,
  argv: readonly string[],
  io: CommandIo,
): ParsedCommandLine<V> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...spec.options, help: { type: "boolean", short: "h" } },
      allowPositionals: spec.allowPositionals ?? false,
      strict: true,
    });
  } catch (err) {
    return { exit: usageError(spec, (err as Error).message, io) };
  }
  if (parsed.values.help) {
    io.stdout(`${spec.usage.trimEnd()}\n`);
    return { exit: 0 };
  }
  return { values: parsed.values as V, positionals: parsed.positionals };
}

/** `--env a,b --env c` as a list; undefined when not given. */
export function listOption(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return values
    .flatMap((e) => e.split(","))
    .map((e) => e.trim())
    .filter(Boolean);
}
