// The tree remark gives for a stretch of markdown, built from bounded pieces so the cost stays
// linear: micromark slows down super-linearly on one long document, and worst on one giant
// paragraph (a note of `Q:`/`A:` lines with no blank line between them).
//
// A line scan finds where the text can be cut without changing the tree: before an unindented
// line that follows a blank line or the end of a fence, math block or raw HTML block (and is no
// list item or quote that could continue what came before). Each cut is checked by parsing a
// sentinel line in its place: it must come out as a paragraph of its own at the root.
// Paragraphs made only of plain lines (no block syntax on any line) are built directly; only
// their lines with inline code, math, links, HTML or autolinks go through remark, each line on
// its own unless a span it opens may close on a later line, in which case it is read with the
// lines after it. Link and footnote definitions found anywhere are added to every piece, as a
// whole-file parse would resolve references to them.
import type { Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** remark with the syntaxes notes use: GFM (tables, footnotes, autolinks) and math. */
export const markdownParser = unified().use(remarkParse).use(remarkGfm).use(remarkMath);

export interface BoundedParseOptions {
  /** Characters handed to remark at once, unless no safe cut comes sooner. */
  maxPieceChars?: number;
  /** Build paragraphs of plain lines without remark's block parse (default true). */
  directParagraphs?: boolean;
  /** Throw where a failed check would fall back to one whole-text parse (tests use it to see none does). */
  strict?: boolean;
}

/** Inline nodes whose text the inline-card reader masks; the only children built paragraphs keep. */
export const MASKED_INLINE_TYPES: ReadonlySet<string> = new Set([
  'inlineCode',
  'inlineMath',
  'link',
  'linkReference',
  'image',
  'imageReference',
  'html',
  'footnoteReference',
]);

const DEFAULT_PIECE_CHARS = 32 * 1024;

/** A line no note contains, parsed in place of the line after a cut to check the cut. */
const SENTINEL = '\uE001\uE001';

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const MATH_OPEN = /^ {0,3}(\${2,})[^$]*$/;
const RAW_HTML_OPEN = /^ {0,3}<(script|pre|style|textarea)(?:[\s>]|$)/i;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const BLANK = /^[ \t]*$/;
/** Characters that may start a masked inline node: code, math, link, HTML, autolink. */
const INLINE_SENSITIVE = /[`$[]|<[A-Za-z/!?]|@|:\/\/|www\.|mailto:|xmpp:/i;

class PieceMismatch extends Error {}

interface Scan {
  lines: string[];
  starts: number[];
  blank: boolean[];
  /** For each line in a fence, math block or raw HTML block: the block's last line; else -1. */
  regionEnd: number[];
  /** Lines that open such a block. */
  regionOpen: boolean[];
  /** The line may go in a paragraph built directly: no block syntax, whatever comes before. */
  plain: boolean[];
}

/** The tree of `src` as remark parses it whole, for the inline-card reader. Never throws on input. */
export function parseBounded(src: string, options: BoundedParseOptions = {}): Root {
  const maxPieceChars = Math.max(1, options.maxPieceChars ?? DEFAULT_PIECE_CHARS);
  // remark drops a byte-order mark from its offsets; the readers strip it before.
  if (src.length <= maxPieceChars || src.charCodeAt(0) === 0xfeff) return markdownParser.parse(src) as Root;
  try {
    return new PieceParser(src, maxPieceChars, options.directParagraphs ?? true).parse();
  } catch (error) {
    // A check that should never fail did: the whole-text parse is slower but always right.
    if (error instanceof PieceMismatch && !options.strict) return markdownParser.parse(src) as Root;
    throw error;
  }
}

function scanLines(src: string, directParagraphs: boolean): Scan {
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
  const regionOpen = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; ) {
    const close = regionCloser(lines[i]!);
    if (!close) {
      i++;
      continue;
    }
    let end = i;
    if (!close.onOpener) {
      end = i + 1;
      while (end < n && !close.test(lines[end]!)) end++;
      // An unclosed block runs to the end of the text, as it does in remark.
      if (end >= n) end = n - 1;
    }
    regionOpen[i] = true;
    for (let k = i; k <= end; k++) regionEnd[k] = end;
    i = end + 1;
  }
  const plain = lines.map((line, i) => directParagraphs && !blank[i] && regionEnd[i]! < 0 && isPlainLine(line));
  return { lines, starts, blank, regionEnd, regionOpen, plain };
}

/**
 * Blocks that run over blank lines until their own end: fences, `$$` math, and the raw HTML
 * blocks (`<pre>`, `<!--`, `<?`, `<!X`, `<![CDATA[`). The end is searched after the opening, so
 * a block is never thought shorter than remark reads it (a cut inside is checked anyway).
 */
function regionCloser(line: string): { onOpener: boolean; test: (line: string) => boolean } | undefined {
  const fence = FENCE_OPEN.exec(line);
  if (fence && !(fence[1]![0] === '`' && fence[2]!.includes('`'))) {
    const closing = new RegExp(`^ {0,3}\\${fence[1]![0]}{${fence[1]!.length},}[ \\t]*$`);
    return { onOpener: false, test: (next) => closing.test(next) };
  }
  const math = MATH_OPEN.exec(line);
  if (math) {
    const closing = new RegExp(`^ {0,3}\\\${${math[1]!.length},}[ \\t]*$`);
    return { onOpener: false, test: (next) => closing.test(next) };
  }
  const lead = /^ {0,3}</.exec(line);
  if (!lead) return undefined;
  const rest = line.slice(lead[0].length - 1);
  let end: RegExp | string | undefined;
  let opening = 0;
  if (RAW_HTML_OPEN.test(line)) end = /<\/(?:script|pre|style|textarea)>/i;
  else if (rest.startsWith('<!--')) [end, opening] = ['-->', 4];
  else if (rest.startsWith('<?')) [end, opening] = ['?>', 2];
  else if (rest.startsWith('<![CDATA[')) [end, opening] = [']]>', 9];
  else if (/^<![A-Za-z]/.test(rest)) [end, opening] = ['>', 2];
  if (end === undefined) return undefined;
  const marker = end;
  const found = (text: string) => (typeof marker === 'string' ? text.includes(marker) : marker.test(text));
  return { onOpener: found(rest.slice(opening)), test: found };
}

/**
 * A line that is paragraph text wherever it stands in a paragraph: after its indentation it
 * starts no block (heading, quote, list item, fence, HTML, table, math, rule, setext underline,
 * definition). Inline syntax is allowed; it is read later.
 */
function isPlainLine(line: string): boolean {
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

/** Whether the text could be cut before line `i`: no open block can swallow it, nor a list or quote take it. */
function mayCutBefore(scan: Scan, i: number): boolean {
  if (i <= 0 || i >= scan.lines.length) return false;
  const line = scan.lines[i]!;
  if (scan.blank[i] || scan.regionEnd[i]! >= 0 || /^[ \t]/.test(line) || line.startsWith('>') || LIST_MARKER.test(line)) return false;
  const before = i - 1;
  return (scan.blank[before] && scan.regionEnd[before]! < 0) || scan.regionEnd[before] === before;
}

interface PlainRun {
  from: number;
  /** Exclusive. */
  to: number;
  node: Paragraph;
  groups: Group[];
  closers?: Closers;
}

/** Lines of a built paragraph read together by remark, for their inline nodes. */
interface Group {
  run: PlainRun;
  from: number;
  /** Inclusive. */
  to: number;
  nodes: PhrasingContent[];
  /** `[` the group leaves open (see openBrackets). */
  openBrackets: number;
  done: boolean;
}

/** Where later lines of a paragraph could close a span (for the groups that open one). */
interface Closers {
  /** Maximal run length of backticks / dollars → last line holding one. */
  ticks: Map<number, number>;
  dollars: Map<number, number>;
  bracket: number;
  angle: number;
}

interface RemarkPiece {
  from: number;
  to: number;
  /** The piece follows a built paragraph with no blank line between (it opens a fence or the like). */
  afterParagraph: boolean;
  children: RootContent[];
}

class PieceParser {
  private readonly scan: Scan;
  private readonly blocks: Array<RemarkPiece | PlainRun> = [];
  private definitions = '';

  constructor(
    private readonly src: string,
    private readonly maxPieceChars: number,
    directParagraphs: boolean,
  ) {
    this.scan = scanLines(src, directParagraphs);
  }

  parse(): Root {
    const { lines, blank } = this.scan;
    const n = lines.length;
    let i = 0;
    let afterParagraph = false;
    while (i < n) {
      if (blank[i]) {
        i++;
        afterParagraph = false;
        continue;
      }
      const runEnd = this.plainRunEnd(i);
      if (runEnd > i) {
        this.blocks.push(this.plainRun(i, runEnd));
        afterParagraph = runEnd < n && !blank[runEnd];
        i = runEnd;
        continue;
      }
      const piece: RemarkPiece = { from: i, to: i, afterParagraph, children: [] };
      this.readPiece(piece);
      this.blocks.push(piece);
      afterParagraph = false;
      i = piece.to;
    }
    if (this.src.includes(']:')) this.addDefinitions();
    this.readParagraphInlines();
    const children: RootContent[] = [];
    for (const block of this.blocks) {
      if ('node' in block) {
        block.node.children = block.groups.flatMap((group) => group.nodes);
        children.push(block.node);
      } else {
        children.push(...block.children);
      }
    }
    return {
      type: 'root',
      children,
      position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(this.scan, n - 1) },
    };
  }

  /**
   * End (exclusive) of a paragraph of plain lines starting at `i` that can be built directly, or
   * `i` when there is none: it starts at the text's start, after a blank line or after a cut,
   * and ends at a blank line, the end, or a line opening a fence/math/raw HTML (which interrupt
   * a paragraph). Its first line is not indented (it would continue a list item).
   */
  private plainRunEnd(i: number): number {
    const { lines, blank, plain, regionOpen } = this.scan;
    if (!plain[i] || /^[ \t]/.test(lines[i]!)) return i;
    if (i > 0 && !blank[i - 1] && !mayCutBefore(this.scan, i)) return i;
    let end = i;
    while (end < lines.length && plain[end]) end++;
    if (end < lines.length && !blank[end] && !regionOpen[end]) return i;
    return end;
  }

  private plainRun(from: number, to: number): PlainRun {
    const node: Paragraph = {
      type: 'paragraph',
      children: [],
      position: { start: { line: from + 1, column: 1, offset: this.scan.starts[from]! }, end: endPoint(this.scan, to - 1) },
    };
    const run: PlainRun = { from, to, node, groups: [] };
    for (let k = from; k < to; k++) {
      if (INLINE_SENSITIVE.test(this.scan.lines[k]!)) run.groups.push({ run, from: k, to: k, nodes: [], openBrackets: 0, done: false });
    }
    return run;
  }

  /** Parses remark material from `piece.from`, up to a checked cut past the size bound or before a built paragraph. */
  private readPiece(piece: RemarkPiece): void {
    const n = this.scan.lines.length;
    let bound = this.maxPieceChars;
    let search = piece.from + 1;
    let failed = false;
    for (;;) {
      let to = search;
      const stopsAt = (k: number) =>
        mayCutBefore(this.scan, k) && (this.chars(piece.from, k) >= bound || (!failed && this.plainRunEnd(k) > k));
      while (to < n && !stopsAt(to)) to++;
      piece.to = to;
      if (this.parsePiece(piece)) return;
      // The cut did not hold (a block runs on past it): read on to twice as much, so that
      // repeated failures cost a bounded multiple of the piece.
      failed = true;
      bound = Math.max(bound, this.chars(piece.from, to)) * 2;
      search = to + 1;
    }
  }

  private chars(from: number, to: number): number {
    const { starts, lines } = this.scan;
    return to >= lines.length ? this.src.length - starts[from]! : starts[to]! - starts[from]!;
  }

  /**
   * Parses the piece, with the definitions first, a sentinel line before it when it follows a
   * built paragraph and one after it when it ends at a cut; false when that cut does not hold.
   */
  private parsePiece(piece: RemarkPiece): boolean {
    const { starts, lines } = this.scan;
    const n = lines.length;
    const start = starts[piece.from]!;
    const end = piece.to >= n ? this.src.length : starts[piece.to]! - 1;
    const definitions = this.definitionsHead();
    const head = definitions + (piece.afterParagraph ? `${SENTINEL}\n` : '');
    const headLines = countNewlines(head);
    const cut = piece.to < n;
    const text = head + this.src.slice(start, end) + (cut ? `\n${SENTINEL}` : '');
    let children = (markdownParser.parse(text) as Root).children;
    if (piece.afterParagraph) {
      // The fence (or math, or HTML) after a built paragraph must interrupt it, as in the whole text.
      const index = children.findIndex((child) => child.position?.start.offset === definitions.length);
      const sentinel = children[index];
      if (sentinel?.type !== 'paragraph' || sentinel.position?.end.offset !== definitions.length + SENTINEL.length) {
        throw new PieceMismatch('a block after a paragraph did not interrupt it');
      }
      if (children[index + 1]?.position?.start.line !== headLines + 1) throw new PieceMismatch('a paragraph ran on into a block');
    }
    const ownEnd = head.length + (end - start);
    children = children.filter((child) => (child.position?.start.offset ?? -1) >= head.length);
    if (cut) {
      const sentinelAt = ownEnd + 1;
      const last = children[children.length - 1];
      if (last?.type !== 'paragraph' || last.position?.start.offset !== sentinelAt || last.position.end.offset !== sentinelAt + SENTINEL.length) {
        return false;
      }
      children = children.slice(0, -1);
    }
    for (const child of children) shiftPositions(child, piece.from - headLines, start - head.length, 0);
    piece.children = children;
    return true;
  }

  /**
   * Link and footnote definitions resolve references anywhere in the text. When the pieces have
   * any, every piece that could hold a reference is read again with them, as is each paragraph batch.
   */
  private addDefinitions(): void {
    const labels = new Set<string>();
    const stack: Nodes[] = this.blocks.flatMap((block) => ('node' in block ? [] : block.children));
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'definition' || node.type === 'footnoteDefinition') {
        const label = labelSource(this.src, node.position?.start.offset ?? -1);
        if (label !== undefined) labels.add(node.type === 'definition' ? `[${label}]: #` : `[${label}]: x`);
      }
      if ('children' in node) stack.push(...(node.children as Nodes[]));
    }
    if (labels.size === 0) return;
    this.definitions = [...labels].join('\n\n');
    for (const block of this.blocks) {
      if ('node' in block || !this.pieceText(block).includes('[')) continue;
      if (!this.parsePiece(block)) throw new PieceMismatch('a checked cut no longer holds');
    }
  }

  /** The definitions, then a paragraph that closes a footnote definition before the text that follows. */
  private definitionsHead(): string {
    return this.definitions ? `${this.definitions}\n\n${SENTINEL}\n\n` : '';
  }

  private pieceText(piece: RemarkPiece): string {
    const { starts, lines } = this.scan;
    return this.src.slice(starts[piece.from]!, piece.to >= lines.length ? this.src.length : starts[piece.to]!);
  }

  /** Inline nodes of every built paragraph, in rounds: groups whose spans may run on grow and are read again. */
  private readParagraphInlines(): void {
    let pending = this.blocks.flatMap((block) => ('node' in block ? block.groups : []));
    while (pending.length > 0) {
      for (let first = 0; first < pending.length; ) {
        let size = 0;
        let last = first;
        while (last < pending.length && (last === first || size < this.maxPieceChars)) {
          size += this.groupText(pending[last]!).length + 2;
          last++;
        }
        this.readBatch(pending.slice(first, last));
        first = last;
      }
      pending = this.growGroups(pending);
    }
    for (const block of this.blocks) if ('node' in block) this.dropLinksAfterOpenBracket(block);
  }

  private groupText(group: Group): string {
    const { starts, lines } = this.scan;
    const lead = /^[ \t]*/.exec(lines[group.from]!)![0].length;
    return this.src.slice(starts[group.from]! + lead, starts[group.to]! + lines[group.to]!.length);
  }

  /** One remark call for many groups: each is a paragraph of its own, blank lines between. */
  private readBatch(groups: Group[]): void {
    const { starts, lines } = this.scan;
    const texts = groups.map((group) => this.groupText(group));
    const definitions = this.definitionsHead();
    const tree = markdownParser.parse(definitions + texts.join('\n\n')) as Root;
    const paragraphs = tree.children.filter((child) => (child.position?.start.offset ?? -1) >= definitions.length);
    let at = definitions.length;
    let line = countNewlines(definitions) + 1;
    groups.forEach((group, k) => {
      const paragraph = paragraphs[k];
      if (paragraph?.type !== 'paragraph' || paragraph.position?.start.offset !== at) {
        throw new PieceMismatch('a line of a paragraph did not read as paragraph text');
      }
      const lead = /^[ \t]*/.exec(lines[group.from]!)![0].length;
      const nodes: PhrasingContent[] = [];
      const literal: string[] = [];
      collectInline(paragraph.children, nodes, literal);
      for (const node of nodes) shiftPositions(node, group.from + 1 - line, starts[group.from]! + lead - at, lead, line);
      group.nodes = nodes;
      group.openBrackets = this.openBrackets(group);
      group.done = group.to + 1 >= group.run.to || !this.mayRunOn(group, literal.join(''));
      at += texts[k]!.length + 2;
      line += group.to - group.from + 2;
    });
  }

  /**
   * Whether the literal text of a group holds a span opener that a later line of its paragraph
   * could close: backticks or dollars with a run of the same or a shorter length later (escapes
   * can shorten an opener), a `[` not closed inside the group with a `]` later, a `<` opening a
   * tag with a `>` later.
   */
  private mayRunOn(group: Group, literal: string): boolean {
    if (!/[`$[<]/.test(literal)) return false;
    const closers = (group.run.closers ??= this.closersOf(group.run));
    const after = (last: number) => last > group.to;
    const runLater = (runs: Map<number, number>, length: number) => {
      for (const [size, last] of runs) if (size <= length && after(last)) return true;
      return false;
    };
    for (const match of literal.matchAll(/`+/g)) if (runLater(closers.ticks, match[0].length)) return true;
    for (const match of literal.matchAll(/\$+/g)) if (runLater(closers.dollars, match[0].length)) return true;
    if (after(closers.angle) && /<[A-Za-z/!?]/.test(literal)) return true;
    return after(closers.bracket) && group.openBrackets > 0;
  }

  /**
   * `[` left open at the end of the group, as micromark counts label starts: outside code, math,
   * HTML and links, not escaped, each `]` closing the latest one.
   */
  private openBrackets(group: Group): number {
    const { starts, lines } = this.scan;
    const spans = group.nodes.flatMap((node) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      return start === undefined || end === undefined ? [] : [[start, end] as const];
    });
    let depth = 0;
    let span = 0;
    const end = starts[group.to]! + lines[group.to]!.length;
    for (let i = starts[group.from]!; i < end; i++) {
      while (span < spans.length && spans[span]![1] <= i) span++;
      if (span < spans.length && spans[span]![0] <= i) {
        i = spans[span]![1] - 1;
        continue;
      }
      const code = this.src.charCodeAt(i);
      if (code === 0x5c) i++;
      else if (code === 0x5b) depth++;
      else if (code === 0x5d && depth > 0) depth--;
    }
    return depth;
  }

  /**
   * micromark makes no autolink literal (`www.x`, `a@b.co`) after a `[` still open in the same
   * paragraph (remark adds one later, with no position, which nothing masks): once a group
   * leaves a `[` open for good, those links go from the groups after it.
   */
  private dropLinksAfterOpenBracket(run: PlainRun): void {
    let open = false;
    for (const group of run.groups) {
      if (open) group.nodes = group.nodes.filter((node) => !(node.type === 'link' && isAutolinkLiteral(this.src, node)));
      if (group.openBrackets > 0) open = true;
    }
  }

  private closersOf(run: PlainRun): Closers {
    const closers: Closers = { ticks: new Map(), dollars: new Map(), bracket: -1, angle: -1 };
    for (let k = run.from; k < run.to; k++) {
      const line = this.scan.lines[k]!;
      for (const match of line.matchAll(/`+/g)) closers.ticks.set(match[0].length, k);
      for (const match of line.matchAll(/\$+/g)) closers.dollars.set(match[0].length, k);
      if (line.includes(']')) closers.bracket = k;
      if (line.includes('>')) closers.angle = k;
    }
    return closers;
  }

  /** Groups that may run on, grown to at least twice their lines, taking in the groups they cover. */
  private growGroups(groups: Group[]): Group[] {
    const grown: Group[] = [];
    const runs = new Set(groups.filter((group) => !group.done).map((group) => group.run));
    for (const run of runs) {
      const kept: Group[] = [];
      let coveredTo = -1;
      for (const group of run.groups) {
        if (group.from <= coveredTo) {
          // Inside a grown group: its lines are read again there.
          if (group.to > coveredTo) coveredTo = kept[kept.length - 1]!.to = group.to;
          continue;
        }
        kept.push(group);
        if (group.done) continue;
        const lines = group.to - group.from + 1;
        group.to = Math.min(run.to - 1, group.from + 2 * lines - 1);
        group.nodes = [];
        coveredTo = group.to;
        grown.push(group);
      }
      run.groups = kept;
    }
    return grown;
  }
}

/** A link micromark made from a bare URL or e-mail address, not from `[…]` or `<…>`. */
function isAutolinkLiteral(src: string, node: PhrasingContent): boolean {
  const start = node.position?.start.offset;
  return start !== undefined && src[start] !== '[' && src[start] !== '<';
}

/** Masked inline nodes (through emphasis and strikethrough), and the text left literal around them. */
function collectInline(children: readonly PhrasingContent[], nodes: PhrasingContent[], literal: string[]): void {
  for (const child of children) {
    if (MASKED_INLINE_TYPES.has(child.type)) nodes.push(child);
    else if (child.type === 'text') literal.push(child.value);
    else if ('children' in child) collectInline(child.children as PhrasingContent[], nodes, literal);
  }
}

/**
 * Moves a node (and everything in it) from a piece to the text: lines by `lineShift`, offsets by
 * `offsetShift`; on the piece's line `firstLine` columns move by `columnShift` too.
 */
function shiftPositions(node: Nodes, lineShift: number, offsetShift: number, columnShift: number, firstLine = 0): void {
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const position = current.position;
    if (position) {
      for (const point of [position.start, position.end]) {
        if (point.line === firstLine) point.column += columnShift;
        point.line += lineShift;
        if (point.offset !== undefined) point.offset += offsetShift;
      }
    }
    if ('children' in current) stack.push(...(current.children as Nodes[]));
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function endPoint(scan: Scan, line: number): { line: number; column: number; offset: number } {
  const index = Math.max(0, line);
  const length = scan.lines[index]?.length ?? 0;
  return { line: index + 1, column: length + 1, offset: (scan.starts[index] ?? 0) + length };
}

/** The label of a definition as written (`[a\]b]` → `a\]b`, `[^1]` → `^1`), from its `[`. */
function labelSource(src: string, start: number): string | undefined {
  if (src[start] !== '[') return undefined;
  for (let i = start + 1; i < src.length && i - start < 1001; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === ']') return src.slice(start + 1, i);
  }
  return undefined;
}
