/**
 * The `immutable-clusterprofiles` feature preview: resourceClusterProfileCustomizeDiff
 * (resource_cluster_profile.go), with hasSemanticPackChange / hasSemanticProfileVariablesChange comparing
 * packs and variables canonically (values trimmed, empty type = spectro, uid ignored).
 */
import { Obj, Value, equal, isObj } from "../cty";
import { str } from "./common";

/** resourceClusterProfileCustomizeDiff under the immutable-clusterprofiles preview (only called for updates). */
export function immutableProfileDiff(prior: Value, planned: Value): { forceVersion: boolean; error?: string } {
  if (!isObj(prior) || !isObj(planned)) return { forceVersion: false };
  const name = str(planned.name);
  const version = str(planned.version);
  if (!equal(prior.version, planned.version)) {
    if (planned.skip_destroy === true) return { forceVersion: true };
    return {
      forceVersion: true,
      error:
        `immutable-clusterprofiles: version changes on ${JSON.stringify(name)} require skip_destroy = true and ` +
        "lifecycle { create_before_destroy = true } on the resource, so that the previous version is preserved in Palette while Terraform replaces the resource. Add both to your resource block:\n\n" +
        `  resource "spectrocloud_cluster_profile" ${JSON.stringify(name)} {\n    # ...\n    skip_destroy = true\n\n    lifecycle {\n      create_before_destroy = true\n    }\n  }\n\n` +
        'This follows the standard Terraform Plugin SDK v2 immutable-versioned-resource pattern used by aws_lambda_layer_version and similar resources. See the "Immutable versioning" section of the spectrocloud_cluster_profile docs for a full example.',
    };
  }
  const changed = ["name", "tags", "description"].filter((f) => !equal(prior[f], planned[f]));
  if (!equal(canonicalPacks(prior.pack), canonicalPacks(planned.pack))) changed.push("pack");
  if (!equal(canonicalVariables(prior.profile_variables), canonicalVariables(planned.profile_variables))) changed.push("profile_variables");
  if (!changed.length) return { forceVersion: false };
  return {
    forceVersion: false,
    error:
      `immutable-clusterprofiles: cluster profile versions are immutable. Detected changes to field(s) [${changed.join(" ")}] on ${JSON.stringify(name)} (version ${JSON.stringify(version)}) without a corresponding version bump. ` +
      `To push these changes, increment the version field (e.g., ${JSON.stringify(version)} -> ${JSON.stringify(bumpPatch(version))}) so the provider creates a new immutable version via the clone endpoint while the previous version is preserved in Palette. ` +
      'If you intentionally want to mutate the existing version in place, remove the "immutable-clusterprofiles" feature_preview flag from your provider block (note: this reverts to the legacy destructive PUT behavior and is not recommended).',
  };
}

function bumpPatch(v: string): string {
  const parts = v.split(".");
  const n = Number.parseInt(parts[parts.length - 1], 10);
  if (Number.isNaN(n) || n < 0) return "<next-version>";
  parts[parts.length - 1] = String(n + 1);
  return parts.join(".");
}

/** hasSemanticPackChange: values/content trimmed, empty type = spectro, uid ignored. */
function canonicalPacks(v: Value): Value {
  if (!Array.isArray(v)) return [];
  return v.map((p) => {
    const o = isObj(p) ? p : {};
    return {
      name: str(o.name),
      tag: str(o.tag),
      type: str(o.type) || "spectro",
      values: str(o.values).trim(),
      registry_uid: str(o.registry_uid),
      registry_name: str(o.registry_name),
      manifest: (Array.isArray(o.manifest) ? o.manifest : []).map((m) => ({ name: str((m as Obj).name), content: str((m as Obj).content).trim() })),
    };
  });
}

/** hasSemanticProfileVariablesChange: defaults for format/input_type, computed option defaults ignored. */
function canonicalVariables(v: Value): Value {
  const blocks = Array.isArray(v) ? v : [];
  return blocks.flatMap((b) =>
    (isObj(b) && Array.isArray(b.variable) ? b.variable : []).map((x) => {
      const o = isObj(x) ? x : {};
      return {
        ...o,
        format: str(o.format) || "string",
        input_type: str(o.input_type) || "text",
        hidden: o.hidden === true,
        immutable: o.immutable === true,
        is_sensitive: o.is_sensitive === true,
        required: o.required === true,
        options: (Array.isArray(o.options) ? o.options : []).map((op) => ({ ...(op as Obj), default: null })),
      };
    }),
  );
}
