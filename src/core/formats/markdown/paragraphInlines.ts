// The inline nodes of paragraphs boundedParse builds itself, as remark would find them in the
// whole text: only those the inline-card reader masks (code, math, links, HTML, footnote calls).
//
// A line with none of their opening characters has none. A line whose only ones are backticks
// and dollars is read here: code and math spans pair an opening run with the next run of the
// same length, as CommonMark says, even over later lines. Any other line goes to remark, in
// batches of lines each parsed as a paragraph of its own; a line that leaves a span opener open
// (a backtick, `$`, `[` or `<` that a later line could close) is read again with the lines after
// it, twice as many each round, until nothing runs on.
import type { Paragraph, PhrasingContent, Root } from 'mdast';
import type { LineScan } from './lineScan.ts';
import { MASKED_INLINE_TYPES, PieceMismatch, markdownParser } from './remarkParser.ts';

/** A paragraph built without remark, at the root or in a list item. */
export interface InlineUnit {
  from: number;
  /** Exclusive. */
  to: number;
  /** Where the text starts in the first line (after a list marker). */
  firstColumn: number;
  node: Paragraph;
  groups?: Group[];
  closers?: Closers;
}

/** Lines of a paragraph read together. */
interface Group {
  unit: InlineUnit;
  from: number;
  /** Inclusive. */
  to: number;
  nodes: PhrasingContent[];
  /** `[` the group leaves open (see openBrackets). */
  openBrackets: number;
  done: boolean;
}

/** Where later lines of a paragraph could close a span (for groups that leave one open). */
interface Closers {
  /** Maximal run length of backticks / dollars → last line holding one. */
  ticks: Map<number, number>;
  dollars: Map<number, number>;
  bracket: number;
  angle: number;
}

/** A run of backticks or dollars, a possible span opener or closer. */
interface SpanRun {
  start: number;
  end: number;
  key: string;
  line: number;
}

const SPAN_CHARS = /[`$]/;
/**
 * Characters that may open a masked inline node other than a code or math span, or change
 * where one opens (a backslash before a backtick or dollar escapes it).
 */
const OTHER_OPENERS = /[[@]|\\[`$]|<[A-Za-z/!?]|:\/\/|www\.|mailto:|xmpp:/i;

type Kind = 'none' | 'spans' | 'remark';

export class ParagraphInlines {
  constructor(
    private readonly src: string,
    private readonly scan: LineScan,
    private readonly maxBatchChars: number,
    /** Definitions (and a closing paragraph) to put before every batch: references resolve as in the whole text. */
    private readonly definitionsHead: string,
  ) {}

  read(units: readonly InlineUnit[]): void {
    let pending: Group[] = [];
    // Pushed one by one: a spread of a paragraph's 100,000 groups would overflow the call stack.
    for (const unit of units) for (const group of this.startGroups(unit)) pending.push(group);
    while (pending.length > 0) {
      for (let first = 0; first < pending.length; ) {
        let size = 0;
        let last = first;
        while (last < pending.length && (last === first || size < this.maxBatchChars)) {
          size += this.groupText(pending[last]!).length + 2;
          last++;
        }
        this.readBatch(pending.slice(first, last));
        first = last;
      }
      pending = this.growGroups(pending);
    }
    for (const unit of units) {
      this.dropLinksAfterOpenBracket(unit);
      unit.node.children = (unit.groups ?? []).flatMap((group) => group.nodes);
    }
  }

  private text(unit: InlineUnit, line: number): string {
    const text = this.scan.lines[line]!;
    return line === unit.from ? text.slice(unit.firstColumn) : text;
  }

  private kind(unit: InlineUnit, line: number): Kind {
    const text = this.text(unit, line);
    if (OTHER_OPENERS.test(text)) return 'remark';
    return SPAN_CHARS.test(text) ? 'spans' : 'none';
  }

