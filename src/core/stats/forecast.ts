// How many cards fall due on each of the coming study days.

import { State } from '../scheduling/fsrs.ts';
import { dayWindow } from './dayWindow.ts';
import type { StatsCard, StatsPeriod } from './types.ts';

export interface ForecastDay {
  date: string;
  /** Cards in learning or relearning. */
  learning: number;
  /** Cards in review. */
  review: number;
  total: number;
}

export interface DueForecast {
  /** Today first: today counts everything due before it ends, overdue cards included. */
  days: ForecastDay[];
  /** Of today's, those due before today began. */
  overdue: number;
  /** Every card due in the window. */
  total: number;
}

/** Cards due on each of the next `days` study days, today first (active cards seen before). */
export function dueForecast(cards: Iterable<StatsCard>, period: StatsPeriod): DueForecast {
  const window = dayWindow(period, 0, period.days);
  const days: ForecastDay[] = Array.from({ length: period.days }, (_, i) => ({
    date: window.keyOf(i),
    learning: 0,
    review: 0,
    total: 0,
  }));
  const todayStart = window.starts[0]!;
  let overdue = 0;
  let total = 0;
  for (const card of cards) {
    const { state } = card.schedule;
    if (card.suspended || card.hidden || state === State.New) continue;
    // A buried card comes back when its burial ends.
    const due = Math.max(card.schedule.due, card.buriedUntil && card.buriedUntil > period.now ? card.buriedUntil : 0);
    const i = due < todayStart ? 0 : window.indexOf(due);
    if (i < 0) continue;
    if (due < todayStart) overdue++;
    const day = days[i]!;
    if (state === State.Review) day.review++;
    else day.learning++;
    day.total++;
    total++;
  }
  return { days, overdue, total };
}
