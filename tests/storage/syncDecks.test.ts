import { describe, expect, it } from 'vitest';
import { Rating, State } from '../../src/core/scheduling/index.ts';
import { cardWithState, recordReview, reviewLogFor, syncDecks, type RehearseDb } from '../../src/storage/index.ts';
import { makeDeck, NOON, openTestDb, QA } from './helpers.ts';

async function review(db: RehearseDb, cardId: string, now = NOON) {
  const { state } = await cardWithState(db, cardId);
  return recordReview(db, { cardId, rating: Rating.Easy, now, durationMs: 3000, expectedStateVersion: state!.version });
}

async function progressed(db: RehearseDb, cardId: string) {
  const { card, state } = await cardWithState(db, cardId);
  return { card, state, log: await reviewLogFor(db, cardId) };
}

describe('syncDecks', () => {
  it('adds decks and cards with new states', async () => {
    const db = await openTestDb();
    const report = await syncDecks(db, [makeDeck('js', QA)], NOON);
    expect(report).toMatchObject({ added: 5, updated: 0, hidden: 0, carriedOver: [] });
    expect(await db.cards.count()).toBe(5);
    const states = await db.cardStates.toArray();
    expect(states.every((s) => s.schedule.state === State.New && s.newRank !== undefined && s.dueAt === undefined)).toBe(true);
    // A second sync of the same decks changes nothing.
    expect(await syncDecks(db, [makeDeck('js', QA)], NOON + 1)).toMatchObject({ added: 0, updated: 0, hidden: 0 });
  });

  it('an edited answer keeps the id, updates content, leaves progress alone', async () => {
    const db = await openTestDb();
    const deck = makeDeck('js', QA);
    await syncDecks(db, [deck], NOON);
    const id = deck.cards[0]!.id;
    const after = await review(db, id);
    const edited = makeDeck('js', QA.map(([f, b], i) => [f, i === 0 ? `${b} (edited)` : b]));
    expect(await syncDecks(db, [edited], NOON + 1000)).toMatchObject({ updated: 1, added: 0, hidden: 0 });
    const p = await progressed(db, id);
    expect(p.card?.back).toMatch(/edited/);
    expect(p.state?.schedule).toEqual(after.schedule);
    expect(p.log).toHaveLength(1);
  });

  it('a fixed typo in the question carries progress and history to the new id', async () => {
    const db = await openTestDb();
    const typo = QA.map(([f, b], i): [string, string] => [i === 2 ? 'What is the time complexty of binary serach?' : f, b]);
    const before = makeDeck('algo', typo);
    await syncDecks(db, [before], NOON);
    const oldId = before.cards[2]!.id;
    const after = await review(db, oldId);

    const fixed = makeDeck('algo', QA);
    const newId = fixed.cards[2]!.id;
    expect(newId).not.toBe(oldId);
    const report = await syncDecks(db, [fixed], NOON + 1000);
    expect(report.carriedOver).toEqual([{ from: oldId, to: newId }]);
    expect(report).toMatchObject({ added: 0, hidden: 0 });

    const p = await progressed(db, newId);
    expect(p.card?.front).toBe(QA[2]![0]);
    expect(p.state?.schedule).toEqual(after.schedule);
    expect(p.state?.version).toBe(1);
    expect(p.log.map((l) => l.cardId)).toEqual([newId]);
    expect((await cardWithState(db, oldId)).state).toBeUndefined();
    expect(await db.reviews.where('cardId').equals(oldId).count()).toBe(0);
  });

  it('a rewritten question with the same answer keeps progress; an unrelated replacement does not', async () => {
    const db = await openTestDb();
    const deck = makeDeck('js', QA);
    await syncDecks(db, [deck], NOON);
    await review(db, deck.cards[1]!.id);
    await review(db, deck.cards[3]!.id);
    const next = makeDeck('js', [
      QA[0]!,
      ['Which status code says a resource was not found?', QA[1]![1]],
      QA[2]!,
      ['Name a sorting algorithm with O(n log n) worst case.', 'Merge sort or heap sort.'],
      QA[4]!,
    ]);
    const report = await syncDecks(db, [next], NOON + 1000);
    expect(report.carriedOver).toEqual([{ from: deck.cards[1]!.id, to: next.cards[1]!.id }]);
    expect(report).toMatchObject({ added: 1, hidden: 1 });
    expect((await progressed(db, next.cards[1]!.id)).log).toHaveLength(1);
    expect((await progressed(db, next.cards[3]!.id)).state?.schedule.state).toBe(State.New);
  });

  it('a removed card is hidden with its history, and comes back with its progress', async () => {
    const db = await openTestDb();
    const deck = makeDeck('js', QA);
    const id = deck.cards[4]!.id;
    await syncDecks(db, [deck], NOON);
    const after = await review(db, id);

    expect(await syncDecks(db, [makeDeck('js', QA.slice(0, 4))], NOON + 1000)).toMatchObject({ hidden: 1 });
    let p = await progressed(db, id);
    expect(p.card?.hidden).toBe(true);
    expect(p.state?.hidden).toBe(true);
    expect(p.state?.dueAt).toBeUndefined(); // out of the queue indexes
    expect(p.log).toHaveLength(1);

    expect(await syncDecks(db, [makeDeck('js', QA)], NOON + 2000)).toMatchObject({ restored: 1, added: 0 });
    p = await progressed(db, id);
    expect(p.card?.hidden).toBe(false);
    expect(p.state?.schedule).toEqual(after.schedule);
    expect(p.state?.dueAt).toBe(after.schedule.due);
  });

  it('a card moved within its deck keeps its id and progress; moved to another deck, progress follows', async () => {
    const db = await openTestDb();
    const deck = makeDeck('js', QA);
    await syncDecks(db, [deck, makeDeck('web', [['What is CORS?', 'Cross-origin resource sharing.']])], NOON);
    const id0 = deck.cards[0]!.id;
    const after0 = await review(db, id0);
    const id3 = deck.cards[3]!.id;
    const after3 = await review(db, id3);

    // Card 0 moves to the end of its deck; card 3 ("race condition") moves to the web deck.
    const js = makeDeck('js', [QA[1]!, QA[2]!, QA[4]!, QA[0]!]);
    const web = makeDeck('web', [['What is CORS?', 'Cross-origin resource sharing.'], QA[3]!]);
    const report = await syncDecks(db, [js, web], NOON + 1000);
    expect(report.carriedOver).toEqual([{ from: id3, to: web.cards[1]!.id }]);
    expect(report).toMatchObject({ added: 0, hidden: 0 });

    const moved0 = await progressed(db, id0);
    expect(moved0.card?.position).toBe(3);
    expect(moved0.state?.schedule).toEqual(after0.schedule);
    const moved3 = await progressed(db, web.cards[1]!.id);
    expect(moved3.state).toMatchObject({ deckId: 'web', schedule: after3.schedule });
    expect(moved3.log.map((l) => l.deckId)).toEqual(['web']);
  });

  it('keeps the front and back of a card the user edited', async () => {
    const db = await openTestDb();
    const deck = makeDeck('js', QA);
    await syncDecks(db, [deck], NOON);
    const id = deck.cards[0]!.id;
    await db.cards.update(id, { back: 'My own words.', userEdited: true });
    await syncDecks(db, [makeDeck('js', QA.map(([f, b], i) => [f, i === 0 ? `${b}!` : b]))], NOON + 1);
    expect((await cardWithState(db, id)).card?.back).toBe('My own words.');
  });

  it('hides decks that are no longer shipped only when asked', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('js', QA), makeDeck('old', [['Q?', 'A.']])], NOON);
    await syncDecks(db, [makeDeck('js', QA)], NOON + 1);
    expect((await db.decks.get('old'))?.hidden).toBe(false);
    await syncDecks(db, [makeDeck('js', QA)], NOON + 2, { hideMissingDecks: true });
    expect((await db.decks.get('old'))?.hidden).toBe(true);
    expect((await db.cards.where('deckId').equals('old').first())?.hidden).toBe(true);
  });
});

describe('syncDecks deck order', () => {
  it('keeps a stored deck in its place and puts a new deck (an import) after every other', async () => {
    const db = await openTestDb();
    await syncDecks(db, [makeDeck('a', QA), makeDeck('b', QA), makeDeck('c', QA)], NOON);
    await syncDecks(db, [makeDeck('mine', [['What is mine?', 'This deck.']])], NOON + 1, { origin: 'imported' });
    // The bundled decks synced again, in another order: places kept, the import stays last.
    await syncDecks(db, [makeDeck('c', QA), makeDeck('a', QA), makeDeck('b', QA)], NOON + 2, { hideMissingDecks: true });
    const order = (await db.decks.toArray()).sort((x, y) => x.order - y.order).map((d) => d.id);
    expect(order).toEqual(['a', 'b', 'c', 'mine']);
    expect((await db.decks.get('mine'))?.hidden).toBe(false);
  });
});
