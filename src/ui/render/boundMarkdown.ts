/**
 * Bounds what the markdown renderer is given, so no card can hang or crash it: the parser and the
 * HTML tree walkers recurse once per nesting level (lists 1,000 deep or quotes 5,000 deep overflow
 * the stack) and take time in proportion to the text (a 50 MB answer takes minutes). A card side is
 * formatted up to the first line nested deeper than any real note goes, and up to a length four
 * times the longest card of the bundled decks; the rest is shown as plain text.
 */

/**
 * Container levels (quote marks, list markers, every two columns of indentation) no real note
 * reaches: a list ten levels deep indented by four spaces, or twenty by two.
 */
export const MAX_NESTING = 20;

/** Characters formatted as markdown; the longest card in the bundled decks has about 11,000. */
export const MAX_FORMATTED_CHARS = 40_000;

/** Why a side is not formatted to its end. */
export type PlainRestReason = 'nesting' | 'length';

/** The part of a side to format, and where the plain-text rest starts. */
export interface BoundedMarkdown {
  /** Markdown to format: the whole side, or its first part. */
  markdown: string;
  /** Offset in the side where the plain-text rest starts; absent when the whole side is formatted. */
  restStart?: number;
  reason?: PlainRestReason;
}

/**
 * Cut `markdown` before its first line nested deeper than {@link MAX_NESTING} levels (fenced code
 * is not looked into) or at the last line break before {@link MAX_FORMATTED_CHARS} characters.
 * Reads at most that many characters, whatever the length of the side.
 *
 * @param markdown card front or back, as written by the user
 */
export function boundCardMarkdown(markdown: string): BoundedMarkdown {
  const end = Math.min(markdown.length, MAX_FORMATTED_CHARS);
  let fence: { char: string; length: number } | undefined;
  let start = 0;
  while (start < end) {
    const newline = markdown.indexOf('\n', start);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    const line = containerPrefix(markdown, start, lineEnd);
    if (fence === undefined && line.depth > MAX_NESTING) {
      return { markdown: markdown.slice(0, start), restStart: start, reason: 'nesting' };
    }
    fence = nextFence(markdown, line.contentStart, lineEnd, fence);
    if (lineEnd === end) break;
    start = lineEnd + 1;
  }
  if (end === markdown.length) return { markdown };
  // Cut at a line break, so the formatted part does not end in half a word.
  const lastBreak = markdown.lastIndexOf('\n', end);
  const cut = lastBreak > 0 ? lastBreak + 1 : end;
  return { markdown: markdown.slice(0, cut), restStart: cut, reason: 'length' };
}

/** Nesting of one line: quote marks and list markers at its start, plus indentation in pairs of columns. */
function containerPrefix(text: string, from: number, to: number): { depth: number; contentStart: number } {
  let depth = 0;
  let columns = 0;
  let i = from;
  while (i < to) {
    const char = text.charCodeAt(i);
    if (char === 32 /* space */) {
      columns += 1;
      i += 1;
    } else if (char === 9 /* tab */) {
      columns += 4;
      i += 1;
    } else if (char === 62 /* > */) {
      depth += 1;
      i += 1;
    } else if ((char === 45 || char === 42 || char === 43) /* - * + */ && isBlank(text.charCodeAt(i + 1))) {
      depth += 1;
      i += 1;
    } else {
      let digits = i;
      while (digits < to && digits - i < 9 && isDigit(text.charCodeAt(digits))) digits += 1;
      const mark = text.charCodeAt(digits);
      if (digits > i && (mark === 46 || mark === 41) /* . ) */ && isBlank(text.charCodeAt(digits + 1))) {
        depth += 1;
        i = digits + 1;
      } else break;
    }
    // Stop counting once the line is known to be too deep (a line of 50,000 markers).
    if (depth + (columns >> 1) > MAX_NESTING) break;
  }
  return { depth: depth + (columns >> 1), contentStart: i };
}

/** The fence open after this line: a ``` or ~~~ line opens one, a matching one closes it. */
function nextFence(
  text: string,
  from: number,
  to: number,
  open: { char: string; length: number } | undefined,
): { char: string; length: number } | undefined {
  const char = text[from];
  if (char !== '`' && char !== '~') return open;
  let length = 0;
  while (from + length < to && text[from + length] === char) length += 1;
  if (length < 3) return open;
  if (open === undefined) return { char, length };
  const closes = char === open.char && length >= open.length && text.slice(from + length, to).trim() === '';
  return closes ? undefined : open;
}

function isBlank(char: number): boolean {
  return char === 32 || char === 9 || char === 10 || char === 13 || Number.isNaN(char);
}

function isDigit(char: number): boolean {
  return char >= 48 && char <= 57;
}
