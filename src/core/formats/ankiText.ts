// Anki's plain-text export ("Notes in Plain Text" / "Cards in Plain Text", .txt or .csv): one
// note per record, fields split by a separator, with optional header lines Anki writes first:
// `#separator:tab`, `#html:true`, `#columns:…`, `#tags:…`, `#notetype:…`, `#deck:…`, and
// `#guid column:N`, `#notetype column:N`, `#deck column:N`, `#tags column:N` (1-based).
// Quoting follows Anki's CSV rules: a field in double quotes may hold the separator, newlines
// and doubled quotes; any other line starting with `#` is a comment. Without a `#separator`
// line the separator is guessed, as Anki does: tab, `;`, `|` or `,` (or one of them padded
// with spaces), whichever cuts the file into a table, nearly every line the same fields.
//
// Choices: the first field is the front, the other fields (non-empty) make the back; a note
// type named like "Cloze" gives a cloze card (text, then Extra). HTML fields become markdown
// for what markdown says as well (breaks, bold, italics, lists, code); other markup is kept as
// HTML, which the card renderer sanitizes. Anki's MathJax `\(…\)` / `\[…\]` become `$…$` /
// `$$…$$`. The deck column (when there) and the tags, each whole (`lang::js`), become the
// card's section, so they show on the card and travel back to Anki as tags. A file without
// header lines was written by hand (Anki has written them since 2.1.55), so its plain fields are
// markdown as written; an export's plain fields are literal text.
import type { NoteWarning } from '../deck/types.ts';
import type { NoteFormat, ParseResult, RawCard } from './types.ts';

/** Header lines as Anki writes them. */
interface Headers {
  separator?: string;
  html?: boolean;
  columns?: string[];
  tags: string[];
  notetype?: string;
  deck?: string;
  /** 0-based column indexes. */
  guidColumn?: number;
  notetypeColumn?: number;
  deckColumn?: number;
  tagsColumn?: number;
  /** Lines the header block takes. */
  lineCount: number;
}

const HEADER = /^#([a-z ]+):(.*)$/i;
const KNOWN_HEADERS = new Set(['separator', 'html', 'columns', 'tags', 'notetype', 'deck', 'if matches', 'guid column', 'notetype column', 'deck column', 'tags column']);

const SEPARATOR_NAMES: Record<string, string> = {
  tab: '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
  space: ' ',
  colon: ':',
};

function readHeaders(lines: readonly string[]): Headers {
  const h: Headers = { tags: [], lineCount: 0 };
  for (const line of lines) {
    const m = HEADER.exec(line.trimEnd());
    const key = m?.[1]?.toLowerCase().trim();
    if (!m || !key || !KNOWN_HEADERS.has(key)) break;
    const value = m[2]!.trim();
    const column = () => {
      const n = Number.parseInt(value, 10);
      return Number.isInteger(n) && n >= 1 ? n - 1 : undefined;
    };
    h.lineCount++;
    if (key === 'separator') h.separator = SEPARATOR_NAMES[value.toLowerCase()] ?? (m[2]!.length === 1 ? m[2]! : value.charAt(0) || undefined);
    else if (key === 'html') h.html = /^(true|yes|1)$/i.test(value);
    else if (key === 'tags') h.tags = value.split(/\s+/).filter(Boolean);
    else if (key === 'notetype') h.notetype = value;
    else if (key === 'deck') h.deck = value;
    else if (key === 'columns') h.columns = m[2]!.split(/\t|[,;|]/).map((c) => c.trim());
    else if (key === 'guid column') h.guidColumn = column();
    else if (key === 'notetype column') h.notetypeColumn = column();
    else if (key === 'deck column') h.deckColumn = column();
    else if (key === 'tags column') h.tagsColumn = column();
  }
  return h;
}

/** A record and the 1-based line it starts on. */
interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Splits text into records by Anki's CSV rules. Linear: one pass over the characters. An
 * unclosed quote runs to the end of the text (reported by the caller as a warning). The
 * separator may be longer than one character (` ; `).
 */
