// What travels between a person's devices: rows, each with an id. Reviews and voids are
// immutable (a row is either there or not: merging is a union by id). Registers are
// last-writer-wins: the value with the greatest hybrid-logical-clock stamp wins. Storage turns
// its tables into these rows and back; the sync bridge only moves them.

import type { Grade, ScheduleState } from '../scheduling/fsrs.ts';

/**
 * An entry of a card's log: an answer, an event that sets the card's state (reset, reschedule),
 * or a `practice` answer from a custom session that does not reschedule: kept in the log, it
 * changes no state, no summary and no FSRS training (its `after` is its `before`).
 */
export type ReviewKind = 'grade' | 'reset' | 'reschedule' | 'practice';

/** One entry of the review log, as it travels. Never edited, never deleted. */
export interface ReviewRow {
  t: 'review';
  /** Globally unique (a random id made on the device that wrote it). */
  id: string;
  cardId: string;
  deckId: string;
  kind: ReviewKind;
  /** The grade of a `grade` entry; 0 for an event. */
  rating: Grade | 0;
  /** When it happened (epoch ms): the replay order. */
  at: number;
  durationMs: number;
  /** The card's state the writer computed from, and the state it wrote. */
  before: ScheduleState;
  after: ScheduleState;
  device: string;
}

/** An undo: the review named by `id` no longer counts. A void is never taken back. */
export interface VoidRow {
  t: 'void';
  /** The voided review's id. */
  id: string;
  /** The voided review's month (`reviewMonth`), so the void travels with it. */
  month: string;
  at: number;
  device: string;
}

/**
 * A last-writer-wins register. Keys (storage owns them):
 *   `setting:scheduler`  the scheduler settings, FSRS parameters included
 *   `deck:<deckId>`      an imported deck's definition, or `{ deleted: true }`
 *   `deckMeta:<deckId>`  the user's name for a deck and whether they hid it (every deck)
 *   `flags:<cardId>`     suspended and buried-until
 *   `edit:<cardId>`      the user's text for a card, or null when reverted
 *   `card:<cardId>`      an imported card's content (`deckId` inside)
 */
export interface RegisterRow {
  t: 'register';
  /** The register's key. */
  id: string;
  value: unknown;
  /** `formatHlc` stamp of the write. */
  hlc: string;
}

export type SyncRow = ReviewRow | VoidRow | RegisterRow;

/** The UTC month (`2026-12`) a review belongs to: reviews are kept in one document per month. */
export function reviewMonth(at: number): string {
  return new Date(at).toISOString().slice(0, 7);
}

/** The month of a review or void row. */
export function rowMonth(row: ReviewRow | VoidRow): string {
  return row.t === 'review' ? reviewMonth(row.at) : row.month;
}

/** The deck a register belongs to, for registers kept beside a deck's cards (`card:`); else undefined. */
export function registerDeck(row: RegisterRow): string | undefined {
  if (!row.id.startsWith('card:')) return undefined;
  const value = row.value as { deckId?: unknown } | null;
  return typeof value?.deckId === 'string' ? value.deckId : undefined;
}
