// The config folder: every environment file, symbolic links followed safely, checks across files.
import * as fs from "node:fs";
import * as path from "node:path";
import { closest } from "../lib/private/validation";
import { defaultStateFile } from "./backend";
import { ConfigError, ConfigProblem, ParsedEnvironment, parseEnvironmentDocument } from "./config/load";
import { Key, pathText } from "./config/paths";

/** One environment: a config file in the config folder, named after the file. */
export interface Environment extends ParsedEnvironment {
  /** The file name without extension; also the stack id, so `cdktf deploy prod` deploys config/prod.yaml. */
  readonly name: string;
}

const ENV_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Reads every environment file of `dir` (`*.yaml`, `*.yml`), in file-name order, and checks them against each
 * other. Every file is checked even when only some are synthesized, so a broken or colliding file fails
 * every pipeline run, not only its own. Throws ConfigError with all problems of all files.
 */
export function loadEnvironments(dir: string, displayDir = path.relative(process.cwd(), dir) || "."): Environment[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ConfigError([
      {
        file: displayDir,
        line: 1,
        column: 1,
        path: "",
        message: "config folder not found; give --config-dir (or VMO_CONFIG_DIR) a folder of environment files.",
      },
    ]);
  }
  const problems: ConfigProblem[] = [];
  const files = environmentFiles(dir, displayDir, problems);
  const envs: Environment[] = [];
  const seen = new Map<string, string>();
  for (const { name: f, file } of files) {
    const display = path.join(displayDir, f);
    const name = f.replace(/\.ya?ml$/i, "");
    if (!ENV_NAME.test(name)) {
      problems.push({
        file: display,
        line: 1,
        column: 1,
        path: "",
        message: `"${name}" is not a usable environment name (it becomes the stack id); rename the file to lowercase letters, digits and "-", starting with a letter.`,
      });
      continue;
    }
    if (seen.has(name)) {
      problems.push({
        file: display,
        line: 1,
        column: 1,
        path: "",
        message: `environment "${name}" is also defined by ${seen.get(name)}; keep one file per environment.`,
      });
      continue;
    }
    seen.set(name, display);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (err) {
      problems.push({
        file: display,
        line: 1,
        column: 1,
        path: "",
        message: `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); give the pipeline read access to it or remove it.`,
      });
      continue;
    }
    try {
      envs.push({ name, ...parseEnvironmentDocument(text, display) });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(...err.problems);
    }
  }
  if (files.length === 0 && problems.length === 0) {
    problems.push({ file: displayDir, line: 1, column: 1, path: "", message: "no environment files (*.yaml) found; add one, e.g. dev.yaml." });
  }
  if (problems.length === 0) problems.push(...crossChecks(envs));
  if (problems.length > 0) throw new ConfigError(problems);
  return envs;
}

const ENV_FILE = /\.ya?ml$/i;

/**
 * The environment files of `dir`, by name, in name order. Symbolic links are followed when they resolve to a file
 * inside the config folder; every other `*.yaml` / `*.yml` entry (a folder, a dangling link, a link loop, a link
 * out of the folder, a device) is a problem, never skipped silently: a skipped file is an environment that quietly
 * stops being planned.
 */
function environmentFiles(dir: string, displayDir: string, problems: ConfigProblem[]): { name: string; file: string }[] {
  const root = fs.realpathSync(dir);
  const refuse = (name: string, message: string) => problems.push({ file: path.join(displayDir, name), line: 1, column: 1, path: "", message });
  const out: { name: string; file: string }[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => ENV_FILE.test(e.name));
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const file = path.join(dir, e.name);
    if (e.isFile()) {
      out.push({ name: e.name, file });
      continue;
    }
    if (e.isDirectory()) {
      refuse(e.name, "is a folder, not an environment file; rename it so it does not end in .yaml or .yml.");
      continue;
    }
    if (!e.isSymbolicLink()) {
      refuse(e.name, "is not a regular file (a pipe, socket or device); environment files must be plain files.");
      continue;
    }
    const target = fs.readlinkSync(file);
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      refuse(
        e.name,
        code === "ELOOP"
          ? `is a symbolic link loop (${JSON.stringify(target)} leads back to itself); point the link at an environment file in the config folder.`
          : `is a symbolic link to ${JSON.stringify(target)}, which does not exist (${code}); fix the link or remove it.`,
      );
      continue;
    }
    const rel = path.relative(root, real);
    if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
      refuse(
        e.name,
        `is a symbolic link to ${JSON.stringify(target)}, outside the config folder; environment files must live in the config folder, so copy the file in or link to one inside it.`,
      );
      continue;
    }
    if (!fs.statSync(real).isFile()) {
      refuse(e.name, `is a symbolic link to ${JSON.stringify(target)}, which is not a file; link to an environment file.`);
      continue;
    }
    out.push({ name: e.name, file: real });
  }
  return out;
}

