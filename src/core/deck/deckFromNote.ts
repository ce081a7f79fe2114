// text (or bytes) + file name -> deck. The one entry point the build script and the in-app
// import share: decode, repair, pick the layout, parse, then give every card its id and tags.
import { NoteFormatError } from '../errors.ts';
import { autoChoice, autoCut, choiceLabel, cutAt, cutChoices, type CutChoice } from '../formats/cuts.ts';
import { noteFormats } from '../formats/registry.ts';
import type { NoteFormat, RawCard } from '../formats/types.ts';
import { decodeNoteBytes, normalizeNewlines } from '../text/decode.ts';
import { repairMojibake } from '../text/mojibake.ts';
import { orgToMarkdown } from '../text/orgMode.ts';
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

/** How a note should be cut: `auto` (the default) or a choice id from `cut.choices`. */
export interface CutOptions {
  cutAt?: string;
}

/** A note read for the import preview: the deck, and the other ways it could be cut. */
export interface ReadNote {
  /** May have no cards, when the chosen cut finds none but another choice does. */
  deck: Deck;
  cut: {
    /** The choice that made the deck's cards (`auto` when it was asked for). */
    chosen: string;
    /** What `auto` picked, in words ("Level-3 headings"). */
    autoLabel: string;
    /** Every choice that finds cards, `auto` first, each with its card count. */
    choices: CutChoice[];
    /** Only the chosen cut is listed yet; the other choices come from `readNoteInStages`'s `rest()`. */
    pending?: boolean;
  };
}

/**
 * `readNote` in two steps, so a preview can show the cards before every other way of cutting
 * the note is counted: `first` is the deck cut as asked, with only that choice listed (every
 * choice when the cut finds no cards, since the user must then pick); `rest()` counts them all.
 */
export function readNoteInStages(input: NoteInput, options: CutOptions = {}): { first: ReadNote; rest: () => ReadNote['cut'] } {
  const { text, warnings } = noteText(input);
  const asked = options.cutAt && options.cutAt !== 'auto' ? options.cutAt : undefined;
  const chosen = asked ? cutAt(text, asked) : autoCut(text);
  // A choice id that no longer names a way of cutting (cutAt gave auto's cards): say auto.
  if (asked && chosen.id !== asked) return readNoteInStages(input, {});
  if (chosen.cards.length === 0) {
    const whole = readNote(input, options);
    return { first: whole, rest: () => whole.cut };
  }
  let auto = asked ? undefined : chosen;
  const rest = () => {
    auto ??= autoCut(text);
    const { autoLabel, choices } = cutChoices(text, auto);
    return { chosen: asked ?? 'auto', autoLabel, choices };
  };
  const listed = asked
    ? { autoLabel: '', choices: [{ id: asked, label: choiceLabel(asked), cards: chosen.cards.length }] }
    : (() => {
        const { autoLabel, choice } = autoChoice(text, chosen);
        return { autoLabel, choices: [choice] };
      })();
  const layout = chosen.layout?.name ?? '';
  return {
    first: {
      deck: deckFromCards(input, text, layout, chosen.cards, byLine([...warnings, ...chosen.warnings])),
      cut: { chosen: asked ?? 'auto', ...listed, pending: true },
    },
    rest,
  };
}

/** Reads a note into a deck. Throws NoteFormatError only when the note cannot be used at all. */
export function deckFromNote(input: NoteInput, options: CutOptions = {}): Deck {
  const { text, warnings } = noteText(input);
  const cut = cutAt(text, options.cutAt);
  if (!cut.layout || cut.cards.length === 0) throw new NoteFormatError('no-cards', noCardsMessage(input.fileName));
  return deckFromCards(input, text, cut.layout.name, cut.cards, byLine([...warnings, ...cut.warnings]));
}

/**
 * Reads a note for the import preview: the deck cut as asked (auto by default) and every other
 * choice with its card count. Throws `no-cards` only when no choice finds any card.
 */
export function readNote(input: NoteInput, options: CutOptions = {}): ReadNote {
  const { text, warnings } = noteText(input);
  const auto = autoCut(text);
  const chosen = options.cutAt && options.cutAt !== 'auto' ? cutAt(text, options.cutAt) : auto;
  const { autoLabel, choices } = cutChoices(text, auto);
  if (choices.every((choice) => choice.cards === 0)) throw new NoteFormatError('no-cards', noCardsMessage(input.fileName));
  const layout = chosen.layout?.name ?? auto.layout?.name ?? '';
  return {
    deck: deckFromCards(input, text, layout, chosen.cards, byLine([...warnings, ...chosen.warnings])),
    cut: { chosen: options.cutAt ?? 'auto', autoLabel, choices },
  };
}

