// Every statistic against figures worked out by hand on a small review log, with the 04:00 day
// boundary, zones east and west of UTC, and a DST change.
import { describe, expect, it } from 'vitest';
import { Rating, State, type Grade } from '../../../src/core/scheduling/fsrs.ts';
import {
  cardsByState,
  collectionStats,
  currentStreak,
  difficultyHistogram,
  dueForecast,
  reviewsPerDay,
  stabilityHistogram,
  studyCalendar,
  trueRetention,
  type StatsCard,
  type StatsReview,
} from '../../../src/core/stats/index.ts';
import { studyDayOf } from '../../../src/core/scheduling/day.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** An instant given as local wall-clock time in a zone `tz` minutes east of UTC (June 2024 unless said). */
const local = (tz: number, day: number, h: number, m = 0, month = 5) => Date.UTC(2024, month, day, h, m) - tz * MIN;

let seq = 0;
function review(reviewedAt: number, rating: Grade, extra: { state?: State; scheduledDays?: number; durationMs?: number } = {}): StatsReview {
  return {
    cardId: `c${++seq}`,
    rating,
    reviewedAt,
    durationMs: extra.durationMs ?? 1000,
    stateBefore: { state: extra.state ?? State.Review, scheduledDays: extra.scheduledDays ?? 5 },
  };
}

function card(state: State, extra: Partial<StatsCard['schedule']> & { suspended?: boolean; hidden?: boolean; buriedUntil?: number } = {}): StatsCard {
  const { suspended = false, hidden = false, buriedUntil = 0, ...schedule } = extra;
  return {
    schedule: { state, due: 0, stability: 5, difficulty: 5, scheduledDays: 5, ...schedule },
    suspended,
    hidden,
    buriedUntil,
  };
}

