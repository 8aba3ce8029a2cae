// Property-based fuzzing of the two commands that read user input: synth (environment files) and validate
// (cdk.tf.json). Mutators start from the shipped, valid config/*.yaml and from their synthesized output, so most
// cases are near-valid input, where the interesting refusals are. Used by test/fuzz/*.test.ts (fixed seed, in
// npm test) and by `npm run fuzz -- --runs N --seed S` (scripts/fuzz.js, which runs the same test longer).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { Document, isMap, isSeq, parseDocument } from "yaml";
import { runCli } from "../../lib/validate/cli";
import { synthesize } from "../../stacks/app";
import { ConfigError } from "../../stacks/config/load";

export const root = path.resolve(__dirname, "..", "..");
export const BASES: readonly { readonly name: string; readonly text: string }[] = ["dev", "prod"].map((name) => ({
  name,
  text: fs.readFileSync(path.join(root, "config", `${name}.yaml`), "utf8"),
}));

type Key = string | number;

/** Every path (to maps, lists and scalars) in parsed YAML or JSON data, root excluded. */
function paths(value: unknown, prefix: Key[] = [], out: Key[][] = []): Key[][] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), paths(v, [...prefix, i], out)));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      paths(v, [...prefix, k], out);
    }
  return out;
}
const BASE_PATHS = BASES.map((b) => paths(parseDocument(b.text).toJS()));

// ---- value generators -------------------------------------------------------------------------------------------

const UNICODE = [
  "\u00e9",
  "\u{1F680}",
  "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}",
  "\u202Eevil",
  "e\u0301",
  "\u0000",
  "\u0007",
  "\n",
  "\r\n",
  "\t",
  "\u2028",
  "\u00a0",
  "\uFEFF",
  "\uD800",
  "\u{10FFFF}",
  "\u0130",
  "\u212A",
  "\u3000",
  "名前",
  "ß",
  "${var.x}",
  "%{if}",
  "{{ .spectro.var.X }}",
  "\\",
  '"',
  "'",
  "#",
  ": ",
  "- ",
  "&a",
  "*a",
  "!!binary",
  "~",
];
const unicodeText = fc
  .array(fc.oneof(fc.constantFrom(...UNICODE), fc.string({ unit: "grapheme", maxLength: 4 }), fc.string({ unit: "binary", maxLength: 4 })), {
    minLength: 1,
    maxLength: 4,
  })
  .map((a) => a.join(""));
const anyScalar = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  unicodeText,
  fc.constantFrom("", " ", "yes", "on", "0644", "1e3", "0x1F", ".inf", "1.0", "4.10", "latest", "1.0.0", "99999999999999999999"),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: anyScalar },
  { weight: 1, arbitrary: fc.array(anyScalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), anyScalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [[]], [{}]) },
);

// ---- mutators ---------------------------------------------------------------------------------------------------

/** One fuzz case: the mutated file and what made it. */
export interface SynthCase {
  readonly mutator: string;
  readonly base: string;
  /** The bytes written as the environment file. */
  readonly bytes: Buffer;
  /**
   * The file's name, when the mutator changes it, and how it is linked: the file written under another name with
   * a symbolic link of this name to it (inside or outside the folder), a dangling link, or a link to itself.
   * @default `${base}.yaml`, a plain file
   */
  readonly file?: string;
  readonly link?: "inside" | "outside" | "dangling" | "loop";
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length];

function edit(baseIndex: number, change: (doc: Document, p: readonly Key[]) => void, pathIndex: number): string {
  const doc = parseDocument(BASES[baseIndex].text);
  const p = pick(BASE_PATHS[baseIndex], pathIndex);
  change(doc, p);
  return String(doc);
}

const base = fc.nat(BASES.length - 1);
const at = fc.nat(10_000);