export function readDelimited(text: string, separator: string, firstLine = 1): { records: CsvRecord[]; unclosedQuoteLine?: number } {
  const records: CsvRecord[] = [];
  const isSeparatorAt = separator.length === 1 ? (at: number) => text[at] === separator : (at: number) => text.startsWith(separator, at);
  let line = firstLine;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    // A comment line (outside quotes) is skipped whole; so is a blank line.
    if (text[i] === '#' || text[i] === '\n') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    let field = '';
    for (;;) {
      const opening = i;
      const openingLine = line;
      let quoted = false;
      if (text[i] === '"') {
        quoted = true;
        // Quoted field: up to the next lone quote.
        i++;
        let closed = false;
        while (i < n) {
          const q = text.indexOf('"', i);
          const chunk = q === -1 ? text.slice(i) : text.slice(i, q);
          for (let k = chunk.indexOf('\n'); k !== -1; k = chunk.indexOf('\n', k + 1)) line++;
          field += chunk;
          if (q === -1) {
            i = n;
            break;
          }
          if (text[q + 1] === '"') {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            closed = true;
            break;
          }
        }
        if (!closed) {
          fields.push(field);
          records.push({ line: start, fields });
          return { records, unclosedQuoteLine: start };
        }
        let after = i;
        while (after < n && !isSeparatorAt(after) && text[after] !== '\n') after++;
        const trailing = text.slice(i, after);
        if (trailing.trim() !== '' && line === openingLine) {
          // `"object" (a bug)`: a quote closed before the field ends, on the same line, was the
          // writer's own quotation, not CSV quoting; the field is read as written.
          quoted = false;
          i = opening;
          field = '';
        } else {
          // Spaces after the closing quote, or text after a quoted field that spans lines, belong to it.
          field += trailing;
          i = after;
        }
      }
      if (!quoted) {
        let end = i;
        while (end < n && !isSeparatorAt(end) && text[end] !== '\n') end++;
        field += text.slice(i, end);
        i = end;
      }
      fields.push(field);
      field = '';
      if (i < n && isSeparatorAt(i)) {
        i += separator.length;
        continue;
      }
      break;
    }
    if (i < n && text[i] === '\n') {
      i++;
      line++;
    }
    records.push({ line: start, fields });
  }
  return { records };
}