describe('reviewsPerDay', () => {
  // 2024-06-10 12:00 local; the study day starts at 04:00.
  function logIn(tz: number): StatsReview[] {
    return [
      review(local(tz, 10, 4, 0), Rating.Good, { state: State.New, durationMs: 5000 }), // 06-10
      review(local(tz, 10, 3, 59), Rating.Again, { durationMs: 3000 }), // 06-09 (before 04:00)
      review(local(tz, 9, 10, 0), Rating.Hard, { durationMs: 2000 }), // 06-09
      review(local(tz, 8, 4, 0), Rating.Easy, { durationMs: 1000 }), // 06-08
      review(local(tz, 8, 3, 59), Rating.Good, { durationMs: 7000 }), // 06-07: outside 3 days
      review(local(tz, 10, 11, 0), Rating.Again, { state: State.Learning, durationMs: 4000 }), // 06-10
      review(local(tz, 11, 4, 0), Rating.Good), // tomorrow: outside
    ];
  }

  for (const [name, tz] of [['UTC', 0], ['Tokyo (+9)', 540], ['New York (−4)', -240], ['India (+5:30)', 330]] as const) {
    it(`counts answers by rating and time per study day, 03:59 in the day before, in ${name}`, () => {
      const r = reviewsPerDay(logIn(tz), { now: local(tz, 10, 12), days: 3, dayStartHour: 4, timeZone: tz });
      expect(r.days).toEqual([
        { date: '2024-06-08', again: 0, hard: 0, good: 0, easy: 1, total: 1, newCards: 0, durationMs: 1000 },
        { date: '2024-06-09', again: 1, hard: 1, good: 0, easy: 0, total: 2, newCards: 0, durationMs: 5000 },
        { date: '2024-06-10', again: 1, hard: 0, good: 1, easy: 0, total: 2, newCards: 1, durationMs: 9000 },
      ]);
      expect(r.total).toEqual({ date: '', again: 2, hard: 1, good: 1, easy: 1, total: 5, newCards: 1, durationMs: 15000 });
      expect(r.daysStudied).toBe(3);
    });
  }

  it('the same instant lands on different study days east and west of UTC', () => {
    const t = Date.UTC(2024, 5, 10, 19, 30); // 04:30 on the 11th in Tokyo, 15:30 on the 10th in New York
    const tokyo = reviewsPerDay([review(t, Rating.Good)], { now: t, days: 2, dayStartHour: 4, timeZone: 540 });
    const ny = reviewsPerDay([review(t, Rating.Good)], { now: t, days: 2, dayStartHour: 4, timeZone: -240 });
    expect(tokyo.days.map((d) => [d.date, d.total])).toEqual([['2024-06-10', 0], ['2024-06-11', 1]]);
    expect(ny.days.map((d) => [d.date, d.total])).toEqual([['2024-06-09', 0], ['2024-06-10', 1]]);
  });

  it('follows the day start hour setting', () => {
    const logs = [review(local(0, 10, 5, 30), Rating.Good)];
    const at4 = reviewsPerDay(logs, { now: local(0, 10, 12), days: 2, dayStartHour: 4, timeZone: 0 });
    const at6 = reviewsPerDay(logs, { now: local(0, 10, 12), days: 2, dayStartHour: 6, timeZone: 0 });
    expect(at4.days.map((d) => d.total)).toEqual([0, 1]);
    expect(at6.days.map((d) => d.total)).toEqual([1, 0]);
  });

  // Europe/Berlin 2024: +60, +120 from 03-31 01:00 UTC, +60 again from 10-27 01:00 UTC.
  const berlin = (t: number) => (t >= Date.UTC(2024, 2, 31, 1) && t < Date.UTC(2024, 9, 27, 1) ? 120 : 60);

  it('keeps 04:00 local across the spring DST change (a 23-hour study day)', () => {
    const logs = [
      review(Date.UTC(2024, 2, 30, 2, 59), Rating.Again), // 03:59 CET → 03-29
      review(Date.UTC(2024, 2, 30, 3, 0), Rating.Hard), // 04:00 CET → 03-30
      review(Date.UTC(2024, 2, 31, 1, 59), Rating.Good), // 03:59 CEST → 03-30
      review(Date.UTC(2024, 2, 31, 2, 0), Rating.Easy), // 04:00 CEST → 03-31
    ];
    const r = reviewsPerDay(logs, { now: Date.UTC(2024, 2, 31, 12), days: 3, dayStartHour: 4, timeZone: berlin });
    expect(r.days.map((d) => [d.date, d.again, d.hard, d.good, d.easy])).toEqual([
      ['2024-03-29', 1, 0, 0, 0],
      ['2024-03-30', 0, 1, 1, 0],
      ['2024-03-31', 0, 0, 0, 1],
    ]);
  });

  it('keeps 04:00 local across the autumn DST change (a 25-hour study day)', () => {
    const logs = [
      review(Date.UTC(2024, 9, 27, 2, 59), Rating.Good), // 03:59 CET → 10-26 (its day lasts 25 h)
      review(Date.UTC(2024, 9, 27, 3, 0), Rating.Good), // 04:00 CET → 10-27
    ];
    const r = reviewsPerDay(logs, { now: Date.UTC(2024, 9, 27, 12), days: 2, dayStartHour: 4, timeZone: berlin });
    expect(r.days.map((d) => [d.date, d.total])).toEqual([['2024-10-26', 1], ['2024-10-27', 1]]);
  });
});

describe('studyCalendar and currentStreak', () => {
  const tz = -300; // UTC−5
  const clock = { now: local(tz, 10, 12), dayStartHour: 4, timeZone: tz };

  it('counts answers per study day with weekdays, and streaks', () => {
    const times = [
      local(tz, 5, 9), // 06-05
      local(tz, 7, 9), local(tz, 7, 23), local(tz, 8, 2), // 06-07 ×3 (02:00 belongs to the 7th)
      local(tz, 8, 4), // 06-08
      local(tz, 9, 3, 59), // 06-08
      local(tz, 9, 4), // 06-09
    ];
    const c = studyCalendar(times, { ...clock, days: 7 });
    expect(c.days.map((d) => [d.date, d.weekday, d.count])).toEqual([
      ['2024-06-04', 2, 0],
      ['2024-06-05', 3, 1],
      ['2024-06-06', 4, 0],
      ['2024-06-07', 5, 3],
      ['2024-06-08', 6, 2],
      ['2024-06-09', 0, 1],
      ['2024-06-10', 1, 0],
    ]);
    expect(c.daysStudied).toBe(4);
    // Nothing yet today: the streak runs up to yesterday and is not broken.
    expect(c.currentStreak).toBe(3);
    expect(c.longestStreak).toBe(3);
    // One answer today makes it 4.
    expect(studyCalendar([...times, local(tz, 10, 4)], { ...clock, days: 7 }).currentStreak).toBe(4);
    // An answer at 03:59 today still belongs to yesterday.
    expect(studyCalendar([local(tz, 10, 3, 59)], { ...clock, days: 7 }).currentStreak).toBe(1);
  });

  it('a day missed before yesterday ends the streak; study days before the window extend it', () => {
    const today = studyDayOf(clock.now, 4, tz);
    expect(currentStreak(new Set([today - 2, today - 3]), clock)).toBe(0);
    const c = studyCalendar([local(tz, 9, 12), local(tz, 10, 12)], { ...clock, days: 2 }, [today - 2, today - 3, today - 5]);
    expect(c.currentStreak).toBe(4);
    expect(c.longestStreak).toBe(2);
  });
});