/** name -> arbitrary producing mutated file text (or bytes). */
export const SYNTH_MUTATORS: Record<string, fc.Arbitrary<{ base: number; bytes: Buffer }>> = {
  // YAML structure: a node becomes a different kind of node.
  structure: fc.tuple(base, at, fc.constantFrom("seq", "map", "scalar", "null", "nested")).map(([b, i, kind]) => ({
    base: b,
    bytes: Buffer.from(
      edit(
        b,
        (doc, p) => {
          const cur = doc.getIn(p, true);
          const next =
            kind === "seq"
              ? [doc.getIn(p)]
              : kind === "map"
                ? { value: doc.getIn(p) }
                : kind === "scalar"
                  ? "x"
                  : kind === "null"
                    ? null
                    : [[{ a: [doc.getIn(p)] }]];
          if (cur !== undefined) doc.setIn(p, next);
        },
        i,
      ),
    ),
  })),
  // Types: a value replaced by one of another type.
  types: fc.tuple(base, at, anyValue).map(([b, i, v]) => ({ base: b, bytes: Buffer.from(edit(b, (doc, p) => doc.setIn(p, v), i)) })),
  // Unicode in values and in keys.
  unicode: fc.tuple(base, at, unicodeText, fc.boolean()).map(([b, i, u, inKey]) => ({
    base: b,
    bytes: Buffer.from(
      edit(
        b,
        (doc, p) => {
          const value = doc.getIn(p);
          if (inKey && typeof p[p.length - 1] === "string") {
            const parent = p.slice(0, -1);
            const node = parent.length ? doc.getIn(parent, true) : doc.contents;
            if (isMap(node)) {
              doc.deleteIn(p);
              doc.setIn([...parent, `${String(p[p.length - 1])}${u}`], value);
            }
          } else doc.setIn(p, typeof value === "string" ? `${value}${u}` : u);
        },
        i,
      ),
    ),
  })),
  // Sizes: long strings, long lists, deep nesting.
  sizes: fc.tuple(base, at, fc.constantFrom("string", "list", "deep", "profiles"), fc.integer({ min: 100, max: 10_000 })).map(([b, i, kind, n]) => ({
    base: b,
    bytes: Buffer.from(
      edit(
        b,
        (doc, p) => {
          if (kind === "string") doc.setIn(p, "a".repeat(n * 2));
          else if (kind === "list")
            doc.setIn(
              p,
              Array.from({ length: Math.min(n, 2000) }, (_, k) => `v${k}`),
            );
          else if (kind === "deep")
            doc.setIn(
              p,
              Array.from({ length: Math.min(n, 200) }).reduce((acc) => ({ a: acc }), "leaf"),
            );
          else {
            const profiles = doc.get("profiles", true);
            const first = doc.getIn(["profiles", 0]);
            if (isSeq(profiles) && first) for (let k = 0; k < Math.min(n / 500, 12); k++) profiles.add(doc.createNode({ ...(first as object), name: `p${k}` }));
          }
        },
        i,
      ),
    ),
  })),
  // Duplicate keys: a line holding a mapping key written twice.
  duplicateKeys: fc.tuple(base, at).map(([b, i]) => {
    const lines = BASES[b].text.split("\n");
    const keyed = lines.map((l, k) => ({ l, k })).filter(({ l }) => /^\s*[\w$-]+:/.test(l));
    const { l, k } = pick(keyed, i);
    return { base: b, bytes: Buffer.from([...lines.slice(0, k + 1), l.replace(/^(\s*)-\s/, "$1  "), ...lines.slice(k + 1)].join("\n")) };
  }),
  // Missing keys: a key and its value removed.
  missingKeys: fc.tuple(base, at).map(([b, i]) => ({ base: b, bytes: Buffer.from(edit(b, (doc, p) => doc.deleteIn(p), i)) })),
  // Misspelt keys: a key renamed by one edit.
  typoKeys: fc.tuple(base, at, fc.nat(50), fc.string({ minLength: 1, maxLength: 1 })).map(([b, i, pos, ch]) => ({
    base: b,
    bytes: Buffer.from(
      edit(
        b,
        (doc, p) => {
          const last = p[p.length - 1];
          if (typeof last !== "string") return;
          const value = doc.getIn(p);
          doc.deleteIn(p);
          const j = pos % (last.length + 1);
          doc.setIn([...p.slice(0, -1), `${last.slice(0, j)}${ch}${last.slice(j + 1)}`], value);
        },
        i,
      ),
    ),
  })),
  // Anchors and aliases, up to alias bombs and merge keys.
  // Under a profile's free-form `values` (where they are allowed) or at the top (where they are unknown keys).
  aliases: fc.tuple(base, fc.integer({ min: 1, max: 12 }), fc.constantFrom("values", "top", "merge")).map(([b, n, where]) => {
    const indent = where === "values" ? "      " : "";
    const bomb = Array.from(
      { length: n },
      (_, k) => `${indent}l${k}: &l${k} [${Array.from({ length: 10 }, () => (k === 0 ? "x" : `*l${k - 1}`)).join(", ")}]`,
    ).join("\n");
    const text =
      where === "merge"
        ? `${BASES[b].text.replace("project:", "project: &p")}\nextra: {<<: *p}\n`
        : where === "values"
          ? BASES[b].text.replace(/^ {4}values:\n/m, `    values:\n${bomb}\n`)
          : `${bomb}\n${BASES[b].text}`;
    return { base: b, bytes: Buffer.from(text) };
  }),
  // Random bytes written over, inserted into, or cut from the file.
  randomBytes: fc
    .tuple(base, fc.nat(100_000), fc.uint8Array({ minLength: 1, maxLength: 16 }), fc.constantFrom("overwrite", "insert", "truncate"))
    .map(([b, off, bytes, how]) => {
      const src = Buffer.from(BASES[b].text);
      const o = off % src.length;
      const out =
        how === "overwrite"
          ? Buffer.concat([src.subarray(0, o), Buffer.from(bytes), src.subarray(o + bytes.length)])
          : how === "insert"
            ? Buffer.concat([src.subarray(0, o), Buffer.from(bytes), src.subarray(o)])
            : src.subarray(0, o);
      return { base: b, bytes: out };
    }),
  // Values moved between fields: a namespace where a name goes, a version where a role goes, and so on.
  crossFields: fc.tuple(base, at, at).map(([b, i, j]) => {
    const data = parseDocument(BASES[b].text).toJS();
    const from = pick(BASE_PATHS[b], j).reduce((cur: any, k) => cur?.[k], data);
    return { base: b, bytes: Buffer.from(edit(b, (doc, p) => doc.setIn(p, from), i)) };
  }),
};

