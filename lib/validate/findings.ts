// Validator findings: rule ids, messages and fixes, and the helpers that phrase them.
import { closest } from "../private/spelling";

/** Every rule the validator can report; the ids are stable so CI can filter on them. */
export const RULES = {
  "unknown-top-level": "a top-level key Terraform does not know",
  "unknown-type": "a spectrocloud_ resource or data source type the provider does not have",
  "unknown-attribute": "an attribute or nested block the schema does not have",
  "missing-required": "a required attribute or nested block is not set",
  "read-only-set": "a computed-only (read-only) attribute is set",
  "wrong-type": "a value whose JSON type Terraform cannot convert to the schema type",
  "block-count": "a nested block occurs fewer than min_items or more than max_items times",
  "item-count": "a list or set attribute has fewer than min_items or more than max_items elements",
  enum: "a value outside the provider's allowed values (StringInSlice)",
  "value-range": "a number outside the provider's IntBetween / IntAtLeast bounds",
  pattern: "a string that does not match the provider's StringMatch pattern",
  "not-empty": "an empty string where the provider requires StringIsNotEmpty",
  "disallowed-value": "a value the provider rejects with StringNotInSlice",
  "conflicts-with": "two attributes set that the provider declares as ConflictsWith",
  "exactly-one-of": "not exactly one of an ExactlyOneOf group is set",
  "at-least-one-of": "none of an AtLeastOneOf group is set",
  "required-with": "an attribute set without the attributes it is RequiredWith",
  "dangling-reference": "a reference to a resource, data source, variable, local, module, provider alias or attribute that is not there",
  "pack-source": "a non-manifest cluster profile pack with neither uid nor name + tag + registry",
  "pack-registry-conflict": "a cluster profile pack with both registry_uid and registry_name",
  "duplicate-name": "two packs, manifests or profile variables with the same name where the provider needs them unique",
  "profile-cloud-type": 'a cluster profile with cloud "all" whose type is not "add-on"',
  "addon-profile-count": "an add-on deployment without exactly one cluster_profile block",
  "addon-deployment-disabled": "an add-on deployment whose provider sets feature_flag.disable_addon_deployment_resource",
  "pack-simple-registry": "a spectrocloud_pack_simple lookup of a non-manifest pack without registry_uid",
} as const;

export type RuleId = keyof typeof RULES;

export interface Finding {
  /** The cdk.tf.json file, relative to the working directory. */
  readonly file: string;
  /** Where in the file, e.g. `resource.spectrocloud_cluster_profile.P.pack[1].tag`. */
  readonly path: string;
  readonly rule: RuleId;
  /** What was found and what was expected. */
  readonly message: string;
  readonly fix: string;
}

/** Collects the findings of one file; checks report through it so file and ordering stay in one place. */
export class FindingSink {
  public readonly findings: Finding[] = [];
  constructor(public readonly file: string) {}

  add(path: string, rule: RuleId, message: string, fix: string): void {
    this.findings.push({ file: this.file, path, rule, message, fix });
  }
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A string that holds a Terraform template (`${...}` or `%{...}`), whose value is only known at plan time. */
export function isToken(v: unknown): v is string {
  return typeof v === "string" && (v.includes("${") || v.includes("%{"));
}

/** Set in Terraform's sense: present and not null. */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** Short description of a JSON value for messages: its kind and, for scalars, the value. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "object") {
    const keys = Object.keys(v);
    return keys.length ? `an object with keys ${keys.slice(0, 5).join(", ")}${keys.length > 5 ? ", ..." : ""}` : "an empty object";
  }
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)}`;
  return `${typeof v === "boolean" ? "bool" : typeof v} ${String(v)}`;
}

export function quoteList(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

/** " Did you mean `x`?" or "", to append to a message. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const hit = closest(name, candidates);
  return hit ? ` Did you mean \`${hit}\`?` : "";
}