describe('trueRetention', () => {
  const now = local(0, 30, 12);
  const first = local(0, 1, 4); // the window's first instant: 30 study days end today (06-30)
  const logs = [
    review(now - HOUR, Rating.Again, { scheduledDays: 5 }), // young fail
    review(now - 2 * DAY, Rating.Good, { scheduledDays: 20 }), // young pass
    review(now - 3 * DAY, Rating.Hard, { scheduledDays: 21 }), // mature pass (21 days is mature)
    review(now - 4 * DAY, Rating.Again, { scheduledDays: 30 }), // mature fail
    review(first, Rating.Easy, { scheduledDays: 40 }), // mature pass, first instant of the window
    review(first - 1, Rating.Again, { scheduledDays: 40 }), // 03:59:59.999: outside
    review(now - HOUR, Rating.Again, { state: State.Learning }), // not a review: ignored
    review(now - HOUR, Rating.Again, { state: State.Relearning }), // ignored
    review(now - HOUR, Rating.Good, { state: State.New }), // ignored
  ];

  it('is the share of review answers not Again, young and mature split at 21 days', () => {
    const r = trueRetention(logs, { now, days: 30, dayStartHour: 4, timeZone: 0, desiredRetention: 0.9 });
    expect(r.young).toEqual({ passed: 1, failed: 1, rate: 0.5 });
    expect(r.mature).toEqual({ passed: 2, failed: 1, rate: 2 / 3 });
    expect(r.total).toEqual({ passed: 3, failed: 2, rate: 0.6 });
    expect(r.desiredRetention).toBe(0.9);
  });

  it('has no rate without reviews', () => {
    const r = trueRetention([], { now, days: 30, dayStartHour: 4, timeZone: 0, desiredRetention: 0.85 });
    expect(r.total).toEqual({ passed: 0, failed: 0, rate: null });
  });
});

describe('dueForecast', () => {
  const tz = 120;
  const now = local(tz, 10, 12);
  const cards = [
    card(State.Review, { due: local(tz, 1, 9) }), // overdue → today
    card(State.Learning, { due: local(tz, 10, 12, 10) }), // today, learning
    card(State.Relearning, { due: local(tz, 10, 20) }), // today, learning
    card(State.Review, { due: local(tz, 11, 3, 59) }), // still today
    card(State.Review, { due: local(tz, 11, 4) }), // tomorrow
    card(State.Review, { due: local(tz, 10, 8), buriedUntil: local(tz, 11, 4) }), // buried: tomorrow
    card(State.Review, { due: local(tz, 13, 4) }), // after the 3 days
    card(State.Review, { due: local(tz, 10, 8), suspended: true }),
    card(State.Review, { due: local(tz, 10, 8), hidden: true }),
    card(State.New, { due: local(tz, 10, 8) }),
  ];

  it('counts active cards seen before per coming day, overdue ones today', () => {
    const f = dueForecast(cards, { now, days: 3, dayStartHour: 4, timeZone: tz });
    expect(f.days).toEqual([
      { date: '2024-06-10', learning: 2, review: 2, total: 4 },
      { date: '2024-06-11', learning: 0, review: 2, total: 2 },
      { date: '2024-06-12', learning: 0, review: 0, total: 0 },
    ]);
    expect(f.overdue).toBe(1);
    expect(f.total).toBe(6);
  });
});

