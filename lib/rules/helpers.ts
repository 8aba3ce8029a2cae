// Shared, side-effect-free helpers for the rule files. Not exported from the package barrel.
import { IConstruct } from "constructs";
import { Token } from "../cdktf";
import { IPackLayer } from "../pack-layer";
import { ClusterProfile } from "../provider";
import { isValuesObject } from "../values";
import { vmDashboardIntegrationEnabled } from "../spectro-proxy-pack";
import { BINDABLE_ROLES, IVmRoleBindings, KubernetesRole, SUBJECT_KINDS, VmRoleBinding, VmRoleBindings, bindingScopes } from "../vm-role-bindings";
import type { IVmoAddonProfile } from "../cluster-profile";
import { VmoAddonProfile } from "../vmo-addon-profile";
import { VmoClusterAttachment } from "../vmo-cluster-attachment";
import { VmoIamGrant, k8sNotFederated, vmoIamGrants } from "../vmo-iam";
import { VmoValuesLayout } from "../vmo-pack";

/**
 * The value a raw `addOverride` put at `path` (snake_case, as in the JSON), if any. Overrides are the escape
 * hatch users reach for, so rules look at them before the typed attribute.
 */
export function overrideAt(element: IConstruct, path: readonly string[]): { readonly found: boolean; readonly value?: unknown } {
  // rawOverrides is protected on TerraformElement; reading it is the only way to see overrides before synthesis.
  let cur: unknown = (element as unknown as { rawOverrides?: unknown }).rawOverrides;
  for (const key of path) {
    if (!isValuesObject(cur) || !(key in cur)) return { found: false };
    cur = cur[key];
  }
  return { found: true, value: cur };
}

/** True for plain strings: not a Terraform token and not a Palette `{{ ... }}` macro. */
export function isLiteralString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && !Token.isUnresolved(value) && !/\{\{.*\}\}/s.test(value);
}

export function findLayer(layers: readonly IPackLayer[], packName: string): IPackLayer | undefined {
  return layers.find((l) => l.packName === packName);
}

/** The `spectrocloud_cluster_profile` resource behind `construct`, or undefined for anything else. */
export function asClusterProfile(construct: IConstruct): ClusterProfile | undefined {
  // By resource type, not instanceof: another copy of the generated bindings makes another ClusterProfile class.
  return (construct as Partial<ClusterProfile>).terraformResourceType === ClusterProfile.tfResourceType ? (construct as ClusterProfile) : undefined;
}

/** The profile type as Terraform will see it (overrides first, provider default `add-on`); undefined if a token. */
export function profileType(resource: ClusterProfile): string | undefined {
  const override = overrideAt(resource, ["type"]);
  const type = override.found ? override.value : resource.typeInput;
  if (type === undefined || type === null) return "add-on";
  return typeof type === "string" && !Token.isUnresolved(type) ? type : undefined;
}

/** Names of the profile's `pack {}` blocks, bottom to top; empty when they are a token. */
export function profilePackNames(resource: ClusterProfile): string[] {
  const override = overrideAt(resource, ["pack"]);
  const packs: unknown = override.found ? override.value : resource.packInput;
  if (!Array.isArray(packs)) return [];
  return packs.map((p) => (isValuesObject(p) && typeof p.name === "string" ? p.name : "")).filter((n) => n !== "");
}

/** Whether a `spectro-proxy` layer's effective values turn the VM dashboard integration on. */
export function proxyHasVmDashboardIntegration(layer: IPackLayer): boolean {
  return vmDashboardIntegrationEnabled(layer.values);
}

// ---- secrets ----------------------------------------------------------------------------------------------

/** Key names (lowercased, without `-`, `_`, `.`) whose string values are secrets. */
const SECRET_KEY = /(password|passwd|passphrase|secret|token|apikey|privatekey|secretkey|accesskey|sessionkey|credential|credentials)$/;
/** `existingSecret` and the like name a Kubernetes Secret; they do not hold one. */
const SECRET_REFERENCE_KEY = /^(existing|use|create|enable)/;

