// What a saved plan changes, for a VMO reviewer: counts, versions, clusters gaining, losing or moving, warnings.
import { parse } from "yaml";
import { GOLDEN_IMAGE_MANIFEST_PREFIX, PROFILE_REVISION_VARIABLE, SPECTRO_PROXY_PACK, VMO_024, VMO_PACK, isValuesObject, vmoAccessModeOf } from "../../lib";
import { PROTECTED_OUTPUT } from "../outputs";
import { naturalCompare } from "./natural-compare";

export { PROTECTED_OUTPUT };

// Reads `terraform show -json` of a saved plan and says what a reviewer of a VMO change needs to know: counts per
// action, VMO and Spectro Proxy version changes, clusters gaining or losing the add-on, and what the docs warn about.

const VMO = VMO_PACK.name;
const PROXY = SPECTRO_PROXY_PACK.name;

export interface Change<T> {
  readonly from?: T;
  readonly to?: T;
}

export interface ProfileChange {
  readonly address: string;
  readonly name: string;
  readonly action: "create" | "update" | "replace" | "delete";
  readonly version?: Change<string>;
  readonly vmo?: Change<string>;
  readonly proxy?: Change<string>;
  readonly access?: Change<string>;
}

/**
 * Something the Palette docs warn about. `destructive` ones stop `npm run plan` unless allowed; `protected` ones
 * (the detach of an attachment the applied config still protects) stop it whatever the flags.
 */
export interface PlanWarning {
  readonly kind:
    | "detach"
    | "protected-detach"
    | "access-switch"
    | "profile-replace"
    | "golden-image-change"
    | "profile-switch"
    | "team-delete"
    | "check-failed"
    | "vm-delete"
    | "protected-vm-delete"
    | "disk-delete"
    | "protected-delete";
  readonly destructive: boolean;
  readonly protected?: boolean;
  readonly message: string;
}

export interface StackPlanSummary {
  readonly stack: string;
  readonly adds: number;
  readonly changes: number;
  readonly replaces: number;
  readonly destroys: number;
  readonly imports: number;
  /** Outputs that change; an apply is needed to record them in state even when no resource changes. */
  readonly outputs: number;
  readonly profiles: readonly ProfileChange[];
  readonly clustersGaining: readonly string[];
  readonly clustersLosing: readonly string[];
  /** Attachments whose profile revision changes: the cluster moves to the profile's new version or content in this apply. */
  readonly clustersMoving: readonly ClusterMove[];
  /** Palette teams (spectrocloud_team) created, updated, replaced or deleted, by name. */
  readonly teams?: readonly { readonly name: string; readonly action: ProfileChange["action"] }[];
  /** Each `spectrocloud_virtual_machine` the plan creates, changes, replaces or destroys, with its cluster. */
  readonly vms: readonly VmChange[];
  readonly warnings: readonly PlanWarning[];
}

/** A VM the plan touches: `namespace/name` on a cluster (its name when the plan read the cluster, else its UID). */
export interface VmChange {
  readonly address: string;
  readonly vm: string;
  readonly cluster: string;
  readonly action: "create" | "update" | "replace" | "delete";
  /** Top-level arguments an update changes, or the ForceNew paths a replacement comes from. */
  readonly attributes: readonly string[];
}

export interface ClusterMove {
  readonly cluster: string;
  readonly from: string;
  readonly to: string;
}

interface ResourceChange {
  address: string;
  mode: "managed" | "data";
  type: string;
  change: { actions: string[]; before: any; after: any; importing?: unknown; replace_paths?: unknown[][] };
}

const VM_TYPE = "spectrocloud_virtual_machine";
const DATA_VOLUME_TYPE = "spectrocloud_datavolume";
/** Computed VM attributes refreshed from the cluster: they change on their own and say nothing to a reviewer. */
const VM_COMPUTED = new Set(["id", "uid", "resource_version", "generation", "self_link", "status", "annotations"]);

