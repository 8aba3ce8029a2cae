// The fuzz suite (issue 12): mutated environment files through synth, mutated cdk.tf.json through validate.
// In npm test: a fixed seed and at least 2,000 synth cases, with the count per mutator printed and asserted.
// Longer runs: npm run fuzz -- --runs N --seed S (sets FUZZ_RUNS / FUZZ_SEED for this file).
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { MUTATORS, SynthCase, checkSynthInProcess, checkSynthScript, checkValidate, synthCase, validateCases, workspace } from "./harness";

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
// Every SCRIPT_EVERY-th case also goes through the real scripts/synth.js (a process each, so a sample).
const SCRIPT_EVERY = Number(process.env.FUZZ_SCRIPT_EVERY ?? 200);
const VALIDATE_RUNS = Math.max(500, Math.round(RUNS / 4));
// Long runs (npm run fuzz) lift jest's per-test timeout through FUZZ_TIMEOUT.
const TIMEOUT = Number(process.env.FUZZ_TIMEOUT ?? 600_000);

const report = (what: string, counts: Record<string, Record<string, number>>, ms: number) =>
  console.log(
    `${what}: seed ${SEED}, ${Object.values(counts).reduce((n, c) => n + Object.entries(c).reduce((a, [k, v]) => (k === "script" || k === "ms" ? a : a + v), 0), 0)} cases in ${(ms / 1000).toFixed(1)} s\n` +
      Object.entries(counts)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(
          ([m, c]) =>
            `  ${m.padEnd(16)} ${Object.entries(c)
              .map(([k, v]) => `${k} ${v}`)
              .join(", ")}`,
        )
        .join("\n"),
  );

describe("fuzz: synth on mutated environment files", () => {
  test(
    `${RUNS} cases, seed ${SEED}: exit 0 or 1, refusals located, previous output untouched, accepted output valid`,
    () => {
      const w = workspace("synth");
      const s = workspace("script");
      const counts: Record<string, Record<string, number>> = {};
      let n = 0;
      const t0 = Date.now();
      try {
        fc.assert(
          fc.property(synthCase, (c: SynthCase) => {
            const t = Date.now();
            const outcome = checkSynthInProcess(w, c);
            const bucket = (counts[c.mutator] ??= { accepted: 0, refused: 0, script: 0, ms: 0 });
            bucket[outcome]++;
            bucket.ms += Date.now() - t;
            if (n++ % SCRIPT_EVERY === 0) {
              expect(checkSynthScript(s, c)).toBe(outcome);
              bucket.script++;
            }
          }),
          { seed: SEED, numRuns: RUNS, endOnFailure: true },
        );
      } finally {
        report("synth fuzz", counts, Date.now() - t0);
        fs.rmSync(w.dir, { recursive: true, force: true });
        fs.rmSync(s.dir, { recursive: true, force: true });
      }
      const total = Object.values(counts).reduce((a, c) => a + c.accepted + c.refused, 0);
      expect(total).toBeGreaterThanOrEqual(RUNS);
      // Each mutator exercised, and each one's cases both accepted and refused somewhere in the run, except those
      // that can only refuse.
      expect(Object.keys(counts).sort()).toEqual([...MUTATORS].sort());
      for (const [m, c] of Object.entries(counts)) {
        expect([m, c.accepted + c.refused >= RUNS / MUTATORS.length / 3]).toEqual([m, true]);
        expect([m, c.refused > 0]).toEqual([m, true]);
      }
      expect(Object.values(counts).some((c) => c.accepted > 0)).toBe(true);
      expect(Object.values(counts).reduce((a, c) => a + c.script, 0)).toBeGreaterThanOrEqual(Math.floor(RUNS / SCRIPT_EVERY));
    },
    TIMEOUT,
  );
});

describe("fuzz: validate on mutated cdk.tf.json", () => {
  test(
    `${VALIDATE_RUNS} cases, seed ${SEED}: exit 0, 1 with a JSON path, or 2 with a message; never a crash`,
    () => {
      const w = workspace("validate");
      const baseJson = fs.readFileSync(path.join(w.out, "stacks", "dev", "cdk.tf.json"), "utf8");
      const file = path.join(w.dir, "cdk.tf.json");
      const mutators = validateCases(baseJson);
      const counts: Record<string, Record<string, number>> = {};
      const t0 = Date.now();
      try {
        fc.assert(
          fc.property(fc.oneof(...Object.entries(mutators).map(([m, arb]) => arb.map((bytes) => ({ m, bytes })))), ({ m, bytes }) => {
            const code = checkValidate(file, bytes);
            const bucket = (counts[m] ??= { "exit 0": 0, "exit 1": 0, "exit 2": 0 });
            bucket[`exit ${code}`]++;
          }),
          { seed: SEED, numRuns: VALIDATE_RUNS, endOnFailure: true },
        );
      } finally {
        report("validate fuzz", counts, Date.now() - t0);
        fs.rmSync(w.dir, { recursive: true, force: true });
      }
      expect(Object.keys(counts).sort()).toEqual(Object.keys(mutators).sort());
      expect(Object.values(counts).some((c) => c["exit 1"] > 0)).toBe(true);
      expect(Object.values(counts).some((c) => c["exit 2"] > 0)).toBe(true);
    },
    TIMEOUT,
  );
});