/** Value shapes that are secrets whatever the key: PEM private keys, JWTs, GitHub and AWS access keys. */
const SECRET_VALUES: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/, what: "a PEM private key" },
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, what: "a JSON Web Token" },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, what: "a GitHub token" },
  { pattern: /\bAKIA[0-9A-Z]{16}\b/, what: "an AWS access key id" },
];

export function isSecretKeyName(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_.\s]/g, "");
  return SECRET_KEY.test(k) && !SECRET_REFERENCE_KEY.test(k);
}

/** What a value looks like when it matches a secret pattern, else undefined. */
export function secretValueKind(value: string): string | undefined {
  if (Token.isUnresolved(value) && !value.includes("-----BEGIN")) return undefined;
  return SECRET_VALUES.find((s) => s.pattern.test(value))?.what;
}

/**
 * Where `data` holds inlined secrets, as `path: why` strings; never the values themselves, since they end up in
 * warnings and logs.
 */
export function findInlineSecrets(data: unknown, path: string): string[] {
  return findInlineSecretsAt(data, path).map((f) => f.text);
}

/** As findInlineSecrets, with each finding's keys below `data`. */
export function findInlineSecretsAt(data: unknown, path: string): { readonly text: string; readonly keys: (string | number)[] }[] {
  const out: { text: string; keys: (string | number)[] }[] = [];
  walk(data, path, [], undefined, out);
  return out;
}

function walk(value: unknown, path: string, keys: (string | number)[], key: string | undefined, out: { text: string; keys: (string | number)[] }[]): void {
  if (typeof value === "string") {
    const kind = secretValueKind(value);
    if (kind) out.push({ text: `${path} holds ${kind}`, keys });
    else if (key !== undefined && isSecretKeyName(key) && isLiteralString(value))
      out.push({ text: `${path} is a literal value under a secret-like key`, keys });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, [...keys, i], key, out));
    return;
  }
  if (isValuesObject(value)) {
    const secretObject = value.kind === "Secret" && typeof value.apiVersion === "string";
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      // A Kubernetes Secret's data/stringData hold secrets whatever their keys are called.
      if (secretObject && (k === "data" || k === "stringData") && isValuesObject(v)) {
        for (const [dk, dv] of Object.entries(v)) {
          if (isLiteralString(dv)) out.push({ text: `${at}.${dk} is a literal value in a Kubernetes Secret`, keys: [...keys, k, dk] });
        }
        continue;
      }
      walk(v, at, [...keys, k], k, out);
    }
  }
}

// ---- role bindings ----------------------------------------------------------------------------------------

/** One subject bound to one role in one scope, with where the binding came from. */
export interface BindingGrant {
  readonly subject: string;
  readonly role: string;
  /**
   * The namespace of the grant.
   * @default - cluster wide
   */
  readonly namespace?: string;
  /** e.g. `bindings[2]` or `roleBindings[0]`. */
  readonly source: string;
  /** The binding's index in its list. */
  readonly index: number;
}

/**
 * Expands bindings into grants (subject x scope), skipping entries that the construct's own validation already
 * rejects (unknown roles or kinds, empty names), so rules never duplicate those errors.
 */
export function expandGrants(bindings: readonly VmRoleBinding[], vmNamespaces: readonly string[], field: string): BindingGrant[] {
  const grants: BindingGrant[] = [];
  bindings.forEach((b, i) => {
    if (!BINDABLE_ROLES.includes(b.role) || !b.subjects?.length) return;
    if (b.allVmNamespaces && b.namespaces?.length) return;
    const scopes = bindingScopes(b, vmNamespaces);
    for (const s of b.subjects) {
      if (!SUBJECT_KINDS.includes(s.kind) || !s.name || !s.name.trim()) continue;
      const subject = s.namespace ? `${s.kind} "${s.namespace}/${s.name}"` : `${s.kind} "${s.name}"`;
      for (const namespace of scopes) grants.push({ subject, role: b.role, namespace, source: `${field}[${i}]`, index: i });
    }
  });
  return grants;
}

const K8S_ROLES: readonly string[] = Object.values(KubernetesRole);

/** VM roles and Kubernetes roles are separate families: the docs pair one of each for console access. */
export function roleFamily(role: string): "kubernetes" | "vm" {
  return K8S_ROLES.includes(role) ? "kubernetes" : "vm";
}