/**
 * Summarizes one stack's plan JSON (`terraform show -json tfplan`). `protectedBefore` is the PROTECTED_OUTPUT
 * list read from state before planning (`terraform output -json`): the plan's prior_state already holds outputs
 * re-evaluated against the new config, so it cannot say what the last apply protected.
 */
export function summarizePlan(stack: string, plan: any, protectedBefore: readonly string[] = []): StackPlanSummary {
  const changes: ResourceChange[] = (plan.resource_changes ?? []).filter((c: ResourceChange) => c.mode === "managed");
  let adds = 0;
  let updates = 0;
  let replaces = 0;
  let destroys = 0;
  let imports = 0;
  for (const c of changes) {
    const a = actionOf(c.change.actions);
    if (a === "create") adds++;
    else if (a === "update") updates++;
    else if (a === "replace") replaces++;
    else if (a === "delete") destroys++;
    if (c.change.importing) imports++;
  }
  const clusterNames = clusterNamesOf(plan);
  const nameOf = (uid: unknown) => (typeof uid === "string" ? (clusterNames.get(uid) ?? uid) : "(known after apply)");

  const profiles: ProfileChange[] = [];
  const warnings: PlanWarning[] = [];
  for (const c of changes.filter((c) => c.type === "spectrocloud_cluster_profile")) {
    const action = actionOf(c.change.actions);
    if (action === "no-op" || action === "read") continue;
    const before = c.change.before ?? undefined;
    const after = c.change.after ?? undefined;
    const p: ProfileChange = {
      address: c.address,
      name: String(after?.name ?? before?.name ?? c.address),
      action,
      version: changed(before?.version, after?.version),
      vmo: changed(packTag(before, VMO), packTag(after, VMO)),
      proxy: changed(packTag(before, PROXY), packTag(after, PROXY)),
      access: changed(accessOf(before), accessOf(after)),
    };
    profiles.push(p);
    if (before && after && p.access && p.access.from && p.access.to) {
      warnings.push({
        kind: "access-switch",
        destructive: true,
        message: `profile ${p.name} switches VMO access from ${p.access.from} to ${p.access.to}; Palette warns against switching a deployed profile between Proxied and Direct (VM consoles and the dashboard URL break until clusters are repaved).`,
      });
    }
    if (before && after) warnings.push(...goldenImageWarnings(p.name, before, after));
    if (action === "replace") {
      warnings.push({
        kind: "profile-replace",
        destructive: false,
        message: `profile ${p.name} is replaced (a new profile UID); every attachment moves to the new profile.`,
      });
    }
  }

  const gaining: string[] = [];
  const losing: string[] = [];
  const moving: ClusterMove[] = [];
  const protectedAddresses = new Set<string>(protectedBefore);
  for (const c of changes.filter((c) => c.type === "spectrocloud_addon_deployment")) {
    const action = actionOf(c.change.actions);
    if (action === "create") gaining.push(nameOf(c.change.after?.cluster_uid));
    if (action === "update") {
      const from = revisionOf(c.change.before);
      const to = revisionOf(c.change.after);
      if (from && to && from !== to) moving.push({ cluster: nameOf(c.change.after?.cluster_uid), from: from.split("+")[0], to: to.split("+")[0] });
      const wasId = c.change.before?.cluster_profile?.[0]?.id;
      const isId = c.change.after?.cluster_profile?.[0]?.id;
      // A profile replaced under the same name (ForceNew) is swapped by name: not a switch.
      const replacedIds = new Set(
        changes.filter((p) => p.type === "spectrocloud_cluster_profile" && actionOf(p.change.actions) === "replace").map((p) => p.change.before?.id),
      );
      if (typeof wasId === "string" && wasId !== isId && !replacedIds.has(wasId)) {
        // UpdateAddonDeployment (palette-sdk-go) replaces a profile only of the same name: a cluster gaining or
        // losing its own copy of the profile would run both.
        warnings.push({
          kind: "profile-switch",
          destructive: true,
          message: `the attachment of cluster ${nameOf(c.change.after?.cluster_uid)} (${c.address}) moves to another cluster profile; the provider adds it without removing profile ${wasId} (it replaces only a profile of the same name), so the cluster would run VMO from both. Detach the old profile from the cluster in Palette right after the apply, or keep the cluster's packValues/roleBindings as they were.`,
        });
      }
    }
    if (action === "delete" || action === "replace") {
      const name = nameOf(c.change.before?.cluster_uid);
      if (action === "delete") losing.push(name);
      if (action === "delete" && protectedAddresses.has(c.address)) {
        warnings.push({
          kind: "protected-detach",
          destructive: true,
          protected: true,
          message: `VMO would be detached from cluster ${name} (${c.address}), but the applied config protects that attachment (prevent_destroy), and detaching deletes the cluster's VMs. Terraform cannot enforce prevent_destroy once the cluster is gone from config, so this plan refuses. To detach on purpose: set preventDestroy: false on the cluster, apply, then remove it.`,
        });
        continue;
      }
      warnings.push({
        kind: "detach",
        destructive: true,
        message:
          action === "delete"
            ? `VMO is detached from cluster ${name} (${c.address}): the pack's cleanup removes KubeVirt and every VM on it.`
            : `the VMO attachment of cluster ${name} is replaced (${c.address}): detach then attach, which deletes the cluster's VMs.`,
      });
    }
  }
  const vms: VmChange[] = [];
  for (const c of changes.filter((c) => c.type === VM_TYPE)) {
    const action = actionOf(c.change.actions);
    if (action === "no-op" || action === "read") continue;
    // A replacement is named as it is now, with where it goes when its name, namespace or cluster changes.
    const id = (v: any) => `${v?.namespace ?? "default"}/${v?.name ?? c.address}`;
    const from = action === "create" ? c.change.after : c.change.before;
    const to = action === "replace" ? c.change.after : from;
    const vm: VmChange = {
      address: c.address,
      vm: id(from) === id(to) ? id(from) : `${id(from)} -> ${id(to)}`,
      cluster: from?.cluster_uid === to?.cluster_uid ? nameOf(from?.cluster_uid) : `${nameOf(from?.cluster_uid)} -> ${nameOf(to?.cluster_uid)}`,
      action,
      attributes:
        action === "replace"
          ? (c.change.replace_paths ?? []).map((p) => p.join("."))
          : action === "update"
            ? changedArguments(c.change.before, c.change.after).filter((a) => !VM_COMPUTED.has(a))
            : [],
    };
    vms.push(vm);
    if (action === "delete" && protectedAddresses.has(c.address)) {
      warnings.push({
        kind: "protected-vm-delete",
        destructive: true,
        protected: true,
        message: `VM ${vm.vm} on cluster ${vm.cluster} (${c.address}) would be deleted, and its disks with it (its data volume templates and every data volume added to it), but the applied config protects it (prevent_destroy). Terraform cannot enforce prevent_destroy once the VM is gone from config, so this plan refuses. To delete it on purpose: set preventDestroy: false on the VM and suppress ${VMO_024.id} on it with the reason, apply, then remove it.`,
      });
    } else if (action === "delete" || action === "replace") {
      warnings.push({
        kind: "vm-delete",
        destructive: true,
        message:
          action === "delete"
            ? `VM ${vm.vm} on cluster ${vm.cluster} (${c.address}) is deleted, and its disks with it.`
            : `VM ${vm.vm} on cluster ${vm.cluster} (${c.address}) is replaced (${vm.attributes.join(", ") || "a ForceNew argument"} changed): it is deleted with its disks and created again empty.`,
      });
    }
  }
  for (const c of changes.filter((c) => c.type === DATA_VOLUME_TYPE)) {
    const action = actionOf(c.change.actions);
    if (action === "no-op" || action === "read" || action === "create") continue;
    const before = c.change.before ?? {};
    const disk = `${before.metadata?.[0]?.name ?? c.address} of VM ${before.vm_namespace ?? "default"}/${before.vm_name ?? "?"} on cluster ${nameOf(before.cluster_uid)}`;
    warnings.push({
      kind: "disk-delete",
      destructive: true,
      message:
        action === "update"
          ? `data volume ${disk} (${c.address}) changes, and the provider updates a data volume by removing it from the VM and adding it again (resourceKubevirtDataVolumeUpdate): its data does not survive.`
          : `data volume ${disk} (${c.address}) is ${action === "delete" ? "removed" : "replaced"}: its data does not survive.`,
    });
  }
  // Anything else the applied config protects (a type this summary has no words for) is refused the same way.
  for (const c of changes) {
    if (c.type === VM_TYPE || c.type === "spectrocloud_addon_deployment" || !protectedAddresses.has(c.address)) continue;
    if (actionOf(c.change.actions) !== "delete") continue;
    warnings.push({
      kind: "protected-delete",
      destructive: true,
      protected: true,
      message: `${c.address} would be destroyed, but the applied config protects it (prevent_destroy). To destroy it on purpose: turn its preventDestroy off, apply, then remove it.`,
    });
  }
  // The Validate steps as code (check blocks, attachment postconditions) as Terraform evaluated them in this plan.
  for (const check of plan.checks ?? []) {
    if (check.status !== "fail" && check.status !== "error") continue;
    for (const instance of check.instances ?? []) {
      for (const problem of instance.problems ?? []) {
        warnings.push({
          kind: "check-failed",
          destructive: false,
          message: `${instance.address?.to_display ?? check.address?.to_display}: ${problem.message}`,
        });
      }
    }
  }
  // Teams: the provider's Delete deletes the team in Palette (resource_team.go resourceTeamDelete), and a rename
  // is a replace (name is ForceNew): either takes every member's Palette roles away, so it needs consent.
  const teams: { name: string; action: ProfileChange["action"] }[] = [];
  for (const c of changes.filter((c) => c.type === "spectrocloud_team")) {
    const action = actionOf(c.change.actions);
    if (action !== "create" && action !== "update" && action !== "replace" && action !== "delete") continue;
    const name = String((c.change.after ?? c.change.before)?.name ?? c.address);
    teams.push({ name, action });
    if (action === "delete" || action === "replace") {
      warnings.push({
        kind: "team-delete",
        destructive: true,
        message: `Palette team ${String(c.change.before?.name ?? name)} (${c.address}) is ${action === "delete" ? "deleted" : "deleted and created again"}; its members lose the team's Palette roles (and the VM access of the bindings naming its group) until they are granted again.`,
      });
    }
  }
  const outputs = Object.values<any>(plan.output_changes ?? {}).filter((o) => !o.actions.every((a: string) => a === "no-op")).length;
  return {
    stack,
    adds,
    changes: updates,
    replaces,
    destroys,
    imports,
    outputs,
    profiles,
    clustersGaining: gaining.sort(naturalCompare),
    clustersLosing: losing.sort(naturalCompare),
    clustersMoving: moving.sort((a, b) => naturalCompare(a.cluster, b.cluster)),
    ...(teams.length ? { teams: teams.sort((a, b) => naturalCompare(a.name, b.name)) } : {}),
    vms: vms.sort((a, b) => naturalCompare(a.cluster, b.cluster) || naturalCompare(a.vm, b.vm)),
    warnings,
  };
}