/** Mutations of the file itself: its name and how it is linked into the config folder. */
const FILE_NAMES = [
  "dev.yaml",
  "dev.YML",
  "Dev.yaml",
  "dev env.yaml",
  "d\u00e9v.yaml",
  "-dev.yaml",
  "dev.yaml.yaml",
  ".yaml",
  `${"d".repeat(70)}.yaml`,
  "dev.yml",
];
const fileCase: fc.Arbitrary<SynthCase> = fc
  .tuple(base, fc.constantFrom(...FILE_NAMES), fc.constantFrom(undefined, "inside", "outside", "dangling", "loop"))
  .map(([b, file, link]) => ({
    mutator: "fileNames",
    base: BASES[b].name,
    bytes: Buffer.from(BASES[b].text),
    file: JSON.parse(`"${file}"`),
    link: link as SynthCase["link"],
  }));

export const synthCase: fc.Arbitrary<SynthCase> = fc.oneof(
  ...Object.entries(SYNTH_MUTATORS).map(([mutator, arb]) => arb.map(({ base: b, bytes }) => ({ mutator, base: BASES[b].name, bytes }))),
  fileCase,
);

export const MUTATORS: readonly string[] = [...Object.keys(SYNTH_MUTATORS), "fileNames"];

/** Writes the case into the (emptied) config folder; links point into `w.dir`, outside the folder, when asked. */
function writeCase(w: Workspace, c: SynthCase): void {
  for (const f of fs.readdirSync(w.configDir)) fs.rmSync(path.join(w.configDir, f), { recursive: true, force: true });
  for (const f of ["outside.yaml"]) fs.rmSync(path.join(w.dir, f), { force: true });
  const name = c.file ?? `${c.base}.yaml`;
  const target = path.join(w.configDir, name);
  switch (c.link) {
    case undefined:
      fs.writeFileSync(target, c.bytes);
      return;
    case "inside":
      fs.mkdirSync(path.join(w.configDir, "shared"));
      fs.writeFileSync(path.join(w.configDir, "shared", "env.txt"), c.bytes);
      fs.symlinkSync(path.join("shared", "env.txt"), target);
      return;
    case "outside":
      fs.writeFileSync(path.join(w.dir, "outside.yaml"), c.bytes);
      fs.symlinkSync(path.join("..", "outside.yaml"), target);
      return;
    case "dangling":
      fs.symlinkSync("missing.yaml", target);
      return;
    case "loop":
      fs.symlinkSync(name, target);
      return;
  }
}

