import { describe, expect, it } from 'vitest';
import { Rating } from '../../src/core/scheduling/index.ts';
import {
  cardWithState,
  deckFootprint,
  deckTitle,
  deckWithCards,
  deleteDeck,
  listDecks,
  recordReview,
  renameDeck,
  setDeckHidden,
  syncBundledDecks,
  syncDecks,
  userHiddenDecks,
} from '../../src/storage/index.ts';
import { makeDeck, NOON, openTestDb, QA } from './helpers.ts';

describe('deck management', () => {
  it('a bundled deck keeps the name the user gave it through the next bundled sync', async () => {
    const db = await openTestDb();
    await syncBundledDecks(db, [makeDeck('js', QA, 'JavaScript')], 'v1', NOON);
    await renameDeck(db, 'js', '  My   JS  ');
    await syncBundledDecks(db, [makeDeck('js', QA, 'JavaScript, revised')], 'v2', NOON + 1);
    const deck = (await db.decks.get('js'))!;
    expect(deck.title).toBe('JavaScript, revised');
    expect(deckTitle(deck)).toBe('My JS');
    // An empty name goes back to the deck's own title.
    expect(deckTitle(await renameDeck(db, 'js', ''))).toBe('JavaScript, revised');
  });

  it('a hidden deck stays hidden through syncs until shown again', async () => {
    const db = await openTestDb();
    await syncBundledDecks(db, [makeDeck('js', QA), makeDeck('web', QA)], 'v1', NOON);
    await setDeckHidden(db, 'web', true);
    await syncBundledDecks(db, [makeDeck('js', QA), makeDeck('web', QA.slice(0, 3))], 'v2', NOON + 1);
    expect((await listDecks(db)).map((d) => d.id)).toEqual(['js']);
    expect((await userHiddenDecks(db)).map((d) => d.id)).toEqual(['web']);
    await setDeckHidden(db, 'web', false);
    expect((await listDecks(db)).map((d) => d.id)).toEqual(['js', 'web']);
    expect(await userHiddenDecks(db)).toEqual([]);
  });

  it('deletes a deck with its cards and states, voids its review rows (kept in the log), and leaves other decks alone', async () => {
    const db = await openTestDb();
    const mine = makeDeck('import-mine', QA);
    await syncDecks(db, [makeDeck('js', QA)], NOON);
    await syncDecks(db, [mine], NOON, { origin: 'imported' });
    for (const card of mine.cards.slice(0, 2)) {
      const { state } = await cardWithState(db, card.id);
      await recordReview(db, { cardId: card.id, rating: Rating.Good, now: NOON, durationMs: 1, expectedStateVersion: state!.version });
    }
    expect(await deckFootprint(db, 'import-mine')).toEqual({ cards: 5, reviews: 2 });
    expect(await deleteDeck(db, 'import-mine')).toEqual({ cards: 5, reviews: 2 });
    expect(await db.decks.get('import-mine')).toBeUndefined();
    expect(await db.cardStates.where('deckId').equals('import-mine').count()).toBe(0);
    // The log keeps every row (a device that answered the deck offline still merges), each voided:
    // none counts any more, and a re-import of the note starts afresh.
    expect(await db.reviews.count()).toBe(2);
    expect((await db.reviews.toArray()).every((r) => r.voided === 1)).toBe(true);
    expect(await db.reviewVoids.count()).toBe(2);
    await syncDecks(db, [mine], NOON + 1, { origin: 'imported' });
    expect(await deckFootprint(db, 'import-mine')).toEqual({ cards: 5, reviews: 0 });
    expect((await db.cardStates.get(mine.cards[0]!.id))!.schedule.reps).toBe(0);
    expect(await db.cards.where('deckId').equals('js').count()).toBe(5);
  });

  it('reads a deck for export: visible cards in note order', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('d', QA)], NOON, { origin: 'imported' });
    await syncDecks(db, [makeDeck('d', [QA[2]!, QA[0]!])], NOON + 1, { origin: 'imported' });
    const { cards } = await deckWithCards(db, 'd');
    expect(cards.map((c) => c.front)).toEqual([QA[2]![0], QA[0]![0]]);
  });
});
