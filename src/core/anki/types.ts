// What an Anki package holds, read into plain data: the collection's decks, note types, notes,
// cards and review log, and the list of media files. Ids are Anki's own (milliseconds).

/** The layout the collection was found in: `anki21b` (current, zstd), `anki21` or `anki2` (older). */
export type AnkiLayout = 'anki21b' | 'anki21' | 'anki2';

export interface AnkiDeck {
  id: number;
  /** Full name, parents first, joined with `::` as Anki shows it ("Languages::Spanish"). */
  name: string;
}

export interface AnkiTemplate {
  ord: number;
  name: string;
  /** Question and answer templates (`{{Front}}`, `{{FrontSide}}<hr id=answer>{{Back}}`). */
  qfmt: string;
  afmt: string;
}

export interface AnkiNotetype {
  id: number;
  name: string;
  kind: 'normal' | 'cloze';
  /** Field names in order. */
  fields: string[];
  templates: AnkiTemplate[];
}

export interface AnkiNote {
  id: number;
  guid: string;
  notetypeId: number;
  /** Field values (HTML), in the note type's field order. */
  fields: string[];
  tags: string[];
}

/** FSRS memory state Anki keeps in `cards.data`. */
export interface AnkiFsrsState {
  stability: number;
  difficulty: number;
  /** Desired retention of the card's preset, when stored. */
  desiredRetention?: number;
  decay?: number;
  /** Last review time (seconds), when stored. */
  lastReview?: number;
}

export interface AnkiCard {
  id: number;
  noteId: number;
  /** The card's home deck (the original deck when it sits in a filtered deck). */
  deckId: number;
  ord: number;
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  type: number;
  /** 0 new, 1 learning, 2 review, 3 day-learning, -1 suspended, -2/-3 buried. */
  queue: number;
  /** New: position; learning: epoch seconds; review and day-learning: days from the collection's day (`crt`). */
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
  /** Learning steps left (today's count × 1000 + steps left). */
  left: number;
  fsrs?: AnkiFsrsState;
}

export interface AnkiRevlog {
  /** Time of the answer, in milliseconds since the epoch. */
  id: number;
  cardId: number;
  /** 1 Again … 4 Easy; 0 for a manual reschedule. */
  ease: number;
  ivl: number;
  lastIvl: number;
  factor: number;
  /** Time spent answering, in milliseconds. */
  timeMs: number;
  /** 0 learn, 1 review, 2 relearn, 3 filtered (cram), 4 manual, 5 rescheduled. */
  type: number;
}

export interface AnkiMediaFile {
  name: string;
  /** Size in bytes of the file as stored (after decompression). */
  size: number;
  /** The file's entry in the zip ("0", "1", …). */
  zipName: string;
}

export interface AnkiPackage {
  layout: AnkiLayout;
  /** `col.crt`: the collection's creation, in seconds; review cards' `due` counts days from its day. */
  collectionCreated: number;
  /**
   * `schedVer` of the collection: 1 for Anki's old scheduler (its learning answers are already
   * renumbered to the 1–4 of version 2 in `revlog`, as Anki does on upgrading), else 2.
   */
  schedulerVersion: 1 | 2;
  decks: AnkiDeck[];
  notetypes: AnkiNotetype[];
  notes: AnkiNote[];
  cards: AnkiCard[];
  revlog: AnkiRevlog[];
  media: AnkiMediaFile[];
  /** Things read around rather than failed on, in plain words. */
  warnings: string[];
}
