// The review log as the FSRS optimizer reads it: per card, the sequence of (rating, days since the
// previous answer), days counted between study days (the day boundary is `dayStartHour`, 4:00 by
// default, as in Anki). A card whose progress was reset starts a new sequence.

import { studyDayOf, type TimeZoneOffset } from '../scheduling/day.ts';

/** One answer, reduced to what the optimizer needs. */
export interface ReviewEvent {
  cardId: string;
  /** 1 Again, 2 Hard, 3 Good, 4 Easy. */
  rating: number;
  /** When it was given (epoch ms). */
  reviewedAt: number;
  /** The card was new before this answer: its first answer, or the first after a reset. */
  fromNew: boolean;
}

/** One answer in a sequence: its rating and whole study days since the previous answer (0 for the first). */
export interface FsrsReview {
  rating: number;
  deltaT: number;
}

/** A card's answers from its first (or first since a reset), oldest first. */
export type ReviewSequence = FsrsReview[];

/**
 * Groups the answers by card and turns each card's answers into sequences with `deltaT` in study
 * days. Answers need not be sorted. Ratings outside 1–4 are dropped.
 */
export function reviewSequences(events: readonly ReviewEvent[], dayStartHour: number, tz?: TimeZoneOffset): ReviewSequence[] {
  const byCard = new Map<string, ReviewEvent[]>();
  for (const e of events) {
    if (!(e.rating >= 1 && e.rating <= 4)) continue;
    let list = byCard.get(e.cardId);
    if (!list) byCard.set(e.cardId, (list = []));
    list.push(e);
  }
  const sequences: ReviewSequence[] = [];
  for (const list of byCard.values()) {
    list.sort((a, b) => a.reviewedAt - b.reviewedAt);
    let current: ReviewSequence = [];
    let lastDay = 0;
    for (const e of list) {
      const day = studyDayOf(e.reviewedAt, dayStartHour, tz);
      if (e.fromNew && current.length > 0) {
        sequences.push(current);
        current = [];
      }
      current.push({ rating: e.rating, deltaT: current.length === 0 ? 0 : Math.max(0, day - lastDay) });
      lastDay = day;
    }
    if (current.length > 0) sequences.push(current);
  }
  return sequences;
}

/**
 * The optimizer's training items: every prefix of a sequence that ends on an answer given on a
 * later day than the one before it; that last answer is the outcome predicted from the ones
 * before it. Same-day answers stay inside the history (short-term stability) but are never a
 * prediction target: fsrs-browser's loss turns NaN on them, and Anki leaves them out too.
 */
export function trainingItems(sequences: readonly ReviewSequence[]): ReviewSequence[] {
  const items: ReviewSequence[] = [];
  for (const seq of sequences) {
    for (let i = 1; i < seq.length; i++) if (seq[i]!.deltaT > 0) items.push(seq.slice(0, i + 1));
  }
  return items;
}

/** Answers that test memory across days: the ones the optimizer learns from and is scored on. */
export function longTermReviewCount(sequences: readonly ReviewSequence[]): number {
  let n = 0;
  for (const seq of sequences) for (let i = 1; i < seq.length; i++) if (seq[i]!.deltaT > 0) n++;
  return n;
}

/** Items flattened into the three arrays fsrs-browser's `computeParameters` takes. */
export interface PackedItems {
  ratings: Uint32Array;
  deltaTs: Uint32Array;
  lengths: Uint32Array;
}

/** Flattens items (each item's reviews, one after another; `lengths` says where each ends). */
export function packItems(items: readonly ReviewSequence[]): PackedItems {
  let total = 0;
  for (const item of items) total += item.length;
  const ratings = new Uint32Array(total);
  const deltaTs = new Uint32Array(total);
  const lengths = new Uint32Array(items.length);
  let k = 0;
  items.forEach((item, i) => {
    lengths[i] = item.length;
    for (const r of item) {
      ratings[k] = r.rating;
      deltaTs[k] = r.deltaT;
      k++;
    }
  });
  return { ratings, deltaTs, lengths };
}
