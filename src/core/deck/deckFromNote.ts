// text (or bytes) + file name -> deck. The one entry point the build script and the in-app
// import share: decode, repair, pick the layout, parse, then give every card its id and tags.
import { NoteFormatError } from '../errors.ts';
import { rankFormats, noteFormats } from '../formats/registry.ts';
import type { NoteFormat, RawCard } from '../formats/types.ts';
import { decodeNoteBytes, normalizeNewlines } from '../text/decode.ts';
import { repairMojibake } from '../text/mojibake.ts';
import { assignCardIds, deckIdFromFileName } from './cardId.ts';
import { DECK_FORMAT, DECK_VERSION, type Card, type Deck, type NoteWarning } from './types.ts';

export interface NoteInput {
  fileName: string;
  /** Either the raw bytes of the file or already-decoded text. */
  bytes?: Uint8Array;
  text?: string;
  /** Overrides the id derived from the file name. */
  deckId?: string;
  title?: string;
  description?: string;
}

/** Largest note read, in bytes (or characters of pasted text): 20 MB. */
export const MAX_NOTE_SIZE = 20 * 1024 * 1024;

/** Reads a note into a deck. Throws NoteFormatError only when the note cannot be used at all. */
export function deckFromNote(input: NoteInput): Deck {
  const size = input.bytes ? input.bytes.length : (input.text?.length ?? 0);
  if (size > MAX_NOTE_SIZE) {
    throw new NoteFormatError('too-large', `${input.fileName} is ${(size / 1048576).toFixed(1)} MB; notes over 20 MB are not read.`);
  }
  const raw = input.bytes ? decodeNoteBytes(input.bytes, input.fileName).text : (input.text ?? '');
  const text = prepareNoteText(raw);
  if (text.trim() === '') throw new NoteFormatError('empty', `${input.fileName} is empty.`);

  const { format, cards, warnings } = parseWithBestFormat(text);
  if (!format || cards.length === 0) {
    throw new NoteFormatError('no-cards', noCardsMessage(input.fileName));
  }

  const deckId = input.deckId ?? deckIdFromFileName(input.fileName);
  const ids = assignCardIds(deckId, cards.map((card) => card.front));
  return {
    format: DECK_FORMAT,
    version: DECK_VERSION,
    id: deckId,
    title: input.title ?? titleFromNote(text, input.fileName),
    ...(input.description ? { description: input.description } : {}),
    source: input.fileName.split(/[\\/]/).pop() ?? input.fileName,
    layouts: [format.name],
    cards: cards.map((card, index) => cardFromRaw(card, ids[index]!, format.name)),
    warnings,
  };
}

/** Line ends, BOM, mojibake and front matter; front matter becomes blank lines so line numbers hold. */
export function prepareNoteText(raw: string): string {
  const text = repairMojibake(normalizeNewlines(raw));
  const frontMatter = /^---\n[\s\S]*?\n---[ \t]*(?:\n|$)/.exec(text);
  if (!frontMatter || !/^[\w-]+\s*:/m.test(frontMatter[0])) return text;
  return '\n'.repeat(frontMatter[0].split('\n').length - 1) + text.slice(frontMatter[0].length);
}

interface BestParse {
  format: NoteFormat | undefined;
  cards: RawCard[];
  warnings: NoteWarning[];
}

/** The best-ranked format that finds cards; its warnings, or the first format's when none does. */
export function parseWithBestFormat(text: string): BestParse {
  let firstWarnings: NoteWarning[] | undefined;
  for (const format of rankFormats(text)) {
    const result = safeParse(format, text);
    firstWarnings ??= result.warnings;
    const cards = result.cards;
    if (cards.length > 0) return { format, cards, warnings: result.warnings };
  }
  return { format: undefined, cards: [], warnings: firstWarnings ?? [] };
}

function safeParse(format: NoteFormat, text: string): { cards: RawCard[]; warnings: NoteWarning[] } {
  try {
    const result = format.parse(text);
    const usable = (card: RawCard) =>
      typeof card?.front === 'string' && typeof card.back === 'string' && card.front.trim() !== '';
    return {
      cards: Array.isArray(result?.cards) ? result.cards.filter(usable) : [],
      warnings: Array.isArray(result?.warnings) ? result.warnings : [],
    };
  } catch (error) {
    // A format must never throw; if one does, the note is still read by the next format.
    return {
      cards: [],
      warnings: [{ line: 1, ruleId: `${format.name}-failed`, reason: `The ${format.label} reader failed: ${String(error)}` }],
    };
  }
}

function cardFromRaw(raw: RawCard, id: string, layout: string): Card {
  const section = raw.section?.filter((name) => name.trim() !== '');
  return {
    id,
    front: raw.front.trim(),
    back: raw.back.trim(),
    tags: section ?? [],
    kind: raw.kind ?? 'basic',
    meta: {
      line: raw.line,
      ...(section && section.length > 0 ? { section } : {}),
      ...(raw.frontInferred ? { frontInferred: true } : {}),
      ...(raw.tier !== undefined ? { tier: raw.tier } : {}),
      ...(raw.candidate !== undefined ? { candidate: raw.candidate } : {}),
      ...(raw.role !== undefined ? { role: raw.role } : {}),
      ...(raw.score !== undefined ? { score: raw.score } : {}),
      layout,
    },
  };
}

/** One sentence naming every layout tried, with a two-line example of each. */
export function noCardsMessage(fileName: string, formats: readonly NoteFormat[] = noteFormats): string {
  const tried = formats.map((format) => format.label).join('; ');
  return `No questions found in ${fileName}: expected ${tried}.`;
}

/**
 * A deck title from the note: its first top-level `#` heading; in a note organised by lower
 * headings (whose first heading is just a section), the file name in words; in plain text, the
 * first short line.
 */
export function titleFromNote(text: string, fileName: string): string {
  const lines = text.split('\n', 200);
  const h1 = lines.find((line) => /^# \S/.test(line));
  if (h1) return h1.replace(/^#\s+/, '').replace(/\s+#*\s*$/, '').trim();
  const stem = (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.[^.]+$/, '');
  const fromName = stem.replace(/[-_]+/g, ' ').trim();
  if (fromName && lines.some((line) => /^#{2,6}\s/.test(line))) return fromName;
  for (const line of lines.slice(0, 50)) {
    // Header lines of tool exports (Anki's `#separator:tab`, `#html:true`) are not titles.
    if (/^#[\w ]+:\S/.test(line) || line.includes('\t')) continue;
    const trimmed = line.replace(/[=\-~*_]{3,}/g, '').trim();
    if (trimmed.length >= 3 && trimmed.length <= 80) return trimmed;
  }
  return fromName || 'Untitled deck';
}
