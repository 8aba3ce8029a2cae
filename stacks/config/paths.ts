// Config paths: the keys that lead to a field of an environment file, and how messages write them.

/** One step into an environment file: a mapping key or a list index. */
export type Key = string | number;

/** `profiles[0].clusters[1].name` for ["profiles", 0, "clusters", 1, "name"]. */
export function pathText(keys: readonly Key[]): string {
  return keys.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}
