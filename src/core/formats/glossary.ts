// A glossary: each entry a bold term and its definition on the same line, as people write terms
// to learn (`**Page fault** — an access to a page not in memory…`, `- **TLB:** a cache of…`), or
// a definition list (a term on its own line, then `: its definition`, as pandoc, PHP Markdown
// Extra, kramdown and Obsidian plugins read it).
// The term is the front, the definition (with the lines under it, up to a blank line, the next
// entry or a heading) the back. Tried after every other layout, so a note whose questions another
// layout finds is never cut here: bold lead-ins inside answers stay part of those answers.
import { fencedLines, splitLines } from '../text/codeFences.ts';
import type { NoteFormat, ParseResult, RawCard } from './types.ts';

/**
 * An entry line: an optional list marker, a bold term of at most 80 characters, then a dash or a
 * colon (inside the bold or after it) and the definition. The term holds no sentence end other
 * than `?`, so a bold sentence leading a paragraph is not taken for a term.
 */
const ENTRY =
  /^[ \t]{0,3}(?:[-*+•][ \t]+|\d{1,3}[.)][ \t]+)?(\*\*|__)(?!\s)([^*_\n]{1,80}?)([ \t]*[:：])?\1[ \t]*([:：]|[—–]|-(?=[ \t]))?[ \t]*(\S.*)$/u;
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
/** A definition of a definition list: `: text` (or pandoc's `~ text`) under its term. */
const DEFINITION = /^ {0,3}[:~][ \t]+(\S.*)$/;
/** A definition list's term: one short line that is not a list item, a quote, a table or a marker. */
const TERM = /^(?![ \t]*(?:[-*+•>|]|\d{1,3}[.)])[ \t])[ \t]{0,3}(\S.{0,99})$/u;
/** At least this many entries, and at least this share of the note's paragraphs and items. */
const MIN_ENTRIES = 3;
const MIN_SHARE = 0.5;

interface Entry {
  index: number;
  term: string;
  definition: string;
  /** Of a definition list's term: the line of its first definition (the lines up to it are the entry's). */
  definitionAt?: number;
}

function entryOf(line: string, index: number): Entry | undefined {
  const match = ENTRY.exec(line);
  if (!match) return undefined;
  const term = match[2]!.trim();
  // A colon inside the bold (`**Term:** text`) or a dash or colon after it separates the two.
  const separated = match[3] !== undefined || match[4] !== undefined;
  if (!separated || /[.!;,]$/.test(term) || !/[\p{L}\p{N}]/u.test(term)) return undefined;
  return { index, term, definition: match[5]!.trim() };
}

/** A definition list's entry: a term line, then (after at most one blank line) `: its definition`. */
function termOf(lines: readonly string[], fenced: readonly boolean[], index: number): Entry | undefined {
  const term = TERM.exec(lines[index]!);
  if (!term || DEFINITION.test(lines[index]!)) return undefined;
  const at = lines[index + 1]?.trim() === '' ? index + 2 : index + 1;
  const definition = fenced[at] ? null : DEFINITION.exec(lines[at] ?? '');
  if (!definition || !/[\p{L}\p{N}]/u.test(term[1]!)) return undefined;
  return { index, term: term[1]!.trim(), definition: definition[1]!.trim(), definitionAt: at };
}

/** The lines that start a paragraph or a list item (what a glossary's entries could be); definitions are part of their term's entry. */
function blockStarts(lines: readonly string[], fenced: readonly boolean[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i] || lines[i]!.trim() === '' || HEADING.test(lines[i]!) || DEFINITION.test(lines[i]!)) continue;
    const previous = i > 0 ? lines[i - 1]! : '';
    const item = /^[ \t]{0,3}(?:[-*+•]|\d{1,3}[.)])[ \t]+/.test(lines[i]!);
    if (item || previous.trim() === '' || HEADING.test(previous) || fenced[i - 1]) starts.push(i);
  }
  return starts;
}

function scan(text: string): { lines: string[]; fenced: boolean[]; entries: Entry[]; blocks: number } {
  const lines = splitLines(text);
  const fenced = fencedLines(lines);
  const starts = blockStarts(lines, fenced);
  const entries = starts.map((i) => entryOf(lines[i]!, i) ?? termOf(lines, fenced, i)).filter((e): e is Entry => e !== undefined);
  return { lines, fenced, entries, blocks: starts.length };
}

function detectGlossary(text: string): number {
  const { entries, blocks } = scan(text);
  if (entries.length < MIN_ENTRIES || entries.length < blocks * MIN_SHARE) return 0;
  // Every other layout is tried first all the same (`lastResort`).
  return 0.2;
}

function parseGlossary(text: string): ParseResult {
  const { lines, fenced, entries, blocks } = scan(text);
  if (entries.length < MIN_ENTRIES || entries.length < blocks * MIN_SHARE) return { cards: [], warnings: [] };
  const entryAt = new Map(entries.map((e) => [e.index, e]));
  const cards: RawCard[] = [];
  // The headings above the line, outermost first.
  const headings: Array<{ level: number; title: string }> = [];
  // For each line, the index of the first non-blank line after it (one pass, not a search per blank line).
  const nextFilled = new Array<number>(lines.length);
  for (let i = lines.length - 1, next = -1; i >= 0; i--) {
    nextFilled[i] = next;
    if (lines[i]!.trim() !== '') next = i;
  }
  let current: { entry: Entry; body: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    cards.push({
      front: current.entry.term,
      back: [current.entry.definition, ...current.body].join('\n').trim(),
      line: current.entry.index + 1,
      ...(headings.length ? { section: headings.map((h) => h.title) } : {}),
      shape: 'glossary',
    });
    current = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = fenced[i] ? null : HEADING.exec(line);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      while (headings.length && headings.at(-1)!.level >= level) headings.pop();
      if (heading[2]!.trim()) headings.push({ level, title: heading[2]!.trim() });
      continue;
    }
    const entry = entryAt.get(i);
    if (entry) {
      flush();
      current = { entry, body: [] };
      if (entry.definitionAt !== undefined) i = entry.definitionAt;
      continue;
    }
    // A blank line ends the entry, unless what follows is indented under it (a nested list, code)
    // or is another definition of the same term.
    if (!fenced[i] && line.trim() === '') {
      const next = nextFilled[i]!;
      const goesOn = next !== -1 && (/^[ \t]{2,}\S/.test(lines[next]!) || (current?.entry.definitionAt !== undefined && DEFINITION.test(lines[next]!)));
      if (current && goesOn) current.body.push('');
      else flush();
      continue;
    }
    const definition = current?.entry.definitionAt !== undefined && !fenced[i] ? DEFINITION.exec(line) : null;
    current?.body.push(definition ? definition[1]! : line);
  }
  flush();
  return { cards, warnings: [] };
}

/** Bold terms with their definitions on the same line. */
export const glossaryFormat: NoteFormat = {
  name: 'glossary',
  label: 'a glossary: bold terms, each followed by its definition, or a definition list (a term, then `: its definition`)',
  example: '**Page fault** — an access to a page not in memory.\n**TLB** — a cache of recent address translations.',
  detect: detectGlossary,
  lastResort: true,
  parse: parseGlossary,
};
