// Moving an indented block left as a whole: answers indented under their question, HTML blocks
// indented in a note. Only the indentation every non-blank line shares goes, so the block's own
// nesting (a list, code inside it) is kept.

/** `lines` without the leading white space all non-blank lines share (a tab counts as one column). */
export function removeCommonIndent(lines: readonly string[]): string[] {
  let common = Infinity;
  for (const line of lines) {
    if (line.trim() === '') continue;
    common = Math.min(common, line.length - line.trimStart().length);
    if (common === 0) return [...lines];
  }
  if (!Number.isFinite(common)) return [...lines];
  return lines.map((line) => line.slice(Math.min(common, line.length - line.trimStart().length)));
}