export function hasChanges(s: StackPlanSummary): boolean {
  return s.adds + s.changes + s.replaces + s.destroys + s.imports + s.outputs > 0;
}

export function destructiveWarnings(summaries: readonly StackPlanSummary[]): PlanWarning[] {
  return summaries.flatMap((s) => s.warnings.filter((w) => w.destructive));
}

export function protectedWarnings(summaries: readonly StackPlanSummary[]): PlanWarning[] {
  return summaries.flatMap((s) => s.warnings.filter((w) => w.protected));
}

/** The revision variable an attachment carries (lib/vmo-cluster-attachment.ts): `<profile version>+<content hash>`. */
function revisionOf(attachment: any): string | undefined {
  const v = attachment?.cluster_profile?.[0]?.variables?.[PROFILE_REVISION_VARIABLE];
  return typeof v === "string" ? v : undefined;
}

export const moveText = (m: ClusterMove): string => `${m.cluster} ${m.from === m.to ? `${m.to} (new content)` : `${m.from} -> ${m.to}`}`;

function actionOf(actions: readonly string[]): "create" | "update" | "replace" | "delete" | "no-op" | "read" {
  if (actions.includes("create") && actions.includes("delete")) return "replace";
  if (actions.includes("create")) return "create";
  if (actions.includes("delete")) return "delete";
  if (actions.includes("update")) return "update";
  if (actions.includes("read")) return "read";
  return "no-op";
}

