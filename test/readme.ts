import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The first fenced code block of language `lang` in the README section headed `heading` (any level), so tests
 * run the README's snippets exactly as a reader pastes them.
 */
export function readmeBlock(heading: string, lang: string): string {
  const text = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, "").trim() === heading);
  if (start < 0) throw new Error(`README.md has no section "${heading}"`);
  const level = lines[start].indexOf(" ");
  for (let i = start + 1; i < lines.length; i++) {
    const h = /^(#+) /.exec(lines[i]);
    if (h && h[1].length <= level) break;
    if (lines[i].trim() === "```" + lang) {
      const end = lines.indexOf("```", i + 1);
      if (end < 0) throw new Error(`README.md: unclosed code block in "${heading}"`);
      return lines.slice(i + 1, end).join("\n") + "\n";
    }
  }
  throw new Error(`README.md section "${heading}" has no \`\`\`${lang} block`);
}
