// Terraform template syntax: where a `${...}` expression ends, shared by the validator and the HCL converter.

/** Index of the `}` closing an expression that starts at `start`, minding nested braces and quoted strings. */
export function matchBrace(s: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      else if (c === "$" && s[i + 1] === "{") {
        const end = matchBrace(s, i + 2);
        if (end < 0) return -1;
        i = end;
      }
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}
