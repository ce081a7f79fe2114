// A day of study as a new user has it: All decks, then one deck, never more new cards than the
// limits; and a queue whose every card has its content even when another tab writes meanwhile.
import { describe, expect, it } from 'vitest';
import { Rating, State } from '../../src/core/scheduling/index.ts';
import { deckCounts, recordReview, saveSettings, studyQueue, syncDecks, type RehearseDb } from '../../src/storage/index.ts';
import { makeDeck, NOON, openTestDb } from './helpers.ts';

const pairs = (deck: string, n: number): Array<[string, string]> =>
  Array.from({ length: n }, (_, i) => [`${deck}: what is item ${i}?`, `Item ${i} of ${deck}.`]);

/** Answers every new card of the queue Good, as a session would; returns how many. */
async function studyNew(db: RehearseDb, scope: string, now: number): Promise<number> {
  const { queue } = await studyQueue(db, scope, now);
  const fresh = queue.main.filter((i) => i.schedule.state === State.New);
  for (const item of fresh) {
    await recordReview(db, { cardId: item.cardId, rating: Rating.Good, now, durationMs: 1000, expectedStateVersion: item.version });
  }
  return fresh.length;
}

describe('new cards in one day', () => {
  it('All decks and then a second deck introduce no more than 20 together', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('first', pairs('first', 30)), makeDeck('second', pairs('second', 30))], NOON);
    expect(await studyNew(db, 'all', NOON + 1000)).toBe(20);
    expect((await deckCounts(db, NOON + 2000)).byDeck.second!.new).toBe(0);
    expect(await studyNew(db, 'second', NOON + 3000)).toBe(0);
    expect(await db.reviews.filter((l) => l.stateBefore.state === State.New).count()).toBe(20);
    db.close();
  });

  it('with a larger overall limit, each deck still stops at its own', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('first', pairs('first', 30)), makeDeck('second', pairs('second', 30))], NOON);
    await saveSettings(db, { newCardsPerDay: 10, newCardsPerDayAllDecks: 15 });
    expect(await studyNew(db, 'first', NOON + 1000)).toBe(10);
    expect(await studyNew(db, 'first', NOON + 2000)).toBe(0);
    expect(await studyNew(db, 'all', NOON + 3000)).toBe(5);
    expect(await studyNew(db, 'second', NOON + 4000)).toBe(0);
    db.close();
  });

  it('gathered at random, All decks mixes the decks', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('first', pairs('first', 30)), makeDeck('second', pairs('second', 30))], NOON);
    await saveSettings(db, { newCardGatherOrder: 'random' });
    const { queue, cards } = await studyQueue(db, 'all', NOON);
    const decks = queue.main.map((i) => i.deckId);
    expect(decks).toHaveLength(20);
    expect(new Set(decks)).toEqual(new Set(['first', 'second']));
    // Each deck's cards still in their own order.
    for (const deck of ['first', 'second']) {
      const positions = queue.main.filter((i) => i.deckId === deck).map((i) => cards[i.cardId]!.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
    db.close();
  });
});

describe('the queue reads card content in its own transaction', () => {
  it('a card deleted by another tab right after the queue was read is never left without content', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('d', pairs('d', 5))], NOON);
    const doomed = (await db.cards.toArray()).map((c) => c.id);
    // Another tab removes the deck (or restores a backup) while this one builds its queue: its
    // write is queued behind the queue's read of the states.
    const reading = studyQueue(db, 'all', NOON);
    const writing = db.transaction('rw', [db.cards, db.cardStates], async () => {
      await db.cards.bulkDelete(doomed);
      await db.cardStates.bulkDelete(doomed);
    });
    const [{ queue, cards }] = await Promise.all([reading, writing]);
    const shown = [...queue.learning, ...queue.main];
    for (const item of shown) expect(cards[item.cardId], item.cardId).toBeDefined();
    db.close();
  });
});
