// The in-app import's side of the converter: refuse what is not a text note before reading it
// (by size, MIME type and the first bytes), then read it with deckFromNote under an import deck
// id, and say which layout was found. Pure: the Web Worker and the tests call it alike.
import { NoteFormatError } from '../errors.ts';
import { noteFormats } from '../formats/registry.ts';
import { deckIdFromFileName } from './cardId.ts';
import { MAX_NOTE_SIZE, readNote, readNoteInStages, type CutOptions, type ReadNote } from './deckFromNote.ts';
import type { Deck } from './types.ts';

/** Imported decks' ids start with this, so they never collide with a bundled deck's. */
export const IMPORT_DECK_PREFIX = 'import-';

/** The deck id an imported file (or pasted text named `name`) gets: the same name updates the same deck. */
export function importDeckId(name: string): string {
  return IMPORT_DECK_PREFIX + deckIdFromFileName(name);
}

/** What is known about a file before reading it. */
export interface NoteFileInfo {
  name: string;
  /** MIME type as the browser reports it ('' when unknown). */
  type: string;
  size: number;
}

/** Bytes of the file's start the checks look at. */
export const NOTE_HEAD_BYTES = 16;

const KINDS: Array<{ kind: string; magic: Array<number | null>; offset?: number }> = [
  { kind: 'an image', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }, // PNG
  { kind: 'an image', magic: [0xff, 0xd8, 0xff] }, // JPEG
  { kind: 'an image', magic: [0x47, 0x49, 0x46, 0x38] }, // GIF8
  { kind: 'an image', magic: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50] }, // RIFF....WEBP
  { kind: 'an image', magic: [0x42, 0x4d, null, null, null, null, 0x00, 0x00] }, // BMP
  { kind: 'an image', magic: [0x00, 0x00, 0x01, 0x00] }, // ICO
  { kind: 'an image', magic: [0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69], offset: 4 }, // ftypheic/heix
  { kind: 'an image', magic: [0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66], offset: 4 }, // ftypavif
  { kind: 'a PDF', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { kind: 'a ZIP archive (a Word document, an Anki package or similar)', magic: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'a compressed file', magic: [0x1f, 0x8b] }, // gzip
  { kind: 'a database file', magic: [...'SQLite format 3'].map((c) => c.charCodeAt(0)) },
];

function matches(head: Uint8Array, magic: ReadonlyArray<number | null>, offset = 0): boolean {
  if (head.length < offset + magic.length) return false;
  return magic.every((byte, i) => byte === null || head[offset + i] === byte);
}

/** What kind of non-text file this is, from its MIME type and first bytes; undefined when it may be text. */
export function nonTextKind(file: Pick<NoteFileInfo, 'type'>, head: Uint8Array = new Uint8Array()): string | undefined {
  const type = file.type.toLowerCase();
  for (const { kind, magic, offset } of KINDS) if (matches(head, magic, offset)) return kind;
  if (type.startsWith('image/') && type !== 'image/svg+xml') return 'an image';
  if (type === 'application/pdf') return 'a PDF';
  if (type.startsWith('video/')) return 'a video';
  if (type.startsWith('audio/')) return 'an audio file';
  return undefined;
}

/**
 * Refuses a file that is not a text note, before it is read: over 20 MB (from its size alone),
 * or an image, PDF, archive… (from its MIME type and its first `NOTE_HEAD_BYTES` bytes).
 * Returns the error to show, or undefined when the file may be read.
 */
export function checkNoteFile(file: NoteFileInfo, head?: Uint8Array): NoteFormatError | undefined {
  if (file.size > MAX_NOTE_SIZE) {
    return new NoteFormatError('too-large', `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; notes over 20 MB are not read.`);
  }
  if (file.size === 0) return new NoteFormatError('empty', `${file.name} is empty.`);
  const kind = nonTextKind(file, head);
  if (kind === 'a PDF') {
    return new NoteFormatError('binary', `${file.name} is a PDF, not a text note. Copy its text into a .txt file, or paste it below, to import it.`);
  }
  if (kind) return new NoteFormatError('binary', `${file.name} is ${kind}, not a text note.`);
  return undefined;
}

/** A layout the converter reads, for the preview and for the "no questions found" message. */
export interface LayoutInfo {
  name: string;
  label: string;
  /** Two lines. */
  example: string;
}

/** Every layout the converter tries, in the order it tries them. */
export function noteLayouts(): LayoutInfo[] {
  return noteFormats.map(({ name, label, example }) => ({ name, label, example }));
}

/** A note read for import. */
export interface ImportedNote {
  /** May have no cards when the chosen cut finds none; `cut.choices` then offers others. */
  deck: Deck;
  /** The layout that produced the cards. */
  layout: LayoutInfo;
  /** How the note was cut, and every other choice with its card count ("Cut cards at"). */
  cut: ReadNote['cut'];
}

/** Input to `importNote`: a file's bytes, or pasted text with the name the user gave it. */
export interface ImportNoteInput {
  fileName: string;
  bytes?: Uint8Array;
  text?: string;
}

/**
 * Reads a note into a deck for import: deck id `import-<file name>`, card ids from it, title
 * from the note, cut where `options.cutAt` says (auto by default). Throws NoteFormatError
 * (`empty`, `binary`, `too-large`, and `no-cards` only when no way of cutting finds a card).
 */
export function importNote(input: ImportNoteInput, options: CutOptions = {}): ImportedNote {
  const { deck, cut } = readNote(
    {
      fileName: input.fileName,
      ...(input.bytes ? { bytes: input.bytes } : { text: input.text ?? '' }),
      deckId: importDeckId(input.fileName),
    },
    options,
  );
  const name = deck.layouts[0] ?? '';
  const layout = noteLayouts().find((l) => l.name === name) ?? { name, label: name, example: '' };
  return { deck, layout, cut };
}

/**
 * `importNote` in two steps (see `readNoteInStages`): the deck as asked first, with only its own
 * choice listed unless it finds no cards; `rest()` counts every other choice.
 */
export function importNoteInStages(input: ImportNoteInput, options: CutOptions = {}): { first: ImportedNote; rest: () => ImportedNote['cut'] } {
  const { first, rest } = readNoteInStages(
    {
      fileName: input.fileName,
      ...(input.bytes ? { bytes: input.bytes } : { text: input.text ?? '' }),
      deckId: importDeckId(input.fileName),
    },
    options,
  );
  const name = first.deck.layouts[0] ?? '';
  const layout = noteLayouts().find((l) => l.name === name) ?? { name, label: name, example: '' };
  return { first: { deck: first.deck, layout, cut: first.cut }, rest };
}
