// Small factories for scheduling tests: fixed settings (fuzz off), cards in a given state.
import {
  emptyDayProgress,
  newScheduleState,
  normalizeSettings,
  State,
  type QueueCard,
  type QueueOptions,
  type ScheduleState,
  type SchedulerSettings,
} from '../../../src/core/scheduling/index.ts';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** 2024-06-10 12:00 UTC. Tests use a zone offset of 0 unless they say otherwise. */
export const NOON = Date.UTC(2024, 5, 10, 12, 0);

export function testSettings(overrides: Partial<SchedulerSettings> = {}): SchedulerSettings {
  return normalizeSettings({ enableFuzz: false, ...overrides });
}

export function scheduleIn(state: State, due: number, extra: Partial<ScheduleState> = {}): ScheduleState {
  const reviewed = state !== State.New;
  return {
    ...newScheduleState(due),
    state,
    due,
    stability: reviewed ? 5 : 0,
    difficulty: reviewed ? 5 : 0,
    reps: reviewed ? 3 : 0,
    lastReview: reviewed ? due - 5 * DAY : null,
    scheduledDays: reviewed ? 5 : 0,
    ...extra,
  };
}

let seq = 0;
export function card(state: State, due: number, extra: Partial<QueueCard> = {}): QueueCard {
  seq++;
  return {
    cardId: extra.cardId ?? `c${seq}`,
    deckId: 'd1',
    schedule: scheduleIn(state, due),
    version: 0,
    position: seq,
    ...extra,
  };
}

/** Queue options at noon of the test day, all decks, nothing studied yet; `over` changes any. */
export const queueOptions = (over: Partial<QueueOptions> = {}): QueueOptions => ({
  now: NOON,
  settings: testSettings(),
  progress: emptyDayProgress(),
  scope: 'all',
  timeZone: 0,
  ...over,
});