/** Markdown's special characters in text that came from HTML (or plain text) are literal. */
function escapeMarkdownText(text: string): string {
  return text.replace(/[\\`*_[\]$]/g, (c) => `\\${c}`).replace(/^(\s*)(#{1,6}\s|>|[-+] |\d+[.)]\s)/gm, (_m, space: string, mark: string) => `${space}\\${mark}`);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower in ENTITIES) return ENTITIES[lower]!;
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : lower.startsWith('#') ? Number(lower.slice(1)) : NaN;
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const SOFT_SPACE = '\u0001';

const INLINE_MARKS: Record<string, string> = { b: '**', strong: '**', i: '*', em: '*' };

/**
 * An Anki HTML field → markdown. Tags markdown has a word for become that word; code and
 * preformatted text become code spans and fences; images, tables, sub/sup and the like stay as
 * HTML for the sanitizing renderer; styling wrappers (span, font, div) leave their text.
 */
export function ankiHtmlToMarkdown(html: string): string {
  const math: string[] = [];
  const hold = (md: string) => `\u0000${math.push(md) - 1}\u0000`;
  let s = html
    .replace(/\r\n?/g, '\n')
    .replace(/\\\[([\s\S]+?)\\\]/g, (_m, tex: string) => hold(`\n$$\n${decodeEntities(tex).trim()}\n$$\n`))
    .replace(/\\\(([\s\S]+?)\\\)/g, (_m, tex: string) => hold(`$${decodeEntities(tex).trim()}$`))
    .replace(/<pre\b[^>]*>([\s\S]*?)<\/pre>/gi, (_m, body: string) => {
      const code = decodeEntities(body.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, '')).replace(/\n+$/, '');
      const fence = code.includes('```') ? '~~~' : '```';
      return hold(`\n${fence}\n${code}\n${fence}\n`);
    })
    .replace(/<code\b[^>]*>([\s\S]*?)<\/code>/gi, (_m, body: string) => {
      const code = decodeEntities(body.replace(/<[^>]+>/g, ''));
      const ticks = code.includes('`') ? '``' : '`';
      return hold(`${ticks}${ticks.length > 1 ? ' ' : ''}${code}${ticks.length > 1 ? ' ' : ''}${ticks}`);
    })
    // Anki fields often keep literal newlines beside <br>; in HTML they are spaces (marked, so
    // one next to a line break can go).
    .replace(/\n/g, SOFT_SPACE);

  // Split into tags and text; escape the text, translate the tags.
  let out = '';
  let listDepth = 0;
  const ordered: number[] = [];
  for (const part of s.split(/(<[^>]*>)/)) {
    if (!part.startsWith('<') || !part.endsWith('>')) {
      out += escapeMarkdownText(part.replace(/&nbsp;/gi, ' '));
      continue;
    }
    const m = /^<(\/?)([a-z][a-z0-9]*)\b/i.exec(part);
    if (!m) {
      out += part.replace(/</g, '&lt;');
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    if (tag === 'br') out += '\n';
    else if (tag === 'div' || tag === 'p') out += closing ? '\n' : out.endsWith('\n') || out === '' ? '' : '\n';
    else if (tag in INLINE_MARKS) out += INLINE_MARKS[tag];
    else if (tag === 'ul' || tag === 'ol') {
      if (closing) {
        listDepth = Math.max(0, listDepth - 1);
        ordered.pop();
        out += listDepth === 0 ? '\n\n' : '\n';
      } else {
        listDepth++;
        ordered.push(tag === 'ol' ? 1 : 0);
        if (!out.endsWith('\n') && out !== '') out += '\n';
      }
    } else if (tag === 'li') {
      if (closing) continue;
      const n = ordered[ordered.length - 1] ?? 0;
      if (n > 0) ordered[ordered.length - 1] = n + 1;
      if (!out.endsWith('\n') && out !== '') out += '\n';
      out += `${'  '.repeat(Math.max(0, listDepth - 1))}${n > 0 ? `${n}.` : '-'} `;
    } else if (tag === 'span' || tag === 'font') continue;
    else out += part; // img, a, table, sub, sup, u, hr…: kept for the sanitizer
  }
  s = out
    .replace(/\u0000(\d+)\u0000/g, (_m, i: string) => math[Number(i)]!)
    .replace(/\u0001*\n\u0001*/g, '\n')
    .replace(/\u0001/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
  return s.trim();
}

/** A plain-text field: markdown characters are literal. */
function plainToMarkdown(text: string): string {
  return escapeMarkdownText(text.replace(/\r\n?/g, '\n')).trim();
}

function looksHtml(text: string): boolean {
  return /<(br|div|b|i|p|span|ul|ol|li|img|pre|code)\b[^>]*>|&nbsp;/i.test(text);
}

/** The first lines, what detection and the separator guess look at. */
function sample(text: string): string[] {
  return text.slice(0, 64 * 1024).split('\n', 400);
}

/**
 * Separators a header-less file is tried with, in the order that wins a tie (comma last: prose
 * has most). A person writing `question ; answer` by hand pads the separator with spaces, which
 * punctuation never has before it, so `a; b` inside an answer is text, not a new field. A
 * glossary's `Term — definition` lines are the same table with a dash.
 */
const GUESSED_SEPARATORS = ['\t', ';', '|', ',', ' ; ', ' | ', ' , ', ' — ', ' – ', ' - '] as const;

/** Fewest rows that make a table; fewer lines than this say little about a separator. */
const MIN_TABLE_ROWS = 3;

/** Share of rows that may have another number of fields (an unquoted separator in an answer). */
const MAX_MISFIT_SHARE = 0.1;

/** One-field lines allowed before the first row and after the last: a title, a closing remark. */
const MAX_EDGE_LINES = 2;

/** Share of content lines that may be markdown structure (headings, lists, fences, quotes, tables). */
const MAX_STRUCTURE_SHARE = 0.1;

/**
 * Markdown block structure at the start of a line (headings, list items, quotes, fences, table
 * rows, rules, `Q:` / `A:` labels): a note written in markdown, not a table.
 */
const MARKDOWN_STRUCTURE = /^\s{0,3}(?:#{1,6}(?:\s|$)|[-*+]\s+\S|\d{1,9}[.)]\s+\S|>|```|~~~|\||(?:-{3,}|={3,}|\*{3,}|_{3,})\s*$|(?:\*\*)?[QA]\d*\s*[:.)])/;

/** A markdown table's delimiter row (`--- | :---:`): the lines around it are a markdown table. */
const TABLE_DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$/;

/** How a text splits with one separator. */
interface TableShape {
  separator: string;
  /** Fields in a row: the commonest count of two or more. */
  fields: number;
  /** Records with that many fields, a non-empty first one and another non-empty one. */
  rows: number;
  /** Other records between the first row and the last. */
  innerMisfits: number;
  /** Other records before the first row or after the last. */
  edgeMisfits: number;
  /** Lines outside quotes that are markdown structure, and all content lines outside quotes. */
  structureLines: number;
  contentLines: number;
  /** Rows that read as one sentence broken at the separator ("However, it runs."). */
  sentenceRows: number;
  /** Whether a line outside quotes is a markdown table's delimiter row. */
  markdownTable: boolean;
}

/**
 * Splits `text` with `separator` and measures the result. Only lines outside quoted fields are
 * looked at for markdown structure, so an answer holding a list stays an answer.
 */
function tableShape(text: string, separator: string): TableShape {
  const { records, unclosedQuoteLine } = readDelimited(text, separator);
  // A quote left open may close past the end of the sample; either way that record is not judged.
  if (unclosedQuoteLine !== undefined) records.pop();
  const lines = text.split('\n');
  const shape: TableShape = { separator, fields: 0, rows: 0, innerMisfits: 0, edgeMisfits: 0, structureLines: 0, contentLines: 0, sentenceRows: 0, markdownTable: false };
  // Comment lines are skipped by readDelimited; a heading-shaped one (`# Title`) is markdown.
  let nextLine = 1;
  const countSkipped = (upTo: number) => {
    for (; nextLine < upTo; nextLine++) {
      if (/^#{1,6}\s/.test(lines[nextLine - 1] ?? '')) {
        shape.structureLines++;
        shape.contentLines++;
      }
    }
  };
  const counts = new Map<number, number>();
  const content = records.filter((record) => record.fields.some((field) => field.trim() !== ''));
  for (const record of content) {
    countSkipped(record.line);
    nextLine = record.line + 1 + record.fields.reduce((sum, field) => sum + (field.split('\n').length - 1), 0);
    shape.contentLines++;
    const firstLine = lines[record.line - 1] ?? '';
    if (MARKDOWN_STRUCTURE.test(firstLine)) shape.structureLines++;
    if (TABLE_DELIMITER_ROW.test(firstLine)) shape.markdownTable = true;
    if (record.fields.length >= 2) counts.set(record.fields.length, (counts.get(record.fields.length) ?? 0) + 1);
  }
  countSkipped(lines.length + 1);
  for (const [fields, count] of counts) {
    if (count > (counts.get(shape.fields) ?? 0)) shape.fields = fields;
  }
  const isRow = (fields: string[]) =>
    fields.length === shape.fields && fields[0]!.trim() !== '' && fields.slice(1).some((field) => field.trim() !== '');
  const first = content.findIndex((record) => isRow(record.fields));
  const last = content.findLastIndex((record) => isRow(record.fields));
  content.forEach((record, index) => {
    if (isRow(record.fields)) {
      shape.rows++;
      if (readsAsSentence(record.fields)) shape.sentenceRows++;
    } else if (index < first || index > last) shape.edgeMisfits++;
    else shape.innerMisfits++;
  });
  return shape;
}

/**
 * A row that is a sentence with a comma or semicolon in it: it starts with a capital, the text
 * after the separator goes on after a space without one (or with the pronoun I), and it ends
 * like a sentence. A question or a label before the separator (`?`, `:`) makes it a card.
 */
function readsAsSentence(fields: readonly string[]): boolean {
  const front = fields[0]!.trim();
  const rest = fields.slice(1).join(' ').trim();
  return /^\p{Lu}/u.test(front) && !/[?:？：]$/.test(front) && /^\s+(?:\p{Ll}|I\b)/u.test(fields[1] ?? '') && /[.!。！]$/.test(rest);
}

/** Whether a shape is a table a person would call one: nearly every line the same fields, no markdown. */
function isTable(shape: TableShape): boolean {
  if (shape.fields < 2 || shape.rows < MIN_TABLE_ROWS || shape.markdownTable) return false;
  if (shape.innerMisfits > shape.rows * MAX_MISFIT_SHARE) return false;
  if (shape.edgeMisfits > MAX_EDGE_LINES || shape.edgeMisfits * 2 >= shape.rows) return false;
  if (shape.structureLines > shape.contentLines * MAX_STRUCTURE_SHARE) return false;
  // Lines that read as sentences are prose.
  if (punctuationRows(shape) * 2 >= shape.rows) return false;
  return true;
}

/** Rows whose separator is more likely a comma or semicolon of a sentence than a field boundary. */
function punctuationRows(shape: TableShape): number {
  return shape.separator === ',' || shape.separator === ';' ? shape.sentenceRows : 0;
}

function shapesOf(text: string): TableShape[] {
  return GUESSED_SEPARATORS.map((separator) => tableShape(text, separator));
}

/** The separator that makes a header-less text a table (most rows, then fewest misfits), or undefined. */
function tableSeparator(shapes: readonly TableShape[]): string | undefined {
  const misfits = (shape: TableShape) => shape.innerMisfits + shape.edgeMisfits;
  let best: TableShape | undefined;
  for (const shape of shapes) {
    if (!isTable(shape)) continue;
    if (!best || shape.rows > best.rows || (shape.rows === best.rows && misfits(shape) < misfits(best))) best = shape;
  }
  return best?.separator;
}

function detect(text: string): number {
  const lines = sample(text);
  const headers = readHeaders(lines);
  if (headers.separator !== undefined || headers.html !== undefined) return 0.95;
  if (headers.lineCount > 0 && (headers.columns || headers.tagsColumn !== undefined || headers.notetypeColumn !== undefined)) return 0.9;
  // Above markdown's inline syntaxes (at most 0.6); a note of question headings never gets here,
  // as its headings are markdown structure.
  return tableSeparator(shapesOf(lines.slice(headers.lineCount).join('\n'))) !== undefined ? 0.7 : 0;
}

/** The separator a header-less text is read with: the one that makes it a table, else the one giving most rows. */
function separatorOf(text: string): string {
  const shapes = shapesOf(text);
  const table = tableSeparator(shapes);
  if (table !== undefined) return table;
  const most = shapes.reduce((best, shape) => (shape.rows > best.rows ? shape : best));
  return most.rows > 0 ? most.separator : '\t';
}

/** Cards of the text; `forcedSeparator` overrides the `#separator` line and the guess. */
function parse(text: string, forcedSeparator?: string): ParseResult {
  const cards: RawCard[] = [];
  const warnings: NoteWarning[] = [];
  const lines = text.split('\n');
  const headers = readHeaders(lines);
  const body = lines.slice(headers.lineCount).join('\n');
  const separator = forcedSeparator ?? headers.separator ?? separatorOf(sample(body).join('\n'));
  const { records, unclosedQuoteLine } = readDelimited(body, separator, headers.lineCount + 1);
  if (unclosedQuoteLine !== undefined) {
    warnings.push({ line: unclosedQuoteLine, ruleId: 'unclosed-quote', reason: 'A quoted field opened here is never closed; it runs to the end of the file.' });
  }
  // A spreadsheet's first row naming its columns (`Question,Answer,Tags`) plays the part of `#columns`.
  const columnRow = headers.lineCount === 0 && records[0] && isColumnNameRow(records[0].fields) ? records.shift()!.fields : undefined;
  const columns = headers.columns ?? columnRow?.map((name) => name.trim());
  const tagsColumn =
    headers.tagsColumn ??
    (columns ? indexOrUndefined(columns.findIndex((c) => /^tags?$/i.test(c))) : headers.lineCount === 0 ? lastColumnOfTags(records) : undefined);
  const special = new Set([headers.guidColumn, headers.notetypeColumn, headers.deckColumn, tagsColumn].filter((c): c is number => c !== undefined));
  const html = headers.html;
  // Anki's exports carry header lines and mean plain fields literally; a file without them was
  // written by hand, in the markdown its author typed.
  const plain = headers.lineCount > 0 ? plainToMarkdown : (field: string) => field.replace(/\r\n?/g, '\n').trim();

  for (const { line, fields } of records) {
    if (fields.every((f) => f.trim() === '')) continue;
    const content = fields.filter((_, i) => !special.has(i));
    const toMd = (field: string) => ((html ?? looksHtml(field)) ? ankiHtmlToMarkdown(field) : plain(field));
    const notetype = (headers.notetypeColumn !== undefined ? fields[headers.notetypeColumn] : headers.notetype) ?? '';
    const deck = (headers.deckColumn !== undefined ? fields[headers.deckColumn] : undefined)?.trim();
    const tags = [...headers.tags, ...(tagsColumn !== undefined ? (fields[tagsColumn] ?? '').split(/\s+/) : [])].filter(Boolean);
    const section = [...(deck ? [deck] : []), ...new Set(tags)];
    const front = toMd(content[0] ?? '');
    const rest = content.slice(1).map(toMd).filter((f) => f !== '');
    if (front === '') {
      warnings.push({ line, ruleId: 'no-question', reason: 'This note’s first field is empty; it was skipped.' });
      continue;
    }
    const cloze = /cloze/i.test(notetype) || /\{\{c\d+::/.test(content[0] ?? '');
    if (cloze) {
      cards.push({ front, back: rest.join('\n\n') || front, kind: 'cloze', line, ...(section.length ? { section } : {}) });
      continue;
    }
    if (rest.length === 0) {
      warnings.push({
        line,
        ruleId: content.length < 2 ? 'one-field' : 'no-answer',
        reason: content.length < 2 ? 'This line has one field, no answer after a separator; it was skipped.' : 'This note has no answer; it was skipped.',
      });
      continue;
    }
    cards.push({ front, back: rest.join('\n\n'), line, ...(section.length ? { section } : {}) });
  }
  return { cards, warnings };
}

function safeParse(text: string, separator?: string): ParseResult {
  try {
    return parse(text, separator);
  } catch (error) {
    return { cards: [], warnings: [{ line: 1, ruleId: 'anki-text-failed', reason: String(error) }] };
  }
}

/**
 * The text read as an Anki text file whose fields are split by `separator`, whatever its
 * `#separator` line or the guess says; the other header lines still apply. Never throws.
 */
export function ankiTextAtSeparator(text: string, separator: string): ParseResult {
  return safeParse(text, separator);
}

/**
 * The separators the text could be cut at, each with the cards it gives: the one the reader
 * would pick first (the `#separator` line's, else the one that makes a table), then by cards.
 * Another separator is listed when it splits most lines into the same number of fields, not as
 * sentences, in a note that is not mostly markdown structure, and gives at least two cards.
 */
export function plausibleSeparators(text: string): Array<{ separator: string; cards: number }> {
  const lines = sample(text);
  const headers = readHeaders(lines);
  const shapes = shapesOf(lines.slice(headers.lineCount).join('\n'));
  const chosen = headers.separator ?? tableSeparator(shapes);
  const candidates = [...new Set([...(chosen !== undefined ? [chosen] : []), ...GUESSED_SEPARATORS])];
  const found = candidates
    .filter((separator) => {
      if (separator === chosen) return true;
      // Most lines must split the same way, and not as sentences, or the cards would be fragments.
      const shape = shapes.find((candidate) => candidate.separator === separator)!;
      return (
        shape.fields >= 2 &&
        !shape.markdownTable &&
        shape.structureLines * 2 < shape.contentLines &&
        (shape.rows - punctuationRows(shape)) * 2 > shape.contentLines
      );
    })
    .map((separator, order) => ({ separator, order, ...safeParse(text, separator) }))
    .filter((entry) => entry.cards.length >= 2);
  found.sort((a, b) => Number(b.separator === chosen) - Number(a.separator === chosen) || b.cards.length - a.cards.length || a.order - b.order);
  return found.map(({ separator, cards }) => ({ separator, cards: cards.length }));
}

/** Words spreadsheets name flashcard columns with, in the languages notes here come in. */
const COLUMN_NAME =
  /^(?:front|back|question|answer|q|a|term|definition|word|meaning|translation|prompt|response|extra|notes?|hint|example|tags?|frage|antwort|vorderseite|rückseite|begriff|bedeutung|pregunta|respuesta|término|significado|réponse|recto|verso|terme|pergunta|resposta|domanda|risposta|вопрос|ответ|термин|问题|答案|问|答|質問|回答|問題|答え)$/i;

/** A first row of two or more fields that are all column names (a question or a sentence is not). */
function isColumnNameRow(fields: readonly string[]): boolean {
  return fields.length >= 2 && fields.every((field) => COLUMN_NAME.test(field.trim().replace(/[:：]$/, '')));
}

/** A tag as Anki writes them: no spaces, words joined by `-`, `_` or `::`. */
const TAG = /^[\p{L}\p{N}_\-:.]+$/u;

/**
 * The last column of a header-less table of three or more, when it holds tags the way Anki's
 * older exports put them there: a few space-separated words per row, one of them on two rows.
 */
function lastColumnOfTags(records: readonly CsvRecord[]): number | undefined {
  const widths = new Map<number, number>();
  for (const { fields } of records) widths.set(fields.length, (widths.get(fields.length) ?? 0) + 1);
  const width = [...widths].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [0, 0])[0];
  if (width < 3) return undefined;
  const seen = new Set<string>();
  let repeated = false;
  for (const { fields } of records) {
    if (fields.length !== width) continue;
    const tags = fields[width - 1]!.trim().split(/\s+/).filter(Boolean);
    if (tags.length > 4 || !tags.every((tag) => TAG.test(tag) && !/^\d+([.:]\d+)*$/.test(tag))) return undefined;
    for (const tag of new Set(tags)) {
      if (seen.has(tag)) repeated = true;
      seen.add(tag);
    }
  }
  return repeated ? width - 1 : undefined;
}

function indexOrUndefined(i: number): number | undefined {
  return i >= 0 ? i : undefined;
}

/** Anki's plain-text export (notes or cards). */
export const ankiTextFormat: NoteFormat = {
  name: 'anki-text',
  label: 'Anki plain-text export or a table of fields (tab, ;, | or , separated, #separator / #html header lines)',
  example: '#separator:tab\nWhat is a closure?\tA function with the variables it captured.',
  detect,
  parse: (text) => safeParse(text),
};
