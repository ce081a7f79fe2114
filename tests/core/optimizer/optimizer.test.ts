import { describe, expect, it } from 'vitest';
import { default_w } from 'ts-fsrs';
import {
  EXAMPLE_TRUE_WEIGHTS,
  evaluateParameters,
  longTermReviewCount,
  MIN_REVIEWS_FOR_OPTIMIZING,
  optimizerReadiness,
  packItems,
  reviewSequences,
  roundParameters,
  simulateReviewLog,
  trainingItems,
  type ReviewEvent,
} from '../../../src/core/optimizer/index.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** 2024-06-10 00:00 UTC. */
const D0 = Date.UTC(2024, 5, 10);

const ev = (cardId: string, rating: number, at: number, fromNew = false): ReviewEvent => ({ cardId, rating, reviewedAt: at, fromNew });

describe('reviewSequences', () => {
  it('counts days between study days (4:00 boundary), per card, split at a reset', () => {
    const events = [
      ev('a', 3, D0 + 20 * HOUR, true),
      ev('a', 3, D0 + 20 * HOUR + 600_000),
      ev('a', 1, D0 + DAY + 3 * HOUR), // 03:00 the next night: still the first study day
      ev('a', 3, D0 + 3 * DAY + 10 * HOUR),
      ev('b', 4, D0 + 10 * HOUR, true),
      ev('a', 3, D0 + 30 * DAY, true), // after a reset
      ev('a', 3, D0 + 32 * DAY),
    ];
    const seqs = reviewSequences([...events].reverse(), 4, 0);
    expect(seqs).toEqual([
      [{ rating: 3, deltaT: 0 }, { rating: 3, deltaT: 0 }, { rating: 1, deltaT: 0 }, { rating: 3, deltaT: 3 }],
      [{ rating: 3, deltaT: 0 }, { rating: 3, deltaT: 2 }],
      [{ rating: 4, deltaT: 0 }],
    ]);
    expect(longTermReviewCount(seqs)).toBe(2);
    const items = trainingItems(seqs);
    expect(items.map((i) => i.length)).toEqual([4, 2]);
    const packed = packItems(items);
    expect(Array.from(packed.lengths)).toEqual([4, 2]);
    expect(Array.from(packed.ratings)).toEqual([3, 3, 1, 3, 3, 3]);
    expect(Array.from(packed.deltaTs)).toEqual([0, 0, 0, 3, 0, 2]);
  });
});

describe('optimizerReadiness', () => {
  it('says how many more reviews are needed', () => {
    expect(optimizerReadiness(123)).toMatchObject({ ready: false, missing: MIN_REVIEWS_FOR_OPTIMIZING - 123 });
    expect(optimizerReadiness(123).message).toMatch(/277 more reviews needed/);
    expect(optimizerReadiness(399).message).toMatch(/1 more review needed/);
    expect(optimizerReadiness(400)).toMatchObject({ ready: true, missing: 0 });
  });
});

describe('evaluateParameters', () => {
  it('scores the true memory model of a simulated log better than the defaults', () => {
    const log = simulateReviewLog({ weights: EXAMPLE_TRUE_WEIGHTS, cards: 400, days: 365, firstDay: 19_000, dayStartHour: 4, timeZone: 0 });
    const seqs = reviewSequences(log, 4, 0);
    const truth = evaluateParameters(EXAMPLE_TRUE_WEIGHTS, seqs);
    const defaults = evaluateParameters(default_w, seqs);
    expect(truth.count).toBe(longTermReviewCount(seqs));
    expect(truth.count).toBeGreaterThan(MIN_REVIEWS_FOR_OPTIMIZING);
    expect(truth.logLoss).toBeLessThan(defaults.logLoss);
    expect(truth.rmseBins).toBeLessThan(defaults.rmseBins);
    expect(truth.logLoss).toBeGreaterThan(0);
  });

  it('is deterministic, and rounds parameters to four decimals', () => {
    const a = simulateReviewLog({ weights: EXAMPLE_TRUE_WEIGHTS, cards: 20, days: 60, firstDay: 19_000, dayStartHour: 4, timeZone: 0, seed: 3 });
    const b = simulateReviewLog({ weights: EXAMPLE_TRUE_WEIGHTS, cards: 20, days: 60, firstDay: 19_000, dayStartHour: 4, timeZone: 0, seed: 3 });
    expect(a).toEqual(b);
    expect(roundParameters([0.123456, 2])).toEqual([0.1235, 2]);
  });
});
