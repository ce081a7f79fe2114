// The text of heading lines, read with remark: its plain words (for deciding what a heading is)
// and its inline markdown as written (for a card's front). All heading lines go through one small
// parse, so the cost stays proportional to the headings, not to the note.
import type { Heading, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export interface HeadingText {
  /** Words as a reader sees them: no markup, no HTML. */
  plain: string;
  /** Inline markdown as written, without `#`s and without HTML comments (tool ids, SR data). */
  markdown: string;
}

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkMath);

const HTML_COMMENT = /^<!--[\s\S]*?-->$/;

function isComment(node: Nodes): boolean {
  return node.type === 'html' && HTML_COMMENT.test(node.value.trim());
}

/** A heading line read without remark, for the rare line remark does not take as a heading. */
function fallbackText(line: string): HeadingText {
  const text = withoutClosingHashes(line.replace(/^ {0,3}#{1,6}(?:[ \t]+|$)/, ''))
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
  return { plain: text, markdown: text };
}

/**
 * `Title ##` → `Title`: a closing run of `#` after a space goes. A scan from the end, not
 * `/[ \t]+#+[ \t]*$/`, which backtracks quadratically over a long run of spaces.
 */
export function withoutClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  let hashes = end;
  while (hashes > 0 && text[hashes - 1] === '#') hashes--;
  if (hashes === end) return text;
  let spaces = hashes;
  while (spaces > 0 && (text[spaces - 1] === ' ' || text[spaces - 1] === '\t')) spaces--;
  return spaces < hashes ? text.slice(0, spaces) : text;
}

function textOfHeading(heading: Heading, source: string): HeadingText {
  const kept = heading.children.filter((child) => !isComment(child));
  const parts: string[] = [];
  for (const child of kept) {
    const start = child.position?.start.offset;
    const end = child.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    parts.push(source.slice(start, end));
  }
  const plain = kept.map((child) => toString(child, { includeHtml: false })).join('');
  return { plain: plain.replace(/\s+/g, ' ').trim(), markdown: parts.join('').replace(/\s+/g, ' ').trim() };
}

/** Headings read per remark call: small documents keep memory flat and the cost linear on big notes. */
const HEADINGS_PER_PARSE = 256;

/**
 * Heading words with no character remark reads as markup (emphasis, code, links, HTML, entities,
 * escapes, math, strikethrough, closing `#`s, control characters, GFM's bare links, whose nodes
 * have no position): remark gives back the words themselves, so these lines are not parsed (most
 * headings of a long note are such words).
 */
const PLAIN_WORDS = /^[^\\`*_[\]<>&!~$#|@\x00-\x08\x0a-\x1f\x7f]*$/;
const BARE_LINK = /www\.|:\/\//i;
const OPENING_HASHES = /^ {0,3}#{1,6}(?:[ \t]+|$)/;

/** The text of a heading line whose words hold no markup, or undefined when remark must read it. */
function plainWordsText(line: string): HeadingText | undefined {
  const words = line.replace(OPENING_HASHES, '');
  if (words.length === line.length || !PLAIN_WORDS.test(words) || BARE_LINK.test(words)) return undefined;
  const text = words.replace(/\s+/g, ' ').trim();
  return { plain: text, markdown: text };
}

/**
 * Plain and markdown text of each heading line, in order. Never throws. `everyLineByRemark`
 * (for tests) sends the lines of plain words to remark too: the result must not change.
 */
export function readHeadingLines(lines: readonly string[], options: { everyLineByRemark?: boolean } = {}): HeadingText[] {
  const result = lines.map(fallbackText);
  const marked: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const plain = options.everyLineByRemark ? undefined : plainWordsText(lines[i]!);
    if (plain) result[i] = plain;
    else marked.push(i);
  }
  for (let first = 0; first < marked.length; first += HEADINGS_PER_PARSE) {
    readBatch(lines, marked.slice(first, first + HEADINGS_PER_PARSE), result);
  }
  return result;
}

/** The lines at `indexes` read by one remark parse, into `result` at the same indexes. */
function readBatch(lines: readonly string[], indexes: readonly number[], result: HeadingText[]): void {
  // One heading per paragraph-separated line: line 2k+1 of the joined source is heading k.
  const source = indexes.map((i) => lines[i]!.replace(/^[ \t]+/, '')).join('\n\n');
  try {
    const tree = parser.parse(source) as Root;
    for (const node of tree.children) {
      const line = node.position?.start.line;
      if (node.type !== 'heading' || line === undefined || line % 2 === 0) continue;
      const index = (line - 1) / 2;
      if (index < indexes.length) result[indexes[index]!] = textOfHeading(node, source);
    }
  } catch {
    // Keep the plain fallback text: a heading is still readable without remark.
  }
}
