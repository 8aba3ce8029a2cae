// Reading one environment file: YAML with source positions, the zod schema, the checks, and every problem at its
// field as file:line:col.
import * as fs from "node:fs";
import * as path from "node:path";
import { Document, LineCounter, Node, isMap, isPair, isScalar, parseDocument, visit } from "yaml";
import { semanticChecks } from "./checks";
import { describeIssue } from "./issues";
import { Key, pathText } from "./paths";
import { EnvironmentConfig, environmentSchema } from "./schema";

export { toProjectConfig } from "./to-project-config";

/** A config problem with its place in the file. */
export interface ConfigProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Dotted path of the field, e.g. `profiles[0].clusters[1].name`. */
  readonly path: string;
  readonly message: string;
}

/** Thrown when an environment file is invalid; `message` lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "ConfigError";
  }
}

/**
 * One line per problem, whatever the input held: control characters (a key or value with a newline, a carriage
 * return or a terminal escape) are shown escaped, so a message can neither span lines nor drive the terminal.
 */
export function formatProblem(p: ConfigProblem): string {
  return `${oneLine(p.file)}:${p.line}:${p.column}: ${oneLine(p.path) || "(file)"}: ${oneLine(p.message)}`;
}

const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it escapes
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return ESCAPES[ch] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
  });
}

/** Reads and validates one environment file. Throws ConfigError with every problem found. */
export function loadEnvironmentFile(file: string, displayName = path.relative(process.cwd(), file) || file): EnvironmentConfig {
  const text = fs.readFileSync(file, "utf8");
  return parseEnvironment(text, displayName);
}

/** Where a config field is, for messages about it found later (e.g. checks across environments). */
export type Locator = (keys: readonly Key[], onKey?: boolean) => { readonly line: number; readonly column: number };

/** A validated environment file together with a way to point at its fields. */
export interface ParsedEnvironment {
  readonly file: string;
  readonly config: EnvironmentConfig;
  readonly locate: Locator;
}

/** Validates environment YAML text; `file` is only used in messages. */
export function parseEnvironment(text: string, file: string): EnvironmentConfig {
  return parseEnvironmentDocument(text, file).config;
}

/** As parseEnvironment, keeping the source positions. */
export function parseEnvironmentDocument(text: string, file: string): ParsedEnvironment {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const { line, col } = at(e.pos[0]);
        return { file, line, column: col, path: "", message: `invalid YAML: ${e.message.split("\n")[0]}` };
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS() ?? {};
  } catch (err) {
    // yaml stops at maxAliasCount (100) when aliases expand further: an "alias bomb". Point at the first alias.
    let offset = doc.contents?.range?.[0] ?? 0;
    visit(doc, {
      Alias(_, node) {
        if (node.range) offset = node.range[0];
        return visit.BREAK;
      },
    });
    const { line, col } = at(offset);
    throw new ConfigError([
      {
        file,
        line,
        column: col,
        path: "",
        message: `invalid YAML: its aliases expand to too much data (${(err as Error).message.split("\n")[0]}); write the repeated values out instead of nesting aliases.`,
      },
    ]);
  }
  const problems: ConfigProblem[] = [];
  const locate: Locator = (keys, onKey = false) => {
    const { line, col } = at(offsetOf(doc, keys, onKey));
    return { line, column: col };
  };
  const problem = (keys: readonly Key[], message: string, onKey = false) => {
    problems.push({ file, ...locate(keys, onKey), path: pathText(keys), message });
  };

  const result = environmentSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) describeIssue(issue, data, problem);
  } else {
    semanticChecks(result.data, problem);
  }
  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new ConfigError(problems);
  }
  return { file, config: (result as { data: EnvironmentConfig }).data, locate };
}

/** Offset of the value (or key) at `keys`, falling back to the nearest existing parent. */
function offsetOf(doc: Document, keys: readonly Key[], onKey: boolean): number {
  for (let n = keys.length; n >= 0; n--) {
    const parentKeys = keys.slice(0, Math.max(0, n - 1));
    if (n > 0) {
      const parent = parentKeys.length ? doc.getIn(parentKeys, true) : doc.contents;
      const last = keys[n - 1];
      if (isMap(parent)) {
        const pair = parent.items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === last);
        if (pair && isPair(pair)) {
          const target = (onKey && n === keys.length) || !pair.value ? pair.key : pair.value;
          const range = (target as Node | null)?.range;
          if (range) return range[0];
        }
      }
      const node = doc.getIn(keys.slice(0, n), true) as Node | undefined;
      if (node?.range) return node.range[0];
    } else if (doc.contents?.range) {
      return doc.contents.range[0];
    }
  }
  return 0;
}
