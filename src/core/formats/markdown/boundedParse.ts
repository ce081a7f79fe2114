// The tree remark gives for a stretch of markdown, built from bounded pieces so the cost stays
// linear: micromark slows down super-linearly on one long document, and worst on one giant
// paragraph (a note of `Q:`/`A:` lines with no blank line between them).
//
// A line scan (lineScan.ts) finds the blocks whose tree is plain to see and builds them itself:
// paragraphs of plain lines, tight lists of one-line items, HTML blocks that end at a blank
// line, and closed fences, math and raw HTML blocks — each only where nothing is open before it.
// Their inline nodes come from paragraphInlines.ts. Everything else goes to remark in pieces,
// cut before an unindented line that follows a blank line or the end of a fence (and is no list
// item or quote that could continue what came before); each cut is checked by parsing a
// sentinel line in its place, which must come out as a paragraph of its own at the root. Link
// and footnote definitions found anywhere are added to every piece, as a whole-text parse
// resolves references to them.
import type { Code, Html, List, ListItem, Nodes, Paragraph, Root, RootContent, Table, TableCell } from 'mdast';
import {
  LIST_MARKER,
  mayCutBefore,
  opensHtmlBlock,
  scanLines,
  simpleListItem,
  type LineScan,
  type ListItemLine,
} from './lineScan.ts';
import { ParagraphInlines, countNewlines, type InlineUnit } from './paragraphInlines.ts';
import { PieceMismatch, markdownParser } from './remarkParser.ts';

export { MASKED_INLINE_TYPES, markdownParser } from './remarkParser.ts';

export interface BoundedParseOptions {
  /** Characters handed to remark at once, unless no safe cut comes sooner. */
  maxPieceChars?: number;
  /** Build the blocks whose tree is plain to see without remark (default true). */
  directBlocks?: boolean;
  /** Throw where a failed check would fall back to one whole-text parse (tests use it to see none does). */
  strict?: boolean;
  /** One remark call on the whole text: the tree the pieces must give (tests compare against it). */
  wholeText?: boolean;
}

const DEFAULT_PIECE_CHARS = 32 * 1024;

/** A GFM table's delimiter row: `| --- | :-: |`. */
const DELIMITER_ROW = /^\|?(?:[ \t]*:?-+:?[ \t]*\|)*[ \t]*:?-+:?[ \t]*\|?[ \t]*$/;

/** A line no note contains, parsed in place of the line after a cut to check the cut. */
const SENTINEL = '\uE001\uE001';

/** The tree of `src` as remark parses it whole, for the inline-card reader. */
export function parseBounded(src: string, options: BoundedParseOptions = {}): Root {
  const maxPieceChars = Math.max(1, options.maxPieceChars ?? DEFAULT_PIECE_CHARS);
  // remark drops a byte-order mark from its offsets; the readers strip it before.
  if (options.wholeText || src.charCodeAt(0) === 0xfeff) return markdownParser.parse(src) as Root;
  try {
    return new PieceParser(src, maxPieceChars, options.directBlocks ?? true).parse();
  } catch (error) {
    // A check that should never fail did: the whole-text parse is slower but always right.
    if (error instanceof PieceMismatch && !options.strict) return markdownParser.parse(src) as Root;
    throw error;
  }
}

interface RemarkPiece {
  kind: 'remark';
  from: number;
  to: number;
  /** The piece follows a built paragraph or list with no blank line between (it opens a fence or the like). */
  afterParagraph: boolean;
  children: RootContent[];
}

interface BuiltBlocks {
  kind: 'built';
  children: RootContent[];
}

interface BuiltRun {
  /** Line after the run (exclusive). */
  end: number;
  children: RootContent[];
  units: InlineUnit[];
}

type Point = { line: number; column: number; offset: number };

/** remark-math's `$$` block (its types extend mdast's). */
type MathNode = Extract<RootContent, { type: 'math' }>;

class PieceParser {
  private readonly scan: LineScan;
  private readonly blocks: Array<RemarkPiece | BuiltBlocks> = [];
  private readonly units: InlineUnit[] = [];
  private definitions = '';

