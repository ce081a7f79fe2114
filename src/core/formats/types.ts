// The contract every note layout implements. See README.md beside this file.
import type { CardKind, NoteWarning } from '../deck/types.ts';

/** A card as a format finds it, before ids and tags are assigned. */
export interface RawCard {
  front: string;
  back: string;
  kind?: CardKind;
  /** 1-based line in the (decoded, repaired) text. */
  line: number;
  /** Section path, outermost first; becomes tags. */
  section?: string[];
  frontInferred?: boolean;
  tier?: string;
  candidate?: string;
  role?: string;
  score?: number;
  /** The prompt shape that cut the card (`heading`, `bold`, `label`, …), for the preview's words. Not stored. */
  shape?: string;
  /** The number the note gave the question (`## 3. What…`, `**Q3.**`), kept out of the front. */
  number?: string;
}

export interface ParseResult {
  cards: RawCard[];
  warnings: NoteWarning[];
}

export interface NoteFormat {
  /** Short stable name, e.g. `markdown`, `transcript`. */
  name: string;
  /** Plain words for the import preview, e.g. "markdown headings that ask questions". */
  label: string;
  /** A two-line example of the layout, shown when no format finds anything. */
  example: string;
  /** How sure this format is that it fits the text, 0..1. Cheap: no full parse. */
  detect(text: string): number;
  /**
   * Tried only after every other fitting layout, whatever its confidence: a shape so common in
   * notes of every kind (bold lead-ins) that it may cut only what no other layout reads.
   */
  lastResort?: boolean;
  /** Cards and warnings; never throws. `text` is decoded, mojibake-repaired, with `\n` line ends. */
  parse(text: string): ParseResult;
}
