// Reviews per study day, counted by answer and with the time spent.

import { Rating, State } from '../scheduling/fsrs.ts';
import { pastDays } from './dayWindow.ts';
import type { StatsPeriod, StatsReview } from './types.ts';

/** One study day's answers. */
export interface ReviewDay {
  /** `YYYY-MM-DD` of the date the study day starts on. */
  date: string;
  again: number;
  hard: number;
  good: number;
  easy: number;
  total: number;
  /** New cards seen for the first time. */
  newCards: number;
  /** Time spent answering, in ms. */
  durationMs: number;
}

export interface ReviewsPerDay {
  /** Oldest first; the last one is today. */
  days: ReviewDay[];
  /** All answers in the period. */
  total: ReviewDay & { date: '' };
  /** Days with at least one answer. */
  daysStudied: number;
}

function emptyDay(date: string): ReviewDay {
  return { date, again: 0, hard: 0, good: 0, easy: 0, total: 0, newCards: 0, durationMs: 0 };
}

const RATING_FIELD = {
  [Rating.Again]: 'again',
  [Rating.Hard]: 'hard',
  [Rating.Good]: 'good',
  [Rating.Easy]: 'easy',
} as const;

/** Answers in each of the last `days` study days (today included), by rating, with time spent. */
export function reviewsPerDay(logs: Iterable<StatsReview>, period: StatsPeriod): ReviewsPerDay {
  const window = pastDays(period, period.days);
  const days = Array.from({ length: period.days }, (_, i) => emptyDay(window.keyOf(i)));
  const total = { ...emptyDay(''), date: '' as const };
  for (const log of logs) {
    const i = window.indexOf(log.reviewedAt);
    if (i < 0) continue;
    const field = RATING_FIELD[log.rating];
    if (!field) continue;
    const day = days[i]!;
    const isNew = log.stateBefore.state === State.New ? 1 : 0;
    const ms = Math.max(0, log.durationMs || 0);
    day[field]++;
    day.total++;
    day.newCards += isNew;
    day.durationMs += ms;
    total[field]++;
    total.total++;
    total.newCards += isNew;
    total.durationMs += ms;
  }
  return { days, total, daysStudied: days.reduce((n, d) => n + (d.total > 0 ? 1 : 0), 0) };
}
