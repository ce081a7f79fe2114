// The study calendar (answers per study day, for a heatmap) and streaks of consecutive study days.

import { studyDayOf } from '../scheduling/day.ts';
import { pastDays } from './dayWindow.ts';
import type { StatsClock, StatsPeriod } from './types.ts';

export interface CalendarDay {
  /** Day number (`studyDayOf`). */
  day: number;
  /** `YYYY-MM-DD` of the date the study day starts on. */
  date: string;
  /** 0 Sunday … 6 Saturday, of that date. */
  weekday: number;
  count: number;
}

export interface StudyCalendar {
  /** Oldest first; the last one is today. */
  days: CalendarDay[];
  /** Study days with at least one answer in the window. */
  daysStudied: number;
  /** Consecutive study days ending today, or ending yesterday when nothing is answered yet today. */
  currentStreak: number;
  /** The longest run of consecutive study days inside the window. */
  longestStreak: number;
}

/**
 * Answers per study day over the last `days` days, from answer times. `studiedBefore` lists
 * study days before the window known to have answers (storage looks further back only when the
 * current streak reaches the window's first day).
 */
export function studyCalendar(
  reviewedAt: Iterable<number>,
  period: StatsPeriod,
  studiedBefore: Iterable<number> = [],
): StudyCalendar {
  const window = pastDays(period, period.days);
  const counts = new Array<number>(period.days).fill(0);
  for (const t of reviewedAt) {
    const i = window.indexOf(t);
    if (i >= 0) counts[i]!++;
  }
  return calendarFromCounts(counts, period, studiedBefore);
}

/** The calendar from answers already counted per day (`counts[i]` for the i-th of the last `days` days). */
export function calendarFromCounts(
  counts: readonly number[],
  period: StatsPeriod,
  studiedBefore: Iterable<number> = [],
): StudyCalendar {
  const window = pastDays(period, period.days);
  const days: CalendarDay[] = counts.map((count, i) => {
    const date = window.keyOf(i);
    return { day: window.firstDay + i, date, weekday: new Date(`${date}T00:00:00Z`).getUTCDay(), count };
  });
  const studied = new Set<number>(studiedBefore);
  let longest = 0;
  let run = 0;
  let daysStudied = 0;
  for (const d of days) {
    if (d.count > 0) {
      studied.add(d.day);
      daysStudied++;
      longest = Math.max(longest, ++run);
    } else run = 0;
  }
  return { days, daysStudied, currentStreak: currentStreak(studied, period), longestStreak: longest };
}

/**
 * Consecutive study days with answers, counting today if something was answered today, else
 * ending yesterday (a streak is not broken before the day is over).
 */
export function currentStreak(studiedDays: ReadonlySet<number>, clock: StatsClock): number {
  const today = studyDayOf(clock.now, clock.dayStartHour, clock.timeZone);
  let day = studiedDays.has(today) ? today : today - 1;
  let streak = 0;
  while (studiedDays.has(day)) {
    streak++;
    day--;
  }
  return streak;
}