describe('cardsByState', () => {
  it('sorts cards into new, learning, young, mature; suspended wins; hidden left out', () => {
    const now = local(0, 10, 12);
    const counts = cardsByState(
      [
        card(State.New),
        card(State.New, { buriedUntil: now + HOUR }), // buried, still new
        card(State.Learning),
        card(State.Relearning),
        card(State.Review, { scheduledDays: 20 }),
        card(State.Review, { scheduledDays: 21 }),
        card(State.Review, { scheduledDays: 100, suspended: true }),
        card(State.New, { suspended: true }),
        card(State.Review, { hidden: true }),
        card(State.New, { buriedUntil: now - HOUR }), // burial over
      ],
      now,
    );
    expect(counts).toEqual({ new: 3, learning: 2, young: 1, mature: 1, suspended: 2, buried: 1, total: 9 });
  });
});

describe('stability and difficulty histograms', () => {
  const cards = [
    card(State.Review, { stability: 0.5, difficulty: 1 }),
    card(State.Learning, { stability: 1, difficulty: 1.99 }),
    card(State.Review, { stability: 3.9, difficulty: 5.5 }),
    card(State.Review, { stability: 7, difficulty: 10 }),
    card(State.Review, { stability: 400, difficulty: 9 }),
    card(State.Review, { stability: 800, difficulty: 2, suspended: true }),
    card(State.New, { stability: 0, difficulty: 0 }), // never seen: no memory state
    card(State.Review, { stability: 50, difficulty: 5, hidden: true }),
  ];

  it('puts stability in roughly doubling day buckets', () => {
    const h = stabilityHistogram(cards);
    expect(h.buckets.map((b) => b.label)).toEqual([
      '<1d', '1–2d', '2–4d', '4d–1w', '1–2w', '2w–1mo', '1–2mo', '2–4mo', '4–8mo', '8mo–1y', '1–2y', '2y+',
    ]);
    expect(h.buckets.map((b) => b.count)).toEqual([1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1]);
    expect(h.count).toBe(6);
    expect(h.mean).toBeCloseTo((0.5 + 1 + 3.9 + 7 + 400 + 800) / 6, 10);
    expect(h.median).toBeCloseTo((3.9 + 7) / 2, 10);
  });

  it('puts difficulty in nine one-point buckets, 10 in the last', () => {
    const h = difficultyHistogram(cards);
    expect(h.buckets.map((b) => b.label)).toEqual(['1–2', '2–3', '3–4', '4–5', '5–6', '6–7', '7–8', '8–9', '9–10']);
    expect(h.buckets.map((b) => b.count)).toEqual([2, 1, 0, 0, 1, 0, 0, 0, 2]);
    expect(h.median).toBeCloseTo((2 + 5.5) / 2, 10);
  });

  it('has no mean or median for a collection never studied', () => {
    expect(stabilityHistogram([card(State.New)])).toMatchObject({ count: 0, mean: null, median: null });
  });
});

describe('collectionStats', () => {
  it('puts the statistics of one scope together', () => {
    const now = local(0, 10, 12);
    const s = collectionStats(
      {
        logs: [review(now - HOUR, Rating.Good, { state: State.New }), review(now - HOUR, Rating.Again, { scheduledDays: 30 })],
        cards: [card(State.Learning, { due: now + 10 * MIN }), card(State.New)],
        desiredRetention: 0.9,
      },
      { now, days: 30, dayStartHour: 4, timeZone: 0 },
    );
    expect(s.reviews.days).toHaveLength(30);
    expect(s.reviews.days.at(-1)).toMatchObject({ date: '2024-06-10', total: 2, again: 1, good: 1, newCards: 1 });
    expect(s.calendar.currentStreak).toBe(1);
    expect(s.retention.mature).toEqual({ passed: 0, failed: 1, rate: 0 });
    expect(s.forecast.days[0]).toMatchObject({ learning: 1, total: 1 });
    expect(s.forecast.days).toHaveLength(30);
    expect(s.cards).toMatchObject({ new: 1, learning: 1, total: 2 });
  });
});