  constructor(
    private readonly src: string,
    private readonly maxPieceChars: number,
    private readonly directBlocks: boolean,
  ) {
    this.scan = scanLines(src, directBlocks);
  }

  parse(): Root {
    const { lines, blank } = this.scan;
    const n = lines.length;
    let i = 0;
    // Whether a built paragraph or list ends right before line i (it may be interrupted, not ended).
    let afterParagraph = false;
    while (i < n) {
      if (blank[i]) {
        i++;
        afterParagraph = false;
        continue;
      }
      const region = this.builtRegion(i);
      if (region) {
        this.blocks.push({ kind: 'built', children: [region] });
        i = this.scan.region[i]!.end + 1;
        afterParagraph = false;
        continue;
      }
      const run: BuiltRun | undefined = afterParagraph ? undefined : this.builtRun(i);
      if (run) {
        this.blocks.push({ kind: 'built', children: run.children });
        for (const unit of run.units) this.units.push(unit);
        afterParagraph = run.end < n && !blank[run.end];
        i = run.end;
        continue;
      }
      const piece: RemarkPiece = { kind: 'remark', from: i, to: i, afterParagraph, children: [] };
      this.readPiece(piece);
      this.blocks.push(piece);
      afterParagraph = false;
      i = piece.to;
    }
    if (this.src.includes(']:')) this.addDefinitions();
    new ParagraphInlines(this.src, this.scan, this.maxPieceChars, this.definitionsHead()).read(this.units);
    return {
      type: 'root',
      children: this.blocks.flatMap((block) => block.children),
      position: { start: { line: 1, column: 1, offset: 0 }, end: this.lineEnd(n - 1) },
    };
  }

  private point(line: number, column = 0): Point {
    return { line: line + 1, column: column + 1, offset: this.scan.starts[line]! + column };
  }

  private lineEnd(line: number): Point {
    const index = Math.max(0, line);
    return this.point(index, this.scan.lines[index]!.length);
  }

