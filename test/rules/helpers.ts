import { Construct } from "constructs";
import { TerraformStack, Testing } from "../../lib/cdktf";
import { VmoChecks } from "../../lib/rules";
import { newStack } from "../util";

/** One reported finding: the rule id (or undefined for unrelated output), level, construct path and text. */
export interface Finding {
  readonly id?: string;
  readonly level: "error" | "warning" | "info";
  readonly path: string;
  readonly text: string;
}

export interface CheckResult {
  readonly findings: Finding[];
  /** The error synthesis threw, if any. */
  readonly error?: string;
  readonly stack: TerraformStack;
}

const LEVELS: Record<string, Finding["level"]> = { "@cdktf/warn": "warning", "@cdktf/info": "info" };

/** Builds constructs in a fresh stack with VmoChecks applied, synthesizes with validations, and collects findings. */
export function check(build: (stack: Construct) => void): CheckResult {
  const stack = newStack();
  build(stack);
  VmoChecks.applyTo(stack);
  let error: string | undefined;
  try {
    Testing.synth(stack, true);
  } catch (err) {
    error = (err as Error).message;
  }
  return { findings: collect(stack), error, stack };
}

/** Findings recorded on the tree: annotations, plus VMO validation errors (re-run per construct). */
export function collect(scope: Construct | TerraformStack): Finding[] {
  const out: Finding[] = [];
  for (const c of scope.node.findAll()) {
    for (const m of c.node.metadata) {
      const level = LEVELS[m.type];
      if (level) out.push({ id: idOf(String(m.data)), level, path: c.node.path, text: String(m.data) });
    }
    for (const e of c.node.validate()) {
      if (e.startsWith("[VMO-")) out.push({ id: idOf(e), level: "error", path: c.node.path, text: e });
    }
  }
  return out;
}

/** Findings of one rule. */
export function of(result: CheckResult, id: string): Finding[] {
  return result.findings.filter((f) => f.id === id);
}

function idOf(text: string): string | undefined {
  return /^\[?(VMO-\d{3})/.exec(text)?.[1];
}
