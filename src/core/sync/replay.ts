// A card's scheduling state is a function of its log: replay its live entries in time order.
// An entry whose `before` is the state replayed so far was computed on this same history, so its
// `after` is taken as written (what the button said is what the card got, and later parameter
// changes do not move past answers). An entry computed on another history — a second device that
// graded the same card offline — is graded again from the replayed state, with the collection's
// settings. Every device holding the same entries and settings replays to the same state.

import { gradeCard, isGrade, State, type Grade, type ScheduleState } from '../scheduling/fsrs.ts';
import type { SchedulerSettings } from '../scheduling/settings.ts';
import type { ReviewKind } from './rows.ts';

/** What the replay reads of one log entry. */
export interface ReplayEntry {
  id: string;
  kind: ReviewKind;
  rating: Grade | 0;
  at: number;
  before: ScheduleState;
  after: ScheduleState;
}

/** Entries in replay order: by time, then by id (two entries of one ms still have one order). */
export function replayOrder(a: ReplayEntry, b: ReplayEntry): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The same state for scheduling. Two new cards are the same whatever their creation time: a new
 * card's due date is the moment its deck reached the device, which differs between devices and
 * is never read (new cards are introduced in deck order).
 */
export function sameSchedule(a: ScheduleState, b: ScheduleState): boolean {
  if (a.state === State.New && b.state === State.New) return a.reps === b.reps && a.lapses === b.lapses;
  return (
    a.due === b.due &&
    a.state === b.state &&
    a.stability === b.stability &&
    a.difficulty === b.difficulty &&
    a.reps === b.reps &&
    a.lapses === b.lapses &&
    a.learningSteps === b.learningSteps &&
    a.scheduledDays === b.scheduledDays &&
    a.elapsedDays === b.elapsedDays &&
    a.lastReview === b.lastReview
  );
}

/**
 * The state `entries` (live ones, any order) give a card that starts as `initial` (its new state),
 * and whether any entry had to be graded again (then, and only then, the state depends on the
 * settings). Returns `initial` itself when there is nothing to replay.
 */
export function replayScheduleWithSource(
  entries: readonly ReplayEntry[],
  initial: ScheduleState,
  settings: SchedulerSettings,
): { schedule: ScheduleState; regraded: boolean } {
  let state = initial;
  let regraded = false;
  for (const entry of [...entries].sort(replayOrder)) {
    if (entry.kind === 'practice') continue; // a practice answer never moves the state
    if (entry.kind !== 'grade') {
      state = entry.after; // a reset or a reschedule sets the state outright
    } else if (sameSchedule(state, entry.before)) {
      state = entry.after;
    } else if (isGrade(entry.rating)) {
      state = gradeCard(state, entry.rating, entry.at, settings).state;
      regraded = true;
    }
  }
  return { schedule: state, regraded };
}

/** The state `entries` give a card that starts as `initial` (see `replayScheduleWithSource`). */
export function replaySchedule(entries: readonly ReplayEntry[], initial: ScheduleState, settings: SchedulerSettings): ScheduleState {
  return replayScheduleWithSource(entries, initial, settings).schedule;
}
