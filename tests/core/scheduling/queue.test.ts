import { describe, expect, it } from 'vitest';
import {
  buildDailyQueue,
  dayProgressFromAnswers,
  deckCountsFromCards,
  emptyDayProgress,
  interleaveEvenly,
  nextCard,
  queueCounts,
  requeueAfterAnswer,
  State,
} from '../../../src/core/scheduling/index.ts';
import { card, DAY, HOUR, MIN, NOON, queueOptions, scheduleIn, testSettings } from './factories.ts';

const opts = queueOptions;

const ids = (items: { cardId: string }[]) => items.map((i) => i.cardId);

describe('buildDailyQueue', () => {
  it('takes reviews due today (until 04:00 tomorrow), not later ones', () => {
    const q = buildDailyQueue(
      [
        card(State.Review, NOON - DAY, { cardId: 'overdue' }),
        card(State.Review, NOON + 10 * HOUR, { cardId: 'tonight' }), // 22:00
        card(State.Review, Date.UTC(2024, 5, 11, 3, 59), { cardId: '0359' }),
        card(State.Review, Date.UTC(2024, 5, 11, 4, 0), { cardId: '0400' }),
      ],
      opts(),
    );
    expect(ids(q.main)).toEqual(['overdue', 'tonight', '0359']);
  });

  it('the day boundary moves with the study day: at 03:59 the old day, at 04:00 the new', () => {
    const cards = [card(State.Review, Date.UTC(2024, 5, 11, 8, 0), { cardId: 'morning' })];
    const before = buildDailyQueue(cards, opts({ now: Date.UTC(2024, 5, 11, 3, 59) }));
    const after = buildDailyQueue(cards, opts({ now: Date.UTC(2024, 5, 11, 4, 0) }));
    expect(ids(before.main)).toEqual([]);
    expect(ids(after.main)).toEqual(['morning']);
  });

  it('the day boundary follows the time zone', () => {
    // Due 2024-06-10 20:00 UTC. At 12:00 UTC in Tokyo (+9) it is 21:00 local, the day ends 19:00 UTC.
    const cards = [card(State.Review, NOON + 8 * HOUR, { cardId: 'c' })];
    expect(ids(buildDailyQueue(cards, opts({ timeZone: 9 * 60 })).main)).toEqual([]);
    expect(ids(buildDailyQueue(cards, opts({ timeZone: -4 * 60 })).main)).toEqual(['c']);
  });

  it('excludes suspended, buried (until it passes) and hidden cards', () => {
    const cards = [
      card(State.Review, NOON - HOUR, { cardId: 'ok' }),
      card(State.Review, NOON - HOUR, { cardId: 'susp', suspended: true }),
      card(State.Review, NOON - HOUR, { cardId: 'buried', buriedUntil: NOON + HOUR }),
      card(State.Review, NOON - HOUR, { cardId: 'unburied', buriedUntil: NOON - MIN }),
      card(State.New, NOON, { cardId: 'hidden', hidden: true }),
    ];
    expect(ids(buildDailyQueue(cards, opts()).main).sort()).toEqual(['ok', 'unburied']);
  });

  it('caps new cards by the remaining daily limit and spreads them among reviews', () => {
    const reviews = Array.from({ length: 4 }, (_, i) => card(State.Review, NOON - (10 - i) * HOUR, { cardId: `r${i}` }));
    const fresh = Array.from({ length: 5 }, (_, i) => card(State.New, NOON, { cardId: `n${i}`, position: i }));
    const progress = dayProgressFromAnswers([
      { deckId: 'd1', stateBefore: { state: State.New } },
      { deckId: 'd1', stateBefore: { state: State.New } },
      { deckId: 'd1', stateBefore: { state: State.New } },
    ]);
    const q = buildDailyQueue([...fresh, ...reviews], opts({ settings: testSettings({ newCardsPerDay: 5 }), progress }));
    expect(ids(q.main)).toEqual(['r0', 'n0', 'r1', 'r2', 'n1', 'r3']);
    expect(queueCounts(q)).toEqual({ new: 2, learning: 0, due: 4 });
  });

  it('caps reviews by maxReviewsPerDay minus reviews done today, most overdue first', () => {
    const reviews = Array.from({ length: 5 }, (_, i) => card(State.Review, NOON - i * HOUR, { cardId: `r${i}` }));
    const progress = dayProgressFromAnswers([{ deckId: 'd1', stateBefore: { state: State.Review } }]);
    const q = buildDailyQueue(reviews, opts({ settings: testSettings({ maxReviewsPerDay: 3 }), progress }));
    expect(ids(q.main)).toEqual(['r4', 'r3']);
  });

  it('applies per-deck limits, and the overall limits in every scope', () => {
    const cards = [
      ...[0, 1, 2].map((i) => card(State.New, NOON, { cardId: `a${i}`, deckId: 'a', position: i, deckOrder: 0 })),
      ...[0, 1, 2].map((i) => card(State.New, NOON, { cardId: `b${i}`, deckId: 'b', position: i, deckOrder: 1 })),
    ];
    const settings = testSettings({ newCardsPerDay: 2, newCardsPerDayAllDecks: 2 });
    const progress = dayProgressFromAnswers([{ deckId: 'a', stateBefore: { state: State.New } }]);
    // One new card introduced in a: b has its own 2 left, but all decks together only 1.
    expect(ids(buildDailyQueue(cards, opts({ settings, progress, scope: 'b' })).main)).toEqual(['b0']);
    expect(ids(buildDailyQueue(cards, opts({ settings: { ...settings, newCardsPerDayAllDecks: 3 }, progress, scope: 'b' })).main)).toEqual(['b0', 'b1']);
    expect(ids(buildDailyQueue(cards, opts({ settings, progress, scope: 'all' })).main)).toEqual(['a0']);
    expect(ids(buildDailyQueue(cards, opts({ settings, scope: 'all' })).main)).toEqual(['a0', 'a1']);
  });
});

