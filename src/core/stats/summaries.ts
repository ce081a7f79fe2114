// Summaries the statistics read instead of history: one row per deck and study day of the answers
// given (and one for all decks together), and one row per deck of its cards by state, stability
// and difficulty. Storage keeps them in step with every write (storage/summaries/); this module
// says what one answer or one card adds, so the same rules build them from scratch and check them.

import { State } from '../scheduling/fsrs.ts';
import { studyDayOf, type TimeZoneOffset } from '../scheduling/day.ts';
import { calendarFromCounts } from './calendar.ts';
import { DIFFICULTY_EDGES, DIFFICULTY_LABELS, STABILITY_EDGES, STABILITY_LABELS, type Histogram } from './cards.ts';
import { FORECAST_DAYS, RETENTION_DAYS, type CollectionStats } from './collectionStats.ts';
import { dayWindow, pastDays } from './dayWindow.ts';
import type { DueForecast } from './forecast.ts';
import type { ReviewDay, ReviewsPerDay } from './reviews.ts';
import { MATURE_DAYS, type StatsCard, type StatsClock, type StatsReview } from './types.ts';

/** The deck id of the summary rows that count every deck together. */
export const ALL_DECKS = '*';

/** The answers of one deck (or of all, `ALL_DECKS`) on one study day. */
export interface DaySummary {
  deckId: string;
  /** Study day number (`studyDayOf`). */
  day: number;
  again: number;
  hard: number;
  good: number;
  easy: number;
  /** Answers by the card's state before them: new (first seen), (re)learning, review. */
  fromNew: number;
  fromLearning: number;
  fromReview: number;
  durationMs: number;
  /** True retention's inputs: answers to review cards, by interval before (young < 21 days ≤ mature). */
  youngPassed: number;
  youngFailed: number;
  maturePassed: number;
  matureFailed: number;
}

export type DayCounts = Omit<DaySummary, 'deckId' | 'day'>;

export const DAY_COUNT_FIELDS = [
  'again',
  'hard',
  'good',
  'easy',
  'fromNew',
  'fromLearning',
  'fromReview',
  'durationMs',
  'youngPassed',
  'youngFailed',
  'maturePassed',
  'matureFailed',
] as const satisfies ReadonlyArray<keyof DayCounts>;

/** How many answers a summary counts. */
export const answersIn = (d: DayCounts): number => d.again + d.hard + d.good + d.easy;

export function emptyDayCounts(): DayCounts {
  return {
    again: 0,
    hard: 0,
    good: 0,
    easy: 0,
    fromNew: 0,
    fromLearning: 0,
    fromReview: 0,
    durationMs: 0,
    youngPassed: 0,
    youngFailed: 0,
    maturePassed: 0,
    matureFailed: 0,
  };
}

const RATING_FIELD = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' } as const;

/** Adds one answer to `into` (`sign` -1 takes it away); an answer with a rating outside 1–4 counts nowhere. */
export function addAnswer(into: DayCounts, review: Pick<StatsReview, 'rating' | 'durationMs' | 'stateBefore'>, sign: 1 | -1 = 1): boolean {
  const field = RATING_FIELD[review.rating as 1 | 2 | 3 | 4];
  if (!field) return false;
  into[field] += sign;
  const { state, scheduledDays } = review.stateBefore;
  if (state === State.New) into.fromNew += sign;
  else if (state === State.Review) {
    into.fromReview += sign;
    const passed = review.rating !== 1;
    if (scheduledDays >= MATURE_DAYS) passed ? (into.maturePassed += sign) : (into.matureFailed += sign);
    else passed ? (into.youngPassed += sign) : (into.youngFailed += sign);
  } else into.fromLearning += sign;
  into.durationMs += sign * Math.max(0, review.durationMs || 0);
  return true;
}

/** What study days are cut by: the day-start hour and the time zone (by name, so a change is seen). */
export interface SummaryBasis {
  dayStartHour: number;
  zone: string;
}

/** Day summaries of `reviews` (each with its deck), per deck and for all decks, added into `out`: the full recomputation. */
export function summarizeAnswers(
  reviews: Iterable<StatsReview & { deckId: string }>,
  dayStartHour: number,
  timeZone: TimeZoneOffset | undefined,
  out = new Map<string, DaySummary>(),
): Map<string, DaySummary> {
  const row = (deckId: string, day: number) => {
    const key = daySummaryKey(deckId, day);
    let r = out.get(key);
    if (!r) out.set(key, (r = { deckId, day, ...emptyDayCounts() }));
    return r;
  };
  for (const review of reviews) {
    const day = studyDayOf(review.reviewedAt, dayStartHour, timeZone);
    if (addAnswer(row(review.deckId, day), review)) addAnswer(row(ALL_DECKS, day), review);
  }
  for (const [key, r] of out) if (isEmptyDay(r)) out.delete(key);
  return out;
}

