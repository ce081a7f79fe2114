// Messages between the import screen and the import worker. Types only: both sides import it.
import type { NoteErrorCode } from '../core/errors.ts';
import type { Deck } from '../core/deck/types.ts';
import type { ImportedNote, LayoutInfo } from '../core/deck/importNote.ts';

/** A file as picked, dropped or shared (a File is sent as a handle; the worker reads it). */
export type ImportSource =
  | { kind: 'file'; file: File }
  | { kind: 'text'; name: string; text: string };

export interface ImportRequest {
  id: number;
  source: ImportSource;
  /** Where to cut the note into cards: a choice id from an earlier result's `cut.choices`; absent: auto. */
  cutAt?: string;
}

/** How the note was cut (`chosen`), and every choice with its card count, `auto` first. */
export type ImportCut = ImportedNote['cut'];

/** `reading`: bytes read so far of `total`; `parsing`: finding the cards (one step, no fraction). */
export type ImportPhase = 'checking' | 'reading' | 'parsing';

export type ImportResult =
  | {
      ok: true;
      name: string;
      /** May have no cards: when auto finds none, `cut.choices` offers the ways that do. */
      deck: Deck;
      layout: LayoutInfo;
      cut: ImportCut;
      /** The `cutAt` asked for found no cards (a remembered choice the note outgrew): the note was cut automatically instead. */
      cutFellBackFrom?: string;
      parseMs: number;
    }
  | {
      ok: false;
      name: string;
      code: NoteErrorCode | 'failed';
      message: string;
      /** For `no-cards`: every layout tried, each with a two-line example. */
      layouts?: LayoutInfo[];
    };

export type ImportResponse =
  | { id: number; type: 'progress'; phase: ImportPhase; loaded: number; total: number }
  | { id: number; type: 'done'; result: ImportResult }
  /** After a `done` whose `cut.pending` is true: every choice counted (or why they could not be). */
  | { id: number; type: 'choices'; cut: ImportCut | undefined; message?: string };
