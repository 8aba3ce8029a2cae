// Structured validation problems: what constructs and policy rules report, in the construct's own prop names, so
// a caller that built the construct from some source (a config file) can point at its own field without parsing
// message text. cdktf still gets the same problems as text, so `cdktf synth` reports them as before.
import { IConstruct, IValidation } from "constructs";

/** A field of a construct's props, as keys: `["bindings", 0, "role"]`. */
export type FieldPath = readonly (string | number)[];

/** One problem found by a construct's validation or by a policy rule. */
export interface ValidationProblem {
  /** The offending field, in the construct's own prop names; empty for the construct as a whole. */
  readonly field: FieldPath;
  /** What is wrong, naming the value found. */
  readonly message: string;
  /**
   * What to change.
   * @default - the message says it
   */
  readonly fix?: string;
  /**
   * The policy rule (`VMO-009`) that found it.
   * @default - the construct's own validation
   */
  readonly ruleId?: string;
}

/** A problem and the construct that reported it. */
export interface ConstructProblem extends ValidationProblem {
  readonly construct: IConstruct;
}

// A Symbol.for key, so two copies of this library in one app still find each other's checks.
const CHECKS = Symbol.for("palette-vmo-cdktf.problem-checks");

/** A construct validation that keeps the problems its last run found, beside the text cdktf reads. */
class ProblemCheck implements IValidation {
  public last: readonly ValidationProblem[] = [];
  constructor(private readonly check: () => readonly ValidationProblem[]) {}

  public validate(): string[] {
    this.last = this.check();
    return this.last.map(problemText);
  }
}

/** Registers a validation that reports structured problems (cdktf sees them as text, via problemText). */
export function addProblemCheck(scope: IConstruct, check: () => readonly ValidationProblem[]): void {
  const c = new ProblemCheck(check);
  const holder = scope as unknown as { [CHECKS]?: ProblemCheck[] };
  (holder[CHECKS] ??= []).push(c);
  scope.node.addValidation(c);
}

/** `bindings[0].role` */
export function fieldText(field: FieldPath): string {
  return field.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

/** The text cdktf reports: `field: message fix`, or `[VMO-0NN] message Fix: fix` for policy rules. */
export function problemText(p: ValidationProblem): string {
  if (p.ruleId) return `[${p.ruleId}] ${p.message}${p.fix ? ` Fix: ${p.fix}` : ""}`;
  const text = p.fix ? `${p.message} ${p.fix}` : p.message;
  return p.field.length > 0 ? `${fieldText(p.field)}: ${text}` : text;
}

/** A problem with the field prefixed: for helpers that check a part of a construct's props. */
export function under(prefix: FieldPath, problems: readonly ValidationProblem[]): ValidationProblem[] {
  return problems.map((p) => ({ ...p, field: [...prefix, ...p.field] }));
}

/**
 * Runs every validation under `root` (as synthesis would; run aspects first) and returns the problems, structured
 * where the validation was registered with addProblemCheck; any other validation's message comes back as a
 * problem of its construct with no field.
 */
export function findProblems(root: IConstruct): ConstructProblem[] {
  const out: ConstructProblem[] = [];
  for (const construct of root.node.findAll()) {
    const texts = construct.node.validate();
    if (texts.length === 0) continue;
    const remaining = [...texts];
    for (const check of (construct as unknown as { [CHECKS]?: ProblemCheck[] })[CHECKS] ?? []) {
      for (const p of check.last) {
        const i = remaining.indexOf(problemText(p));
        if (i >= 0) remaining.splice(i, 1);
        out.push({ construct, ...p });
      }
    }
    for (const message of remaining) out.push({ construct, field: [], message });
  }
  return out;
}
