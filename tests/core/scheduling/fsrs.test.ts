import { describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, generatorParameters } from 'ts-fsrs';
import {
  formatInterval,
  gradeCard,
  gradeOutcomes,
  outcomeIntervals,
  newScheduleState,
  normalizeSettings,
  previewIntervals,
  Rating,
  scheduleFromFsrsCard,
  scheduleToFsrsCard,
  State,
} from '../../../src/core/scheduling/index.ts';
import { DAY, HOUR, MIN, NOON, testSettings } from './factories.ts';

describe('normalizeSettings', () => {
  it('fills defaults', () => {
    expect(normalizeSettings()).toMatchObject({
      desiredRetention: 0.9,
      enableFuzz: true,
      learningSteps: ['1m', '10m'],
      relearningSteps: ['10m'],
      maximumInterval: 36500,
      newCardsPerDay: 20,
      maxReviewsPerDay: 200,
      dayStartHour: 4,
    });
  });

  it('clamps and repairs', () => {
    const s = normalizeSettings({
      desiredRetention: 0.5,
      newCardsPerDay: -3,
      dayStartHour: 27,
      learningSteps: ['1m', 'soon'] as never,
      fsrsWeights: [1, 2, 3],
    });
    expect(s.desiredRetention).toBe(0.7);
    expect(s.newCardsPerDay).toBe(0);
    expect(s.dayStartHour).toBe(23);
    expect(s.learningSteps).toEqual(['1m', '10m']);
    expect(s.fsrsWeights).toBeUndefined();
    expect(normalizeSettings({ desiredRetention: 1 }).desiredRetention).toBe(0.99);
    expect(normalizeSettings({ desiredRetention: Number.NaN }).desiredRetention).toBe(0.9);
  });
});

describe('fsrs wrapper', () => {
  const settings = testSettings();

  it('round-trips a ts-fsrs card through plain JSON', () => {
    const reviewed = fsrs(generatorParameters({ enable_fuzz: false })).next(
      createEmptyCard(new Date(NOON)),
      new Date(NOON),
      Rating.Good,
    ).card;
    const stored = JSON.parse(JSON.stringify(scheduleFromFsrsCard(reviewed)));
    expect(scheduleToFsrsCard(stored)).toEqual(reviewed);
  });

  it('a new card follows the learning steps 1m / 10m', () => {
    const p = previewIntervals(newScheduleState(NOON), NOON, settings);
    expect(p[Rating.Again].intervalMs).toBe(1 * MIN);
    expect(p[Rating.Good].intervalMs).toBe(10 * MIN);
    expect(p[Rating.Again].label).toBe('1m');
    expect(p[Rating.Good].label).toBe('10m');
    expect(p[Rating.Easy].intervalMs).toBeGreaterThanOrEqual(DAY);
  });

  it('gradeCard gives what previewIntervals promised and a ts-fsrs log', () => {
    const s0 = newScheduleState(NOON);
    const preview = previewIntervals(s0, NOON, settings);
    const { state, log } = gradeCard(s0, Rating.Good, NOON, settings);
    expect(state.due).toBe(preview[Rating.Good].due);
    expect(state.state).toBe(State.Learning);
    expect(state.reps).toBe(1);
    expect(log).toMatchObject({ rating: Rating.Good, state: State.New, review: NOON });
  });

  it('preview and grade agree with fuzz on', () => {
    const fuzzy = testSettings({ enableFuzz: true });
    let s = newScheduleState(NOON);
    let t = NOON;
    for (let i = 0; i < 4; i++) {
      s = gradeCard(s, Rating.Good, t, fuzzy).state;
      t = s.due;
    }
    const p = previewIntervals(s, t, fuzzy);
    expect(gradeCard(s, Rating.Good, t, fuzzy).state.due).toBe(p[Rating.Good].due);
  });

  it('gradeOutcomes holds every grade gradeCard gives at the same time, and the labels match previewIntervals', () => {
    const fuzzy = testSettings({ enableFuzz: true });
    let s = newScheduleState(NOON);
    for (let i = 0; i < 3; i++) s = gradeCard(s, Rating.Good, s.due, fuzzy).state;
    const outcomes = gradeOutcomes(s, s.due + HOUR, fuzzy);
    for (const rating of [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const) {
      expect(outcomes[rating]).toEqual(gradeCard(s, rating, s.due + HOUR, fuzzy));
    }
    expect(outcomeIntervals(outcomes, s.due + HOUR)).toEqual(previewIntervals(s, s.due + HOUR, fuzzy));
  });

  it('a lapse goes to relearning for 10 minutes', () => {
    let s = newScheduleState(NOON);
    s = gradeCard(s, Rating.Easy, NOON, settings).state;
    expect(s.state).toBe(State.Review);
    const lapse = gradeCard(s, Rating.Again, s.due, settings).state;
    expect(lapse.state).toBe(State.Relearning);
    expect(lapse.due - s.due).toBe(10 * MIN);
    expect(lapse.lapses).toBe(1);
  });

  it('rejects Manual', () => {
    expect(() => gradeCard(newScheduleState(NOON), Rating.Manual as never, NOON, settings)).toThrow(RangeError);
  });

  it('formats intervals', () => {
    expect(formatInterval(30_000)).toBe('30s');
    expect(formatInterval(MIN)).toBe('1m');
    expect(formatInterval(10 * MIN)).toBe('10m');
    expect(formatInterval(1.5 * HOUR)).toBe('1.5h');
    expect(formatInterval(3 * DAY)).toBe('3d');
    expect(formatInterval(63 * DAY)).toBe('2.1mo');
    expect(formatInterval(438 * DAY)).toBe('1.2y');
  });
});
