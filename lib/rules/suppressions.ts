// Rule suppressions with required reasons, kept on constructs under a Symbol.for key.
import { IConstruct } from "constructs";
import { expectedOneOf } from "../private/validation";
import { VMO_RULES, findVmoRule } from "./registry";

/** A rule switched off for a construct and everything below it, with the reason shown at synth. */
export interface VmoSuppression {
  /** The rule id, e.g. "VMO-008". */
  readonly id: string;
  /** Why the finding is acceptable here; shown as an info annotation wherever the suppression applies. */
  readonly reason: string;
}

// Symbol.for, not a module-local symbol or WeakMap, so two copies of the library (lib/ and dist/ in one
// process) still see each other's suppressions.
const SUPPRESSIONS = Symbol.for("palette-vmo-cdktf/vmo-suppressions");

type Holder = { [SUPPRESSIONS]?: Map<string, string> };

/** cdk-nag style suppressions for the VMO rules. */
export class VmoSuppressions {
  /**
   * Suppresses rules on `scope` and its children. Throws for an unknown rule id or an empty reason, so a typo
   * cannot silently switch off nothing, and every suppression carries a reason reviewers can read.
   */
  public static addSuppressions(scope: IConstruct, suppressions: readonly VmoSuppression[]): void {
    for (const s of suppressions) {
      if (!findVmoRule(s.id)) {
        throw new Error(
          `VmoSuppressions on ${pathOf(scope)}: "${s.id}" is not a VMO rule id; ${expectedOneOf(
            String(s.id),
            VMO_RULES.map((r) => r.id),
          )}.`,
        );
      }
      if (typeof s.reason !== "string" || !s.reason.trim()) {
        throw new Error(`VmoSuppressions on ${pathOf(scope)}: suppressing ${s.id} needs a non-empty reason; say why the finding is acceptable here.`);
      }
    }
    const holder = scope as Holder;
    let map = holder[SUPPRESSIONS];
    if (!map) {
      map = new Map();
      Object.defineProperty(holder, SUPPRESSIONS, { value: map, enumerable: false });
    }
    for (const s of suppressions) map.set(s.id, s.reason.trim());
  }

  /** The reason `id` is suppressed on `construct` (by itself or its nearest suppressing ancestor), or undefined. */
  public static reasonFor(construct: IConstruct, id: string): string | undefined {
    for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
      const reason = (c as Holder)[SUPPRESSIONS]?.get(id);
      if (reason !== undefined) return reason;
    }
    return undefined;
  }
}

function pathOf(scope: IConstruct): string {
  return scope.node.path || "<app>";
}
