// A review log generated from a known memory model, for testing and benchmarking the optimizer:
// each simulated card is remembered or forgotten with the probability FSRS gives under the "true"
// parameters, reviewed at intervals spread around its true stability (so the log holds both easy
// and hard recalls), with a same-day relearning step after a lapse. Seeded: same input, same log.

import { fsrs, generatorParameters, type FSRSState } from 'ts-fsrs';
import { studyDayStart, type TimeZoneOffset } from '../scheduling/day.ts';
import type { ReviewEvent } from './trainingData.ts';
import { seededRandom } from '../random.ts';

/** A memory model far from the defaults: faster forgetting at first, slower decay, harder lapses. */
export const EXAMPLE_TRUE_WEIGHTS: readonly number[] = Object.freeze([
  0.08, 0.45, 1.1, 4.5, 7.2, 0.6, 2.2, 0.02, 1.25, 0.1, 1.3, 1.9, 0.09, 0.45, 1.9, 0.35, 2.6, 0.45, 0.12, 0.05, 0.3,
]);

/** Options of `simulateReviewLog`. */
export interface SimulationOptions {
  /** The true memory model. */
  weights: readonly number[];
  cards: number;
  /** Study days covered; new cards are introduced over the first 80% of them. */
  days: number;
  /** The study day the log starts on (days since 1970, see `studyDayOf`). */
  firstDay: number;
  dayStartHour: number;
  timeZone?: TimeZoneOffset;
  seed?: number;
  /** Stop after this many answers in all. */
  maxReviews?: number;
}


/** Generates the log, sorted by time. Card ids are `sim/<n>`. */
export function simulateReviewLog(options: SimulationOptions): ReviewEvent[] {
  const rand = seededRandom(options.seed ?? 7);
  const model = fsrs(generatorParameters({ w: [...options.weights], enable_short_term: true, enable_fuzz: false }));
  const lastDay = options.firstDay + options.days;
  const at = (day: number, minute: number) =>
    studyDayStart(day, options.dayStartHour, options.timeZone) + (14 * 60 + minute) * 60_000;
  const events: ReviewEvent[] = [];
  for (let c = 0; c < options.cards; c++) {
    const cardId = `sim/${c}`;
    let day = options.firstDay + Math.floor((c / options.cards) * options.days * 0.8);
    let state: FSRSState | null = null;
    let lastDayAnswered = day;
    let fromNew = true;
    for (let n = 0; n < 60 && day < lastDay; n++) {
      const minute = Math.floor(rand() * 120);
      let rating: number;
      if (state === null) {
        const r = rand();
        rating = r < 0.25 ? 1 : r < 0.35 ? 2 : r < 0.9 ? 3 : 4;
      } else {
        const recall = model.forgetting_curve(day - lastDayAnswered, state.stability);
        const r = rand();
        rating = rand() < recall ? (r < 0.12 ? 2 : r < 0.9 ? 3 : 4) : 1;
      }
      state = model.next_state(state, state === null ? 0 : day - lastDayAnswered, rating);
      events.push({ cardId, rating, reviewedAt: at(day, minute), fromNew });
      fromNew = false;
      if (rating === 1) {
        // A relearning step ten minutes later, the same day.
        state = model.next_state(state, 0, 3);
        events.push({ cardId, rating: 3, reviewedAt: at(day, minute + 10), fromNew: false });
      }
      lastDayAnswered = day;
      day += Math.max(1, Math.round(state.stability * (0.3 + rand() * 2.7)));
    }
  }
  events.sort((a, b) => a.reviewedAt - b.reviewedAt);
  return options.maxReviews !== undefined ? events.slice(0, options.maxReviews) : events;
}
