// What a VMO policy rule is (cdk-nag style): id, level, rationale, fix and a check per construct.
import { IConstruct } from "constructs";
import { FieldPath } from "../problems";

/** How a finding is reported. */
export enum VmoRuleLevel {
  /** Stops synthesis (through a construct validation, so it also stops under the cdktf CLI). */
  ERROR = "error",
  /** A `[VMO-00x]` warning annotation; synthesis continues. */
  WARNING = "warning",
}

/**
 * One VMO policy rule, cdk-nag style. Rules are plain objects, one per file under lib/rules/, listed in
 * VMO_RULES; docs/RULES.md is generated from these fields, so they are the rule's documentation.
 */
export interface IVmoRule {
  /** `VMO-001` ...; what suppressions name. */
  readonly id: string;
  /** Short kebab-case name. */
  readonly name: string;
  readonly level: VmoRuleLevel;
  /** What the rule looks for, in a sentence or two. */
  readonly description: string;
  /** Why this level: what goes wrong in Palette, and why that deserves stopping synthesis or only a warning. */
  readonly rationale: string;
  /** What to change so the rule passes. */
  readonly fix: string;
  /**
   * Palette documentation behind the rule.
   * @default - none
   */
  readonly docUrl?: string;
  /**
   * Problems found on exactly this construct (not its children): one message per problem, empty when the
   * construct complies or is not a kind the rule looks at. Called for every construct in the stack, so it must
   * return early on constructs it does not handle.
   */
  check(construct: IConstruct): (string | RuleFinding)[];
}

/** A finding that names the construct's field it is about (in the construct's prop names). */
export interface RuleFinding {
  readonly field: FieldPath;
  readonly message: string;
}

/** A finding as structured data: plain strings are about the construct as a whole. */
export function toRuleFinding(finding: string | RuleFinding): RuleFinding {
  return typeof finding === "string" ? { field: [], message: finding } : finding;
}

/** The text of a warning or error: rule id, the problem, and the fix. */
export function formatFinding(rule: IVmoRule, message: string): string {
  return `[${rule.id}] ${message} Fix: ${rule.fix}`;
}
