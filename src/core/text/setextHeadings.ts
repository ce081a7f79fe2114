// Setext headings (`Title` underlined with `===` or `---`, as CommonMark and every markdown
// renderer read them, and as Mochi separates a card's front from its back) written as the `#`
// headings the note scanner knows, line for line so line numbers hold: the text line becomes
// `# Title` / `## Title` and the underline a blank line.
import { fencedLines, splitLines } from './codeFences.ts';

const UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
/** A line that could be a one-line paragraph: not blank, not code, a heading, quote, list item, table row or HTML. */
const PARAGRAPH_LINE = /^ {0,3}(?![#>|<]|[-*+•][ \t]|\d{1,9}[.)](?:[ \t]|$)|[=-]+[ \t]*$|`{3}|~{3})\S/;

/** The text with each setext heading over a one-line paragraph written as an ATX heading. */
export function setextToAtx(text: string): string {
  if (!/\n {0,3}(?:==|--)/.test(text)) return text;
  const lines = splitLines(text);
  const fenced = fencedLines(lines);
  let changed = false;
  for (let i = 1; i < lines.length; i++) {
    const underline = fenced[i] ? null : UNDERLINE.exec(lines[i]!);
    if (!underline || fenced[i - 1]) continue;
    const title = lines[i - 1]!;
    // One line, with nothing but a blank line (or the start) above it: a longer paragraph over a
    // `---` is more often prose over a rule, whatever CommonMark says.
    const above = i >= 2 ? lines[i - 2]! : '';
    if (!PARAGRAPH_LINE.test(title) || (above.trim() !== '' && !fenced[i - 2])) continue;
    // `--` alone could be a signature or a dash; a setext underline of `-` needs three.
    if (underline[1]![0] === '-' && underline[1]!.length < 3) continue;
    lines[i - 1] = `${underline[1]![0] === '=' ? '#' : '##'} ${title.trim()}`;
    lines[i] = '';
    changed = true;
  }
  return changed ? lines.join('\n') : text;
}
