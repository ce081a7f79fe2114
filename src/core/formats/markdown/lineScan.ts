// The line scan behind boundedParse: which lines are blank, which sit in a block that runs over
// blank lines (fence, `$$` math, raw HTML), which are plain paragraph text, which start a list
// item or an HTML block. Everything here is a cheap look at one line or at a block's end; what
// it says about the tree is either exact CommonMark or checked by remark afterwards.

export interface LineScan {
  lines: string[];
  /** Offset of each line's first character. */
  starts: number[];
  blank: boolean[];
  /** For each line in a fence, math block or raw HTML block: the block's last line; else -1. */
  regionEnd: number[];
  /** The block a line opens, on its first line. */
  region: Array<Region | undefined>;
  /** The line may go in a paragraph built directly: no block syntax, whatever comes before. */
  plain: boolean[];
}

export interface Region {
  kind: 'code' | 'math' | 'html';
  /** Last line (inclusive). */
  end: number;
  /**
   * remark reads the block exactly so when nothing is open before it: an unindented opener, an
   * explicit end, nothing an end condition could be met by earlier. Others are only kept whole.
   */
  exact: boolean;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const MATH_OPEN = /^ {0,3}(\${2,})[^$]*$/;
const RAW_HTML_OPEN = /^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i;
const RAW_HTML_END = /<\/(?:script|pre|style|textarea)>/i;
const BLANK = /^[ \t]*$/;
/** A list marker at the start of a line, as CommonMark reads one (empty items too). */
export const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
/** A list item this scan builds: an unindented marker, one space, then text. */
const SIMPLE_ITEM = /^(?:([-*+])|(\d{1,9})([.)])) (?=\S)/;

/** Tag names that open an HTML block ending at a blank line (CommonMark type 6, micromark's list). */
const HTML_BLOCK_NAMES =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|' +
  'fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|' +
  'menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const HTML_BLOCK_OPEN = new RegExp(`^</?(?:${HTML_BLOCK_NAMES})(?:[ \\t>]|/>|$)`, 'i');

export function scanLines(src: string, directBlocks: boolean): LineScan {
  const lines = src.split('\n');
  const n = lines.length;
  const starts = new Array<number>(n);
  let offset = 0;
  for (let i = 0; i < n; i++) {
    starts[i] = offset;
    offset += lines[i]!.length + 1;
  }
  const blank = lines.map((line) => BLANK.test(line));
  const regionEnd = new Array<number>(n).fill(-1);
  const region = new Array<Region | undefined>(n);
  for (let i = 0; i < n; ) {
    const found = regionAt(lines, i);
    if (!found) {
      i++;
      continue;
    }
    region[i] = found;
    for (let k = i; k <= found.end; k++) regionEnd[k] = found.end;
    i = found.end + 1;
  }
  const plain = lines.map((line, i) => directBlocks && !blank[i] && regionEnd[i]! < 0 && isPlainLine(line));
  return { lines, starts, blank, regionEnd, region, plain };
}

/**
 * Blocks that run over blank lines until their own end: fences, `$$` math, and the raw HTML
 * blocks (`<pre>`, `<!--`, `<?`, `<!X`, `<![CDATA[`). The end is searched after the opening, so
 * a block is never thought shorter than remark reads it; an unclosed one runs to the end.
 */