// ---- invariants -------------------------------------------------------------------------------------------------

/** A hash of every file below `dir` (names and bytes), to prove a folder untouched. */
export function treeHash(dir: string): string {
  const h = createHash("sha256");
  if (!fs.existsSync(dir)) return "absent";
  for (const f of fs.readdirSync(dir, { recursive: true }).map(String).sort()) {
    const p = path.join(dir, f);
    h.update(f);
    if (fs.statSync(p).isFile()) h.update(fs.readFileSync(p));
  }
  return h.digest("hex");
}

const LOCATED = /^\S[^\n]*?:\d+:\d+: /;
const STACK_TRACE = /\n\s+at [^\n]*[(:]\d+/;

/** A scratch project: a config folder and a previous cdktf.out to protect. */
export interface Workspace {
  readonly dir: string;
  readonly configDir: string;
  readonly out: string;
  readonly outHash: string;
}

export function workspace(label: string): Workspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vmo-fuzz-${label}-`));
  const configDir = path.join(dir, "config");
  fs.mkdirSync(configDir);
  const out = path.join(dir, "cdktf.out");
  fs.writeFileSync(path.join(configDir, "dev.yaml"), BASES[0].text);
  synthesize({ configDir, outdir: out });
  return { dir, configDir, out, outHash: treeHash(out) };
}

export type Outcome = "accepted" | "refused";

/**
 * One case in process, the way scripts/synth.js runs it: synthesize into a temporary folder beside the output,
 * then validate it. Throws (with the reason) when an invariant breaks.
 */
export function checkSynthInProcess(w: Workspace, c: SynthCase): Outcome {
  writeCase(w, c);
  const tmp = `${w.out}.tmp-fuzz`;
  const before = fs.readdirSync(w.dir).sort();
  let outcome: Outcome;
  try {
    synthesize({ configDir: w.configDir, outdir: tmp });
    outcome = "accepted";
  } catch (err) {
    if (!(err instanceof ConfigError)) {
      throw new Error(
        `synth would exit 1 without a location (${err instanceof Error ? err.name : typeof err}): ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    for (const line of err.message.split("\n")) if (!LOCATED.test(line)) throw new Error(`refusal line without file:line:col: ${JSON.stringify(line)}`);
    if (STACK_TRACE.test(err.message)) throw new Error(`refusal holds a stack trace: ${err.message}`);
    outcome = "refused";
  }
  if (outcome === "accepted") {
    let stdout = "";
    let stderr = "";
    const code = runCli([tmp], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    if (code !== 0) throw new Error(`accepted config fails npm run validate (exit ${code}):\n${stdout}${stderr}`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const after = fs.readdirSync(w.dir).sort();
  if (after.join("\n") !== before.join("\n")) throw new Error(`synth left files beside the output: ${after.filter((f) => !before.includes(f)).join(", ")}`);
  if (treeHash(w.out) !== w.outHash) throw new Error("the previous cdktf.out changed");
  return outcome;
}

/** The same case through the real `npm run synth` (scripts/synth.js), a process of its own. */
export function checkSynthScript(w: Workspace, c: SynthCase): Outcome {
  writeCase(w, c);
  const before = fs.readdirSync(w.dir).sort();
  const scratchOut = path.join(w.dir, "cdktf.out");
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "synth.js"), "--config-dir", w.configDir, "--out", scratchOut, "--quiet"], {
    cwd: w.dir,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`synth exited ${r.status} (signal ${r.signal}):\n${r.stderr}`);
  if (STACK_TRACE.test(r.stderr)) throw new Error(`synth printed a stack trace:\n${r.stderr}`);
  const after = fs.readdirSync(w.dir).sort();
  if (after.join("\n") !== before.join("\n")) throw new Error(`synth left files beside the output: ${after.filter((f) => !before.includes(f)).join(", ")}`);
  if (r.status === 1) {
    if (!/^config error:\n/.test(r.stderr)) throw new Error(`refusal is not a located config error:\n${r.stderr}`);
    const lines = r.stderr
      .split("\n")
      .slice(1)
      .filter((l) => l !== "" && !/^Nothing was written; /.test(l));
    for (const line of lines) if (!LOCATED.test(line)) throw new Error(`refusal line without file:line:col: ${JSON.stringify(line)}`);
    if (treeHash(scratchOut) !== w.outHash) throw new Error("the previous cdktf.out changed after a refusal");
    return "refused";
  }
  const v = spawnSync(process.execPath, [path.join(root, "scripts", "validate.js"), scratchOut], { cwd: w.dir, encoding: "utf8" });
  if (v.status !== 0) throw new Error(`npm run validate exits ${v.status} on accepted output:\n${v.stdout}${v.stderr}`);
  // The output changed on success; later refusals must leave this one alone.
  (w as { outHash: string }).outHash = treeHash(scratchOut);
  return "accepted";
}

