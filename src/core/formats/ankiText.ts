// Anki's plain-text export ("Notes in Plain Text" / "Cards in Plain Text", .txt or .csv): one
// note per record, fields split by a separator, with optional header lines Anki writes first:
// `#separator:tab`, `#html:true`, `#columns:…`, `#tags:…`, `#notetype:…`, `#deck:…`, and
// `#guid column:N`, `#notetype column:N`, `#deck column:N`, `#tags column:N` (1-based).
// Quoting follows Anki's CSV rules: a field in double quotes may hold the separator, newlines
// and doubled quotes; any other line starting with `#` is a comment.
//
// Choices: the first field is the front, the other fields (non-empty) make the back; a note
// type named like "Cloze" gives a cloze card (text, then Extra). HTML fields become markdown
// for what markdown says as well (breaks, bold, italics, lists, code); other markup is kept as
// HTML, which the card renderer sanitizes. Anki's MathJax `\(…\)` / `\[…\]` become `$…$` /
// `$$…$$`. The deck column (when there) and the tags, each whole (`lang::js`), become the
// card's section, so they show on the card and travel back to Anki as tags.
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
 * unclosed quote runs to the end of the text (reported by the caller as a warning).
 */
export function readDelimited(text: string, separator: string, firstLine = 1): { records: CsvRecord[]; unclosedQuoteLine?: number } {
  const records: CsvRecord[] = [];
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
      if (text[i] === '"') {
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
        // Text after the closing quote up to the separator belongs to the field.
        while (i < n && text[i] !== separator && text[i] !== '\n') field += text[i++];
      } else {
        let end = i;
        while (end < n && text[end] !== separator && text[end] !== '\n') end++;
        field += text.slice(i, end);
        i = end;
      }
      fields.push(field);
      field = '';
      if (i < n && text[i] === separator) {
        i++;
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

/** Lines of two or more tab-separated, non-empty columns, the shape of a header-less export. */
function tabRows(lines: readonly string[]): { rows: number; content: number } {
  let rows = 0;
  let content = 0;
  for (const line of lines) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    content++;
    const tab = line.indexOf('\t');
    if (tab > 0 && line.slice(0, tab).trim() !== '' && line.slice(tab + 1).trim() !== '') rows++;
  }
  return { rows, content };
}

function sample(text: string): string[] {
  return text.slice(0, 64 * 1024).split('\n', 400);
}

function detect(text: string): number {
  const lines = sample(text);
  const headers = readHeaders(lines);
  if (headers.separator !== undefined || headers.html !== undefined) return 0.95;
  if (headers.lineCount > 0 && (headers.columns || headers.tagsColumn !== undefined || headers.notetypeColumn !== undefined)) return 0.9;
  const { rows, content } = tabRows(lines.slice(0, 200));
  if (rows >= 3 && rows >= 0.8 * content) return 0.7;
  return 0;
}

/** Picks the separator of a file without a `#separator` header: tab, else the commonest of `,;|`. */
function guessSeparator(lines: readonly string[]): string {
  if (lines.some((l) => l.includes('\t'))) return '\t';
  const counts = [',', ';', '|'].map((c) => [c, lines.filter((l) => l.includes(c)).length] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : '\t';
}

function parse(text: string): ParseResult {
  const cards: RawCard[] = [];
  const warnings: NoteWarning[] = [];
  const lines = text.split('\n');
  const headers = readHeaders(lines);
  const body = lines.slice(headers.lineCount).join('\n');
  const separator = headers.separator ?? guessSeparator(sample(body));
  const { records, unclosedQuoteLine } = readDelimited(body, separator, headers.lineCount + 1);
  if (unclosedQuoteLine !== undefined) {
    warnings.push({ line: unclosedQuoteLine, ruleId: 'unclosed-quote', reason: 'A quoted field opened here is never closed; it runs to the end of the file.' });
  }
  const tagsColumn =
    headers.tagsColumn ?? (headers.columns ? indexOrUndefined(headers.columns.findIndex((c) => /^tags$/i.test(c))) : undefined);
  const special = new Set([headers.guidColumn, headers.notetypeColumn, headers.deckColumn, tagsColumn].filter((c): c is number => c !== undefined));
  const html = headers.html;

  for (const { line, fields } of records) {
    if (fields.every((f) => f.trim() === '')) continue;
    const content = fields.filter((_, i) => !special.has(i));
    const toMd = (field: string) => ((html ?? looksHtml(field)) ? ankiHtmlToMarkdown(field) : plainToMarkdown(field));
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

function indexOrUndefined(i: number): number | undefined {
  return i >= 0 ? i : undefined;
}

/** Anki's plain-text export (notes or cards). */
export const ankiTextFormat: NoteFormat = {
  name: 'anki-text',
  label: 'Anki plain-text export (tab-separated, with #separator / #html header lines)',
  example: '#separator:tab\nWhat is a closure?\tA function with the variables it captured.',
  detect,
  parse: (text) => {
    try {
      return parse(text);
    } catch (error) {
      return { cards: [], warnings: [{ line: 1, ruleId: 'anki-text-failed', reason: String(error) }] };
    }
  },
};