export function describeScope(namespace: string | undefined): string {
  return namespace === undefined ? "cluster wide" : `in namespace "${namespace}"`;
}

// ---- VMO IAM ----------------------------------------------------------------------------------------------

/**
 * What VMO IAM makes of `bindings` on `profile` (its own or a cluster's), or undefined where VMO IAM does not
 * exist: a profile made elsewhere (no VMO layer known) or a legacy VMO version (before 4.10). `byHand` are
 * role bindings added to the profile's manifest layer by hand (not its `roleBindings`), which carry no mappings.
 */
export function vmoIamGrantsOn(profile: IVmoAddonProfile, bindings: readonly VmRoleBinding[], byHand?: IVmRoleBindings): VmoIamGrant[] | undefined {
  if (profile.vmoIamMappings && !byHand) return profile.vmoIamMappings.grantsOf(bindings);
  const vmo = profile.vmoPack;
  if (!vmo || vmo.layout !== VmoValuesLayout.DEPLOYMENT_MODE) return undefined;
  const source = byHand ?? profile.roleBindings;
  return vmoIamGrants(bindings, {
    groupPrefix: source?.prefixes?.groupPrefix,
    usernamePrefix: source?.prefixes?.usernamePrefix,
    vmNamespaces: source?.vmNamespaces ?? profile.vmNamespaces,
    k8sNotFederated: k8sNotFederated(vmo.values),
    enabled: false,
  });
}

/** Bindings a rule looks at, the field they sit under, the profile they run on, and the construct if added by hand. */
export interface BoundSet {
  readonly profile: IVmoAddonProfile;
  readonly bindings: readonly VmRoleBinding[];
  readonly field: string[];
  readonly byHand?: IVmRoleBindings;
}

/**
 * The binding sets on `construct`: a profile's `roleBindings`, VmRoleBindings added to its manifest layer by hand,
 * or an attachment's own.
 */
export function boundOn(construct: IConstruct): BoundSet[] {
  if (VmoAddonProfile.isVmoAddonProfile(construct)) {
    const own: BoundSet[] = construct.roleBindings
      ? [{ profile: construct, bindings: construct.roleBindings.bindings, field: ["roleBindings", "bindings"] }]
      : [];
    const byHand = (construct.manifestLayer?.contributors ?? [])
      .filter((c): c is VmRoleBindings => VmRoleBindings.isVmRoleBindings(c) && c !== construct.roleBindings)
      .map((c) => ({ profile: construct, bindings: c.bindings, field: ["manifests", c.manifestName, "bindings"], byHand: c }));
    return [...own, ...byHand];
  }
  if (VmoClusterAttachment.isVmoClusterAttachment(construct)) {
    const extra = construct.options.roleBindings ?? [];
    return extra.length > 0 ? [{ profile: construct.profile, bindings: extra, field: ["roleBindings"] }] : [];
  }
  return [];
}

/** Each set's grants, for the rules to filter. */
export function grantsOn(construct: IConstruct): { set: BoundSet; grant: VmoIamGrant }[] {
  return boundOn(construct).flatMap((set) => (vmoIamGrantsOn(set.profile, set.bindings, set.byHand) ?? []).map((grant) => ({ set, grant })));
}

/** `Group "x" (roleBindings[0], spectro-vm-user in namespaces "a", "b")`. */
export function describeGrant(g: VmoIamGrant, field: readonly string[]): string {
  const who = g.namespace ? `${g.kind} "${g.namespace}/${g.name}"` : `${g.kind} "${g.name}"`;
  const scope = g.namespaces ? `in namespace${g.namespaces.length > 1 ? "s" : ""} ${g.namespaces.map((n) => `"${n}"`).join(", ")}` : "cluster wide";
  return `${who} (${field[field.length - 1]}[${g.index}], ${g.bindingRole} ${scope})`;
}

/** The finding's field: the subject inside the binding. */
export function grantField(g: VmoIamGrant, bindings: readonly VmRoleBinding[], field: readonly string[]): (string | number)[] {
  const j = bindings[g.index]?.subjects.findIndex((s) => s.kind === g.kind && s.name === g.name && s.namespace === g.namespace) ?? -1;
  return j >= 0 ? [...field, g.index, "subjects", j] : [...field, g.index];
}