export const daySummaryKey = (deckId: string, day: number): string => `${deckId}\u0000${day}`;

export function isEmptyDay(d: DayCounts): boolean {
  return DAY_COUNT_FIELDS.every((f) => d[f] === 0);
}

// --- Due days ------------------------------------------------------------------------------------

/** Active cards seen before, of one deck (or all, `ALL_DECKS`), due on one study day: the forecast. */
export interface DueDay {
  deckId: string;
  day: number;
  learning: number;
  review: number;
}

export const dueDayKey = daySummaryKey;

/**
 * Adds the day an active card is due on (`sign` -1 takes it away), per deck and for all decks:
 * cards suspended, hidden or new count nowhere, as in the forecast.
 */
export function addDue(
  into: Map<string, DueDay>,
  card: Pick<StatsCard, 'schedule' | 'suspended' | 'hidden'> & { deckId: string },
  dayStartHour: number,
  timeZone: TimeZoneOffset | undefined,
  sign: 1 | -1 = 1,
): void {
  const { state, due } = card.schedule;
  if (card.suspended || card.hidden || state === State.New) return;
  const day = studyDayOf(due, dayStartHour, timeZone);
  const lane = state === State.Review ? 'review' : 'learning';
  for (const deckId of [card.deckId, ALL_DECKS]) {
    const key = dueDayKey(deckId, day);
    let row = into.get(key);
    if (!row) into.set(key, (row = { deckId, day, learning: 0, review: 0 }));
    row[lane] += sign;
  }
}

/** Due days of `cards`: the full recomputation (empty rows left out). */
export function summarizeDues(
  cards: Iterable<Pick<StatsCard, 'schedule' | 'suspended' | 'hidden'> & { deckId: string }>,
  dayStartHour: number,
  timeZone: TimeZoneOffset | undefined,
  out = new Map<string, DueDay>(),
): Map<string, DueDay> {
  for (const card of cards) addDue(out, card, dayStartHour, timeZone);
  for (const [key, r] of out) if (r.learning === 0 && r.review === 0) out.delete(key);
  return out;
}

// --- Cards ---------------------------------------------------------------------------------------

/** Stability below this many days falls in the first fine bin. */
const FINE_ORIGIN = 0.01;
/** Fine bins per factor e of stability: each about 2.5% wide, so the median is read within about 1.3%. */
const FINE_PER_E = 40;

/** The cards of one deck (hidden cards left out). */
export interface CardSummary {
  deckId: string;
  total: number;
  new: number;
  learning: number;
  young: number;
  mature: number;
  suspended: number;
  /** Cards seen (not new, hidden left out): counted in the two distributions. */
  memory: number;
  /** Counts per `STABILITY_EDGES` bucket and per `DIFFICULTY_EDGES` bucket, as the charts show them. */
  stability: number[];
  difficulty: number[];
  /** Counts per fine logarithmic stability bin (sparse), for the median. */
  stabilityBins: Record<string, number>;
  /** Sums in thousandths of a day and millionths of a point, integers so adding and taking away stay exact. */
  stabilityMilli: number;
  difficultyMicro: number;
}

export function emptyCardSummary(deckId: string): CardSummary {
  return {
    deckId,
    total: 0,
    new: 0,
    learning: 0,
    young: 0,
    mature: 0,
    suspended: 0,
    memory: 0,
    stability: new Array<number>(STABILITY_EDGES.length - 1).fill(0),
    difficulty: new Array<number>(DIFFICULTY_EDGES.length - 1).fill(0),
    stabilityBins: {},
    stabilityMilli: 0,
    difficultyMicro: 0,
  };
}

function bucketOf(v: number, edges: readonly number[], last: number): number {
  let i = 0;
  while (i < last && v >= edges[i + 1]!) i++;
  return i;
}

const fineBinOf = (s: number): number => (s < FINE_ORIGIN ? 0 : Math.floor(Math.log(s / FINE_ORIGIN) * FINE_PER_E) + 1);
/** The middle of a fine bin, in days (geometric). */
const fineBinMiddle = (bin: number): number => (bin === 0 ? FINE_ORIGIN / 2 : FINE_ORIGIN * Math.exp((bin - 0.5) / FINE_PER_E));