/** Top-level keys whose value differs between before and after, sorted. */
function changedArguments(before: any, after: any): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null)).sort();
}

function changed<T>(from: T | undefined, to: T | undefined): Change<T> | undefined {
  return from === to ? undefined : { from, to };
}

function packTag(profile: any, name: string): string | undefined {
  const pack = (profile?.pack ?? []).find((p: any) => p?.name === name);
  return pack ? String(pack.tag ?? "") || undefined : undefined;
}

/** Proxied or Direct, read from the VMO values with the table VmoPack seeds them from (lib/vmo-pack.ts). */
export function accessOf(profile: any): string | undefined {
  const pack = (profile?.pack ?? []).find((p: any) => p?.name === VMO);
  if (!pack || typeof pack.values !== "string") return undefined;
  let values: unknown;
  try {
    values = parse(pack.values, { version: "1.1" });
  } catch {
    return undefined;
  }
  return isValuesObject(values) ? vmoAccessModeOf(values) : undefined;
}

/** Cluster UID -> name, from the `spectrocloud_cluster` lookups the plan read. */
function clusterNamesOf(plan: any): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (module: any) => {
    for (const r of module?.resources ?? []) {
      if (r.mode === "data" && r.type === "spectrocloud_cluster" && r.values?.id && r.values?.name) names.set(r.values.id, r.values.name);
    }
    for (const child of module?.child_modules ?? []) visit(child);
  };
  visit(plan.prior_state?.values?.root_module);
  visit(plan.planned_values?.root_module);
  return names;
}