  /** Spans read here where they can be; the other lines as groups for remark. */
  private startGroups(unit: InlineUnit): Group[] {
    const groups: Group[] = [];
    unit.groups = groups;
    const kinds: Kind[] = [];
    let any = false;
    for (let k = unit.from; k < unit.to; k++) {
      const kind = this.kind(unit, k);
      kinds.push(kind);
      if (kind !== 'none') any = true;
    }
    if (!any) return [];
    const kindOf = (line: number) => kinds[line - unit.from]!;
    const runs = kinds.includes('spans') ? this.spanRuns(unit) : [];
    const byKey = new Map<string, number[]>();
    runs.forEach((run, index) => {
      const list = byKey.get(run.key);
      if (list) list.push(index);
      else byKey.set(run.key, [index]);
    });
    const cursor = new Map<string, number>();
    /** The first run after `index` with the same length and character. */
    const closerOf = (index: number): number | undefined => {
      const key = runs[index]!.key;
      const list = byKey.get(key)!;
      let at = cursor.get(key) ?? 0;
      while (at < list.length && list[at]! <= index) at++;
      cursor.set(key, at);
      return list[at];
    };
    const pending: Group[] = [];
    let next = 0;
    for (let k = unit.from; k < unit.to; ) {
      const kind = kindOf(k);
      if (kind === 'none') {
        k++;
        continue;
      }
      while (next < runs.length && runs[next]!.line < k) next++;
      if (kind === 'spans') {
        const nodes: PhrasingContent[] = [];
        let line = k;
        let blocked = false;
        while (next < runs.length && runs[next]!.line === line) {
          const closer = closerOf(next);
          if (closer === undefined) {
            next++; // No closer anywhere after: literal.
            continue;
          }
          const close = runs[closer]!;
          if (kindOf(close.line) === 'remark') {
            blocked = true;
            break;
          }
          const open = runs[next]!;
          nodes.push(this.spanNode(open, close));
          line = close.line;
          next = closer + 1;
        }
        if (!blocked) {
          groups.push({ unit, from: k, to: line, nodes, openBrackets: 0, done: true });
          k = line + 1;
          continue;
        }
        while (next < runs.length && runs[next]!.line <= k) next++;
      }
      const group: Group = { unit, from: k, to: k, nodes: [], openBrackets: 0, done: false };
      groups.push(group);
      pending.push(group);
      k++;
    }
    return pending;
  }