// ---- validate: mutated cdk.tf.json ------------------------------------------------------------------------------

export interface ValidateCase {
  readonly mutator: string;
  readonly bytes: Buffer;
}

function setAt(obj: any, p: readonly Key[], f: (parent: any, key: Key) => void): void {
  let cur = obj;
  for (const k of p.slice(0, -1)) cur = cur?.[k];
  if (cur && typeof cur === "object") f(cur, p[p.length - 1]);
}

export function validateCases(baseJson: string): Record<string, fc.Arbitrary<Buffer>> {
  const data = JSON.parse(baseJson);
  const all = paths(data);
  const mutate = (i: number, f: (parent: any, key: Key) => void) => {
    const copy = JSON.parse(baseJson);
    setAt(copy, pick(all, i), f);
    return Buffer.from(JSON.stringify(copy, null, 2));
  };
  return {
    jsonTypes: fc.tuple(at, anyValue).map(([i, v]) => mutate(i, (p, k) => (p[k] = v))),
    jsonMissing: at.map((i) => mutate(i, (p, k) => (Array.isArray(p) ? p.splice(Number(k), 1) : delete p[k]))),
    jsonUnknownKeys: fc
      .tuple(at, fc.string({ minLength: 1, maxLength: 8 }), anyValue)
      .map(([i, k2, v]) => mutate(i, (p, k) => (p[k] && typeof p[k] === "object" && !Array.isArray(p[k]) ? (p[k][k2] = v) : (p[k] = { [k2]: v })))),
    jsonUnicode: fc.tuple(at, unicodeText).map(([i, u]) => mutate(i, (p, k) => (p[k] = typeof p[k] === "string" ? p[k] + u : u))),
    jsonBytes: fc.tuple(fc.nat(1_000_000), fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.boolean()).map(([off, bytes, cut]) => {
      const src = Buffer.from(baseJson);
      const o = off % src.length;
      return cut ? src.subarray(0, o) : Buffer.concat([src.subarray(0, o), Buffer.from(bytes), src.subarray(o + bytes.length)]);
    }),
    jsonShapes: fc
      .constantFrom(
        "null",
        "[]",
        "{}",
        '"x"',
        "1",
        "true",
        "",
        "[".repeat(5000),
        '{"resource": []}',
        '{"resource": {"spectrocloud_cluster_profile": null}}',
        '{"//": {}}',
      )
      .map((t) => Buffer.from(t)),
  };
}

/** One validate case in process: exit 0, 1 with a JSON path per finding, or 2 with a message; never an internal error. */
export function checkValidate(file: string, bytes: Buffer): number {
  fs.writeFileSync(file, bytes);
  let stdout = "";
  let stderr = "";
  const code = runCli([file, "--format", "json"], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  if (code === 0) return 0;
  if (code === 1) {
    const doc = JSON.parse(stdout);
    if (!doc.findings?.length) throw new Error(`exit 1 without findings: ${stdout}`);
    for (const f of doc.findings) if (typeof f.path !== "string" || f.path === "") throw new Error(`finding without a JSON path: ${JSON.stringify(f)}`);
    return 1;
  }
  if (code === 2) {
    if (/internal error/.test(stderr)) throw new Error(`validate crashed: ${stderr}`);
    if (!/^validate: \S/.test(stderr)) throw new Error(`exit 2 without a message: ${JSON.stringify(stderr)}`);
    if (STACK_TRACE.test(stderr)) throw new Error(`validate printed a stack trace: ${stderr}`);
    return 2;
  }
  throw new Error(`validate exited ${code}`);
}
