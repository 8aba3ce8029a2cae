// VmoChecks: the aspect that runs every VMO rule over a stack and reports errors and warnings.
import { IConstruct } from "constructs";
import { App, Aspects, IAspect, TerraformStack } from "../cdktf";
import { VMO_RULES } from "./registry";
import { addProblemCheck } from "../problems";
import { IVmoRule, RuleFinding, VmoRuleLevel, formatFinding, toRuleFinding } from "./rule";
import { VmoSuppressions } from "./suppressions";
import { brand, isBranded } from "../private/brand";

// Findings already reported per construct. cdktf's Testing.synth and App.synth each invoke aspects, so the same
// tree can be visited twice; reporting twice would duplicate warnings and validation errors.
const reported = new WeakMap<IConstruct, Set<string>>();

// cdktf's annotation types (AnnotationMetadataEntryType), written with node.addMetadata rather than
// Annotations.of(): same metadata, same manifest.json entries and CLI output, but without the stack trace that
// Annotations captures for each message. That trace would only point into this aspect, and capturing it cost
// ~85 ms per 1000 warnings (a 1000-cluster fleet has one VMO-007 warning per attachment).
const WARN = "@cdktf/warn";
const INFO = "@cdktf/info";

/**
 * Runs the VMO rules (lib/rules, listed in VMO_RULES) over a stack at synth, cdk-nag style.
 *
 * - error findings become construct validations, so `app.synth()` throws before anything is written, under
 *   `npm run synth` and under the cdktf CLI (which continues past error annotations but not past validations);
 *   cdktf names the construct path in front of each message.
 * - warning findings become `[VMO-00x]` warning annotations (shown by the cdktf CLI, kept in manifest.json).
 * - suppressed findings become info annotations: `VMO-008 suppressed on <path>: <reason>`.
 */
export class VmoChecks implements IAspect {
  /**
   * Checks `scope` (normally a stack) and everything in it; calling it again for the same scope is a no-op.
   * The App is refused: cdktf 0.21 invokes aspects from each stack down, so aspects on the App never run.
   */
  public static applyTo(scope: IConstruct): VmoChecks {
    if (App.isApp(scope)) {
      throw new Error(
        "VmoChecks.applyTo: cdktf 0.21 never runs aspects added to the App (it invokes them per stack); call VmoChecks.applyTo(stack) for each stack.",
      );
    }
    TerraformStack.of(scope); // throws a clear error when scope is not inside a stack
    const existing = Aspects.of(scope).all.find((a): a is VmoChecks => isBranded(a, "VmoChecks"));
    if (existing) return existing;
    const checks = new VmoChecks();
    Aspects.of(scope).add(checks);
    return checks;
  }

  /** Shorthand for `VmoSuppressions.addSuppressions(scope, [{ id, reason }])`. */
  public static suppress(scope: IConstruct, id: string, reason: string): void {
    VmoSuppressions.addSuppressions(scope, [{ id, reason }]);
  }

  public readonly rules: readonly IVmoRule[] = VMO_RULES;

  public visit(node: IConstruct): void {
    for (const rule of this.rules) {
      const findings = rule.check(node);
      if (findings.length > 0) report(node, rule, findings.map(toRuleFinding));
    }
  }
}
brand(VmoChecks, "VmoChecks");

function report(node: IConstruct, rule: IVmoRule, findings: RuleFinding[]): void {
  let done = reported.get(node);
  if (!done) reported.set(node, (done = new Set()));
  const fresh = findings.filter((f) => !done.has(`${rule.id}\n${f.message}`));
  if (fresh.length === 0) return;
  fresh.forEach((f) => done.add(`${rule.id}\n${f.message}`));

  const reason = VmoSuppressions.reasonFor(node, rule.id);
  if (reason !== undefined) {
    if (!done.has(`${rule.id}\nsuppressed`)) {
      done.add(`${rule.id}\nsuppressed`);
      node.node.addMetadata(INFO, `${rule.id} suppressed on ${node.node.path}: ${reason}`);
    }
    return;
  }
  if (rule.level === VmoRuleLevel.ERROR) {
    // Structured (lib/problems), so a caller can point at the field; cdktf reads the same text formatFinding gives.
    const problems = fresh.map((f) => ({ field: f.field, message: f.message, fix: rule.fix, ruleId: rule.id }));
    addProblemCheck(node, () => problems);
  } else {
    for (const f of fresh) node.node.addMetadata(WARN, formatFinding(rule, f.message));
  }
}
