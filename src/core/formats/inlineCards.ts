// Cards written with the inline syntaxes people already use in notes: `Q:`/`A:` lines, Obsidian
// Spaced Repetition (`::`, `:::`, `?`, `??`, `==cloze==`), RemNote (`>>`, `>>>`, `;;`), Anki
// `{{c1::cloze}}`, `<details><summary>` blocks and Question/Answer tables.
//
// The markdown is parsed with remark into mdast first, so code (fenced, indented, inline), math,
// links and HTML are known before any syntax is looked for: those spans are masked, and only
// paragraph lines, list items, tables and HTML blocks are read. Answers are sliced from the
// source by node positions, so their markdown stays as written.
//
// Choices: `question:::answer` and `??` give two cards (one per direction), as the Obsidian
// plugin does. RemNote `<<` and `<>` are not read (C++ streams and generics make them too noisy
// in prose), nor is Obsidian's optional `**bold**` / `{{curly}}` cloze.
import type { List, Nodes, Paragraph, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { NoteWarning } from '../deck/types.ts';
import { MASKED_INLINE_TYPES, parseBounded, type BoundedParseOptions } from './markdown/boundedParse.ts';
import {
  MASK,
  cardTableColumns,
  findInlineAnswer,
  findSeparator,
  hasCloze,
  isToolComment,
  maskAnkiCloze,
  askingCallout,
  mayHoldInlineCards,
  matchAnswerLabel,
  matchQuestionLabel,
  matchQuestionMarkLine,
  stripToolComments,
  type LabelMatch,
} from './inlineCardSyntax.ts';
import type { RawCard } from './types.ts';
import { removeCommonIndent } from '../text/commonIndent.ts';

/** Lists nested deeper than this are read as plain text (keeps recursion bounded on odd input). */
const MAX_DEPTH = 48;

/** Inline constructs whose text is never card syntax (`a::b` in code, `https://x`, `<b>`). */
const MASKED_INLINE = MASKED_INLINE_TYPES;

interface PendingQuestion {
  line: number;
  parts: string[];
  /** The paragraph the `Q:` line is in; the question runs on only inside it. */
  paragraph: Paragraph;
  boldRunsToEnd: boolean;
}

interface Walk {
  src: string;
  lines: string[];
  masked: string;
  firstLine: number;
  section: string[];
  cards: RawCard[];
  warnings: NoteWarning[];
  pending: PendingQuestion | undefined;
  cardish: WeakMap<Nodes, boolean>;
}

/**
 * Cards written with inline syntaxes in a stretch of markdown that has no question headings.
 * `firstLine` is the 1-based file line of the stretch's first line, so card lines are file lines;
 * `section` (the enclosing headings) is put on every card. Never throws.
 */
export function inlineCardsFromMarkdown(
  markdown: string,
  firstLine: number,
  section: string[],
  /** How remark is given the text; the cards are the same however it is cut (tests compare). */
  parseOptions?: BoundedParseOptions,
): { cards: RawCard[]; warnings: NoteWarning[] } {
  // Same line count as the input: CRLF -> LF and a BOM dropped.
  const src = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!mayHoldInlineCards(src)) return { cards: [], warnings: [] };
  const walk: Walk = {
    src,
    lines: src.split('\n'),
    masked: src,
    firstLine,
    section,
    cards: [],
    warnings: [],
    pending: undefined,
    cardish: new WeakMap(),
  };
  try {
    // Bounded pieces, never one remark call on the whole stretch: micromark is super-linear on
    // long documents (150 s for 1 MB of `Q:`/`A:` lines without blank lines).
    const tree = parseBounded(src, parseOptions);
    walk.masked = maskInline(src, tree);
    walkBlocks(walk, tree.children, 0, 0);
    flushPending(walk);
  } catch (error) {
    // A bug here must not cost the note its other cards.
    walk.warnings.push({ line: firstLine, ruleId: 'inline-cards-failed', reason: `Inline cards could not be read: ${String(error)}` });
  }
  return { cards: walk.cards, warnings: walk.warnings };
}

