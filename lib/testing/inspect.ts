/**
 * What the simulated Palette holds, for people and tests: profiles with their published version, and per
 * cluster the profile versions it runs and its pending updates, and the teams apply made with their members and
 * project roles (by name). `npm run palette -- <state file>` prints it;
 * `npm run palette -- <state file> apply-update <cluster> [profile]` acts as a Palette user applying a pending
 * update by hand.
 */
import { ENV } from "./assets";
import { PendingUpdate, applyPendingUpdate, pendingUpdates } from "./palette-clusters";
import { loadInventory, readState, roleByUid, userByUid, projectByUid } from "./palette";
import { allVms } from "./palette-vms";

export interface PaletteView {
  profiles: { uid: string; name: string; version: string; context: string; revision: number; packs: string[] }[];
  clusters: { uid: string; name: string; runs: { profile: string; version: string; variables: Record<string, string> }[] }[];
  pending: PendingUpdate[];
  teams: { uid: string; name: string; members: string[]; projectRoles: { project: string; roles: string[] }[] }[];
  /** KubeVirt VMs per cluster and namespace: state, run strategy and data volumes (the VM's own and added ones). */
  vms: { cluster: string; clusterUid: string; namespace: string; name: string; status: string; runStrategy: string; disks: string[] }[];
}

/** The simulated Palette of the state file in PALETTE_OFFLINE_STATE (prepareOfflineTerraform's stateFile). */
export function describePalette(): PaletteView {
  const s = readState();
  const names = new Map(loadInventory().clusters.map((c) => [c.uid, c.name]));
  return {
    profiles: s.clusterProfiles
      .map((p) => ({
        uid: p.uid,
        name: p.name,
        version: p.version,
        context: p.context,
        revision: p.revision ?? 1,
        packs: p.packs.map((k) => (k.tag ? `${k.name} ${k.tag}` : k.name)),
      }))
      .sort((a, b) => (a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.version < b.version ? -1 : 1)),
    clusters: s.clusters
      .filter((c) => c.templates.length)
      .map((c) => ({
        uid: c.uid,
        name: names.get(c.uid) ?? c.uid,
        runs: c.templates.map((t) => ({ profile: t.name, version: t.version, variables: maskSensitive(c.variables[t.uid] ?? {}, t.uid) })),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
    pending: pendingUpdates(s),
    teams: s.teams
      .map((t) => ({
        uid: t.uid,
        name: t.name,
        members: t.users.map((u) => userByUid(u)?.email ?? u).sort(),
        projectRoles: t.projectRoles.map((p) => ({
          project: projectByUid(p.project)?.name ?? p.project,
          roles: p.roles.map((r) => roleByUid(r)?.name ?? r).sort(),
        })),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
    vms: allVms()
      .map((v) => ({
        cluster: names.get(v.clusterUid) ?? v.clusterUid,
        clusterUid: v.clusterUid,
        namespace: v.namespace,
        name: v.name,
        status: v.printableStatus,
        runStrategy: v.runStrategy || (v.running ? "running: true" : ""),
        disks: v.dataVolumes.map((d) => (d.hotplugged ? `${d.name} (added)` : d.name)),
      }))
      .sort((a, b) => (a.cluster !== b.cluster ? (a.cluster < b.cluster ? -1 : 1) : `${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1)),
  };
}

function maskSensitive(vars: Record<string, string>, profileUid: string): Record<string, string> {
  const p = readState().clusterProfiles.find((x) => x.uid === profileUid);
  const sensitive = new Set((p?.variables ?? []).filter((v) => v.is_sensitive === true).map((v) => v.name));
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, sensitive.has(k) ? "(sensitive)" : v]));
}

export function formatPalette(v: PaletteView): string {
  const lines = ["profiles:"];
  for (const p of v.profiles) lines.push(`  ${p.name} ${p.version} (${p.uid}, ${p.context}, revision ${p.revision}): ${p.packs.join(", ")}`);
  lines.push("clusters:");
  for (const c of v.clusters)
    for (const r of c.runs) lines.push(`  ${c.name} runs ${r.profile} ${r.version}${Object.keys(r.variables).length ? ` ${JSON.stringify(r.variables)}` : ""}`);
  lines.push(v.pending.length ? "pending updates:" : "pending updates: none");
  for (const p of v.pending) lines.push(`  ${p.clusterName}: ${p.profile} ${p.from} -> ${p.to}`);
  lines.push(v.teams.length ? "teams:" : "teams: none");
  for (const t of v.teams) {
    const roles = t.projectRoles.map((p) => `${p.project}: ${p.roles.join(", ")}`).join("; ");
    lines.push(`  ${t.name} (${t.uid}): members ${t.members.length ? t.members.join(", ") : "none"}; roles ${roles || "none"}`);
  }
  // Only when there are any: a Palette without VMs prints as it always has.
  if (v.vms.length) lines.push("virtual machines:");
  for (const m of v.vms)
    lines.push(
      `  ${m.cluster} ${m.namespace}/${m.name}: ${m.status}${m.runStrategy ? ` (${m.runStrategy})` : ""}${m.disks.length ? `, disks: ${m.disks.join(", ")}` : ""}`,
    );
  return lines.join("\n") + "\n";
}

/** CLI: `<state file> [apply-update <cluster> [profile]]`; exit 0, or 1 with the reason on stderr. */
export function paletteCli(
  argv: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s),
): number {
  const [file, command, cluster, profile] = argv;
  if (!file || file === "--help" || (command && (command !== "apply-update" || !cluster))) {
    err("usage: npm run palette -- <palette-state.json> [apply-update <cluster name or uid> [profile name]]\n");
    return file === "--help" ? 0 : 1;
  }
  process.env[ENV.state] = file;
  try {
    if (command) for (const a of applyPendingUpdate(cluster, profile)) out(`applied: ${a.clusterName}: ${a.profile} ${a.from} -> ${a.to}\n`);
    out(formatPalette(describePalette()));
    return 0;
  } catch (e) {
    err(`palette: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
