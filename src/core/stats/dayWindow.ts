// A run of consecutive study days with their start instants computed once, so placing
// 250,000 answers in their days is a binary search each instead of a zone lookup each.

import { studyDayKey, studyDayOf, studyDayStart } from '../scheduling/day.ts';
import type { StatsClock } from './types.ts';

export interface DayWindow {
  /** Day number of the first day in the window. */
  firstDay: number;
  /** Number of days. */
  length: number;
  /** `starts[i]` is when day `firstDay + i` begins; `starts[length]` is when the window ends. */
  starts: number[];
  /** Index of the day an instant falls in, or -1 outside the window. */
  indexOf(epochMs: number): number;
  /** `YYYY-MM-DD` of the calendar date day `i` starts on. */
  keyOf(i: number): string;
}

/** The `length` study days starting `offset` days from today (offset 0: from today, negative: the past). */
export function dayWindow(clock: StatsClock, offset: number, length: number): DayWindow {
  const today = studyDayOf(clock.now, clock.dayStartHour, clock.timeZone);
  const firstDay = today + offset;
  const starts: number[] = [];
  for (let i = 0; i <= length; i++) starts.push(studyDayStart(firstDay + i, clock.dayStartHour, clock.timeZone));
  // Answers mostly come in time order (the reviewedAt index): try the last day found, then the next.
  let last = 0;
  return {
    firstDay,
    length,
    starts,
    indexOf(t) {
      if (!(t >= starts[0]!) || t >= starts[length]!) return -1;
      if (t >= starts[last]! && t < starts[last + 1]!) return last;
      if (last + 2 <= length && t >= starts[last + 1]! && t < starts[last + 2]!) return ++last;
      let lo = 0;
      let hi = length; // starts[lo] <= t < starts[hi]
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! <= t) lo = mid;
        else hi = mid;
      }
      return (last = lo);
    },
    keyOf: (i) => studyDayKey(firstDay + i),
  };
}

/** The last `days` study days, today the last one. */
export function pastDays(clock: StatsClock, days: number): DayWindow {
  return dayWindow(clock, -(days - 1), days);
}
