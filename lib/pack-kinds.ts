// Which pack installs the CustomResourceDefinitions of which API groups: one table for the constructs that order
// manifest layers after their CRDs and for the offline Palette that fails a layer applied before them.
import { VMO_PACK } from "./versions";

/**
 * API groups whose kinds Kubernetes serves without a CRD (the core group is `""`, `apiVersion: v1`). A manifest
 * object of these groups applies whenever its namespace exists.
 */
export const BUILT_IN_API_GROUPS: readonly string[] = [
  "",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "apps",
  "authorization.k8s.io",
  "autoscaling",
  "batch",
  "certificates.k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "events.k8s.io",
  "networking.k8s.io",
  "node.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "scheduling.k8s.io",
  "storage.k8s.io",
];

/**
 * The API groups the VMO pack brings CRDs for, with where each comes from. The 4.10 pack bundles KubeVirt, CDI,
 * Multus, the snapshot controller and the VMO Manager CRDs chart (vmo-pack/vmo-pack-parameters.md, "Components");
 * VMO Manager's own kinds (VmoRole, VmoAuditEvent, ...) are in `virtualization.spectrocloud.com`
 * (vm-launchpad/system/audit.md: "`VmoAuditEvent` custom resources in the `virtualization.spectrocloud.com/v1beta1`
 * API group"; VMO Manager is the service behind VM Launchpad, vmo-pack/upgrade-vmo-pack.md); VM templates are
 * `VmTemplate` in `spectrocloud.com/v1`, a kind the VMO pack serves (create-manage-vm/create-vm-template.md).
 */
const VMO_PACK_GROUPS: readonly string[] = [
  "kubevirt.io",
  "cdi.kubevirt.io",
  "clone.kubevirt.io",
  "export.kubevirt.io",
  "instancetype.kubevirt.io",
  "migrations.kubevirt.io",
  "pool.kubevirt.io",
  "snapshot.kubevirt.io",
  "k8s.cni.cncf.io",
  "snapshot.storage.k8s.io",
  "virtualization.spectrocloud.com",
  "spectrocloud.com",
];

/** API group -> the pack (by registry name) whose installation creates its CRDs. */
export const CRD_PROVIDING_PACKS: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(VMO_PACK_GROUPS.map((g) => [g, VMO_PACK.name])));

/** The API group of an `apiVersion` (`group/version`, or `version` for the core group). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

/**
 * The pack that must be installed before an object of `apiVersion` can be applied: a pack name, `undefined` for
 * built-in groups, or `null` for a group this table does not know (its CRD comes from somewhere else).
 */
export function crdProvidingPack(apiVersion: string): string | undefined | null {
  const group = apiGroupOf(apiVersion);
  if (BUILT_IN_API_GROUPS.includes(group)) return undefined;
  return CRD_PROVIDING_PACKS[group] ?? null;
}

/** The values key that orders a profile's layers (create-addon-profile, "Install Order"). */
export const INSTALL_PRIORITY_KEY = "spectrocloud.com/install-priority";

/**
 * A layer's install priority from its values (`pack."spectrocloud.com/install-priority"`, a string or a number),
 * 0 when unset: "The default install order value is 0 ... The lowest-numbered packs will be installed first"
 * (docs.spectrocloud.com profiles/cluster-profiles/create-cluster-profiles/create-addon-profile, "Install Order").
 * Undefined when the value is not an integer.
 */
export function installPriorityOf(values: unknown): number | undefined {
  const pack = typeof values === "object" && values !== null ? (values as Record<string, unknown>).pack : undefined;
  const raw = typeof pack === "object" && pack !== null ? (pack as Record<string, unknown>)[INSTALL_PRIORITY_KEY] : undefined;
  if (raw === undefined || raw === null || raw === "") return 0;
  const n = typeof raw === "number" ? raw : typeof raw === "string" && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  return Number.isInteger(n) ? n : undefined;
}
