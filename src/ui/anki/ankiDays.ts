// The exported collection's days, as Anki counts them. Anki's day count (`days_elapsed`,
// rslib/src/scheduler/timing.rs `sched_timing_today_v2_new`) is the number of day rollovers since
// `crt`, read in the zone `creationOffset` names, at the `rollover` hour; a review card's `due` is
// a day of that count. Starting the collection at the start of today's study day, in the device's
// zone and at the user's day start, makes Anki's days Rehearse's study days.

import { localTimeZoneOffset, nextDayStart, startOfStudyDay, studyDayOf, type TimeZoneOffset } from '../../core/scheduling/day.ts';

export interface AnkiDayClock {
  /** `col.crt`: the start of the export's study day, epoch seconds. */
  crtSec: number;
  /** `rollover`: the local hour a day starts at. */
  rollover: number;
  /** `creationOffset`: the zone at `crt`, in minutes west of UTC (Anki's sign; Sydney is −600). */
  creationOffset: number;
  /** The day (of Anki's count from `crt`) whose study day holds `epochMs`; negative before the export's day. */
  dayIndex(epochMs: number): number;
  /** When the study day after the one holding `epochMs` begins (Anki's day cutoff). */
  nextDayStart(epochMs: number): number;
}

/** The day clock of a collection exported at `now`. */
export function ankiDayClock(now: number, dayStartHour: number, tz: TimeZoneOffset | undefined): AnkiDayClock {
  const today = studyDayOf(now, dayStartHour, tz);
  const crt = startOfStudyDay(now, dayStartHour, tz);
  const minutesEast = tz === undefined ? localTimeZoneOffset(crt) : typeof tz === 'number' ? tz : tz(crt);
  return {
    crtSec: Math.floor(crt / 1000),
    rollover: dayStartHour,
    creationOffset: -Math.round(minutesEast),
    dayIndex: (epochMs) => studyDayOf(epochMs, dayStartHour, tz) - today,
    nextDayStart: (epochMs) => nextDayStart(epochMs, dayStartHour, tz),
  };
}
