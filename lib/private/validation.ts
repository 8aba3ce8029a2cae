// Small shared helpers for validation messages (did-you-mean, expected-one-of).
import { IConstruct } from "constructs";
import { closest } from "./spelling";

export { closest };

/**
 * Registers a validation. cdktf prefixes each message with the construct path when it reports it, so a
 * message only has to name the field, the value and the fix.
 */
export function addValidation(scope: IConstruct, check: () => string[]): void {
  scope.node.addValidation({ validate: check });
}

/** Returns a message list from a function that may throw a user-facing error. */
export function collect(fn: () => void): string[] {
  try {
    fn();
    return [];
  } catch (err) {
    return [(err as Error).message];
  }
}

/** `one of "a", "b" or "c"` plus a did-you-mean hint when the input is close to one of them. */
export function expectedOneOf(input: string, allowed: readonly string[]): string {
  const list = allowed.map((a) => `"${a}"`);
  const text = list.length > 1 ? `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}` : list[0];
  const hint = closest(input, allowed);
  return `expected one of ${text}${hint ? ` (did you mean "${hint}"?)` : ""}`;
}
