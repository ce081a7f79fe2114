// Messages between the import screen and the import worker. Types only: both sides import it.
import type { NoteErrorCode } from '../core/errors.ts';
import type { Deck } from '../core/deck/types.ts';
import type { ImportedNote, LayoutInfo } from '../core/deck/importNote.ts';
import type { AnkiLayout, AnkiPackageErrorCode, AnkiRehearseDeck } from '../core/anki/index.ts';
import type { SchedulerSettings } from '../core/scheduling/settings.ts';
import type { MediaEntry } from '../storage/media/storeMedia.ts';

/** A file as picked, dropped or shared (a File is sent as a handle; the worker reads it). */
export type ImportSource =
  | { kind: 'file'; file: File }
  | { kind: 'text'; name: string; text: string };

export interface ImportRequest {
  id: number;
  source: ImportSource;
  /** Where to cut the note into cards: a choice id from an earlier result's `cut.choices`; absent: auto. */
  cutAt?: string;
  /** The user's scheduler settings, for replaying an Anki package's answers as the import will (defaults when absent). */
  settings?: SchedulerSettings;
}

/** How the note was cut (`chosen`), and every choice with its card count, `auto` first. */
export type ImportCut = ImportedNote['cut'];

/**
 * `reading`: bytes read so far of `total`; `parsing`: finding the cards (one step, no fraction).
 * An Anki package adds `unpacking` (opening its collection) before `parsing`, and `replaying`
 * (rebuilding FSRS states from its history, to compare them with Anki's) after it.
 */
export type ImportPhase = 'checking' | 'reading' | 'unpacking' | 'parsing' | 'replaying';

/** One Anki deck of a package, counted as Anki shows it (suspended cards apart from the rest). */
export interface AnkiDeckSummary {
  /** The Rehearse deck id `ankiPackageToDecks` gave it. */
  id: string;
  title: string;
  cards: number;
  new: number;
  /** Learning and relearning. */
  learning: number;
  review: number;
  suspended: number;
  /** Buried cards (counted in new/learning/review too): they come back the next day, as in Anki. */
  buried: number;
}

/** What the preview says about a package, worked out in the worker. */
export interface AnkiPackageSummary {
  /** `colpkg`: a whole collection; `apkg`: exported decks. */
  kind: 'apkg' | 'colpkg';
  layout: AnkiLayout;
  decks: AnkiDeckSummary[];
  /** Answers kept (manual reschedules and rows of cards no longer in the collection are not answers). */
  answers: number;
  /** The first and last answer (epoch ms), when there are answers. */
  firstAnswerAt?: number;
  lastAnswerAt?: number;
  /** The media the cards use, as images or sounds (files no card names are not counted: they are not imported). */
  media: { files: number; images: number; sounds: number; bytes: number };
  /**
   * Cards whose FSRS state rebuilt from their answers matches the one Anki stored, of the cards
   * where Anki stored one. Absent when it could not be worked out.
   */
  agreement?: { matching: number; compared: number };
}

export type ImportResult =
  | {
      ok: true;
      kind: 'note';
      name: string;
      /** May have no cards: when auto finds none, `cut.choices` offers the ways that do. */
      deck: Deck;
      layout: LayoutInfo;
      cut: ImportCut;
      /** The `cutAt` asked for found no cards (a remembered choice the note outgrew): the note was cut automatically instead. */
      cutFellBackFrom?: string;
      parseMs: number;
    }
  | AnkiImportResult
  | {
      ok: false;
      name: string;
      code: NoteErrorCode | AnkiPackageErrorCode | 'media-too-large' | 'failed';
      message: string;
      /** For `no-cards`: every layout tried, each with a two-line example. */
      layouts?: LayoutInfo[];
    };

/** An Anki package (.apkg, .colpkg), read: its decks with their cards and answers, ready to write. */
export interface AnkiImportResult {
  ok: true;
  kind: 'anki';
  name: string;
  decks: AnkiRehearseDeck[];
  /** About the package as a whole, in plain words (the decks carry their own). */
  warnings: string[];
  summary: AnkiPackageSummary;
  /** The images and sounds the cards use, read from the package, for `storeAnkiMedia`. */
  media: MediaEntry[];
  parseMs: number;
}

export type ImportResponse =
  | { id: number; type: 'progress'; phase: ImportPhase; loaded: number; total: number }
  | { id: number; type: 'done'; result: ImportResult }
  /** After a `done` whose `cut.pending` is true: every choice counted (or why they could not be). */
  | { id: number; type: 'choices'; cut: ImportCut | undefined; message?: string };
