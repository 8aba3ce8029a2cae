// The plan JSON with sensitive values masked: tfplan.json is kept beside the plan and uploaded by CI.

const REDACTED = "(sensitive value)";

/** Replaces the parts of `value` that Terraform's sensitivity mask marks (true, or nested per key / index). */
function mask(value: any, sensitive: any): any {
  if (sensitive === true) return value === null || value === undefined ? value : REDACTED;
  if (!sensitive || typeof sensitive !== "object" || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v, i) => mask(v, Array.isArray(sensitive) ? sensitive[i] : undefined));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, sensitive[k])]));
}

/**
 * The plan JSON without the values of sensitive variables and attributes. `terraform show -json` prints them in
 * clear (with a mask beside them); the file is kept next to the plan and uploaded by CI, so it must not hold
 * the secrets the stack takes from TF_VAR_*.
 */
export function redactPlan(plan: any): any {
  const copy = JSON.parse(JSON.stringify(plan));
  const declared = copy.configuration?.root_module?.variables ?? {};
  for (const [name, v] of Object.entries<any>(copy.variables ?? {})) if (declared[name]?.sensitive) v.value = REDACTED;
  for (const list of [copy.resource_changes, copy.resource_drift]) {
    for (const rc of list ?? []) {
      rc.change.before = mask(rc.change.before, rc.change.before_sensitive);
      rc.change.after = mask(rc.change.after, rc.change.after_sensitive);
    }
  }
  for (const oc of Object.values<any>(copy.output_changes ?? {})) {
    oc.before = mask(oc.before, oc.before_sensitive);
    oc.after = mask(oc.after, oc.after_sensitive);
  }
  const module = (m: any) => {
    for (const r of m?.resources ?? []) r.values = mask(r.values, r.sensitive_values);
    for (const child of m?.child_modules ?? []) module(child);
  };
  for (const values of [copy.planned_values, copy.prior_state?.values]) {
    module(values?.root_module);
    for (const o of Object.values<any>(values?.outputs ?? {})) if (o.sensitive) o.value = REDACTED;
  }
  return copy;
}
