// Every statistic of the statistics screen at once, from the rows storage read for one deck or all.

import { cardsByState, difficultyHistogram, stabilityHistogram, type CardStateCounts, type Histogram } from './cards.ts';
import { calendarFromCounts, type StudyCalendar } from './calendar.ts';
import { dueForecast, type DueForecast } from './forecast.ts';
import { trueRetention, type TrueRetention } from './retention.ts';
import { reviewsPerDay, type ReviewsPerDay } from './reviews.ts';
import type { StatsCard, StatsClock, StatsReview } from './types.ts';

/** True retention and the forecast always cover 30 days, whatever the period. */
export const RETENTION_DAYS = 30;
export const FORECAST_DAYS = 30;

export interface StatsInput {
  /** Answers in the period (older ones are ignored). */
  logs: readonly StatsReview[];
  /** Scheduling rows of the cards in scope. */
  cards: readonly StatsCard[];
  /** Active new cards counted but not among `cards` (storage counts them by key). */
  newCardsNotRead?: number;
  /** Study days before the period known to have answers (for the streak). */
  studiedBefore?: Iterable<number>;
  desiredRetention: number;
}

export interface CollectionStats {
  periodDays: number;
  reviews: ReviewsPerDay;
  calendar: StudyCalendar;
  retention: TrueRetention;
  forecast: DueForecast;
  cards: CardStateCounts;
  stability: Histogram;
  difficulty: Histogram;
}

/** The statistics of one scope over the last `days` study days. */
export function collectionStats(input: StatsInput, clock: StatsClock & { days: number }): CollectionStats {
  const reviews = reviewsPerDay(input.logs, clock);
  const cards = cardsByState(input.cards, clock.now);
  const unread = input.newCardsNotRead ?? 0;
  cards.new += unread;
  cards.total += unread;
  return {
    periodDays: clock.days,
    reviews,
    // The calendar counts the same answers per day: no second pass over them.
    calendar: calendarFromCounts(reviews.days.map((d) => d.total), clock, input.studiedBefore),
    retention: trueRetention(input.logs, { ...clock, days: RETENTION_DAYS, desiredRetention: input.desiredRetention }),
    forecast: dueForecast(input.cards, { ...clock, days: FORECAST_DAYS }),
    cards,
    stability: stabilityHistogram(input.cards),
    difficulty: difficultyHistogram(input.cards),
  };
}
