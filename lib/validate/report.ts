// The validator's report as text for people or JSON for CI.
import type { Report, Summary } from "./engine";
import { PROVIDER_VERSION } from "./schema-index";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The one-line summary that ends the human output. */
export function summaryLine(s: Summary): string {
  const skipped = s.skippedBlocks ? ` (${plural(s.skippedBlocks, "other-provider block")} skipped)` : "";
  return (
    `${plural(s.stacks, "stack")}, ${plural(s.resources, "resource")} checked${skipped}, ${plural(s.findings, "finding")}, ` +
    `${plural(s.references, "reference")} resolved, ${plural(s.skippedExpressions, "skipped expression")}, ${Math.round(s.elapsedMs)} ms`
  );
}

/** Findings grouped per file, each with its path, rule, message and fix, then the summary line. */
export function formatHuman(report: Report): string {
  const lines: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) {
      lines.push(`ok  ${file.file} (stack ${file.stack})`);
      continue;
    }
    lines.push(`${file.file} (stack ${file.stack}): ${plural(file.findings.length, "finding")}`);
    for (const f of file.findings) {
      lines.push(`  ${f.path}  [${f.rule}]`, `    ${f.message}`, `    fix: ${f.fix}`);
    }
    lines.push("");
  }
  if (lines.length && lines[lines.length - 1] !== "") lines.push("");
  lines.push(`${report.ok ? "valid" : "invalid"} against spectrocloud ${PROVIDER_VERSION}: ${summaryLine(report.summary)}`);
  return `${lines.join("\n")}\n`;
}

/** One JSON document for CI: summary, per-file counts and a flat list of findings. */
export function formatJson(report: Report): string {
  const doc = {
    ok: report.ok,
    provider: { name: "spectrocloud", version: PROVIDER_VERSION },
    summary: { ...report.summary, elapsedMs: Math.round(report.summary.elapsedMs * 10) / 10 },
    files: report.files.map((f) => ({
      file: f.file,
      stack: f.stack,
      resources: f.resources,
      findings: f.findings.length,
      references: f.references,
      skippedExpressions: f.skippedExpressions,
      skippedBlocks: f.skippedBlocks,
    })),
    findings: report.files.flatMap((f) => f.findings),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
