import { IConstruct } from "constructs";

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

/** Lowercase edit distance, to suggest the intended spelling of an enum value. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const a = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(a, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(a.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** `one of "a", "b" or "c"` plus a did-you-mean hint when the input is close to one of them. */
export function expectedOneOf(input: string, allowed: readonly string[]): string {
  const list = allowed.map((a) => `"${a}"`);
  const text = list.length > 1 ? `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}` : list[0];
  const hint = closest(input, allowed);
  return `expected one of ${text}${hint ? ` (did you mean "${hint}"?)` : ""}`;
}