  /** A fence, math or raw HTML block at line i read exactly as remark would, or undefined. */
  private builtRegion(i: number): Code | MathNode | Html | undefined {
    const region = this.scan.region[i];
    if (!this.directBlocks || !region?.exact) return undefined;
    const { lines } = this.scan;
    const position = { start: this.point(i), end: this.lineEnd(region.end) };
    const inner = lines.slice(i + 1, region.end).join('\n');
    if (region.kind === 'html') return { type: 'html', value: lines.slice(i, region.end + 1).join('\n'), position };
    const info = lines[i]!.replace(/^(`{3,}|~{3,}|\${2,})/, '').trim();
    if (region.kind === 'math') return { type: 'math', meta: info || null, value: inner, position };
    const [lang, ...meta] = info.split(/[ \t]+/);
    return { type: 'code', lang: lang || null, meta: meta.join(' ') || null, value: inner, position };
  }

  /**
   * Blocks from line i to the next blank line whose tree is plain to see, or undefined: a
   * paragraph of plain lines, then one list of one-line items (lazy lines go on the item; blank
   * lines between items make it loose, as in the details of a long answer),
   * then an HTML block that runs to the blank line. What follows must be a blank line, the end or
   * a fence (which interrupts); a list must not be able to go on after the blank line.
   */
  private builtRun(i: number): BuiltRun | undefined {
    if (!this.directBlocks) return undefined;
    const { lines, blank, plain, regionEnd, region } = this.scan;
    const n = lines.length;
    if (lines[i]!.startsWith('|')) return this.builtTable(i);
    const children: RootContent[] = [];
    const units: InlineUnit[] = [];
    let k = i;
    if (plain[k] && !/^[ \t]/.test(lines[k]!)) {
      while (k < n && plain[k]) k++;
      const node: Paragraph = { type: 'paragraph', children: [], position: { start: this.point(i), end: this.lineEnd(k - 1) } };
      units.push({ from: i, to: k, firstColumn: 0, node });
      children.push(node);
    }
    let list: List | undefined;
    let listMarker: ListItemLine | undefined;
    while (k < n && regionEnd[k]! < 0) {
      if (blank[k]) {
        // Blank lines, then another unindented item of the same list: the list goes on, loose.
        if (!list || children.at(-1) !== list) break;
        let next = k;
        while (next < n && blank[next]) next++;
        const after = next < n && regionEnd[next]! < 0 ? simpleListItem(lines[next]!) : undefined;
        if (!after || after.marker !== listMarker!.marker) break;
        list.spread = true;
        k = next;
        continue;
      }
      const item = simpleListItem(lines[k]!);
      if (!item) break;
      // A list after text must start at 1 to interrupt it (CommonMark); another marker starts another list.
      if (item.ordered && item.start !== 1 && (!list ? children.length > 0 : item.marker !== listMarker!.marker)) return undefined;
      if (!list || item.marker !== listMarker!.marker) {
        list = { type: 'list', ordered: item.ordered, start: item.ordered ? item.start : null, spread: false, children: [] };
        listMarker = item;
        children.push(list);
      }
      const from = k;
      k++;
      while (k < n && plain[k]) k++;
      const paragraph: Paragraph = { type: 'paragraph', children: [], position: { start: this.point(from, item.contentStart), end: this.lineEnd(k - 1) } };
      units.push({ from, to: k, firstColumn: item.contentStart, node: paragraph });
      const listItem: ListItem = { type: 'listItem', spread: false, checked: null, children: [paragraph], position: { start: this.point(from), end: this.lineEnd(k - 1) } };
      list.children.push(listItem);
    }
    for (const node of children) if (node.type === 'list') node.position = { start: node.children[0]!.position!.start, end: node.children.at(-1)!.position!.end };
    if (k < n && !blank[k] && regionEnd[k]! < 0 && opensHtmlBlock(lines[k]!)) {
      const from = k;
      while (k < n && !blank[k]) k++;
      children.push({ type: 'html', value: lines.slice(from, k).join('\n'), position: { start: this.point(from), end: this.lineEnd(k - 1) } });
    }
    if (k === i) return undefined;
    if (k < n && !blank[k] && !region[k]) return undefined;
    if (children.at(-1)?.type === 'list') {
      // An indented fence right under an item is in the item.
      if (k < n && /^[ \t]/.test(lines[k]!)) return undefined;
      let next = k;
      while (next < n && blank[next]) next++;
      // After a blank line, an indented line or another item would still belong to the list.
      if (next < n && next > k && (/^[ \t]/.test(lines[next]!) || LIST_MARKER.test(lines[next]!))) return undefined;
    }
    return { end: k, children, units };
  }

  /**
   * A table whose every row starts with `|`, from line i to a blank line or the end. The header
   * row comes from remark (its cells' text decides whether it is a card table); the body rows are
   * split here as GFM splits them: at each unescaped `|`, the last one (only spaces after it)
   * belonging to the last cell.
   */
  private builtTable(i: number): BuiltRun | undefined {
    const { lines, blank, regionEnd } = this.scan;
    const n = lines.length;
    const delimiter = lines[i + 1];
    if (delimiter === undefined || !delimiter.startsWith('|') || !DELIMITER_ROW.test(delimiter)) return undefined;
    const columns = delimiter.replace(/^\|/, '').replace(/\|[ \t]*$/, '').split('|').length;
    if (this.cellBounds(i).length !== columns) return undefined;
    let end = i + 2;
    while (end < n && !blank[end] && regionEnd[end]! < 0 && lines[end]!.startsWith('|')) end++;
    if (end < n && !blank[end]) return undefined;
    const head = parsedTableHead(`${lines[i]}\n${delimiter}`);
    const parsed = head.children[0];
    if (head.children.length !== 1 || parsed?.type !== 'table' || parsed.children.length !== 1 || parsed.children[0]!.children.length !== columns) {
      return undefined;
    }
    shiftPositions(parsed, i, this.scan.starts[i]!);
    const rows = [parsed.children[0]!];
    for (let k = i + 2; k < end; k++) {
      const cells = this.cellBounds(k).map(([from, to]): TableCell => ({
        type: 'tableCell',
        children: [],
        position: { start: this.point(k, from), end: this.point(k, to) },
      }));
      rows.push({ type: 'tableRow', children: cells, position: { start: this.point(k), end: this.lineEnd(k) } });
    }
    const table: Table = { type: 'table', align: parsed.align, children: rows, position: { start: this.point(i), end: this.lineEnd(end - 1) } };
    return { end, children: [table], units: [] };
  }

  /** Columns [from, to) of the cells of a table row, as micromark bounds them. */
  private cellBounds(line: number): Array<[number, number]> {
    const text = this.scan.lines[line]!;
    const pipes: number[] = [];
    for (let c = 0; c < text.length; c++) {
      const char = text[c];
      if (char === '\\' && (text[c + 1] === '|' || text[c + 1] === '\\')) c++;
      else if (char === '|') pipes.push(c);
    }
    // A pipe with only spaces after it closes the row and goes with the last cell.
    if (pipes.length > 0 && /^[ \t]*$/.test(text.slice(pipes[pipes.length - 1]! + 1)) && (pipes.length > 1 || pipes[0] !== 0)) pipes.pop();
    const starts = pipes[0] === 0 ? pipes : [0, ...pipes];
    return starts.map((from, k) => [from, k + 1 < starts.length ? starts[k + 1]! : text.length]);
  }

  /** Parses remark material from `piece.from`, up to a checked cut past the size bound or before built blocks. */
  private readPiece(piece: RemarkPiece): void {
    const n = this.scan.lines.length;
    let bound = this.maxPieceChars;
    let search = piece.from + 1;
    let failed = false;
    for (;;) {
      let to = search;
      const stopsAt = (k: number) =>
        mayCutBefore(this.scan, k) && (this.chars(piece.from, k) >= bound || (!failed && this.buildsAt(k)));
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

  private buildsAt(k: number): boolean {
    return this.builtRegion(k) !== undefined || this.builtRun(k) !== undefined;
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
      // The block after a built paragraph must interrupt it, as in the whole text.
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
    for (const child of children) shiftPositions(child, piece.from - headLines, start - head.length);
    piece.children = children;
    return true;
  }

  /**
   * Link and footnote definitions resolve references anywhere in the text. When the pieces have
   * any, every piece that could hold a reference is read again with them, as is each paragraph batch.
   */
  private addDefinitions(): void {
    const labels = new Set<string>();
    const stack: Nodes[] = this.blocks.flatMap((block) => (block.kind === 'remark' ? block.children : []));
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'definition' || node.type === 'footnoteDefinition') {
        const label = labelSource(this.src, node.position?.start.offset ?? -1);
        if (label !== undefined) labels.add(node.type === 'definition' ? `[${label}]: #` : `[${label}]: x`);
      }
      if ('children' in node) for (const child of node.children as Nodes[]) stack.push(child);
    }
    if (labels.size === 0) return;
    this.definitions = [...labels].join('\n\n');
    for (const block of this.blocks) {
      if (block.kind !== 'remark' || !this.pieceText(block).includes('[')) continue;
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
}

/** Moves a node (and everything in it) from a piece to the text: lines by `lineShift`, offsets by `offsetShift`. */
/**
 * Table heads remark has read, by their text: a note of many tables repeats one head
 * (`| Question | Answer |`), and a remark call costs far more than a copy. Each caller gets its
 * own copy, since the positions are shifted in place. Bounded, so a note of odd heads cannot grow it.
 */
const tableHeads = new Map<string, Root>();
const MAX_TABLE_HEADS = 256;

function parsedTableHead(source: string): Root {
  let head = tableHeads.get(source);
  if (!head) {
    head = markdownParser.parse(source) as Root;
    if (tableHeads.size >= MAX_TABLE_HEADS) tableHeads.clear();
    tableHeads.set(source, head);
  }
  return copyTree(head);
}

/** A deep copy of plain tree data (objects, arrays, values), undefined properties kept. */
function copyTree<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyTree) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyTree((value as Record<string, unknown>)[key]);
  return copy as T;
}

function shiftPositions(node: Nodes, lineShift: number, offsetShift: number): void {
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const position = current.position;
    if (position) {
      for (const point of [position.start, position.end]) {
        point.line += lineShift;
        if (point.offset !== undefined) point.offset += offsetShift;
      }
    }
    // One at a time: a spread of a list of 100,000 items overflows the call stack.
    if ('children' in current) for (const child of current.children as Nodes[]) stack.push(child);
  }
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
