// The one place that talks to ts-fsrs. Scheduling state lives in storage as plain JSON (dates as
// epoch milliseconds); it becomes a ts-fsrs `Card` only for the length of a computation.

import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  Rating,
  State,
  type Card as FsrsCard,
  type FSRS,
  type Grade,
  type ReviewLog,
} from 'ts-fsrs';
import type { SchedulerSettings } from './settings.ts';

export { Rating, State };
export type { Grade };

/** A card's scheduling state as stored: ts-fsrs `Card` with epoch-ms dates and camelCase names. */
export interface ScheduleState {
  /** When the card is next due (epoch ms). */
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  /** Index of the current (re)learning step. */
  learningSteps: number;
  reps: number;
  lapses: number;
  /** 0 New, 1 Learning, 2 Review, 3 Relearning (ts-fsrs `State`). */
  state: State;
  /** Last review (epoch ms), null for a card never answered. */
  lastReview: number | null;
}

/** ts-fsrs's `ReviewLog` as stored: epoch-ms dates and camelCase names. */
export interface FsrsLogEntry {
  rating: Rating;
  /** State of the card before the answer. */
  state: State;
  /** Due date before the answer (epoch ms). */
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  /** When the answer was given (epoch ms). */
  review: number;
}

/** What one grade would do to a card. */
export interface IntervalPreview {
  rating: Grade;
  /** Next due date (epoch ms). */
  due: number;
  /** `due - now`, in milliseconds. */
  intervalMs: number;
  /** Short human label: "1m", "10m", "3d", "2.1mo", "1.2y". */
  label: string;
}

/** The result of grading a card. */
export interface GradeResult {
  state: ScheduleState;
  log: FsrsLogEntry;
}

/** The four answer buttons, in order. */
export const GRADES: readonly Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

/** True for a value that is one of the four grades (Manual excluded). */
export function isGrade(value: unknown): value is Grade {
  return value === Rating.Again || value === Rating.Hard || value === Rating.Good || value === Rating.Easy;
}

/** The scheduling state of a card never seen, created at `now`. */
export function newScheduleState(now: number): ScheduleState {
  return scheduleFromFsrsCard(createEmptyCard(new Date(now)));
}

/** Stored state → ts-fsrs `Card`. */
export function scheduleToFsrsCard(s: ScheduleState): FsrsCard {
  const card: FsrsCard = {
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsedDays,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
  };
  if (s.lastReview !== null) card.last_review = new Date(s.lastReview);
  return card;
}

/** ts-fsrs `Card` → stored state. */
export function scheduleFromFsrsCard(c: FsrsCard): ScheduleState {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    lastReview: c.last_review ? c.last_review.getTime() : null,
  };
}

/** ts-fsrs `ReviewLog` → stored log entry. */
export function fsrsLogToEntry(log: ReviewLog): FsrsLogEntry {
  return {
    rating: log.rating,
    state: log.state,
    due: log.due.getTime(),
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsed_days,
    lastElapsedDays: log.last_elapsed_days,
    scheduledDays: log.scheduled_days,
    learningSteps: log.learning_steps,
    review: log.review.getTime(),
  };
}

/** Stored log entry → ts-fsrs `ReviewLog` (for `rollback`, `reschedule` or an optimizer). */
export function entryToFsrsLog(e: FsrsLogEntry): ReviewLog {
  return {
    rating: e.rating,
    state: e.state,
    due: new Date(e.due),
    stability: e.stability,
    difficulty: e.difficulty,
    elapsed_days: e.elapsedDays,
    last_elapsed_days: e.lastElapsedDays,
    scheduled_days: e.scheduledDays,
    learning_steps: e.learningSteps,
    review: new Date(e.review),
  };
}

// Building a scheduler validates and migrates the weights; settings change rarely, so keep a few.
const schedulers = new Map<string, FSRS>();

/** The ts-fsrs scheduler for these settings (cached by value). */
export function schedulerFor(settings: SchedulerSettings): FSRS {
  const key = JSON.stringify([
    settings.desiredRetention,
    settings.enableFuzz,
    settings.learningSteps,
    settings.relearningSteps,
    settings.maximumInterval,
    settings.fsrsWeights ?? null,
  ]);
  let scheduler = schedulers.get(key);
  if (!scheduler) {
    scheduler = fsrs(
      generatorParameters({
        request_retention: settings.desiredRetention,
        enable_fuzz: settings.enableFuzz,
        enable_short_term: true,
        learning_steps: settings.learningSteps,
        relearning_steps: settings.relearningSteps,
        maximum_interval: settings.maximumInterval,
        ...(settings.fsrsWeights ? { w: settings.fsrsWeights } : {}),
      }),
    );
    if (schedulers.size > 8) schedulers.clear();
    schedulers.set(key, scheduler);
  }
  return scheduler;
}

/**
 * Every grade's outcome for a card answered at `now`, from one ts-fsrs `repeat`. The review
 * session computes these once, when the answer is shown: the buttons are labelled from them and
 * the grade chosen is written as it is, so what a button says is what it does (fuzz is seeded
 * from `now`, so computing again later could give another interval).
 */
export function gradeOutcomes(state: ScheduleState, now: number, settings: SchedulerSettings): Record<Grade, GradeResult> {
  const preview = schedulerFor(settings).repeat(scheduleToFsrsCard(state), new Date(now));
  const out = {} as Record<Grade, GradeResult>;
  for (const rating of GRADES) {
    out[rating] = { state: scheduleFromFsrsCard(preview[rating].card), log: fsrsLogToEntry(preview[rating].log) };
  }
  return out;
}

/** The button labels for outcomes computed at `now` (see `gradeOutcomes`). */
export function outcomeIntervals(outcomes: Record<Grade, GradeResult>, now: number): Record<Grade, IntervalPreview> {
  const out = {} as Record<Grade, IntervalPreview>;
  for (const rating of GRADES) {
    const due = outcomes[rating].state.due;
    out[rating] = { rating, due, intervalMs: due - now, label: formatInterval(due - now) };
  }
  return out;
}

/**
 * What each grade would do if the card were answered at `now`. Fuzz is seeded from the card and
 * `now`, so these are exactly the intervals `gradeCard` gives for the same inputs (and only for
 * the same `now`).
 */
export function previewIntervals(
  state: ScheduleState,
  now: number,
  settings: SchedulerSettings,
): Record<Grade, IntervalPreview> {
  return outcomeIntervals(gradeOutcomes(state, now, settings), now);
}

/** Applies one grade at `now`: the card's next state and the ts-fsrs log of the answer. */
export function gradeCard(
  state: ScheduleState,
  rating: Grade,
  now: number,
  settings: SchedulerSettings,
): GradeResult {
  if (!isGrade(rating)) throw new RangeError(`Not a grade: ${String(rating)}`);
  const item = schedulerFor(settings).next(scheduleToFsrsCard(state), new Date(now), rating);
  return { state: scheduleFromFsrsCard(item.card), log: fsrsLogToEntry(item.log) };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function oneDecimal(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Short label for a duration, as on Anki's buttons: "45s", "10m", "1.5h", "3d", "2.1mo", "1.2y". */
export function formatInterval(ms: number): string {
  const t = Math.max(0, ms);
  if (t < MINUTE) return `${Math.max(1, Math.round(t / 1000))}s`;
  if (t < HOUR) return `${Math.round(t / MINUTE)}m`;
  if (t < DAY) return `${oneDecimal(t / HOUR)}h`;
  const days = t / DAY;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${oneDecimal(days / 30)}mo`;
  return `${oneDecimal(days / 365)}y`;
}
