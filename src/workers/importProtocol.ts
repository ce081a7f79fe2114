// Messages between the import screen and the import worker. Types only: both sides import it.
import type { NoteErrorCode } from '../core/errors.ts';
import type { Deck } from '../core/deck/types.ts';
import type { LayoutInfo } from '../core/deck/importNote.ts';

/** A file as picked, dropped or shared (a File is sent as a handle; the worker reads it). */
export type ImportSource =
  | { kind: 'file'; file: File }
  | { kind: 'text'; name: string; text: string };

export interface ImportRequest {
  id: number;
  source: ImportSource;
}

/** `reading`: bytes read so far of `total`; `parsing`: finding the cards (one step, no fraction). */
export type ImportPhase = 'checking' | 'reading' | 'parsing';

export type ImportResult =
  | { ok: true; name: string; deck: Deck; layout: LayoutInfo; parseMs: number }
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
  | { id: number; type: 'done'; result: ImportResult };