/** The golden image manifests of a profile state, by manifest name. */
function goldenImagesOf(profile: any): Map<string, string> {
  const out = new Map<string, string>();
  for (const pack of Array.isArray(profile?.pack) ? profile.pack : []) {
    for (const m of Array.isArray(pack?.manifest) ? pack.manifest : []) {
      if (typeof m?.name === "string" && m.name.startsWith(GOLDEN_IMAGE_MANIFEST_PREFIX)) out.set(m.name, typeof m.content === "string" ? m.content : "");
    }
  }
  return out;
}

/**
 * A golden image leaving a profile deletes its DataVolume and PVC on every cluster running the profile; one changed
 * in place fails the manifest layer, because CDI's admission webhook refuses updates to an existing DataVolume's spec
 * (kubevirt/containerized-data-importer, pkg/apiserver/webhooks/datavolume-validate.go): the bindings, VMO IAM and
 * templates in the same layer then stop updating too. Both are destructive.
 */
function goldenImageWarnings(profile: string, before: unknown, after: unknown): PlanWarning[] {
  const was = goldenImagesOf(before);
  const now = goldenImagesOf(after);
  const warnings: PlanWarning[] = [];
  for (const [name, content] of [...was].sort(([a], [b]) => naturalCompare(a, b))) {
    const image = name.slice(GOLDEN_IMAGE_MANIFEST_PREFIX.length);
    if (!now.has(name)) {
      warnings.push({
        kind: "golden-image-change",
        destructive: true,
        message: `profile ${profile} drops golden image ${image}: Palette deletes its DataVolume and PVC on every cluster running the profile (VMs already cloned from it keep their own disks).`,
      });
    } else if (now.get(name) !== content) {
      warnings.push({
        kind: "golden-image-change",
        destructive: true,
        message: `profile ${profile} changes golden image ${image} in place: CDI refuses updates to an existing DataVolume's spec, so the profile's manifest layer fails to apply on every cluster (its role bindings, VMO IAM and templates included). Add the new image under a new name, move templates and VMs to it, then remove the old one.`,
      });
    }
  }
  return warnings;
}
