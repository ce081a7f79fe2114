// The day's limits as Anki has them: "New cards per day" per deck, an overall cap for all decks
// together, and in no order of opening (All decks, then one deck) more than either. New cards of
// several decks gathered one deck after another, or mixed.
import { describe, expect, it } from 'vitest';
import {
  buildDailyQueue,
  capDeckCounts,
  dayProgressFromAnswers,
  deckLeft,
  gatherNewCards,
  normalizeSettings,
  State,
  type QueueCard,
} from '../../../src/core/scheduling/index.ts';
import { card, DAY, NOON, queueOptions, testSettings } from './factories.ts';

const opts = queueOptions;

/** `n` new cards in each deck, decks in list order a, b, c. */
function decks(n: number, names = ['a', 'b', 'c']): QueueCard[] {
  return names.flatMap((deckId, order) =>
    Array.from({ length: n }, (_, i) => card(State.New, NOON - DAY, { cardId: `${deckId}${i}`, deckId, position: i, deckOrder: order })),
  );
}

const newOf = (q: { main: QueueCard[] | { cardId: string; deckId: string; schedule: { state: State } }[] }) =>
  q.main.filter((i) => i.schedule.state === State.New);

/** Today's answers: every card of `items` introduced. */
function introduced(items: Array<{ deckId: string }>) {
  return dayProgressFromAnswers(items.map((i) => ({ deckId: i.deckId, stateBefore: { state: State.New } })));
}

describe('new cards per day: each deck, and all decks together', () => {
  it('All decks, then a second deck: no more than the overall limit in the day', () => {
    const cards = decks(30);
    const settings = testSettings({ newCardsPerDay: 20, newCardsPerDayAllDecks: 20 });
    const all = newOf(buildDailyQueue(cards, opts({ settings })));
    expect(all).toHaveLength(20);
    expect(new Set(all.map((c) => c.deckId))).toEqual(new Set(['a']));
    // Every card of All decks answered; deck b has introduced nothing of its own yet.
    const progress = introduced(all);
    expect(newOf(buildDailyQueue(cards, opts({ settings, progress, scope: 'b' })))).toHaveLength(0);
    expect(newOf(buildDailyQueue(cards, opts({ settings, progress, scope: 'all' })))).toHaveLength(0);
  });

  it('one deck, then All decks: each deck keeps to its own limit, all of them to the overall one', () => {
    const cards = decks(30);
    const settings = testSettings({ newCardsPerDay: 5, newCardsPerDayAllDecks: 12 });
    const a = newOf(buildDailyQueue(cards, opts({ settings, scope: 'a' })));
    expect(a.map((c) => c.cardId)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    const progress = introduced(a);
    expect(newOf(buildDailyQueue(cards, opts({ settings, progress, scope: 'a' })))).toHaveLength(0);
    const rest = newOf(buildDailyQueue(cards, opts({ settings, progress })));
    expect(rest.map((c) => c.cardId)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'c0', 'c1']);
    const after = introduced([...a, ...rest]);
    for (const scope of ['a', 'b', 'c', 'all']) {
      expect(newOf(buildDailyQueue(cards, opts({ settings, progress: after, scope }))), scope).toHaveLength(0);
    }
  });

  it('reviews too: one deck after All decks stays within the overall review limit', () => {
    const cards = ['a', 'b'].flatMap((deckId, order) =>
      Array.from({ length: 10 }, (_, i) => card(State.Review, NOON - DAY - i, { cardId: `${deckId}r${i}`, deckId, deckOrder: order })),
    );
    const settings = testSettings({ maxReviewsPerDay: 10, maxReviewsPerDayAllDecks: 12 });
    const progress = dayProgressFromAnswers(
      Array.from({ length: 10 }, () => ({ deckId: 'a', stateBefore: { state: State.Review } })),
    );
    expect(buildDailyQueue(cards, opts({ settings, progress, scope: 'b' })).main).toHaveLength(2);
  });

  it('the deck list never promises a deck more than all decks have left', () => {
    const settings = testSettings({ newCardsPerDay: 20, newCardsPerDayAllDecks: 20 });
    const progress = introduced(Array.from({ length: 15 }, () => ({ deckId: 'a' })));
    const counts = capDeckCounts(
      [
        ['a', { new: 30, learning: 0, due: 0 }],
        ['b', { new: 30, learning: 0, due: 0 }],
      ],
      { settings, progress },
    );
    expect(counts.byDeck).toEqual({ a: { new: 5, learning: 0, due: 0 }, b: { new: 5, learning: 0, due: 0 } });
    expect(counts.total.new).toBe(5);
    expect(deckLeft(settings, progress, 'b')).toEqual({ new: 5, reviews: 200 });
  });

  it('settings: the overall limits default to the per-deck ones saved before they existed; gather order deck unless random', () => {
    expect(normalizeSettings({ newCardsPerDay: 7, maxReviewsPerDay: 50 })).toMatchObject({
      newCardsPerDayAllDecks: 7,
      maxReviewsPerDayAllDecks: 50,
      newCardGatherOrder: 'deck',
    });
    expect(normalizeSettings()).toMatchObject({ newCardsPerDay: 20, newCardsPerDayAllDecks: 20, maxReviewsPerDayAllDecks: 200 });
    expect(normalizeSettings({ newCardsPerDayAllDecks: -4, newCardGatherOrder: 'shuffle' as never })).toMatchObject({
      newCardsPerDayAllDecks: 0,
      newCardGatherOrder: 'deck',
    });
    expect(normalizeSettings({ newCardGatherOrder: 'random' }).newCardGatherOrder).toBe('random');
  });
});

