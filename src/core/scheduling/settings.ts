// Scheduler settings: one plain, JSON-able object, normalized once where it enters (storage load,
// settings screen) so the rest of the scheduling code can trust every field.

import { checkParameters, type StepUnit } from 'ts-fsrs';

/** Everything the scheduler and the day's queue need to know about the user's preferences. */
export interface SchedulerSettings {
  /** Probability of recall FSRS aims for at the next review (0.70–0.99). */
  desiredRetention: number;
  /** Spread review intervals a little so cards learned together do not stay together. */
  enableFuzz: boolean;
  /** Short steps for new cards, e.g. `['1m', '10m']`; empty lets FSRS schedule them. */
  learningSteps: StepUnit[];
  /** Short steps after a lapse, e.g. `['10m']`. */
  relearningSteps: StepUnit[];
  /** Longest interval in days. */
  maximumInterval: number;
  /** New cards one deck introduces per study day (Anki's "New cards/day", a per-deck limit). */
  newCardsPerDay: number;
  /** New cards all decks together introduce per study day, however the decks are opened. */
  newCardsPerDayAllDecks: number;
  /** Review cards one deck shows per study day (Anki's "Maximum reviews/day"). */
  maxReviewsPerDay: number;
  /** Review cards all decks together show per study day. */
  maxReviewsPerDayAllDecks: number;
  /** Which new cards *All decks* gathers first (Anki's "New card gather order"). */
  newCardGatherOrder: NewCardGatherOrder;
  /** Local hour at which the study day rolls over (Anki's "next day starts at"). */
  dayStartHour: number;
  /** When nothing else is left, show learning cards due within this many minutes. */
  learnAheadMinutes: number;
  /** Custom FSRS parameters (17, 19 or 21 numbers); the library defaults when absent. */
  fsrsWeights?: number[];
}

/**
 * `deck`: one deck after another, in the deck list's order (Anki's "Deck"); `random`: the decks
 * mixed at random, each deck's cards still in their own order (seeded by the study day: the mix
 * stays put all day as cards are answered).
 */
export type NewCardGatherOrder = 'deck' | 'random';

/** The defaults, also what every missing or unusable field falls back to. */
export const DEFAULT_SCHEDULER_SETTINGS: Readonly<SchedulerSettings> = Object.freeze({
  desiredRetention: 0.9,
  enableFuzz: true,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  maximumInterval: 36500,
  newCardsPerDay: 20,
  newCardsPerDayAllDecks: 20,
  maxReviewsPerDay: 200,
  maxReviewsPerDayAllDecks: 200,
  newCardGatherOrder: 'deck',
  dayStartHour: 4,
  learnAheadMinutes: 20,
}) as Readonly<SchedulerSettings>;

/** The longest interval the scheduler may give, in days (ts-fsrs's own cap, 100 years). */
export const MAX_INTERVAL_DAYS = 36500;

const STEP = /^\d+(?:\.\d+)?[mhd]$/;

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const n = finite(value);
  return n === undefined ? fallback : Math.min(max, Math.max(min, Math.round(n)));
}

function steps(value: unknown, fallback: readonly StepUnit[]): StepUnit[] {
  if (!Array.isArray(value)) return [...fallback];
  const valid = value.filter((s): s is StepUnit => typeof s === 'string' && STEP.test(s) && parseFloat(s) > 0);
  // A list with a bad entry is probably a typo; keeping the rest would silently change the steps.
  return valid.length === value.length ? valid : [...fallback];
}

function weights(value: unknown): number[] | undefined {
  if (!Array.isArray(value) || !value.every((w) => finite(w) !== undefined)) return undefined;
  try {
    return [...checkParameters(value as number[])];
  } catch {
    return undefined;
  }
}

/**
 * Brings any partial or stored settings object up to a complete, valid `SchedulerSettings`:
 * unknown fields dropped, numbers clamped, bad values replaced by the defaults.
 */
export function normalizeSettings(partial?: Partial<SchedulerSettings> | null): SchedulerSettings {
  const p = (partial && typeof partial === 'object' ? partial : {}) as Record<string, unknown>;
  const d = DEFAULT_SCHEDULER_SETTINGS;
  const retention = finite(p.desiredRetention);
  const newCardsPerDay = clampInt(p.newCardsPerDay, 0, 9999, d.newCardsPerDay);
  const maxReviewsPerDay = clampInt(p.maxReviewsPerDay, 0, 99999, d.maxReviewsPerDay);
  const settings: SchedulerSettings = {
    desiredRetention:
      retention === undefined ? d.desiredRetention : Math.min(0.99, Math.max(0.7, retention)),
    enableFuzz: typeof p.enableFuzz === 'boolean' ? p.enableFuzz : d.enableFuzz,
    learningSteps: steps(p.learningSteps, d.learningSteps),
    relearningSteps: steps(p.relearningSteps, d.relearningSteps),
    maximumInterval: clampInt(p.maximumInterval, 1, MAX_INTERVAL_DAYS, d.maximumInterval),
    newCardsPerDay,
    // Settings saved before the overall limits existed: all decks together kept the per-deck value.
    newCardsPerDayAllDecks: clampInt(p.newCardsPerDayAllDecks, 0, 9999, newCardsPerDay),
    maxReviewsPerDay,
    maxReviewsPerDayAllDecks: clampInt(p.maxReviewsPerDayAllDecks, 0, 99999, maxReviewsPerDay),
    newCardGatherOrder: p.newCardGatherOrder === 'random' ? 'random' : 'deck',
    dayStartHour: clampInt(p.dayStartHour, 0, 23, d.dayStartHour),
    learnAheadMinutes: clampInt(p.learnAheadMinutes, 0, 24 * 60, d.learnAheadMinutes),
  };
  const w = weights(p.fsrsWeights);
  if (w) settings.fsrsWeights = w;
  return settings;
}
