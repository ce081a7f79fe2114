// The collection as it stands: cards by state, and how stability and difficulty are spread.

import { State } from '../scheduling/fsrs.ts';
import { MATURE_DAYS, type StatsCard } from './types.ts';

export interface CardStateCounts {
  new: number;
  /** Learning and relearning. */
  learning: number;
  /** In review with an interval under 21 days. */
  young: number;
  /** In review with an interval of 21 days or more. */
  mature: number;
  /** Suspended, whatever their state. */
  suspended: number;
  /** Of the above (not suspended), buried until a later day. */
  buried: number;
  /** new + learning + young + mature + suspended. */
  total: number;
}

/** Counts cards by state; the suspended flag wins over the state, hidden cards are left out. */
export function cardsByState(cards: Iterable<StatsCard>, now: number): CardStateCounts {
  const c: CardStateCounts = { new: 0, learning: 0, young: 0, mature: 0, suspended: 0, buried: 0, total: 0 };
  for (const card of cards) {
    if (card.hidden) continue;
    c.total++;
    if (card.suspended) {
      c.suspended++;
      continue;
    }
    if (card.buriedUntil && card.buriedUntil > now) c.buried++;
    const { state, scheduledDays } = card.schedule;
    if (state === State.New) c.new++;
    else if (state === State.Learning || state === State.Relearning) c.learning++;
    else if (scheduledDays >= MATURE_DAYS) c.mature++;
    else c.young++;
  }
  return c;
}

export interface HistogramBucket {
  /** Short label: "1–2d", "2y+", "5–6". */
  label: string;
  /** Inclusive lower edge. */
  from: number;
  /** Exclusive upper edge (Infinity for the last bucket). */
  to: number;
  count: number;
}

export interface Histogram {
  buckets: HistogramBucket[];
  /** Cards counted. */
  count: number;
  mean: number | null;
  median: number | null;
}

/** Stability bucket edges in days, close to doubling: a day, a week, a month, a year are edges. */
export const STABILITY_EDGES = [0, 1, 2, 4, 7, 14, 30, 60, 120, 240, 365, 730, Infinity];

function daysLabel(d: number): string {
  if (d >= 365) return `${d / 365}y`;
  if (d >= 30) return `${d / 30}mo`;
  if (d >= 7 && d % 7 === 0) return `${d / 7}w`;
  return `${d}d`;
}

export const STABILITY_LABELS = STABILITY_EDGES.slice(0, -1).map((from, i) => {
  const to = STABILITY_EDGES[i + 1]!;
  if (from === 0) return `<${daysLabel(to)}`;
  if (to === Infinity) return `${daysLabel(from)}+`;
  // "1–2d", "2w–1mo": the unit once when both ends share it.
  const a = daysLabel(from);
  const b = daysLabel(to);
  const unit = (s: string) => s.replace(/^[\d.]+/, '');
  return unit(a) === unit(b) ? `${a.replace(/[a-z]+$/, '')}–${b}` : `${a}–${b}`;
});

/** Difficulty bucket edges: FSRS difficulty runs from 1 (easiest) to 10 (hardest). */
export const DIFFICULTY_EDGES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function histogram(values: number[], edges: number[], labels: string[]): Histogram {
  const buckets: HistogramBucket[] = labels.map((label, i) => ({ label, from: edges[i]!, to: edges[i + 1]!, count: 0 }));
  const last = buckets.length - 1;
  let sum = 0;
  for (const v of values) {
    sum += v;
    let i = 0;
    while (i < last && v >= edges[i + 1]!) i++;
    buckets[i]!.count++;
  }
  if (values.length === 0) return { buckets, count: 0, mean: null, median: null };
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { buckets, count: values.length, mean: sum / values.length, median };
}

function memoryValues(cards: Iterable<StatsCard>, pick: (c: StatsCard) => number): number[] {
  const out: number[] = [];
  for (const card of cards) {
    if (card.hidden || card.schedule.state === State.New) continue;
    const v = pick(card);
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** Stability (days for recall to fall to 90%) of every card seen, in roughly doubling buckets. */
export function stabilityHistogram(cards: Iterable<StatsCard>): Histogram {
  return histogram(
    memoryValues(cards, (c) => Math.max(0, c.schedule.stability)),
    STABILITY_EDGES,
    STABILITY_LABELS,
  );
}

export const DIFFICULTY_LABELS = DIFFICULTY_EDGES.slice(0, -1).map((d) => `${d}–${d + 1}`);

/** Difficulty (1–10) of every card seen, in nine buckets of one point; 10 falls in the last. */
export function difficultyHistogram(cards: Iterable<StatsCard>): Histogram {
  const labels = DIFFICULTY_LABELS;
  const edges = [...DIFFICULTY_EDGES.slice(0, -1), Infinity];
  return histogram(
    memoryValues(cards, (c) => Math.min(10, Math.max(1, c.schedule.difficulty))),
    edges,
    labels,
  );
}
