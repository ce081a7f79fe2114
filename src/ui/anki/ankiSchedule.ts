// A Rehearse card's schedule in Anki's card and revlog columns, as Anki's scheduler reads them
// (rslib/src/scheduler/answering/current.rs `normal_study_state`, states/steps.rs).

import type { SqlValue } from 'sql.js';
import type { SchedulerSettings } from '../../core/scheduling/settings.ts';
import { schedulerFor, type ScheduleState } from '../../core/scheduling/fsrs.ts';
import type { StoredCardState } from '../../storage/db.ts';
import type { AnkiDayClock } from './ankiDays.ts';

const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440 };

/** A learning step (`10m`, `1h`, `1d`) in minutes, as Anki's deck config lists them. */
export function stepMinutes(step: SchedulerSettings['learningSteps'][number]): number {
  return parseFloat(step) * (UNIT_MINUTES[step.slice(-1)] ?? 1);
}

/**
 * type, queue, due, ivl, factor, reps, lapses, left, data — Anki's columns for a card's schedule.
 * New: in deck order. Review: due on a day of the collection's count. (Re)learning: `left` is
 * today's steps × 1000 + the steps still to go, from the user's steps, so Anki resumes at the
 * same step; due in epoch seconds when it comes today (queue 1), else on a day (queue 3), as
 * Anki's `apply_learning_state` does.
 */
export function schedulingColumns(state: StoredCardState | undefined, position: number, clock: AnkiDayClock, settings: SchedulerSettings): SqlValue[] {
  const s = state?.schedule;
  if (!state || !s || s.state === 0) return [0, state?.suspended ? -1 : 0, position + 1, 0, 0, 0, 0, 0, '{}'];
  const memory = cardData(s, settings);
  const suspended = state.suspended;
  if (s.state === 2) {
    const dueDay = clock.dayIndex(s.due);
    return [2, suspended ? -1 : 2, dueDay, Math.max(1, Math.round(s.scheduledDays)), 2500, s.reps, s.lapses, 0, memory];
  }
  // Learning (1) and relearning (3).
  const answeredAt = s.lastReview ?? s.due;
  const dayCutoff = clock.nextDayStart(answeredAt);
  const laterDay = s.due >= dayCutoff;
  const queue = suspended ? -1 : laterDay ? 3 : 1;
  const due = laterDay ? clock.dayIndex(s.due) : Math.floor(s.due / 1000);
  const ivl = s.state === 3 ? Math.max(1, Math.round(s.scheduledDays)) : 0;
  const steps = (s.state === 1 ? settings.learningSteps : settings.relearningSteps).map(stepMinutes);
  return [s.state, queue, due, ivl, 2500, s.reps, s.lapses, learningLeft(s, steps, answeredAt, dayCutoff), memory];
}

/**
 * Anki's `left` for a card at step `learningSteps` (the index of the step it waits on, as ts-fsrs
 * counts): the steps still to go, with that one (Anki reads the index back as steps − left % 1000,
 * steps.rs `get_index`), plus 1000 × those that fit before the day ends, counted from the answer
 * as the v2 scheduler did (pylib/anki/scheduler/v2.py `_leftToday`, removed from Anki in 558c754).
 */
function learningLeft(s: ScheduleState, stepsMinutes: number[], answeredAt: number, dayCutoff: number): number {
  const remaining = Math.max(0, stepsMinutes.length - s.learningSteps);
  const rest = remaining === 0 ? stepsMinutes : stepsMinutes.slice(-remaining);
  let t = answeredAt;
  let fit = 0;
  for (const [i, minutes] of rest.entries()) {
    t += Math.trunc(minutes * 60) * 1000;
    if (t > dayCutoff) break;
    fit = i;
  }
  return (fit + 1) * 1000 + remaining;
}

/**
 * `cards.data`: the FSRS memory state with the preset's desired retention and decay and the last
 * answer's time in seconds, rounded as Anki's `CardData::convert_to_json` rounds them
 * (rslib/src/storage/card/data.rs). Anki's scheduler reads `s` and `d`; `dr`, `decay` and `lrt`
 * are what current Anki writes for card info, add-ons and the retrievability it shows.
 */
function cardData(s: ScheduleState, settings: SchedulerSettings): string {
  // The decay Rehearse schedules with: FSRS-6's own parameter, 0.5 for 17 or 19 (as ts-fsrs migrates them, and Anki reads them).
  const decay = schedulerFor(settings).parameters.w[20] ?? 0.5;
  return JSON.stringify({
    s: round(s.stability, 4),
    d: round(s.difficulty, 3),
    dr: round(settings.desiredRetention, 2),
    decay: round(decay, 3),
    ...(s.lastReview !== null ? { lrt: Math.floor(s.lastReview / 1000) } : {}),
  });
}

/** Anki's revlog `factor` for an FSRS answer: the difficulty after it, scaled to 0.1–1.1, × 1000 (`difficulty_shifted`, rslib/src/card/mod.rs). */
export function revlogFactor(after: ScheduleState): number {
  return after.state === 0 ? 0 : Math.round(((after.difficulty - 1) / 9 + 0.1) * 1000);
}

/** Anki's revlog interval: days when positive, seconds when negative (learning steps). */
export function revlogInterval(s: ScheduleState, at: number): number {
  if (s.state === 0) return 0;
  if (s.state === 2) return Math.max(1, Math.round(s.scheduledDays));
  return -Math.max(1, Math.round((s.due - at) / 1000));
}

/** Revlog type by the state the card was in when answered: 0 learn, 1 review, 2 relearn. */
export const REVLOG_TYPE: Record<number, number> = { 0: 0, 1: 0, 2: 1, 3: 2 };

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