  private spanRuns(unit: InlineUnit): SpanRun[] {
    const runs: SpanRun[] = [];
    for (let k = unit.from; k < unit.to; k++) {
      const text = this.text(unit, k);
      if (!SPAN_CHARS.test(text)) continue;
      const base = this.scan.starts[k]! + (k === unit.from ? unit.firstColumn : 0);
      for (const match of text.matchAll(/`+|\$+/g)) {
        runs.push({ start: base + match.index, end: base + match.index + match[0].length, key: match[0], line: k });
      }
    }
    return runs;
  }

  private spanNode(open: SpanRun, close: SpanRun): PhrasingContent {
    const point = (line: number, offset: number) => ({ line: line + 1, column: offset - this.scan.starts[line]! + 1, offset });
    const position = { start: point(open.line, open.start), end: point(close.line, close.end) };
    return open.key[0] === '`' ? { type: 'inlineCode', value: '', position } : { type: 'inlineMath', value: '', position };
  }

  private groupText(group: Group): string {
    const { starts, lines } = this.scan;
    return this.src.slice(starts[group.from]! + this.lead(group), starts[group.to]! + lines[group.to]!.length);
  }

  /** Characters before the group's text on its first line: a list marker, indentation. */
  private lead(group: Group): number {
    const column = group.from === group.unit.from ? group.unit.firstColumn : 0;
    return column + /^[ \t]*/.exec(this.scan.lines[group.from]!.slice(column))![0].length;
  }

  /** One remark call for many groups: each is a paragraph of its own, blank lines between. */
  private readBatch(groups: Group[]): void {
    const { starts } = this.scan;
    const texts = groups.map((group) => this.groupText(group));
    const head = this.definitionsHead;
    const tree = markdownParser.parse(head + texts.join('\n\n')) as Root;
    const paragraphs = tree.children.filter((child) => (child.position?.start.offset ?? -1) >= head.length);
    let at = head.length;
    let line = countNewlines(head) + 1;
    groups.forEach((group, k) => {
      const paragraph = paragraphs[k];
      if (paragraph?.type !== 'paragraph' || paragraph.position?.start.offset !== at) {
        throw new PieceMismatch('a line of a paragraph did not read as paragraph text');
      }
      const lead = this.lead(group);
      const nodes: PhrasingContent[] = [];
      const literal: string[] = [];
      collectInline(paragraph.children, nodes, literal);
      for (const node of nodes) shiftInline(node, group.from + 1 - line, starts[group.from]! + lead - at, lead, line);
      group.nodes = nodes;
      group.openBrackets = this.openBrackets(group);
      group.done = group.to + 1 >= group.unit.to || !this.mayRunOn(group, literal.join(''));
      at += texts[k]!.length + 2;
      line += group.to - group.from + 2;
    });
  }

  /**
   * Whether the literal text of a group holds a span opener that a later line of its paragraph
   * could close: backticks or dollars with a run of the same or a shorter length later (escapes
   * can shorten an opener), a `[` left open with a `]` later, a `<` opening a tag with a `>` later.
   */
  private mayRunOn(group: Group, literal: string): boolean {
    if (!/[`$[<]/.test(literal)) return false;
    const closers = (group.unit.closers ??= this.closersOf(group.unit));
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

  private closersOf(unit: InlineUnit): Closers {
    const closers: Closers = { ticks: new Map(), dollars: new Map(), bracket: -1, angle: -1 };
    for (let k = unit.from; k < unit.to; k++) {
      const line = this.text(unit, k);
      for (const match of line.matchAll(/`+/g)) closers.ticks.set(match[0].length, k);
      for (const match of line.matchAll(/\$+/g)) closers.dollars.set(match[0].length, k);
      if (line.includes(']')) closers.bracket = k;
      if (line.includes('>')) closers.angle = k;
    }
    return closers;
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
    for (let i = starts[group.from]! + this.lead(group); i < end; i++) {
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

  /** Groups that may run on, grown to at least twice their lines, taking in the groups they cover. */
  private growGroups(groups: Group[]): Group[] {
    const grown: Group[] = [];
    const units = new Set(groups.filter((group) => !group.done).map((group) => group.unit));
    for (const unit of units) {
      const kept: Group[] = [];
      let coveredTo = -1;
      for (const group of unit.groups!) {
        if (group.from <= coveredTo) {
          // Inside a grown group: its lines are read again there.
          if (group.to > coveredTo) coveredTo = kept[kept.length - 1]!.to = group.to;
          continue;
        }
        kept.push(group);
        if (group.done) continue;
        const lines = group.to - group.from + 1;
        group.to = Math.min(unit.to - 1, group.from + 2 * lines - 1);
        group.nodes = [];
        coveredTo = group.to;
        grown.push(group);
      }
      unit.groups = kept;
    }
    return grown;
  }

  /**
   * micromark makes no autolink literal (`www.x`, `a@b.co`) after a `[` still open in the same
   * paragraph (remark adds one later, with no position, which nothing masks): once a group
   * leaves a `[` open for good, those links go from the groups after it.
   */
  private dropLinksAfterOpenBracket(unit: InlineUnit): void {
    let open = false;
    for (const group of unit.groups ?? []) {
      if (open) group.nodes = group.nodes.filter((node) => !(node.type === 'link' && isAutolinkLiteral(this.src, node)));
      if (group.openBrackets > 0) open = true;
    }
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

/** Moves an inline node (and what is in it) from its batch to the text; on the batch line `firstLine` columns move too. */
function shiftInline(node: PhrasingContent, lineShift: number, offsetShift: number, columnShift: number, firstLine: number): void {
  const stack: PhrasingContent[] = [node];
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
    if ('children' in current) for (const child of current.children as PhrasingContent[]) stack.push(child);
  }
}

export function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
