// Study days. A study day starts at `dayStartHour` local time (4:00 by default, as in Anki), so a
// late-night session still counts for the evening it started in. Local time is computed from
// the UTC offset *at the instant in question*, which keeps the boundary right across DST changes.

/** UTC offset in minutes east of UTC at an instant (Berlin in summer: +120, New York in winter: -300). */
export type TimeZoneOffset = number | ((epochMs: number) => number);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The runtime's own zone. `getTimezoneOffset` counts the other way round (UTC − local). */
export const localTimeZoneOffset = (epochMs: number): number => -new Date(epochMs).getTimezoneOffset();

function offsetAt(tz: TimeZoneOffset | undefined, epochMs: number): number {
  if (tz === undefined) return localTimeZoneOffset(epochMs);
  return typeof tz === 'number' ? tz : tz(epochMs);
}

/**
 * The study day `now` belongs to, as a day number (days since 1970-01-01 in local calendar terms,
 * counted from `dayStartHour`). 03:59 belongs to the previous day, 04:00 to the new one.
 */
export function studyDayOf(now: number, dayStartHour: number, tz?: TimeZoneOffset): number {
  const local = now + offsetAt(tz, now) * MINUTE;
  return Math.floor((local - dayStartHour * HOUR) / DAY);
}

/** A study day number as `YYYY-MM-DD` (the calendar date the study day starts on). */
export function studyDayKey(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The instant (epoch ms) at which study day `day` starts. */
export function studyDayStart(day: number, dayStartHour: number, tz?: TimeZoneOffset): number {
  const local = day * DAY + dayStartHour * HOUR;
  // Local wall clock → UTC needs the offset at the answer; two passes settle it across a DST change.
  let utc = local - offsetAt(tz, local) * MINUTE;
  utc = local - offsetAt(tz, utc) * MINUTE;
  // If that wall-clock time does not exist (skipped by DST), the day starts at the first instant
  // that already belongs to it.
  if (studyDayOf(utc, dayStartHour, tz) < day) {
    const step = 15 * MINUTE;
    for (let i = 0; i < 4 * 3 && studyDayOf(utc, dayStartHour, tz) < day; i++) utc += step;
  }
  return utc;
}

/** When the study day containing `now` began. */
export function startOfStudyDay(now: number, dayStartHour: number, tz?: TimeZoneOffset): number {
  return studyDayStart(studyDayOf(now, dayStartHour, tz), dayStartHour, tz);
}

/** When the next study day begins: the end of today's, and when buried cards come back. */
export function nextDayStart(now: number, dayStartHour: number, tz?: TimeZoneOffset): number {
  return studyDayStart(studyDayOf(now, dayStartHour, tz) + 1, dayStartHour, tz);
}
