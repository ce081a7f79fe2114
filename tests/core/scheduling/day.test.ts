import { describe, expect, it } from 'vitest';
import { nextDayStart, startOfStudyDay, studyDayKey, studyDayOf } from '../../../src/core/scheduling/day.ts';
import { HOUR, MIN } from './factories.ts';

describe('study day', () => {
  const at = (h: number, m: number, day = 10) => Date.UTC(2024, 5, day, h, m);

  it('03:59 belongs to the previous day, 04:00 to the new one', () => {
    const before = studyDayOf(at(3, 59), 4, 0);
    const after = studyDayOf(at(4, 0), 4, 0);
    expect(after).toBe(before + 1);
    expect(studyDayKey(before)).toBe('2024-06-09');
    expect(studyDayKey(after)).toBe('2024-06-10');
  });

  it('late evening and early morning are the same study day', () => {
    expect(studyDayOf(at(23, 30, 9), 4, 0)).toBe(studyDayOf(at(2, 0, 10), 4, 0));
  });

  it('uses the local clock of the given zone', () => {
    // 2024-06-10 19:30 UTC is 04:30 on the 11th in Tokyo (+9) and 15:30 on the 10th in New York (-4).
    const t = at(19, 30);
    expect(studyDayKey(studyDayOf(t, 4, 9 * 60))).toBe('2024-06-11');
    expect(studyDayKey(studyDayOf(t, 4, -4 * 60))).toBe('2024-06-10');
    // Tokyo's 04:00 is 19:00 UTC the day before.
    expect(nextDayStart(at(12, 0), 4, 9 * 60)).toBe(at(19, 0));
  });

  it('next day start is the coming 04:00 local', () => {
    expect(nextDayStart(at(3, 59), 4, 0)).toBe(at(4, 0));
    expect(nextDayStart(at(4, 0), 4, 0)).toBe(at(4, 0, 11));
    expect(startOfStudyDay(at(3, 59), 4, 0)).toBe(at(4, 0, 9));
  });

  // Europe/Berlin, spring 2024: +60 until 2024-03-31 01:00 UTC, +120 after; autumn back at 10-27 01:00 UTC.
  const berlin = (t: number) =>
    t >= Date.UTC(2024, 2, 31, 1) && t < Date.UTC(2024, 9, 27, 1) ? 120 : 60;

  it('keeps 04:00 local across the spring DST change (a 23-hour study day)', () => {
    const sat = Date.UTC(2024, 2, 30, 12); // Saturday noon, +60
    const start = nextDayStart(sat, 4, berlin);
    expect(start).toBe(Date.UTC(2024, 2, 31, 2)); // 04:00 CEST = 02:00 UTC
    expect(studyDayOf(start - 1, 4, berlin)).toBe(studyDayOf(sat, 4, berlin));
    expect(nextDayStart(start, 4, berlin) - start).toBe(24 * HOUR);
    expect(start - startOfStudyDay(sat, 4, berlin)).toBe(23 * HOUR);
  });

  it('keeps 04:00 local across the autumn DST change (a 25-hour study day)', () => {
    const sat = Date.UTC(2024, 9, 26, 12);
    const start = nextDayStart(sat, 4, berlin);
    expect(start).toBe(Date.UTC(2024, 9, 27, 3)); // 04:00 CET = 03:00 UTC
    expect(start - startOfStudyDay(sat, 4, berlin)).toBe(25 * HOUR);
  });

  it('finds the start even when the start hour is skipped by DST', () => {
    // A zone that jumps from 02:00 to 03:00 local at 02:00 local (+0 → +60 at 02:00 UTC).
    const tz = (t: number) => (t >= Date.UTC(2024, 2, 31, 2) ? 60 : 0);
    const start = nextDayStart(Date.UTC(2024, 2, 30, 12), 2, tz);
    expect(studyDayOf(start, 2, tz)).toBe(studyDayOf(Date.UTC(2024, 2, 30, 12), 2, tz) + 1);
    expect(studyDayOf(start - 15 * MIN, 2, tz)).toBe(studyDayOf(Date.UTC(2024, 2, 30, 12), 2, tz));
  });
});
