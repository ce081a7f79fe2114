// What the statistics read: plain rows shaped like the stored ones (storage passes its rows as
// they are), and the options every statistic takes. Time is always a parameter.

import type { Grade, ScheduleState } from '../scheduling/fsrs.ts';
import type { TimeZoneOffset } from '../scheduling/day.ts';

/** One answer, as the review log keeps it (only the fields statistics use). */
export interface StatsReview {
  cardId: string;
  rating: Grade;
  reviewedAt: number;
  durationMs: number;
  /** The card's state before the answer: its `state` says whether this was a review. */
  stateBefore: Pick<ScheduleState, 'state' | 'scheduledDays'>;
}

/** A card's scheduling row (only the fields statistics use). */
export interface StatsCard {
  schedule: Pick<ScheduleState, 'state' | 'due' | 'stability' | 'difficulty' | 'scheduledDays'>;
  suspended: boolean;
  hidden: boolean;
  /** Epoch ms until which the card is buried; 0 or absent when not buried. */
  buriedUntil?: number;
}

/** Where "now" is and how days are cut: the same inputs as the scheduling code. */
export interface StatsClock {
  now: number;
  /** Local hour at which the study day rolls over (`settings.dayStartHour`). */
  dayStartHour: number;
  /** Injected in tests; the runtime's zone otherwise. */
  timeZone?: TimeZoneOffset | undefined;
}

/** A statistic over a run of study days. */
export interface StatsPeriod extends StatsClock {
  /** How many study days, today included. */
  days: number;
}

/** A card is mature once its interval reaches this many days (Anki's threshold). */
export const MATURE_DAYS = 21;