function regionAt(lines: readonly string[], i: number): Region | undefined {
  const line = lines[i]!;
  const unindented = !/^[ \t]/.test(line);
  const runTo = (test: (line: string) => boolean, kind: Region['kind'], exactIfClosed: boolean): Region => {
    let end = i + 1;
    while (end < lines.length && !test(lines[end]!)) end++;
    if (end >= lines.length) return { kind, end: lines.length - 1, exact: false };
    return { kind, end, exact: exactIfClosed };
  };
  const fence = FENCE_OPEN.exec(line);
  if (fence && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) {
    const closing = new RegExp(`^ {0,3}\\${fence[1]![0]}{${fence[1]!.length},}[ \\t]*$`);
    return runTo((next) => closing.test(next), 'code', unindented);
  }
  const math = MATH_OPEN.exec(line);
  if (math) {
    const closing = new RegExp(`^ {0,3}\\\${${math[1]!.length},}[ \\t]*$`);
    return runTo((next) => closing.test(next), 'math', unindented);
  }
  const lead = /^ {0,3}</.exec(line);
  if (!lead) return undefined;
  const rest = line.slice(lead[0].length - 1);
  let end: RegExp | string | undefined;
  let opening = 0;
  if (RAW_HTML_OPEN.test(line)) end = RAW_HTML_END;
  else if (rest.startsWith('<!--')) [end, opening] = ['-->', 4];
  else if (rest.startsWith('<?')) [end, opening] = ['?>', 2];
  else if (rest.startsWith('<![CDATA[')) [end, opening] = [']]>', 9];
  else if (/^<![A-Za-z]/.test(rest)) [end, opening] = ['>', 2];
  if (end === undefined) return undefined;
  const marker = end;
  const found = (text: string) => (typeof marker === 'string' ? text.includes(marker) : marker.test(text));
  if (found(rest.slice(opening))) return { kind: 'html', end: i, exact: unindented };
  // `<!-->` ends where it opens for remark; an end marker overlapping the opening is left to remark.
  return runTo(found, 'html', unindented && !found(rest));
}

/**
 * A line that is paragraph text wherever it stands in a paragraph: after its indentation it
 * starts no block (heading, quote, list item, fence, HTML, table, math, rule, setext underline,
 * definition). Inline syntax is allowed; it is read later.
 */
export function isPlainLine(line: string): boolean {
  const text = line.replace(/^[ \t]+/, '');
  switch (text[0]) {
    case undefined:
    case '#':
    case '>':
    case '-':
    case '+':
    case '<':
    case '|':
    case '[':
      return false;
    case '*':
    case '_':
      return /^[*_]+[^\s*_]/.test(text);
    case '=':
      return !/^=+[ \t]*$/.test(text);
    case '`':
    case '~':
      return !/^(?:`{3,}|~{3,})/.test(text);
    case '$':
      return !text.startsWith('$$');
    case ':':
      return !/^[:|\- \t]+$/.test(text);
    default:
      return !/^\d{1,9}[.)](?:[ \t]|$)/.test(text);
  }
}

export interface ListItemLine {
  /** `-`, `*`, `+`, or `.`/`)` for an ordered item: items of one list share it. */
  marker: string;
  ordered: boolean;
  start: number;
  /** Where the item's text starts in the line. */
  contentStart: number;
}

/** An unindented list item with one space after its marker and plain text after it. */
export function simpleListItem(line: string): ListItemLine | undefined {
  const match = SIMPLE_ITEM.exec(line);
  if (!match || !isPlainLine(line.slice(match[0].length))) return undefined;
  if (match[1]) return { marker: match[1], ordered: false, start: 0, contentStart: match[0].length };
  return { marker: match[3]!, ordered: true, start: Number(match[2]), contentStart: match[0].length };
}

/** An unindented line opening an HTML block that ends at a blank line (`<details>`, `<summary>`, `<div>`). */
export function opensHtmlBlock(line: string): boolean {
  return HTML_BLOCK_OPEN.test(line);
}

/** Whether the text could be cut before line `i`: no open block can swallow it, nor a list or quote take it. */
export function mayCutBefore(scan: LineScan, i: number): boolean {
  if (i <= 0 || i >= scan.lines.length) return false;
  const line = scan.lines[i]!;
  if (scan.blank[i] || (scan.regionEnd[i]! >= 0 && !scan.region[i]) || /^[ \t]/.test(line) || line.startsWith('>') || LIST_MARKER.test(line)) {
    return false;
  }
  const before = i - 1;
  return (scan.blank[before] && scan.regionEnd[before]! < 0) || scan.regionEnd[before] === before;
}