/** Adds one card's state to `into` (`sign` -1 takes it away), by the rules of `cardsByState` and the histograms. */
export function addCard(into: CardSummary, card: Pick<StatsCard, 'schedule' | 'suspended' | 'hidden'>, sign: 1 | -1 = 1): void {
  if (card.hidden) return;
  into.total += sign;
  const { state, scheduledDays, stability, difficulty } = card.schedule;
  if (card.suspended) into.suspended += sign;
  else if (state === State.New) into.new += sign;
  else if (state === State.Learning || state === State.Relearning) into.learning += sign;
  else if (scheduledDays >= MATURE_DAYS) into.mature += sign;
  else into.young += sign;
  // The distributions count every card seen, suspended ones too (as the histograms do).
  if (state === State.New) return;
  const s = Math.max(0, stability);
  const d = Math.min(10, Math.max(1, difficulty));
  if (!Number.isFinite(s) || !Number.isFinite(d)) return;
  into.memory += sign;
  into.stability[bucketOf(s, STABILITY_EDGES, into.stability.length - 1)]! += sign;
  into.difficulty[bucketOf(d, DIFFICULTY_EDGES, into.difficulty.length - 1)]! += sign;
  const bin = fineBinOf(s);
  const n = (into.stabilityBins[bin] ?? 0) + sign;
  if (n === 0) delete into.stabilityBins[bin];
  else into.stabilityBins[bin] = n;
  into.stabilityMilli += sign * Math.round(s * 1000);
  into.difficultyMicro += sign * Math.round(d * 1_000_000);
}

/** Card summaries of `cards` per deck, added into `out`: the full recomputation. */
export function summarizeCards(cards: Iterable<StatsCard & { deckId: string }>, out = new Map<string, CardSummary>()): Map<string, CardSummary> {
  for (const card of cards) {
    let r = out.get(card.deckId);
    if (!r) out.set(card.deckId, (r = emptyCardSummary(card.deckId)));
    addCard(r, card);
  }
  return out;
}

/** Adds `b` (another deck's summary, or a change) into `a`, and returns `a`. */
export function mergeCardSummaries(a: CardSummary, b: CardSummary): CardSummary {
  for (const k of ['total', 'new', 'learning', 'young', 'mature', 'suspended', 'memory', 'stabilityMilli', 'difficultyMicro'] as const) a[k] += b[k];
  b.stability.forEach((n, i) => (a.stability[i]! += n));
  b.difficulty.forEach((n, i) => (a.difficulty[i]! += n));
  for (const [bin, n] of Object.entries(b.stabilityBins)) {
    const v = (a.stabilityBins[bin] ?? 0) + n;
    if (v === 0) delete a.stabilityBins[bin];
    else a.stabilityBins[bin] = v;
  }
  return a;
}

/** A copy of `s` that can be changed without touching `s`. */
export function copyCardSummary(s: CardSummary): CardSummary {
  return { ...s, stability: [...s.stability], difficulty: [...s.difficulty], stabilityBins: { ...s.stabilityBins } };
}

/** Adds the counts of `from` into `into`. */
export function addDayCounts<T extends DayCounts>(into: T, from: DayCounts): T {
  for (const f of DAY_COUNT_FIELDS) into[f] += from[f];
  return into;
}

function histogramOf(counts: readonly number[], edges: readonly number[], labels: readonly string[], count: number, mean: number | null, median: number | null): Histogram {
  return {
    buckets: counts.map((n, i) => ({ label: labels[i]!, from: edges[i]!, to: i === counts.length - 1 ? Infinity : edges[i + 1]!, count: n })),
    count,
    mean: count ? mean : null,
    median: count ? median : null,
  };
}

/** The stability and difficulty histograms of a card summary (the median of stability from its fine bins). */
export function memoryHistograms(
  s: CardSummary,
  labels: { stability: readonly string[]; difficulty: readonly string[] },
): { stability: Histogram; difficulty: Histogram } {
  const n = s.memory;
  return {
    stability: histogramOf(s.stability, STABILITY_EDGES, labels.stability, n, s.stabilityMilli / 1000 / n, fineMedian(s.stabilityBins, n)),
    difficulty: histogramOf(s.difficulty, DIFFICULTY_EDGES, labels.difficulty, n, s.difficultyMicro / 1_000_000 / n, null),
  };
}