describe('nextCard', () => {
  const learningIn = (cardId: string, ms: number) => card(State.Learning, NOON + ms, { cardId });

  it('a due learning card comes before the main queue; a later one comes back when due', () => {
    const q = buildDailyQueue(
      [card(State.Review, NOON - HOUR, { cardId: 'r' }), learningIn('due', -MIN), learningIn('soon', 5 * MIN)],
      opts(),
    );
    expect(q.learning.map((i) => i.cardId)).toEqual(['due', 'soon']);
    const first = nextCard(q, NOON);
    expect(first.kind === 'card' && first.item.cardId).toBe('due');
    const afterFirst = { ...q, learning: q.learning.slice(1) };
    const second = nextCard(afterFirst, NOON);
    expect(second.kind === 'card' && second.item.cardId).toBe('r');
    const later = nextCard(afterFirst, NOON + 5 * MIN);
    expect(later.kind === 'card' && later.item.cardId).toBe('soon');
  });

  it('learns ahead up to 20 minutes when nothing else is left, then waits', () => {
    const q = buildDailyQueue([learningIn('in15', 15 * MIN), learningIn('in45', 45 * MIN)], opts());
    const first = nextCard(q, NOON);
    expect(first.kind === 'card' && first.item.cardId).toBe('in15');
    const rest = { ...q, learning: q.learning.slice(1) };
    expect(nextCard(rest, NOON)).toEqual({ kind: 'wait', until: NOON + 25 * MIN });
    expect(nextCard({ ...rest, learning: [] }, NOON)).toEqual({ kind: 'done' });
  });

  it('a card answered Again returns among learning cards; one graduated to tomorrow leaves', () => {
    const q = buildDailyQueue([card(State.Review, NOON - HOUR, { cardId: 'r' })], opts());
    const item = q.main[0]!;
    const relearning = requeueAfterAnswer(q, { ...item, schedule: scheduleIn(State.Relearning, NOON + 10 * MIN) });
    expect(relearning.main).toEqual([]);
    expect(ids(relearning.learning)).toEqual(['r']);
    const graduated = requeueAfterAnswer(q, { ...item, schedule: scheduleIn(State.Review, NOON + 3 * DAY) });
    expect(graduated.main.length + graduated.learning.length).toBe(0);
  });
});

describe('deckCountsFromCards', () => {
  it('counts new (capped) / learning / due per deck and in total', () => {
    const cards = [
      ...Array.from({ length: 30 }, (_, i) => card(State.New, NOON, { deckId: 'a', position: i })),
      ...Array.from({ length: 15 }, (_, i) => card(State.New, NOON, { deckId: 'b', position: i })),
      card(State.Learning, NOON + 5 * MIN, { deckId: 'a' }),
      card(State.Review, NOON - DAY, { deckId: 'b' }),
      card(State.Review, NOON + 3 * DAY, { deckId: 'b' }),
      card(State.Review, NOON - DAY, { deckId: 'b', suspended: true }),
    ];
    const { byDeck, total } = deckCountsFromCards(cards, { now: NOON, settings: testSettings(), progress: emptyDayProgress(), timeZone: 0 });
    expect(byDeck).toEqual({ a: { new: 20, learning: 1, due: 0 }, b: { new: 15, learning: 0, due: 1 } });
    expect(total).toEqual({ new: 20, learning: 1, due: 1 });
  });
});

describe('interleaveEvenly', () => {
  it('handles empty sides', () => {
    expect(interleaveEvenly([], [1, 2])).toEqual([1, 2]);
    expect(interleaveEvenly([1, 2], [])).toEqual([1, 2]);
    expect(interleaveEvenly(['r'], ['n', 'n'])).toHaveLength(3);
  });
});
