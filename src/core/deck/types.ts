// The deck model shared by the build script, the in-app import and storage.

/** `basic`: front asks, back answers. `cloze`: the front holds the text with its gaps marked. */
export type CardKind = 'basic' | 'cloze';

/** Facts from the note kept beside a card and shown discreetly with it. */
export interface CardMeta {
  /** 1-based line of the question (or of the answer when the question is inferred). */
  line: number;
  /** Section path, outermost first (the headings or titles the card sits under). */
  section?: string[];
  /** The question was never written in the note; the front was derived from the answer. */
  frontInferred?: boolean;
  tier?: string;
  candidate?: string;
  role?: string;
  score?: number;
  /** The number the note gave the question (`## 3. What…`), kept out of the front. */
  number?: string;
  /** The layout (format name) that produced the card. */
  layout?: string;
}

export interface Card {
  /** Stable id: deck id + normalized front + occurrence number (see cardId.ts). */
  id: string;
  /** Markdown. */
  front: string;
  /** Markdown, kept as written in the note (lists, code, tables, math, images). */
  back: string;
  tags: string[];
  kind: CardKind;
  meta: CardMeta;
}

/** A problem in the user's input, with its place: data, not an exception. */
export interface NoteWarning {
  line: number;
  ruleId: string;
  reason: string;
}

export const DECK_FORMAT = 'rehearse-deck';
export const DECK_VERSION = 1;

export interface Deck {
  format: typeof DECK_FORMAT;
  version: typeof DECK_VERSION;
  id: string;
  title: string;
  description?: string;
  /** File name the deck was made from. */
  source: string;
  /** Format names that produced cards, most cards first. */
  layouts: string[];
  cards: Card[];
  warnings: NoteWarning[];
}