describe('gather order of new cards across decks', () => {
  it('deck: one deck after another, in deck-list order', () => {
    const q = buildDailyQueue(decks(4), opts({ settings: testSettings({ newCardsPerDayAllDecks: 6 }) }));
    expect(newOf(q).map((c) => c.cardId)).toEqual(['a0', 'a1', 'a2', 'a3', 'b0', 'b1']);
  });

  it('random: the decks mixed, each deck’s cards in their order, the same mix all day', () => {
    const settings = testSettings({ newCardsPerDayAllDecks: 12, newCardGatherOrder: 'random' });
    const first = newOf(buildDailyQueue(decks(10), opts({ settings }))).map((c) => c.cardId);
    expect(first).toHaveLength(12);
    const byDeck = (deck: string) => first.filter((id) => id.startsWith(deck));
    expect(byDeck('a').length).toBeLessThan(10);
    expect(new Set(first.map((id) => id[0])).size).toBe(3);
    for (const deck of ['a', 'b', 'c']) expect(byDeck(deck)).toEqual(byDeck(deck).map((_, i) => `${deck}${i}`));
    const later = newOf(buildDailyQueue(decks(10), opts({ settings, now: NOON + 3 * 3_600_000 }))).map((c) => c.cardId);
    expect(later).toEqual(first);
  });

  it('random: answering cards in queue order leaves the rest of the mix where it was', () => {
    const all = decks(12);
    for (let day = 19_000; day < 19_020; day++) {
      const first = gatherNewCards(all, 'random', day);
      for (const k of [1, 3, 7]) {
        const answered = first.slice(0, k);
        const done = (deckId: string) => answered.filter((c) => c.deckId === deckId).length;
        const left = all.filter((c) => !answered.includes(c));
        expect(gatherNewCards(left, 'random', day, done).map((c) => c.cardId), `day ${day}, ${k} answered`).toEqual(
          first.slice(k).map((c) => c.cardId),
        );
      }
    }
  });

  it('random: a deck’s first n cards decide the first n places (storage may read only those)', () => {
    const all = decks(25);
    const capped = all.filter((c) => c.position < 6);
    for (let day = 19_000; day < 19_040; day++) {
      expect(gatherNewCards(capped, 'random', day).slice(0, 6)).toEqual(gatherNewCards(all, 'random', day).slice(0, 6));
    }
  });
});
