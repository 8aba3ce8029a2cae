/**
 * How Palette installs the layers of a profile on a cluster, as far as it decides whether a manifest layer can
 * be applied: layers install in `spectrocloud.com/install-priority` order, lowest first, layers of the same
 * priority together, and a higher priority only after the lower ones passed their readiness checks
 * (docs.spectrocloud.com profiles/cluster-profiles/create-cluster-profiles/create-addon-profile, "Install Order").
 * So a custom resource applies only when the pack bringing its CRD (lib/pack-kinds.ts) is already on the cluster
 * (another profile attached before) or sits at a strictly lower priority in the same profile. Anything else fails
 * the layer the way `kubectl apply` fails an object whose kind the API server does not know; the provider's wait
 * then ends the apply with that message (cluster_common_attachment.go `resourceAddonDeploymentStateRefreshFunc`,
 * `Pack:Error`). Objects of API groups the table does not know are not judged (their CRDs come from elsewhere).
 */
import { parse, parseAllDocuments } from "yaml";
import { crdProvidingPack, installPriorityOf } from "../pack-kinds";
import type { ProfilePack } from "./inventory";

/** One layer that would fail on the cluster, with the message its pack condition carries. */
export interface InstallFailure {
  readonly pack: string;
  readonly message: string;
}

function valuesOf(p: ProfilePack): unknown {
  if (!p.values) return {};
  try {
    return parse(p.values);
  } catch {
    return {};
  }
}

/** The priority Palette installs `p` at (0 when unset or unreadable). */
export function layerPriority(p: ProfilePack): number {
  return installPriorityOf(valuesOf(p)) ?? 0;
}

/**
 * The layers of `packs` (one profile, as the cluster gets it) that fail for want of a CRD, given the pack names
 * already installed on the cluster by its other profiles.
 */
export function installOrderFailures(packs: readonly ProfilePack[], installedBefore: ReadonlySet<string>): InstallFailure[] {
  const installed = new Set(installedBefore);
  const priorities = [...new Set(packs.map(layerPriority))].sort((a, b) => a - b);
  const failures: InstallFailure[] = [];
  for (const priority of priorities) {
    const tier = packs.filter((p) => layerPriority(p) === priority);
    for (const p of tier) {
      if (p.type !== "manifest") continue;
      const failure = firstMissingCrd(p, installed, packs, priority);
      if (failure) failures.push({ pack: p.name, message: failure });
    }
    // Same priority: deployed together, so none of them can rely on another's CRDs.
    for (const p of tier) installed.add(p.name);
  }
  return failures;
}

function firstMissingCrd(p: ProfilePack, installed: ReadonlySet<string>, packs: readonly ProfilePack[], priority: number): string | undefined {
  for (const m of p.manifest) {
    for (const doc of parseAllDocuments(m.content ?? "")) {
      if (doc.errors.length) continue;
      const obj = doc.toJS() as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
      if (!obj || typeof obj.apiVersion !== "string" || typeof obj.kind !== "string") continue;
      const provider = crdProvidingPack(obj.apiVersion);
      if (!provider || installed.has(provider)) continue;
      const name = typeof obj.metadata?.name === "string" ? obj.metadata.name : "";
      const ns = typeof obj.metadata?.namespace === "string" ? ` namespace: "${obj.metadata.namespace}"` : "";
      const inProfile = packs.find((x) => x.name === provider);
      const where = inProfile
        ? `its CRD comes with pack ${provider} at install priority ${layerPriority(inProfile)}, and layer ${p.name} installs at ${priority}`
        : `its CRD comes with pack ${provider}, which is not on the cluster`;
      return `layer ${p.name}, manifest ${m.name}: resource mapping not found for name: "${name}"${ns}: no matches for kind "${obj.kind}" in version "${obj.apiVersion}"; ensure CRDs are installed first (${where})`;
    }
  }
  return undefined;
}
