// zod's issues in an environment file's words: expected, found, a did-you-mean, at the field.
import { z } from "zod";
import { closest } from "../../lib/private/validation";
import { REMOVED_BACKENDS, TERRAFORM_BACKEND_ARGUMENTS, TERRAFORM_VERSION_READ } from "./backend-arguments";
import { credentialHint } from "./checks";
import type { Key } from "./paths";
import { BACKEND_TYPES, environmentSchema } from "./schema";

export function describeIssue(issue: z.core.$ZodIssue, data: unknown, problem: (keys: readonly Key[], message: string, onKey?: boolean) => void): void {
  const keys = issue.path.filter((k): k is Key => typeof k !== "symbol");
  const found = valueAt(data, keys);
  if (
    keys.length === 2 &&
    keys[0] === "backend" &&
    keys[1] === "type" &&
    typeof found === "string" &&
    Object.prototype.hasOwnProperty.call(REMOVED_BACKENDS, found)
  ) {
    problem(keys, `Terraform ${TERRAFORM_VERSION_READ} says: ${REMOVED_BACKENDS[found]} Pick a backend it has: ${BACKEND_TYPES.join(", ")}.`);
    return;
  }
  switch (issue.code) {
    case "unrecognized_keys":
      for (const key of issue.keys) {
        if (keys[0] === "backend" && credentialHint(key)) {
          problem([...keys, key], credentialHint(key) as string, true);
          continue;
        }
        const allowed = allowedKeys(keys, data);
        const hint = closest(key, allowed);
        const type = keys[0] === "backend" && keys.length === 1 ? String((valueAt(data, ["backend"]) as { type?: unknown })?.type) : undefined;
        const terraformHas =
          type !== undefined && Object.prototype.hasOwnProperty.call(TERRAFORM_BACKEND_ARGUMENTS, type) && TERRAFORM_BACKEND_ARGUMENTS[type].includes(key);
        problem(
          [...keys, key],
          terraformHas
            ? `"${key}" is an argument of Terraform's ${type} backend that environment files do not take yet; allowed here: ${allowed.join(", ")}.`
            : `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}; allowed here: ${allowed.join(", ")}.`,
          true,
        );
      }
      return;
    case "invalid_value": {
      const options = issue.values.map(String);
      const hint = typeof found === "string" ? closest(found, options) : undefined;
      problem(keys, `expected one of ${options.map((o) => `"${o}"`).join(", ")}, found ${show(found)}${hint ? ` (did you mean "${hint}"?)` : ""}.`);
      return;
    }
    case "invalid_type":
      problem(
        keys,
        found === undefined ? `required field is missing (expected ${issue.expected}).` : `expected ${issue.expected}, found ${show(found)}.`,
        found === undefined,
      );
      return;
    case "invalid_union": {
      const options = (issue as { options?: unknown[] }).options?.map(String);
      if (options) {
        const hint = typeof found === "string" ? closest(found, options) : undefined;
        const what = found === undefined ? "nothing" : show(found);
        problem(
          keys,
          `expected one of ${options.map((o) => `"${o}"`).join(", ")}, found ${what}${hint ? ` (did you mean "${hint}"?)` : ""}.`,
          found === undefined,
        );
      } else if (keys[keys.length - 2] === "variables") {
        problem(keys, `expected a string or { secret: <terraform variable name> }, found ${show(found)}.`);
      } else {
        problem(keys, `expected a YAML mapping or a YAML string, found ${show(found)}.`);
      }
      return;
    }
    default:
      problem(keys, `${issue.message}${found !== undefined ? `, found ${show(found)}` : ""}.`);
  }
}

function allowedKeys(keys: readonly Key[], data: unknown): string[] {
  let schema: any = environmentSchema;
  for (let i = 0; i <= keys.length; i++) {
    schema = pickOption(unwrap(schema), valueAt(data, keys.slice(0, i)));
    if (i === keys.length) break;
    const key = keys[i];
    if (typeof key === "number") schema = unwrap(schema)?._zod?.def?.element;
    else schema = schema?._zod?.def?.shape?.[key];
  }
  return Object.keys(unwrap(schema)?._zod?.def?.shape ?? {});
}

/** The option of a discriminated union (the backends, by `type`) that `value` is meant to be. */
function pickOption(schema: any, value: unknown): any {
  const options: any[] | undefined = schema?._zod?.def?.options;
  const discriminator: string | undefined = schema?._zod?.def?.discriminator;
  if (!options || !discriminator) return schema;
  const tag = (value as Record<string, unknown> | undefined)?.[discriminator];
  return options.find((o) => unwrap(o)?._zod?.def?.shape?.[discriminator]?._zod?.def?.values?.includes(tag)) ?? schema;
}

function unwrap(schema: any): any {
  while (schema?._zod?.def?.innerType) schema = schema._zod.def.innerType;
  return schema;
}

function valueAt(data: unknown, keys: readonly Key[]): unknown {
  let cur: any = data;
  for (const k of keys) cur = cur == null ? undefined : cur[k];
  return cur;
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list of ${value.length}`;
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}