/** Warnings in line order (a stable sort keeps each line's own order). */
function byLine(warnings: NoteWarning[]): NoteWarning[] {
  return warnings.sort((a, b) => a.line - b.line);
}

/** The note's text, decoded and prepared, with what could not be read; throws for a note too large or empty. */
function noteText(input: NoteInput): { text: string; warnings: NoteWarning[] } {
  const size = input.bytes ? input.bytes.length : (input.text?.length ?? 0);
  if (size > MAX_NOTE_SIZE) {
    throw new NoteFormatError('too-large', `${input.fileName} is ${(size / 1048576).toFixed(1)} MB; notes over 20 MB are not read.`);
  }
  const decoded = input.bytes ? decodeNoteBytes(input.bytes, input.fileName) : undefined;
  const text = prepareNoteText(decoded ? decoded.text : (input.text ?? ''));
  if (text.trim() === '') throw new NoteFormatError('empty', `${input.fileName} is empty.`);
  return { text, warnings: decoded?.warnings ?? [] };
}

/** The deck around cards already cleaned (cuts.ts runs card hygiene on every cut). */
function deckFromCards(input: NoteInput, text: string, layout: string, cards: RawCard[], warnings: NoteWarning[]): Deck {
  const deckId = input.deckId ?? deckIdFromFileName(input.fileName);
  const ids = assignCardIds(deckId, cards.map((card) => card.front), cards.map((card) => card.back));
  return {
    format: DECK_FORMAT,
    version: DECK_VERSION,
    id: deckId,
    title: input.title ?? titleFromNote(text, input.fileName),
    ...(input.description ? { description: input.description } : {}),
    source: input.fileName.split(/[\\/]/).pop() ?? input.fileName,
    layouts: layout ? [layout] : [],
    cards: cards.map((card, index) => cardFromRaw(card, ids[index]!, layout)),
    warnings,
  };
}

/** Line ends, BOM, mojibake, org-mode and front matter; front matter becomes blank lines so line numbers hold. */
export function prepareNoteText(raw: string): string {
  const text = orgToMarkdown(repairMojibake(normalizeNewlines(raw)));
  const frontMatter = /^---\n[\s\S]*?\n---[ \t]*(?:\n|$)/.exec(text);
  if (!frontMatter || !/^[\w-]+\s*:/m.test(frontMatter[0])) return text;
  return '\n'.repeat(frontMatter[0].split('\n').length - 1) + text.slice(frontMatter[0].length);
}

function cardFromRaw(raw: RawCard, id: string, layout: string): Card {
  const section = raw.section && raw.section.some(isBlank) ? raw.section.filter((name) => !isBlank(name)) : raw.section?.slice();
  // Properties set one by one, in the order a deck file lists them (no spread of optional parts per card).
  const meta: Card['meta'] = { line: raw.line };
  if (section && section.length > 0) meta.section = section;
  if (raw.frontInferred) meta.frontInferred = true;
  if (raw.tier !== undefined) meta.tier = raw.tier;
  if (raw.candidate !== undefined) meta.candidate = raw.candidate;
  if (raw.role !== undefined) meta.role = raw.role;
  if (raw.score !== undefined) meta.score = raw.score;
  if (raw.number !== undefined) meta.number = raw.number;
  meta.layout = layout;
  return { id, front: raw.front.trim(), back: raw.back.trim(), tags: section ?? [], kind: raw.kind ?? 'basic', meta };
}

const isBlank = (name: string) => name.trim() === '';

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
    // A title is words: emphasis and code marks around them are markdown, not part of the name.
    const trimmed = line.replace(/[=\-~*_]{3,}/g, '').replace(/(\*\*|__|`)/g, '').trim();
    // A note that opens with a card (a question, a list item) has no title line: its name is the file's.
    if (/^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]/.test(line) || /[?？](?:[ \t]+#[\w/-]+)*$/u.test(trimmed)) break;
    if (trimmed.length >= 3 && trimmed.length <= 80) return trimmed;
  }
  return fromName || 'Untitled deck';
}