/** An --env name matching no file: a command-line mistake rather than a config one. */
export class UnknownEnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnknownEnvironmentError";
  }
}

/** Picks the requested environments; unknown names are an error with a hint. */
export function selectEnvironments(envs: readonly Environment[], names: readonly string[] | undefined): Environment[] {
  if (!names || names.length === 0) return [...envs];
  const known = envs.map((e) => e.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new UnknownEnvironmentError(
      unknown
        .map((n) => {
          const hint = closest(n, known);
          return `no environment "${n}"${hint ? ` (did you mean "${hint}"?)` : ""}`;
        })
        .join("; ") + `; known: ${known.join(", ")}.`,
    );
  }
  return envs.filter((e) => names.includes(e.name));
}

/**
 * What two environments must never share: a profile (the same Palette object, so one environment's
 * version bump would change the other's clusters), a cluster (two states fighting over its add-on), a Palette
 * team (tenant-wide names; each apply would re-send the whole team, resource_team.go) or a state location.
 */
function crossChecks(envs: readonly Environment[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const claims = new Map<string, { env: Environment; keys: Key[] }>();
  const claim = (id: string, what: string, env: Environment, keys: Key[]) => {
    const first = claims.get(id);
    if (!first) {
      claims.set(id, { env, keys });
      return;
    }
    if (first.env === env) return; // duplicates within one file are the file's own check
    const at = first.env.locate(first.keys);
    problems.push({
      file: env.file,
      ...env.locate(keys),
      path: pathText(keys),
      message: `${what} is also used by environment "${first.env.name}" (${first.env.file}:${at.line}:${at.column}); each environment needs its own, so a change to one can never plan against another.`,
    });
  };
  for (const env of envs) {
    const c = env.config;
    const projectContext = c.project.context ?? "project";
    c.profiles.forEach((p, i) => {
      const context = p.context ?? projectContext;
      // Tenant-context profiles are visible across projects; project-context ones only in their project.
      const scope = context === "project" ? `project ${c.project.name}` : context;
      claim(`profile|${c.project.host ?? ""}|${scope}|${p.name}`, `profile "${p.name}" (${scope})`, env, ["profiles", i, "name"]);
      (p.clusters ?? []).forEach((cl, j) => {
        if (cl.uid !== undefined) {
          claim(`cluster-uid|${c.project.host ?? ""}|${cl.uid}`, `cluster uid "${cl.uid}"`, env, ["profiles", i, "clusters", j, "uid"]);
        } else if (cl.name !== undefined) {
          const cctx = cl.context ?? projectContext;
          const cscope = cctx === "project" ? `project ${c.project.name}` : cctx;
          claim(`cluster-name|${c.project.host ?? ""}|${cscope}|${cl.name}`, `cluster "${cl.name}" (${cscope})`, env, ["profiles", i, "clusters", j, "name"]);
        }
      });
    });
    (c.teams ?? []).forEach((t, i) => {
      claim(`team|${c.project.host ?? ""}|${t.name}`, `team "${t.name}" (tenant-wide)`, env, ["teams", i, "name"]);
    });
    const state = stateLocation(env);
    if (state) claim(`state|${state}`, `state ${state}`, env, ["backend"]);
  }
  return problems;
}

function stateLocation(env: Environment): string | undefined {
  const b = env.config.backend;
  // Without a path, the local file is named after the environment; a path in another file can still point at it.
  if (!b || b.type === "local") return `local ${path.normalize(b?.path ?? defaultStateFile(env.name))}`;
  switch (b.type) {
    case "s3":
      // workspace_key_prefix only applies to non-default workspaces; the default one lives at bucket/key.
      return `s3://${b.bucket}/${b.key}`;
    case "cloud":
      return b.workspaces.name ? `cloud ${b.hostname ?? "app.terraform.io"}/${b.organization}/${b.workspaces.name}` : undefined;
    default:
      return undefined;
  }
}
