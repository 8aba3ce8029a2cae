// VMO-011: secrets come from profile variables, never from code.
import { IConstruct } from "constructs";
import { parseAllDocuments } from "yaml";
import { PackLayer } from "../pack-layer";
import { PackValuesError, parsePackValues } from "../values";
import { VmRoleBindings } from "../vm-role-bindings";
import { VmoAddonProfile } from "../vmo-addon-profile";
import { VmoClusterAttachment } from "../vmo-cluster-attachment";
import { VmoIamMappings } from "../vmo-iam";
import { VmoManifestLayer } from "../vmo-manifest-layer";
import { findInlineSecrets, findInlineSecretsAt, isLiteralString, isSecretKeyName, secretValueKind } from "./helpers";
import { IVmoRule, RuleFinding, VmoRuleLevel } from "./rule";

/** VMO-011: secrets come from profile variables, never from code. */
export const VMO_011: IVmoRule = {
  id: "VMO-011",
  name: "no-inline-secrets",
  level: VmoRuleLevel.ERROR,
  description:
    "Pack values, manifests (including Kubernetes Secret data), per-cluster pack values, attachment variables or profile variable defaults hold something that looks like a secret: a literal string under a password/secret/token/key-like name, or a value shaped like a PEM private key, a JSON Web Token, a GitHub token or an AWS access key id. Terraform tokens and Palette {{ ... }} macros (e.g. {{ .spectro.var.LOCAL_ADMIN_PASSWORD }}) are fine. Messages name the path, never the value.",
  rationale:
    "Error: an inlined secret is written in clear text to cdk.tf.json, the Terraform state, the Git history of the code and the Palette profile, which everyone who can read the profile sees; it has to be rotated once it is there, so it must not reach synthesis output.",
  fix: "Reference a profile variable in the values ({{ .spectro.var.NAME }}), declare it with isSensitive: true, and pass its value through the attachment's variables from a sensitive TerraformVariable (TF_VAR_...). If the flagged value is not a secret, suppress VMO-011 on the construct with that reason.",
  docUrl: "https://docs.spectrocloud.com/vm-management/vmo-pack/authentication-options/",
  check(construct: IConstruct): RuleFinding[] {
    if (PackLayer.isPackLayer(construct)) return inLayer(construct);
    if (VmoClusterAttachment.isVmoClusterAttachment(construct)) return inAttachment(construct);
    if (VmoAddonProfile.isVmoAddonProfile(construct)) return inProfileVariables(construct);
    return [];
  },
};

const message = (where: string) => `${where}; it would land in cdk.tf.json, the Terraform state and the Palette profile in clear text.`;
const finding = (field: (string | number)[], where: string): RuleFinding => ({ field, message: message(where) });

function inLayer(layer: PackLayer): RuleFinding[] {
  const out = findInlineSecretsAt(layer.values, `pack "${layer.packName}" values`).map((f) => finding(["values", ...f.keys], f.text));
  const found: string[] = [];
  // Role bindings and VMO IAM mappings name subjects, never secrets: the manifest layer is scanned without them.
  const subjectsOnly = (c: unknown) => VmRoleBindings.isVmRoleBindings(c) || VmoIamMappings.isVmoIamMappings(c);
  const manifests = VmoManifestLayer.isVmoManifestLayer(layer)
    ? [...layer.contributors.filter((c) => !subjectsOnly(c)).flatMap((c) => c.manifests), ...layer.ownManifests]
    : layer.manifests;
  for (const m of manifests) {
    const at = `pack "${layer.packName}" manifest "${m.name}"`;
    const docs = parseAllDocuments(m.content);
    const parsed = Array.isArray(docs) && docs.every((d) => d.errors.length === 0);
    if (parsed) docs.forEach((d, i) => found.push(...findInlineSecrets(d.toJS(), docs.length > 1 ? `${at} document ${i + 1}` : at)));
    else {
      const kind = secretValueKind(m.content);
      if (kind) found.push(`${at} holds ${kind}`);
    }
  }
  return [...out, ...found.map((f) => finding(["manifests"], f))];
}

function inAttachment(attachment: VmoClusterAttachment): RuleFinding[] {
  const found: RuleFinding[] = [];
  const packValues = attachment.options.packValues ?? {};
  for (const packName of Object.keys(packValues)) {
    try {
      const at = findInlineSecretsAt(parsePackValues(packValues[packName], "packValues"), `packValues.${packName}`);
      found.push(...at.map((f) => finding(["packValues", packName, ...f.keys], f.text)));
    } catch (err) {
      // Unparseable values are already a validation error of the attachment.
      if (!(err instanceof PackValuesError)) throw err;
    }
  }
  const declared = new Map(attachment.profile.declaredVariables.map((v) => [v.name, v]));
  for (const [name, value] of Object.entries(attachment.options.variables ?? {})) {
    // Literal values of sensitive variables are already a validation error of the attachment.
    if (declared.get(name)?.isSensitive) continue;
    const kind = typeof value === "string" ? secretValueKind(value) : undefined;
    if (kind) found.push(finding(["variables", name], `variables.${name} holds ${kind}`));
    else if (isSecretKeyName(name) && isLiteralString(value))
      found.push(finding(["variables", name], `variables.${name} is a literal value for a secret-like variable that is not declared isSensitive`));
  }
  return found;
}

function inProfileVariables(profile: VmoAddonProfile): RuleFinding[] {
  const out: RuleFinding[] = [];
  profile.declaredVariables.forEach((v, i) => {
    if (v.isSensitive || v.defaultValue === undefined) return;
    if ((isSecretKeyName(v.name) && isLiteralString(v.defaultValue)) || secretValueKind(v.defaultValue) !== undefined) {
      out.push(finding(["variables", i, "defaultValue"], `variables: "${v.name}" has a literal defaultValue and looks like a secret but is not isSensitive`));
    }
  });
  return out;
}
