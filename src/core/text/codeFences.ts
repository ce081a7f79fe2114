// Which lines of a note belong to a fenced code block, found by a line scan before any parsing,
// so that line-level layouts never read a `1.` or a `# comment` inside code as structure.

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * `true` for every line that opens, closes or sits inside a closed ``` / ~~~ fence.
 * A fence that never closes marks only its own opening line: one broken fence must not
 * swallow the rest of the note.
 */
export function fencedLines(lines: readonly string[]): boolean[] {
  const fenced = new Array<boolean>(lines.length).fill(false);
  // Shortest fence of each kind already found to have no closing line after it: a later fence of
  // that kind as long or longer has none either, so a note of unclosed fences costs one scan, not one each.
  const unclosedFrom: Record<string, number> = { '`': Infinity, '~': Infinity };
  let i = 0;
  while (i < lines.length) {
    const open = FENCE_OPEN.exec(lines[i]!);
    // A backtick fence's info string may not contain a backtick (CommonMark).
    if (!open || (open[1]![0] === '`' && open[2]!.includes('`'))) {
      i++;
      continue;
    }
    const marker = open[1]!;
    const kind = marker[0]!;
    let end = lines.length;
    if (marker.length < unclosedFrom[kind]!) {
      const close = new RegExp(`^ {0,3}${kind === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      end = i + 1;
      while (end < lines.length && !close.test(lines[end]!)) end++;
    }
    if (end >= lines.length) {
      unclosedFrom[kind] = Math.min(unclosedFrom[kind]!, marker.length);
      fenced[i] = true;
      i++;
      continue;
    }
    for (let k = i; k <= end; k++) fenced[k] = true;
    i = end + 1;
  }
  return fenced;
}

/** Splits text into lines, accepting `\r\n` and lone `\r` even though the core normally sees `\n`. */
export function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}