/** The median from fine bins: the middle of the bin holding the middle card (of the two middle ones, averaged). */
function fineMedian(bins: Record<string, number>, n: number): number | null {
  if (n <= 0) return null;
  const sorted = Object.entries(bins)
    .map(([b, c]) => [Number(b), c] as const)
    .sort((a, b) => a[0] - b[0]);
  const at = (k: number) => {
    let seen = 0;
    for (const [bin, c] of sorted) {
      seen += c;
      if (seen > k) return fineBinMiddle(bin);
    }
    return fineBinMiddle(sorted[sorted.length - 1]![0]);
  };
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

// --- The statistics from summaries ----------------------------------------------------------------

/** Due cards counted per coming study day by storage (from its due-time indexes, no rows read). */
export interface ForecastCounts {
  /** `learning[i]`, `review[i]`: cards due in day i of the forecast window (today first); day 0 without the overdue. */
  learning: number[];
  review: number[];
  /** Cards due before today began. */
  overdueLearning: number;
  overdueReview: number;
}

export interface SummaryStatsInput {
  /** The scope's day summaries in the period (any order; days outside it are ignored). */
  days: readonly DaySummary[];
  /** The scope's cards (several decks' summaries merged). */
  cards: CardSummary;
  /** Of the cards, those buried until later (not suspended): counted apart, it depends on the time. */
  buried: number;
  forecast: ForecastCounts;
  /** Study days before the period known to have answers (for the streak). */
  studiedBefore?: Iterable<number>;
  desiredRetention: number;
}

/** Every statistic of the statistics screen from summaries: the same figures `collectionStats` computes from rows. */
export function statsFromSummaries(input: SummaryStatsInput, clock: StatsClock & { days: number }): CollectionStats {
  const window = pastDays(clock, clock.days);
  const perDay = Array.from({ length: clock.days }, () => emptyDayCounts());
  for (const d of input.days) {
    const i = d.day - window.firstDay;
    if (i >= 0 && i < clock.days) addDayCounts(perDay[i]!, d);
  }
  const dayOf = (c: DayCounts, date: string): ReviewDay => ({
    date,
    again: c.again,
    hard: c.hard,
    good: c.good,
    easy: c.easy,
    total: answersIn(c),
    newCards: c.fromNew,
    durationMs: c.durationMs,
  });
  const days = perDay.map((c, i) => dayOf(c, window.keyOf(i)));
  const sum = emptyDayCounts();
  for (const c of perDay) addDayCounts(sum, c);
  const reviews: ReviewsPerDay = {
    days,
    total: { ...dayOf(sum, ''), date: '' },
    daysStudied: days.reduce((n, d) => n + (d.total > 0 ? 1 : 0), 0),
  };
  const recent = emptyDayCounts();
  for (const c of perDay.slice(Math.max(0, clock.days - RETENTION_DAYS))) addDayCounts(recent, c);
  const count = (passed: number, failed: number) => ({ passed, failed, rate: passed + failed > 0 ? passed / (passed + failed) : null });
  const c = input.cards;
  return {
    periodDays: clock.days,
    reviews,
    calendar: calendarFromCounts(
      days.map((d) => d.total),
      clock,
      input.studiedBefore,
    ),
    retention: {
      young: count(recent.youngPassed, recent.youngFailed),
      mature: count(recent.maturePassed, recent.matureFailed),
      total: count(recent.youngPassed + recent.maturePassed, recent.youngFailed + recent.matureFailed),
      desiredRetention: input.desiredRetention,
    },
    forecast: forecastFromCounts(input.forecast, clock),
    cards: { new: c.new, learning: c.learning, young: c.young, mature: c.mature, suspended: c.suspended, buried: input.buried, total: c.total },
    ...memoryHistograms(c, { stability: STABILITY_LABELS, difficulty: DIFFICULTY_LABELS }),
  };
}

function forecastFromCounts(counts: ForecastCounts, clock: StatsClock): DueForecast {
  const window = dayWindow(clock, 0, FORECAST_DAYS);
  const overdue = counts.overdueLearning + counts.overdueReview;
  const days = Array.from({ length: FORECAST_DAYS }, (_, i) => {
    const learning = (counts.learning[i] ?? 0) + (i === 0 ? counts.overdueLearning : 0);
    const review = (counts.review[i] ?? 0) + (i === 0 ? counts.overdueReview : 0);
    return { date: window.keyOf(i), learning, review, total: learning + review };
  });
  return { days, overdue, total: days.reduce((n, d) => n + d.total, 0) };
}
