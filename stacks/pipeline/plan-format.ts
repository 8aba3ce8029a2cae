// The plan summary as people read it: plain text for the terminal (one screen even for a fleet) and Markdown
// for a pull-request comment.
import { prerequisiteChecklist } from "./vmo-prerequisites";
import { Change, ProfileChange, StackPlanSummary, VmChange, hasChanges, moveText } from "./plan-summary";

/** How many names a text summary prints before "and N more": a 300-cluster fleet stays one screen. */
export const TEXT_NAME_LIMIT = 10;

/** ": a, b" for a short list, " (300): c-0, ..., c-9 and 290 more" for a long one. */
function nameList(names: readonly string[]): string {
  if (names.length <= TEXT_NAME_LIMIT) return `: ${names.join(", ")}`;
  return ` (${names.length}): ${names.slice(0, TEXT_NAME_LIMIT).join(", ")} and ${names.length - TEXT_NAME_LIMIT} more`;
}

/** Markdown (items already formatted): short lists inline, long ones complete inside a collapsible <details>. */
function markdownNames(label: string, code: readonly string[]): string[] {
  const names = code;
  if (names.length <= TEXT_NAME_LIMIT) return [`- ${label}: ${code.join(", ")}`];
  return [`- <details><summary>${label}: ${names.length}</summary>`, "", `  ${code.join(", ")}`, "", "  </details>"];
}

const change = (c?: Change<string>) => (!c ? undefined : c.from === undefined ? String(c.to) : `${c.from} -> ${c.to ?? "none"}`);

function profileLine(p: ProfileChange): string {
  const parts = [
    p.version && `version ${change(p.version)}`,
    p.vmo && `VMO ${change(p.vmo)}`,
    p.proxy && `Spectro Proxy ${change(p.proxy)}`,
    p.access && `access ${change(p.access)}`,
  ].filter(Boolean);
  return `profile ${p.name}: ${p.action}${parts.length ? ` (${parts.join(", ")})` : ""}`;
}

const VM_ACTIONS = [
  ["create", "VMs to create"],
  ["update", "VMs to change"],
  ["replace", "VMs to replace"],
  ["delete", "VMs to destroy"],
] as const;

/** `default/web-1 on edge-1`, with what an update changes or what forces a replacement. */
export function vmText(v: VmChange): string {
  const what = v.attributes.length ? ` (${v.action === "replace" ? "forced by " : ""}${v.attributes.join(", ")})` : "";
  return `${v.vm} on ${v.cluster}${what}`;
}

function vmGroups(s: StackPlanSummary): [string, VmChange[]][] {
  return VM_ACTIONS.map(([action, label]) => [label, s.vms.filter((v) => v.action === action)] as [string, VmChange[]]).filter(([, l]) => l.length > 0);
}

function counts(s: StackPlanSummary): string {
  if (!hasChanges(s)) return "no changes";
  const c = `${s.adds} to add, ${s.changes} to change, ${s.replaces} to replace, ${s.destroys} to destroy`;
  return `${c}${s.imports ? `, ${s.imports} to import` : ""}${s.outputs ? `, ${s.outputs} output(s) to update` : ""}`;
}

/** Plain text for the terminal. */
export function formatPlanText(summaries: readonly StackPlanSummary[]): string {
  const lines: string[] = [];
  for (const s of summaries) {
    lines.push(`${s.stack}: ${counts(s)}`);
    for (const p of s.profiles) lines.push(`  ${profileLine(p)}`);
    if (s.clustersGaining.length) lines.push(`  clusters gaining VMO${nameList(s.clustersGaining)}`);
    if (s.clustersLosing.length) lines.push(`  clusters losing VMO${nameList(s.clustersLosing)}`);
    if (s.clustersMoving.length) lines.push(`  clusters moving${nameList(s.clustersMoving.map(moveText))}`);
    if (s.teams?.length) lines.push(`  Palette teams${nameList(s.teams.map((t) => `${t.name} (${t.action})`))}`);
    for (const [label, vms] of vmGroups(s)) lines.push(`  ${label}${nameList(vms.map(vmText))}`);
    for (const w of s.warnings) lines.push(`  ${w.protected ? "PROTECTED" : w.destructive ? "DESTRUCTIVE" : "warning"}: ${w.message}`);
  }
  if (summaries.some((s) => s.clustersGaining.length > 0)) lines.push(...prerequisiteChecklist("text"));
  return lines.join("\n");
}

/** Markdown for a pull-request comment. */
export function formatPlanMarkdown(summaries: readonly StackPlanSummary[], note?: string): string {
  const lines = ["### VMO plan", ""];
  if (note) lines.push(`> ${note}`, "");
  lines.push("| stack | add | change | replace | destroy | import |", "|---|---:|---:|---:|---:|---:|");
  for (const s of summaries) lines.push(`| \`${s.stack}\` | ${s.adds} | ${s.changes} | ${s.replaces} | ${s.destroys} | ${s.imports} |`);
  for (const s of summaries) {
    const details = [
      ...s.profiles.map((p) => `- ${profileLine(p)}`),
      ...(s.clustersGaining.length
        ? markdownNames(
            "clusters gaining VMO",
            s.clustersGaining.map((c) => `\`${c}\``),
          )
        : []),
      ...(s.clustersLosing.length
        ? markdownNames(
            "clusters losing VMO",
            s.clustersLosing.map((c) => `\`${c}\``),
          )
        : []),
      ...(s.clustersMoving.length
        ? markdownNames(
            "clusters moving",
            s.clustersMoving.map((m) => `\`${m.cluster}\` ${moveText(m).slice(m.cluster.length + 1)}`),
          )
        : []),
      ...(s.teams?.length
        ? markdownNames(
            "Palette teams",
            s.teams.map((t) => `\`${t.name}\` (${t.action})`),
          )
        : []),
      ...vmGroups(s).flatMap(([label, vms]) =>
        markdownNames(
          label,
          vms.map((v) => `\`${v.vm}\` on \`${v.cluster}\`${vmText(v).slice(`${v.vm} on ${v.cluster}`.length)}`),
        ),
      ),
      ...s.warnings.map((w) => `- ${w.protected ? "**:no_entry: protected:**" : w.destructive ? "**:warning: destructive:**" : ":warning:"} ${w.message}`),
    ];
    if (details.length) lines.push("", `#### \`${s.stack}\``, "", ...details);
  }
  if (summaries.some((s) => s.clustersGaining.length > 0)) lines.push("", ...prerequisiteChecklist("markdown"));
  return lines.join("\n") + "\n";
}
