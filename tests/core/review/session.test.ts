import { describe, expect, it } from 'vitest';
import {
  canUndo,
  initialSession,
  reviewReducer,
  sessionCounts,
  type ReviewSession,
  type SessionAction,
} from '../../../src/core/review/index.ts';
import { buildDailyQueue, emptyDayProgress, Rating, State, type QueueCard } from '../../../src/core/scheduling/index.ts';
import { card, HOUR, MIN, NOON, testSettings } from '../scheduling/factories.ts';

const settings = testSettings();

function start(cards: QueueCard[], now = NOON): ReviewSession {
  const queue = buildDailyQueue(cards, { now, settings, progress: emptyDayProgress(), scope: 'all', timeZone: 0 });
  return reviewReducer(initialSession(queue), { type: 'start', queue, now });
}

function run(s: ReviewSession, ...actions: SessionAction[]): ReviewSession {
  return actions.reduce(reviewReducer, s);
}

const reveal = (now = NOON): SessionAction => ({ type: 'reveal', now });
const grade = (rating: Rating.Again | Rating.Hard | Rating.Good | Rating.Easy, now = NOON): SessionAction => ({
  type: 'grade',
  rating,
  now,
  settings,
});

describe('review session', () => {
  it('shows the front, reveals, grades and moves on', () => {
    let s = start([card(State.Review, NOON - HOUR, { cardId: 'a' }), card(State.Review, NOON - 30 * MIN, { cardId: 'b' })]);
    expect(s.phase).toBe('question');
    expect(s.current?.item.cardId).toBe('a');
    s = run(s, reveal());
    expect(s.phase).toBe('answer');
    s = run(s, grade(Rating.Good, NOON + 8000));
    expect(s.current?.item.cardId).toBe('b');
    expect(s.phase).toBe('question');
    expect(s.effect).toMatchObject({ kind: 'record', cardId: 'a', rating: Rating.Good, durationMs: 8000, expectedStateVersion: 0 });
    expect(s.tally.answered).toBe(1);
  });

  it('ignores a grade before the answer is shown', () => {
    const s = start([card(State.Review, NOON - HOUR)]);
    expect(run(s, grade(Rating.Good))).toBe(s);
  });

  it('a card answered Again comes back in the same session when due', () => {
    let s = start([card(State.New, NOON, { cardId: 'n' }), card(State.Review, NOON - HOUR, { cardId: 'r' })]);
    expect(s.current?.item.cardId).toBe('r');
    s = run(s, reveal(), grade(Rating.Good)); // r graduates
    expect(s.current?.item.cardId).toBe('n');
    s = run(s, reveal(), grade(Rating.Again)); // n: 1 minute
    // Nothing else left: learn ahead brings n back right away.
    expect(s.current?.item.cardId).toBe('n');
    expect(s.current?.item.version).toBe(1);
    expect(sessionCounts(s)).toEqual({ new: 0, learning: 1, due: 0 });
    s = run(s, reveal(), grade(Rating.Good, NOON + MIN), reveal(), grade(Rating.Good, NOON + 11 * MIN));
    expect(s.phase).toBe('done');
  });

  it('waits when only learning cards beyond the learn-ahead window are left, then shows them', () => {
    let s = start([card(State.Learning, NOON + HOUR, { cardId: 'l' })]);
    expect(s.phase).toBe('waiting');
    expect(s.waitUntil).toBe(NOON + 40 * MIN);
    s = run(s, { type: 'tick', now: NOON + 39 * MIN });
    expect(s.phase).toBe('waiting');
    s = run(s, { type: 'tick', now: NOON + 40 * MIN });
    expect(s.current?.item.cardId).toBe('l');
  });

  it('undo takes the last grade back completely', () => {
    const before = start([card(State.Review, NOON - HOUR, { cardId: 'a' }), card(State.New, NOON, { cardId: 'b' })]);
    const revealed = run(before, reveal());
    const graded = run(revealed, grade(Rating.Again, NOON + 5000));
    expect(canUndo(graded)).toBe(true);
    const undone = run(graded, { type: 'undo', now: NOON + 6000 });
    expect(undone.effect).toEqual({ kind: 'undo', cardId: 'a' });
    expect(undone.phase).toBe('question');
    expect(undone.queue).toBe(revealed.queue);
    expect(undone.current?.item).toEqual(before.current?.item);
    expect(undone.tally).toEqual(before.tally);
    expect(canUndo(undone)).toBe(false);
    expect(run(undone, { type: 'undo', now: NOON })).toEqual({ ...undone, effect: null });
  });

  it('bury and suspend take the current card out and end undo history', () => {
    let s = start([
      card(State.Review, NOON - 3 * HOUR, { cardId: 'a' }),
      card(State.Review, NOON - 2 * HOUR, { cardId: 'b' }),
      card(State.Review, NOON - HOUR, { cardId: 'c' }),
    ]);
    s = run(s, reveal(), grade(Rating.Good));
    s = run(s, { type: 'bury', now: NOON });
    expect(s.effect).toEqual({ kind: 'bury', cardId: 'b', now: NOON });
    expect(s.current?.item.cardId).toBe('c');
    expect(canUndo(s)).toBe(false);
    s = run(s, { type: 'suspend', now: NOON });
    expect(s.effect).toEqual({ kind: 'suspend', cardId: 'c', now: NOON });
    expect(s.phase).toBe('done');
  });
});

describe('storage result', () => {
  it('storage wins when its state differs from what the session computed', () => {
    let s = start([card(State.New, NOON, { cardId: 'n' }), card(State.Review, NOON - HOUR, { cardId: 'r' })]);
    s = run(s, reveal(), grade(Rating.Good)); // r graduates, n is shown
    expect(s.current?.item.cardId).toBe('n');
    // Storage (other settings) put r back into relearning in 5 minutes, at version 1.
    const relearn = { ...s.undoStack[0]!.after, state: State.Relearning, due: NOON + 5 * MIN };
    s = run(s, { type: 'stored', cardId: 'r', schedule: relearn, version: 1, now: NOON });
    expect(s.current?.item.cardId).toBe('n');
    expect(s.queue.learning.map((i) => [i.cardId, i.version])).toEqual([['r', 1]]);
  });
});