/** A copy of `src` where code spans, math, links, inline HTML and escapes are MASK characters. */
function maskInline(src: string, tree: Root): string {
  const ranges: Array<[number, number]> = [];
  // Iterative: odd input can nest lists thousands deep. Two stacks side by side, not a pair per node.
  const stack: Nodes[] = [tree];
  const inPhrasingStack: boolean[] = [false];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const inPhrasing = inPhrasingStack.pop()!;
    if (inPhrasing && MASKED_INLINE.has(node.type)) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined && end > start) ranges.push([start, Math.min(end, src.length)]);
      continue;
    }
    if ('children' in node) {
      const phrasing = inPhrasing || node.type === 'paragraph' || node.type === 'tableCell' || node.type === 'heading';
      for (const child of node.children as Nodes[]) {
        stack.push(child);
        inPhrasingStack.push(phrasing);
      }
    }
  }
  // Slices of the source between the masked spans: no per-character array on a 5 MB note.
  ranges.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    const span = src.slice(from, end);
    parts.push(src.slice(at, from), span.includes('\n') ? span.replace(/[^\n]/g, MASK) : MASK.repeat(span.length));
    at = end;
  }
  parts.push(src.slice(at));
  const masked = parts.join('');
  // `a\::b` and `\>>` are escaped on purpose: not separators.
  return masked.includes('\\') ? masked.replace(/\\[!-/:-@[-`{-~]/g, MASK + MASK) : masked;
}

function startLine(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

function endLine(node: Nodes): number {
  return node.position?.end.line ?? startLine(node);
}

function fileLine(walk: Walk, line: number): number {
  return walk.firstLine + line - 1;
}

function walkBlocks(walk: Walk, blocks: readonly RootContent[], indent: number, depth: number): void {
  const laterQuestion = questionSuffix(walk, blocks);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    switch (block.type) {
      case 'paragraph':
        i = walkParagraph(walk, blocks, i, indent, laterQuestion);
        break;
      case 'list':
        if (depth < MAX_DEPTH) walkList(walk, block, depth);
        break;
      case 'table':
        if (cardTable(block)) {
          flushPending(walk);
          tableCards(walk, block);
        } else appendToQuestion(walk, block, indent);
        break;
      case 'html':
        if (isToolComment(block.value)) break;
        if (/<details[\s>]/i.test(block.value)) {
          flushPending(walk);
          i = detailsCard(walk, blocks, i);
        }
        break;
      case 'blockquote':
        if (calloutCard(walk, block)) break;
        appendToQuestion(walk, block, indent);
        break;
      case 'code':
      case 'math':
        // `Q: What does this print?` followed by a fence: the code belongs to the question.
        appendToQuestion(walk, block, indent);
        break;
      case 'heading':
      case 'thematicBreak':
        flushPending(walk);
        break;
      default:
        break;
    }
  }
}

function walkList(walk: Walk, list: List, depth: number): void {
  for (const item of list.children) {
    const first = item.children[0];
    const indent = first?.position ? first.position.start.column - 1 : 0;
    walkBlocks(walk, item.children, indent, depth + 1);
  }
}

/** For each block index, whether a later sibling starts with a `Q:` line ("answers run until the next Q"). */
function questionSuffix(walk: Walk, blocks: readonly RootContent[]): boolean[] {
  const later = new Array<boolean>(blocks.length + 1).fill(false);
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i]!;
    const startsQuestion =
      block.type === 'paragraph' && someMaskedLine(walk, block, (line) => matchQuestionLabel(line) !== undefined);
    later[i] = later[i + 1]! || startsQuestion;
  }
  return later;
}

interface ParagraphLines {
  raw: string[];
  masked: string[];
}

/**
 * Whether a masked line of the paragraph (leading whitespace dropped) passes `test`, without
 * building its line arrays: a note with no blank line is one paragraph of 100,000 lines.
 */
function someMaskedLine(walk: Walk, paragraph: Paragraph, test: (line: string) => boolean): boolean {
  const start = paragraph.position?.start.offset ?? 0;
  const end = paragraph.position?.end.offset ?? start;
  const { src, masked } = walk;
  for (let from = start; from <= end; ) {
    let to = masked.indexOf('\n', from);
    if (to < 0 || to > end) to = end;
    // The indentation is measured on the source, as paragraphLines does.
    let lead = from;
    while (lead < to && (src[lead] === ' ' || src[lead] === '\t')) lead++;
    if (test(masked.slice(lead, to))) return true;
    from = to + 1;
  }
  return false;
}

/** The paragraph's lines, leading whitespace dropped (insignificant in a paragraph), raw and masked alike. */
function paragraphLines(walk: Walk, paragraph: Paragraph): ParagraphLines {
  const start = paragraph.position?.start.offset ?? 0;
  const end = paragraph.position?.end.offset ?? start;
  const raw = walk.src.slice(start, end).split('\n');
  const masked = walk.masked.slice(start, end).split('\n');
  for (let k = 0; k < raw.length; k++) {
    const lead = /^[ \t]*/.exec(raw[k]!)![0].length;
    raw[k] = raw[k]!.slice(lead);
    masked[k] = (masked[k] ?? '').slice(lead);
  }
  return { raw, masked };
}

/** Reads one paragraph line by line; returns the index of the last block it consumed. */
function walkParagraph(
  walk: Walk,
  blocks: readonly RootContent[],
  index: number,
  indent: number,
  laterQuestion: readonly boolean[],
): number {
  const paragraph = blocks[index] as Paragraph;
  const { raw, masked } = paragraphLines(walk, paragraph);
  const first = startLine(paragraph);
  const cardsBefore = walk.cards.length;
  let made = false;
  // A question from an earlier block keeps waiting only for a paragraph that opens with `A:`.
  if (walk.pending && !matchAnswerLabel(masked[0] ?? '')) flushPending(walk);

  let questionStart = 0; // first line a `?` card's question may take
  for (let k = 0; k < raw.length; k++) {
    const line = masked[k]!;
    const question = matchQuestionLabel(line);
    if (question && !isAnchorLink(raw[k]!.slice(question.length))) {
      flushPending(walk);
      made = true;
      const rest = raw[k]!.slice(question.length);
      const inline = findInlineAnswer(line.slice(question.length));
      if (inline) {
        // `Q: What is X? A: Y` on one line.
        addCard(walk, rest.slice(0, inline.start), [rest.slice(inline.end)], fileLine(walk, first + k), question);
        questionStart = k + 1;
        continue;
      }
      walk.pending = { line: fileLine(walk, first + k), parts: [rest], paragraph, boldRunsToEnd: question.boldRunsToEnd };
      questionStart = k + 1;
      continue;
    }
    const answer = walk.pending ? matchAnswerLabel(line) : undefined;
    if (answer && walk.pending) {
      made = true;
      let end = k + 1;
      while (end < raw.length && !matchQuestionLabel(masked[end]!)) end++;
      const parts = [unbold(raw[k]!.slice(answer.length), answer), ...raw.slice(k + 1, end)];
      let last = index;
      if (end === raw.length) {
        last = answerContinuation(walk, blocks, index, 'qa', laterQuestion);
        if (last > index) parts.push(sliceBlocks(walk, blocks, index + 1, last, indent, true));
      }
      const pending = walk.pending;
      walk.pending = undefined;
      addCard(walk, pending.parts.join('\n'), parts, pending.line, pending);
      if (end === raw.length) return last;
      k = end - 1;
      questionStart = end;
      continue;
    }
    const mark = matchQuestionMarkLine(line);
    if (mark) {
      const fromPending = walk.pending?.paragraph === paragraph ? walk.pending : undefined;
      const questionLines = fromPending ? fromPending.parts : raw.slice(questionStart, k);
      if (questionLines.join('').trim() === '') continue;
      walk.pending = undefined;
      made = true;
      const line0 = fromPending ? fromPending.line : fileLine(walk, first + questionStart);
      const parts = raw.slice(k + 1);
      const last = answerContinuation(walk, blocks, index, 'sr', laterQuestion);
      if (last > index) parts.push(sliceBlocks(walk, blocks, index + 1, last, indent, false));
      const front = questionLines.join('\n');
      if (addCard(walk, front, parts, line0) && mark === 'reversed') {
        addCard(walk, parts.join('\n'), [front], line0);
      }
      return last;
    }
    const separator = findSeparator(maskAnkiCloze(line));
    if (separator) {
      made = true;
      flushPending(walk);
      const text = raw[k]!;
      const front = text.slice(0, separator.start);
      const lineNumber = fileLine(walk, first + k);
      if (separator.kind === 'remnote-multiline') {
        // `Question >>>` followed by the answer's lines or a nested list.
        const parts = raw.slice(k + 1);
        let last = index;
        const next = blocks[index + 1];
        if (k === raw.length - 1 && next?.type === 'list') {
          last = index + 1;
          parts.push(sliceBlocks(walk, blocks, index + 1, last, indent, false));
        }
        addCard(walk, front, parts, lineNumber);
        return last;
      }
      const back = text.slice(separator.end);
      if (addCard(walk, front, [back], lineNumber) && separator.kind === 'bidirectional') {
        addCard(walk, back, [front], lineNumber);
      }
      questionStart = k + 1;
      continue;
    }
    if (walk.pending?.paragraph === paragraph) {
      walk.pending.parts.push(raw[k]!);
      continue;
    }
  }
  if (walk.pending?.paragraph === paragraph && walk.pending.boldRunsToEnd) {
    const parts = walk.pending.parts;
    parts[parts.length - 1] = parts[parts.length - 1]!.replace(/(?:\*\*|__)\s*$/, '');
  }
  if (!made && walk.cards.length === cardsBefore && hasCloze(masked.join('\n'))) {
    const text = raw.join('\n');
    walk.cards.push({ front: cleanText(text), back: cleanText(text), kind: 'cloze', line: fileLine(walk, first), section: walk.section.slice() });
  }
  return index;
}

/** `Q: [What is X?](#what-is-x)`: a table of contents entry pointing at the question, not a question. */
function isAnchorLink(text: string): boolean {
  return /^\[[^\]]*\]\(#[^)]*\)\W*$/u.test(text.trim());
}

/** `**A: text**`: the bold opened before the label closes at the end of the answer's first line. */
function unbold(text: string, label: LabelMatch): string {
  return label.boldRunsToEnd ? text.replace(/(?:\*\*|__)\s*$/, '') : text;
}

/**
 * How far an answer runs past its paragraph, as the index of the last block it takes.
 * `sr` (Obsidian `?` cards): only blocks with no blank line between, as the plugin reads them.
 * `qa`: blocks right under it; after a blank line lists, code, math, tables and quotes, and
 * paragraphs too while another `Q:` follows in the same container ("until the next Q").
 */
function answerContinuation(
  walk: Walk,
  blocks: readonly RootContent[],
  index: number,
  mode: 'qa' | 'sr',
  laterQuestion: readonly boolean[],
): number {
  let last = index;
  for (let j = index + 1; j < blocks.length; j++) {
    const block = blocks[j]!;
    if (block.type === 'heading' || block.type === 'thematicBreak') break;
    if (block.type === 'html' && isToolComment(block.value)) {
      last = j;
      continue;
    }
    if (startsCard(walk, block)) break;
    const gap = startLine(block) - endLine(blocks[last]!) - 1;
    if (gap <= 0) {
      last = j;
      continue;
    }
    if (mode === 'sr') break;
    const continues =
      block.type === 'list' ||
      block.type === 'code' ||
      block.type === 'math' ||
      block.type === 'table' ||
      block.type === 'blockquote' ||
      block.type === 'html' ||
      (block.type === 'paragraph' && laterQuestion[j + 1] === true);
    if (!continues) break;
    last = j;
  }
  return last;
}

/** Whether a block holds card syntax of its own, so an answer must stop before it. */
function startsCard(walk: Walk, block: Nodes, depth = 0): boolean {
  const known = walk.cardish.get(block);
  if (known !== undefined) return known;
  let result = false;
  if (block.type === 'paragraph') {
    result = someMaskedLine(
      walk,
      block,
      (line) =>
        matchQuestionLabel(line) !== undefined ||
        matchQuestionMarkLine(line) !== undefined ||
        findSeparator(maskAnkiCloze(line)) !== undefined,
    );
  } else if (block.type === 'table') {
    result = cardTable(block) !== undefined;
  } else if (block.type === 'html') {
    result = /<details[\s>]/i.test(block.value);
  } else if ((block.type === 'list' || block.type === 'listItem') && depth < MAX_DEPTH) {
    result = (block.children as Nodes[]).some((child) => startsCard(walk, child, depth + 1));
  }
  walk.cardish.set(block, result);
  return result;
}

/** Whole source lines of blocks[from..to], with the container's indentation removed. */
function sliceBlocks(
  walk: Walk,
  blocks: readonly RootContent[],
  from: number,
  to: number,
  indent: number,
  keepGapBefore: boolean,
): string {
  const lines = walk.lines;
  const firstBlock = blocks[from]!;
  const start = startLine(firstBlock);
  const end = endLine(blocks[to]!);
  // Blocks indented further than the container (a nested list under `A:`) move left together,
  // unless one is indented code, whose indentation is its syntax.
  const range = blocks.slice(from, to + 1);
  const indentedCode = range.some((block) => block.type === 'code' && !/^\s*(`{3,}|~{3,})/.test(lines[startLine(block) - 1] ?? ''));
  // A loop, not Math.min(...): an answer can run over more blocks than a spread can pass.
  const extra = indentedCode ? 0 : range.reduce((least, block) => Math.min(least, (block.position?.start.column ?? 1) - 1 - indent), Infinity);
  const taken = lines.slice(start - 1, end).map((line) => dedent(line, indent + Math.max(0, extra)));
  const gap = keepGapBefore && from > 0 ? start - endLine(blocks[from - 1]!) - 1 : 0;
  return (gap > 0 ? '\n' : '') + taken.join('\n');
}

function dedent(line: string, indent: number): string {
  let cut = 0;
  while (cut < indent && cut < line.length && (line[cut] === ' ' || line[cut] === '\t')) cut++;
  return line.slice(cut);
}

/** Code, math or a quote under a question still waiting for its `A:` becomes part of the question. */
function appendToQuestion(walk: Walk, block: RootContent, indent: number): void {
  const pending = walk.pending;
  if (!pending) return;
  const lines = walk.lines.slice(startLine(block) - 1, endLine(block));
  pending.parts.push(lines.map((line) => dedent(line, indent)).join('\n'));
}

function flushPending(walk: Walk): void {
  const pending = walk.pending;
  if (!pending) return;
  walk.pending = undefined;
  const question = cleanText(pending.parts.join('\n'));
  walk.warnings.push({
    line: pending.line,
    ruleId: 'no-answer',
    reason: `The question "${shorten(question)}" has no answer (no A: line after it), so it is not a card.`,
  });
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

/** Tool comments out, trimmed; for the front, a `Q:` left in by a mixed syntax goes too. */
function cleanText(text: string): string {
  return stripToolComments(text).trim();
}

/** Adds a basic card; an empty answer is a `no-answer` warning instead. Returns whether a card was added. */
function addCard(
  walk: Walk,
  front: string,
  backParts: string[],
  line: number,
  label?: { boldRunsToEnd: boolean },
): boolean {
  let question = cleanText(front);
  if (label?.boldRunsToEnd) question = question.replace(/(?:\*\*|__)$/, '').trim();
  const answer = cleanText(backParts.join('\n'));
  if (question === '') return false;
  if (answer === '') {
    walk.warnings.push({ line, ruleId: 'no-answer', reason: `The question "${shorten(question)}" has no answer, so it is not a card.` });
    return false;
  }
  // Each card its own copy of the section (no spread: a note can hold 100,000 of these).
  walk.cards.push({ front: question, back: answer, line, section: walk.section.slice() });
  return true;
}

function cardTable(table: Table): { question: number; answer: number } | undefined {
  const header = table.children[0];
  if (!header) return undefined;
  return cardTableColumns(header.children.map((cell) => toString(cell)));
}

/** One card per row of a `| Question | Answer |` table; other columns are added to the back. */
function tableCards(walk: Walk, table: Table): void {
  const columns = cardTable(table);
  const [header, ...rows] = table.children;
  if (!columns || !header) return;
  const cellText = (row: Table['children'][number], column: number): string => {
    const cell = row.children[column];
    const start = cell?.position?.start.offset;
    const end = cell?.position?.end.offset;
    if (start === undefined || end === undefined) return '';
    return walk.src
      .slice(start, end)
      .replace(/^\s*\|/, '')
      .replace(/\|\s*$/, '')
      .replace(/\\\|/g, '|')
      .trim();
  };
  for (const row of rows) {
    const front = cellText(row, columns.question);
    if (front === '') continue;
    const extras: string[] = [];
    header.children.forEach((cell, column) => {
      if (column === columns.question || column === columns.answer) return;
      const value = cellText(row, column);
      if (value !== '') extras.push(`**${toString(cell).trim()}:** ${value}`);
    });
    const back = cellText(row, columns.answer);
    const line = fileLine(walk, startLine(row));
    if (back === '') {
      addCard(walk, front, [], line);
      continue;
    }
    addCard(walk, front, [back, ...extras.map((extra) => `\n${extra}`)], line);
  }
}

/** An Obsidian callout that asks (`askingCallout`): its title the question, the rest of the quote its answer. */
function calloutCard(walk: Walk, quote: RootContent): boolean {
  const lines = walk.lines.slice(startLine(quote) - 1, endLine(quote)).map((line) => line.replace(/^[ \t]{0,3}>[ \t]?/, ''));
  const callout = askingCallout(lines[0] ?? '');
  if (!callout) return false;
  const { title } = callout;
  flushPending(walk);
  // A callout with no title asks with its first line.
  const body = title ? lines.slice(1) : lines.slice(2);
  const question = title || (lines[1] ?? '').trim();
  addCard(walk, question, [removeCommonIndent(body).join('\n')], fileLine(walk, startLine(quote)));
  return true;
}

/** `<details><summary>question</summary>answer</details>`, over as many blocks as it spans. */
function detailsCard(walk: Walk, blocks: readonly RootContent[], index: number): number {
  let depth = 0;
  let last = blocks.length - 1;
  for (let j = index; j < blocks.length; j++) {
    const block = blocks[j]!;
    if (block.type !== 'html') continue;
    depth += (block.value.match(/<details[\s>]/gi) ?? []).length;
    depth -= (block.value.match(/<\/details\s*>/gi) ?? []).length;
    if (depth <= 0) {
      last = j;
      break;
    }
  }
  const start = blocks[index]!.position?.start.offset ?? 0;
  const end = blocks[last]!.position?.end.offset ?? start;
  const html = walk.src.slice(start, end);
  const baseLine = startLine(blocks[index]!);
  // Newlines counted from one segment to the next (segments come in order): a block of
  // 100,000 `<details>` lines with no blank line is one HTML node.
  let counted = 0;
  let newlines = 0;
  for (const segment of detailsSegments(html)) {
    newlines += countNewlines(html.slice(counted, segment.start));
    counted = segment.start;
    const line = fileLine(walk, baseLine + newlines);
    const body = segment.text.replace(/^<details[^>]*>/i, '').replace(/<\/details\s*>$/i, '');
    const summary = /<summary[^>]*>([\s\S]*?)<\/summary\s*>/i.exec(body);
    if (!summary) continue;
    let question = summary[1]!
      .replace(/<code[^>]*>([\s\S]*?)<\/code\s*>/gi, '`$1`')
      .replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
    const label = matchQuestionLabel(question);
    if (label) question = question.slice(label.length);
    const answer = body.slice(summary.index + summary[0].length);
    addCard(walk, question, [removeCommonIndent(answer.split('\n')).join('\n')], line);
  }
  return last;
}

/** Top-level `<details>…</details>` spans of an HTML fragment (an unclosed one runs to the end). */
function detailsSegments(html: string): Array<{ start: number; text: string }> {
  const segments: Array<{ start: number; text: string }> = [];
  let depth = 0;
  let open = 0;
  for (const tag of html.matchAll(/<details[\s>]|<\/details\s*>/gi)) {
    if (tag[0][1] !== '/') {
      if (depth === 0) open = tag.index;
      depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0) segments.push({ start: open, text: html.slice(open, tag.index + tag[0].length) });
    }
  }
  if (depth > 0) segments.push({ start: open, text: html.slice(open) });
  return segments;
}

function countNewlines(text: string): number {
  let count = 0;
  for (const char of text) if (char === '\n') count++;
  return count;
}

/**
 * 0..1: the share of non-blank lines outside code fences that carry one of these syntaxes
 * (a `Q:`/`A:` label, a `?` line, a separator, a cloze mark, `<summary>`, a card table's rows).
 * A cheap line scan for the markdown format's `detect`, never a parse.
 */
export function inlineCardDensity(text: string, stopAtHits = Infinity): number {
  return scanInlineCardLines(text, stopAtHits);
}

/** Whether any line carries an inline syntax (`inlineCardDensity(text) > 0`), stopping at the first. */
export function hasInlineCardLine(text: string): boolean {
  return scanInlineCardLines(text, 1) > 0;
}

/**
 * The share of lines with a syntax; 1 as soon as `stopAtHits` lines have one (a caller that only
 * needs to know the share is above some bound stops there: `hasInlineCardLine` at the first).
 */
function scanInlineCardLines(text: string, stopAtHits: number): number {
  let fence: string | undefined;
  let counted = 0;
  let hits = 0;
  let inCardTable = false;
  const source = text.replace(/^\uFEFF/, '');
  // Line by line without splitting the text first: a scan that stops early reads only its lines.
  const lineEnd = /\r\n?|\n/g;
  for (let start = 0; start <= source.length; ) {
    const end = lineEnd.exec(source);
    const rawLine = source.slice(start, end ? end.index : source.length);
    start = end ? end.index + end[0].length : source.length + 1;
    // Each look is skipped when its character is absent: this scan runs on every note, twice.
    const fenceMatch = rawLine.includes('```') || rawLine.includes('~~~') ? /^ {0,3}(`{3,}|~{3,})/.exec(rawLine) : null;
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      continue;
    }
    let line = rawLine;
    if (line.includes('`')) line = line.replace(/(`+)[\s\S]*?\1/g, (span) => MASK.repeat(span.length));
    if (line.includes('://')) line = line.replace(/[a-z][\w+.-]*:\/\/\S+/gi, (span) => MASK.repeat(span.length));
    line = line.replace(/^\s*(?:>\s*)*(?:[-*+]|\d{1,3}[.)])?\s*/, '');
    if (line.trim() === '') {
      inCardTable = false;
      continue;
    }
    counted++;
    if (line.startsWith('|')) {
      if (inCardTable) {
        if (++hits >= stopAtHits) return 1;
        continue;
      }
      const cells = line.split('|').slice(1, -1);
      if (cardTableColumns(cells)) {
        inCardTable = true;
        if (++hits >= stopAtHits) return 1;
      }
      continue;
    }
    inCardTable = false;
    if (
      matchQuestionLabel(line) ||
      matchAnswerLabel(line) ||
      matchQuestionMarkLine(line) ||
      findSeparator(maskAnkiCloze(line)) ||
      hasCloze(line) ||
      /<summary[\s>]/i.test(line) ||
      (line.startsWith('[!') && askingCallout(line) !== undefined)
    ) {
      if (++hits >= stopAtHits) return 1;
    }
  }
  return counted === 0 ? 0 : Math.min(1, hits / counted);
}
